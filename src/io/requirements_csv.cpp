#include <wfm/io/csv.hpp>
#include <wfm/io/requirements_csv.hpp>

#include <wfm/core/error.hpp>

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <numeric>

namespace wfm::io {
namespace {

std::string fixed(double v, int digits) {
    return std::isfinite(v) ? fmt::format("{:.{}f}", v, digits) : std::string{};
}

// The requirement column: the one asked for, else scheduled_agents, else required.
std::size_t value_column(const csv_table& table, const requirements_read_options& o) {
    if (!o.column.empty()) {
        return table.column(o.column);
    }
    if (auto c = table.find_column("scheduled_agents")) {
        return *c;
    }
    return table.column("required");
}

// The data rows of the chosen channel (every row when the file has no channel column).
std::vector<std::size_t> channel_rows(const csv_table& table, std::size_t time_col,
                                      const requirements_read_options& o) {
    const auto channel_col = table.find_column("channel");
    if (!o.channel.empty() && !channel_col) {
        throw table.header_error(time_col, fmt::format("--channel '{}' given but the file has "
                                                       "no channel column",
                                                       o.channel));
    }
    std::vector<std::size_t> rows;
    std::optional<std::string> seen_channel;
    for (std::size_t r = 0; r < table.rows(); ++r) {
        if (channel_col) {
            const std::string ch{table.field(r, *channel_col)};
            if (!o.channel.empty() && ch != o.channel) {
                continue;
            }
            if (o.channel.empty() && seen_channel && *seen_channel != ch) {
                throw table.error_at(r, *channel_col,
                                     fmt::format("several channels ('{}', '{}'); choose one with "
                                                 "--channel",
                                                 *seen_channel, ch));
            }
            seen_channel = ch;
        }
        rows.push_back(r);
    }
    if (rows.empty()) {
        throw parse_error(table.path(), 1, 1, "",
                          o.channel.empty() ? std::string("no requirement rows")
                                            : fmt::format("no rows of channel '{}'", o.channel));
    }
    return rows;
}

// The rows' timestamps, whole minutes.
std::vector<timestamp> row_times(const csv_table& table, std::size_t time_col,
                                 const std::vector<std::size_t>& rows) {
    std::vector<timestamp> times;
    for (const std::size_t r : rows) {
        const auto t = try_parse_local_seconds(table.field(r, time_col));
        if (!t || t->time_since_epoch().count() % 60 != 0) {
            throw table.error_at(r, time_col,
                                 fmt::format("expected a timestamp YYYY-MM-DDTHH:MM, "
                                             "got '{}'",
                                             table.field(r, time_col)));
        }
        times.push_back(std::chrono::floor<std::chrono::minutes>(*t));
    }
    return times;
}

/// The week's grid: `interval_minutes` when given, else the timestamps' common step. A config
/// grid finer than every timestamp's step is a disagreement (its other intervals would read as
/// zero demand), not a sparse file.
int week_grid(const csv_table& table, std::size_t first_row, long step,
              const requirements_read_options& o) {
    const int grid = o.interval_minutes.value_or(static_cast<int>(step));
    if (grid != 5 && grid != 10 && grid != 15 && grid != 30 && grid != 60) {
        throw parse_error(table.path(), table.line_of(first_row), 1, "interval_start",
                          fmt::format("timestamps lie on a {}-minute grid; expected 5, 10, 15, "
                                      "30 or 60 (set interval_minutes in the config)",
                                      grid));
    }
    if (o.interval_minutes && step > grid && step % grid == 0) {
        throw parse_error(table.path(), table.line_of(first_row), 1, "interval_start",
                          fmt::format("the timestamps lie on a {}-minute grid but interval_minutes "
                                      "is {} in {}: write the requirements on the {}-minute grid "
                                      "or set interval_minutes to {}",
                                      step, grid, o.interval_source, grid, step));
    }
    return grid;
}

std::string_view day_name(int weekday) {
    constexpr std::array<std::string_view, 7> names{"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                    "Friday", "Saturday", "Sunday"};
    return names.at(static_cast<std::size_t>(weekday));
}

week_requirements read_week(const csv_table& table, const requirements_read_options& o) {
    if (o.week_start < 0 || o.week_start > 6) {
        throw invalid_argument(
            fmt::format("read_requirements_csv: week_start {} not in 0..6", o.week_start));
    }
    const std::size_t time_col = table.column("interval_start");
    const std::size_t value_col = value_column(table, o);
    const std::vector<std::size_t> rows = channel_rows(table, time_col, o);
    const std::vector<timestamp> times = row_times(table, time_col, rows);
    week_requirements w;
    const local_date first = day_of(times.front());
    w.first_day = first - std::chrono::days{(weekday_index(first) - o.week_start + 7) % 7};
    const timestamp origin{w.first_day.time_since_epoch()};
    long step = 60;
    for (std::size_t i = 0; i < times.size(); ++i) {
        const long offset = (times[i] - origin).count();
        if (offset < 0 || offset >= 7L * 1440) {
            throw table.error_at(rows[i], time_col,
                                 fmt::format("outside the week starting {} {} (one week is "
                                             "scheduled at a time)",
                                             day_name(o.week_start), format_date(w.first_day)));
        }
        step = std::gcd(step, offset);
    }
    w.interval_minutes = week_grid(table, rows.front(), step, o);
    const int per_day = 1440 / w.interval_minutes;
    w.required.assign(static_cast<std::size_t>(7 * per_day), 0.0);
    std::vector<bool> seen(w.required.size(), false);
    for (std::size_t i = 0; i < times.size(); ++i) {
        const long offset = (times[i] - origin).count();
        if (offset % w.interval_minutes != 0) {
            throw table.error_at(rows[i], time_col,
                                 fmt::format("not on the {}-minute grid", w.interval_minutes));
        }
        const auto slot = static_cast<std::size_t>(offset / w.interval_minutes);
        if (seen[slot]) {
            throw table.error_at(rows[i], time_col, "duplicate interval");
        }
        seen[slot] = true;
        w.required[slot] = table.non_negative(rows[i], value_col);
    }
    return w;
}

} // namespace

std::string_view requirements_csv_header() noexcept {
    return "interval_start,channel,volume,aht_s,agents,agents_fractional,scheduled_agents,sl,"
           "asa_s,p_abandon,occupancy\n";
}

std::string requirements_csv_row(timestamp start, const erlang::channel_settings& channel,
                                 const erlang::requirement& r) {
    const auto& s = r.staffed;
    const bool idle = s.agents == 0;
    return fmt::format("{},{},{:.6g},{:.6g},{},{},{},{},{},{},{}\n", format_timestamp(start),
                       channel.name, r.agent_volume, r.aht_s, s.agents,
                       fixed(s.agents_fractional, 4), fixed(r.scheduled_agents, 4),
                       idle ? std::string{} : fixed(s.at.service_level(channel.goals.sl_kind), 6),
                       idle ? std::string{} : fixed(s.at.asa_served_s, 3),
                       idle ? std::string{} : fixed(s.at.p_abandon, 6),
                       idle ? std::string{} : fixed(s.at.occupancy, 6));
}

week_requirements read_requirements_csv(const std::filesystem::path& path,
                                        const requirements_read_options& options) {
    return read_week(read_csv(path), options);
}

week_requirements parse_requirements_csv(std::string_view text, const std::string& path,
                                         const requirements_read_options& options) {
    return read_week(parse_csv(text, path), options);
}

} // namespace wfm::io
