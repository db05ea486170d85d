// The requirements of every channel over a roster horizon of 1–6 weeks.
#include <wfm/io/csv.hpp>
#include <wfm/io/roster_csv.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>

namespace wfm::io {
namespace {

std::size_t value_column(const csv_table& t, const horizon_read_options& o) {
    if (!o.column.empty()) {
        return t.column(o.column);
    }
    if (const auto c = t.find_column("scheduled_agents")) {
        return *c;
    }
    return t.column("required");
}

/// Coarsest of 60/30/15/10/5 minutes every time sits on.
int grid_of(const std::vector<timestamp>& times) {
    for (const int g : {60, 30, 15, 10, 5}) {
        if (std::all_of(times.begin(), times.end(),
                        [g](timestamp t) { return t.time_since_epoch().count() % g == 0; })) {
            return g;
        }
    }
    return 0;
}

horizon_requirements horizon_of(const csv_table& t, const horizon_read_options& o) {
    const std::size_t time_col = t.column("interval_start");
    const std::size_t value_col = value_column(t, o);
    const auto channel_col = t.find_column("channel");
    if (t.rows() == 0) {
        throw parse_error(t.path(), 1, 1, "", "no requirement rows");
    }
    std::vector<timestamp> times;
    for (std::size_t r = 0; r < t.rows(); ++r) {
        times.push_back(
            std::chrono::floor<std::chrono::minutes>(t.time(r, time_col, "YYYY-MM-DDTHH:MM")));
    }
    horizon_requirements h;
    h.interval_minutes = o.interval_minutes.value_or(grid_of(times));
    for (std::size_t r = 0; r < t.rows(); ++r) {
        if (h.interval_minutes <= 0 || times[r].time_since_epoch().count() % h.interval_minutes) {
            throw t.error_at(r, time_col,
                             h.interval_minutes <= 0
                                 ? std::string("the timestamps lie on no 5-minute grid")
                                 : fmt::format("not on the {}-minute grid", h.interval_minutes));
        }
    }
    const auto [lo, hi] = std::minmax_element(times.begin(), times.end());
    const local_date first = day_of(*lo);
    h.first_day =
        o.start.value_or(first - std::chrono::days{(weekday_index(first) - o.week_start + 7) % 7});
    const int span = static_cast<int>((day_of(*hi) - h.first_day).count()) / 7 + 1;
    h.weeks = o.weeks.value_or(span);
    const bool clip = o.start.has_value() || o.weeks.has_value();
    if (!clip && span > 6) {
        throw t.error_at(static_cast<std::size_t>(hi - times.begin()), time_col,
                         fmt::format("the rows span {} weeks from {}; a roster has at most 6", span,
                                     format_date(h.first_day)));
    }
    const int per_day = 1440 / h.interval_minutes;
    const std::size_t n = static_cast<std::size_t>(h.weeks * 7 * per_day);
    std::map<std::string, std::size_t> index;
    std::vector<std::vector<bool>> seen;
    for (std::size_t r = 0; r < t.rows(); ++r) {
        const long day = (day_of(times[r]) - h.first_day).count();
        if (day < 0 || day >= h.weeks * 7) {
            if (clip) {
                continue;
            }
            throw t.error_at(
                r, time_col,
                fmt::format("before the roster's first day {}", format_date(h.first_day)));
        }
        const std::string name = channel_col ? std::string{t.field(r, *channel_col)} : "";
        auto [it, fresh] = index.try_emplace(name, h.queues.size());
        if (fresh) {
            h.queues.push_back({name, std::vector<double>(n, 0.0)});
            seen.emplace_back(n, false);
        }
        const auto slot =
            static_cast<std::size_t>(day * per_day + minute_of_day(times[r]) / h.interval_minutes);
        if (seen[it->second][slot]) {
            throw t.error_at(r, time_col, "duplicate interval");
        }
        seen[it->second][slot] = true;
        h.queues[it->second].required[slot] = t.non_negative(r, value_col, 1e6);
    }
    if (h.queues.empty()) {
        throw parse_error(t.path(), 1, 1, "",
                          fmt::format("no requirement rows in the roster's {} weeks from {}",
                                      h.weeks, format_date(h.first_day)));
    }
    return h;
}

} // namespace

horizon_requirements read_horizon_requirements(const std::filesystem::path& path,
                                               const horizon_read_options& o) {
    return horizon_of(read_csv(path), o);
}

horizon_requirements parse_horizon_requirements(std::string_view text, const std::string& path,
                                                const horizon_read_options& o) {
    return horizon_of(parse_csv(text, path), o);
}

} // namespace wfm::io
