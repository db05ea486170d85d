#include <wfm/io/csv.hpp>
#include <wfm/io/kpi_csv.hpp>

#include <fmt/format.h>

#include <array>
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

namespace {

// The start of a KPI period from the first column.
timestamp period_start(const csv_table& table, std::size_t row, std::size_t column,
                       report::kpi_period period) {
    using report::kpi_period;
    const std::string_view f = table.field(row, column);
    if (period == kpi_period::interval) {
        const auto t = table.time(row, column, "YYYY-MM-DDTHH:MM");
        if (t.time_since_epoch().count() % 60 != 0) {
            throw table.error_at(row, column, "expected whole minutes");
        }
        return std::chrono::floor<std::chrono::minutes>(t);
    }
    if (period == kpi_period::total) {
        if (f != "total") {
            throw table.error_at(row, column,
                                 fmt::format("expected 'total', found '{}'", message_excerpt(f)));
        }
        return timestamp{};
    }
    const auto d = try_parse_date(f);
    if (!d) {
        throw table.error_at(
            row, column, fmt::format("expected a date YYYY-MM-DD, found '{}'", message_excerpt(f)));
    }
    if (period == kpi_period::week && weekday_index(*d) != 0) {
        throw table.error_at(row, column, fmt::format("{} is not a Monday", message_excerpt(f)));
    }
    if (period == kpi_period::month &&
        std::chrono::year_month_day{*d}.day() != std::chrono::day{1}) {
        throw table.error_at(row, column,
                             fmt::format("{} is not the first day of a month", message_excerpt(f)));
    }
    return timestamp{d->time_since_epoch()};
}

std::optional<double> optional_value(const csv_table& table, std::size_t row, std::size_t column) {
    if (table.field(row, column).empty()) {
        return std::nullopt;
    }
    return table.non_negative(row, column);
}

std::vector<report::kpi_row> kpi_rows(const csv_table& table, report::kpi_period period) {
    constexpr std::array<std::string_view, 9> names{
        "interval_start", "offered", "answered", "abandoned", "answered_within_t",
        "answer_rate",    "sl",      "asa_s",    "aht_s"};
    std::array<std::size_t, 9> c{};
    for (std::size_t i = 0; i < names.size(); ++i) {
        c[i] = table.column(names[i]);
    }
    std::vector<report::kpi_row> rows;
    rows.reserve(table.rows());
    for (std::size_t r = 0; r < table.rows(); ++r) {
        report::kpi_row k;
        k.start = period_start(table, r, c[0], period);
        if (r > 0 && (period == report::kpi_period::total || k.start <= rows.back().start)) {
            throw table.error_at(r, c[0],
                                 period == report::kpi_period::total
                                     ? std::string{"a second 'total' row"}
                                     : std::string{"not after the previous row's period"});
        }
        k.offered = table.non_negative(r, c[1]);
        k.answered = table.non_negative(r, c[2]);
        k.abandoned = table.non_negative(r, c[3]);
        k.answered_within_t = table.non_negative(r, c[4]);
        k.answer_rate = optional_value(table, r, c[5]);
        k.sl = optional_value(table, r, c[6]);
        k.asa_s = optional_value(table, r, c[7]);
        k.aht_s = optional_value(table, r, c[8]);
        rows.push_back(k);
    }
    return rows;
}

} // namespace

std::vector<report::kpi_row> read_kpi_csv(const std::filesystem::path& path,
                                          report::kpi_period period) {
    return kpi_rows(read_csv(path), period);
}

std::vector<report::kpi_row> parse_kpi_csv(std::string_view text, const std::string& path,
                                           report::kpi_period period) {
    return kpi_rows(parse_csv(text, path), period);
}

} // namespace wfm::io
