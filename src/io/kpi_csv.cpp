#include <wfm/io/csv.hpp>
#include <wfm/io/kpi_csv.hpp>

#include <fmt/format.h>

#include <optional>

namespace wfm::io {
namespace {

std::string optional_cell(const std::optional<double>& v, const char* spec) {
    return v ? fmt::format(fmt::runtime(spec), *v) : std::string{};
}

} // namespace

std::string format_kpi_csv(const std::vector<report::kpi_row>& rows, report::kpi_period period) {
    std::string out = "interval_start,offered,answered,abandoned,answered_within_t,answer_rate,sl,"
                      "asa_s,aht_s\n";
    for (const auto& r : rows) {
        const std::string start = period == report::kpi_period::total ? std::string{"total"}
                                  : period == report::kpi_period::interval
                                      ? format_timestamp(r.start)
                                      : format_date(day_of(r.start));
        out += fmt::format("{},{},{},{},{},{},{},{},{}\n", start, r.offered, r.answered,
                           r.abandoned, r.answered_within_t, optional_cell(r.answer_rate, "{:.6f}"),
                           optional_cell(r.sl, "{:.6f}"), optional_cell(r.asa_s, "{:.3f}"),
                           optional_cell(r.aht_s, "{:.3f}"));
    }
    return out;
}

std::string format_agent_days_csv(const std::vector<report::agent_day>& days) {
    std::string out = "date,agent,answered,handle_s,span_h,calls_per_agent_day\n";
    for (const auto& d : days) {
        out += fmt::format("{},{},{},{},{:.3f},{:.3f}\n", format_date(d.date), csv_escape(d.agent),
                           d.answered, d.handle_s, d.span_s / 3600.0, d.calls_per_agent_day);
    }
    return out;
}

} // namespace wfm::io
