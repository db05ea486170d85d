#include <wfm/io/csv.hpp>
#include <wfm/io/schedule_csv.hpp>

#include <fmt/format.h>

namespace wfm::io {
namespace {

std::string clock_text(int minutes) {
    const int m = ((minutes % 1440) + 1440) % 1440;
    return fmt::format("{:02}:{:02}", m / 60, m % 60);
}

std::string pool_cell(std::string_view pool) {
    return pool.empty() ? std::string{} : csv_escape(pool) + ",";
}

} // namespace

std::string format_schedule_csv(const schedule::problem& p, const schedule::solution& s,
                                std::string_view pool, bool header) {
    std::string out;
    if (header) {
        out = pool.empty() ? "line,template,working_days" : "pool,line,template,working_days";
        for (int d = 0; d < 7; ++d) {
            const std::string day{weekday_name(d)};
            out += fmt::format(",{}_start,{}_breaks", day, day);
        }
        out += "\n";
    }
    for (std::size_t i = 0; i < s.tours.size(); ++i) {
        const auto& t = s.tours[i];
        const auto& st = p.templates[static_cast<std::size_t>(t.template_index)];
        std::string days;
        for (std::size_t d = 0; d < t.starts.size() && d < 7; ++d) {
            if (t.starts[d] >= 0) {
                days += (days.empty() ? "" : " ") + std::string(weekday_name(static_cast<int>(d)));
            }
        }
        out += fmt::format("{}{},{},{}", pool_cell(pool), i + 1, csv_escape(st.name), days);
        for (std::size_t d = 0; d < 7; ++d) {
            const int start = d < t.starts.size() ? t.starts[d] : -1;
            if (start < 0) {
                out += ",,";
                continue;
            }
            std::string breaks;
            for (std::size_t b = 0; b < t.break_offsets[d].size(); ++b) {
                breaks +=
                    fmt::format("{}{} {}", b > 0 ? ";" : "", st.breaks[b].name,
                                clock_text((start + t.break_offsets[d][b]) * p.interval_minutes));
            }
            out +=
                fmt::format(",{},{}", clock_text(start * p.interval_minutes), csv_escape(breaks));
        }
        out += "\n";
    }
    return out;
}

std::string format_coverage_csv(const schedule::problem& p, const schedule::solution& s,
                                local_date monday, std::string_view pool, bool header) {
    std::string out;
    if (header) {
        out = pool.empty() ? "interval_start,required,scheduled,diff\n"
                           : "interval_start,pool,required,scheduled,diff\n";
    }
    const timestamp origin{monday.time_since_epoch()};
    for (std::size_t t = 0; t < p.required.size(); ++t) {
        const timestamp at =
            origin + std::chrono::minutes{static_cast<long>(t) * p.interval_minutes};
        const double c = t < s.coverage.size() ? s.coverage[t] : 0.0;
        out += fmt::format("{},{}{:.6g},{},{:.6g}\n", format_timestamp(at), pool_cell(pool),
                           p.required[t], c, c - p.required[t]);
    }
    return out;
}

} // namespace wfm::io
