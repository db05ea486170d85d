#include <wfm/core/error.hpp>
#include <wfm/io/csv.hpp>
#include <wfm/io/kpi_csv.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
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
        out += fmt::format("{},{},{},{},{:.3f},{}\n", format_date(d.date), csv_escape(d.agent),
                           d.answered, d.handle_s, d.span_s / 3600.0,
                           optional_cell(d.calls_per_agent_day, "{:.3f}"));
    }
    return out;
}

std::string format_patience_csv(const std::vector<report::patience_estimate>& queues) {
    std::string out = "queue,offered,abandoned,wait_s,patience_mle_s,patience_km_median_s\n";
    for (const auto& q : queues) {
        out += fmt::format("{},{},{},{},{},{}\n", csv_escape(q.queue), q.offered, q.abandoned,
                           q.wait_s, optional_cell(q.mean_mle_s, "{:.3f}"),
                           optional_cell(q.median_km_s, "{:.3f}"));
    }
    return out;
}

std::string format_queue_history_csv(const std::vector<report::queue_kpis>& queues) {
    std::string out = "interval_start";
    for (const auto& q : queues) {
        const bool name_ok = !q.queue.empty() && q.queue.size() <= 40 &&
                             std::all_of(q.queue.begin(), q.queue.end(), [](unsigned char c) {
                                 return std::isalnum(c) != 0 || c == '_' || c == '.' || c == '-';
                             });
        if (!name_ok) {
            throw invalid_argument(fmt::format("queue history: the queue name '{}' cannot name a "
                                               "column (1 to 40 characters from [A-Za-z0-9_.-])",
                                               message_excerpt(q.queue)));
        }
        out += fmt::format(",{0}_volume,{0}_aht_s,{0}_answered", q.queue);
    }
    out += '\n';
    const std::size_t n = queues.empty() ? 0 : queues.front().intervals.size();
    for (std::size_t i = 0; i < n; ++i) {
        out += format_timestamp(queues.front().intervals[i].start);
        for (const auto& q : queues) {
            const auto& r = q.intervals.at(i);
            out +=
                fmt::format(",{},{},{}", r.offered, optional_cell(r.aht_s, "{:.3f}"), r.answered);
        }
        out += '\n';
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

std::vector<report::kpi_row> kpi_rows(const csv_table& table, report::kpi_period period,
                                      const std::vector<std::size_t>& subset = {}) {
    constexpr std::array<std::string_view, 9> names{
        "interval_start", "offered", "answered", "abandoned", "answered_within_t",
        "answer_rate",    "sl",      "asa_s",    "aht_s"};
    std::array<std::size_t, 9> c{};
    for (std::size_t i = 0; i < names.size(); ++i) {
        c[i] = table.column(names[i]);
    }
    std::vector<report::kpi_row> rows;
    const std::size_t n = subset.empty() ? table.rows() : subset.size();
    rows.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t r = subset.empty() ? i : subset[i];
        report::kpi_row k;
        k.start = period_start(table, r, c[0], period);
        if (i > 0 && (period == report::kpi_period::total || k.start <= rows.back().start)) {
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

std::vector<report::kpi_row> kpi_csv_rows(const csv_table& table, report::kpi_period period,
                                          const std::vector<std::size_t>& rows) {
    return kpi_rows(table, period, rows);
}

std::vector<report::kpi_row> parse_kpi_csv(std::string_view text, const std::string& path,
                                           report::kpi_period period) {
    return kpi_rows(parse_csv(text, path), period);
}

} // namespace wfm::io
