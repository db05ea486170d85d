// Gaps in an interval history, found and worded for warnings.
#include <wfm/forecast/gaps.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>

namespace wfm::forecast {

namespace {

using std::chrono::days;

// Which slots of which days were observed, by day from the history's first day.
struct day_matrix {
    local_date first_day{};
    int days = 0;
    int slots = 0;
    std::vector<std::uint8_t> seen;     ///< days × slots
    std::vector<std::uint8_t> has_data; ///< per day: any slot observed
    timestamp begin{};                  ///< the history's span [begin, end): intervals outside
    timestamp end{}; ///< it (a first or last day begun or cut mid-day) are no gaps

    [[nodiscard]] std::size_t at(int d, int s) const {
        return static_cast<std::size_t>(d) * static_cast<std::size_t>(slots) +
               static_cast<std::size_t>(s);
    }
    [[nodiscard]] bool data(int d) const {
        return d >= 0 && d < days && has_data[static_cast<std::size_t>(d)] != 0;
    }
    [[nodiscard]] local_date date(int d) const { return first_day + std::chrono::days{d}; }
};

day_matrix observed_cells(const time_series& h) {
    day_matrix m;
    m.slots = h.grid().slots_per_day();
    if (h.empty()) {
        return m;
    }
    m.first_day = day_of(h.start());
    m.begin = h.start();
    m.end = h.end();
    m.days = static_cast<int>((day_of(h.time_at(h.size() - 1)) - m.first_day).count()) + 1;
    m.seen.assign(static_cast<std::size_t>(m.days) * static_cast<std::size_t>(m.slots), 0);
    m.has_data.assign(static_cast<std::size_t>(m.days), 0);
    for (std::size_t i = 0; i < h.size(); ++i) {
        if (h.observed(i)) {
            const timestamp t = h.time_at(i);
            const auto d = static_cast<int>((day_of(t) - m.first_day).count());
            m.seen[m.at(d, h.grid().slot_of_day(t))] = 1;
            m.has_data[static_cast<std::size_t>(d)] = 1;
        }
    }
    return m;
}

// True when the same weekday has data within gap_neighbour_days on both sides of day d.
bool between_neighbours(const day_matrix& m, int d) {
    bool before = false;
    bool after = false;
    for (int k = 7; k <= gap_neighbour_days; k += 7) {
        before = before || m.data(d - k);
        after = after || m.data(d + k);
    }
    return before && after;
}

void add_missing_days(const day_matrix& m, const special_days& calendar,
                      std::vector<history_gap>& gaps) {
    for (int d = 0; d < m.days; ++d) {
        if (m.data(d) || calendar.closed(m.date(d)) || !between_neighbours(m, d)) {
            continue;
        }
        if (!gaps.empty() && gaps.back().what == history_gap::kind::days &&
            gaps.back().last + days{1} == m.date(d)) {
            gaps.back().last = m.date(d);
            ++gaps.back().count;
        } else {
            gaps.push_back({history_gap::kind::days, m.date(d), m.date(d), {}, 1});
        }
    }
}

// Per weekday and slot: observed on at least half of the weekday's dates with data.
std::array<std::vector<std::uint8_t>, 7> usual_slots(const day_matrix& m) {
    std::array<std::vector<int>, 7> count;
    std::array<int, 7> dates{};
    for (auto& c : count) {
        c.assign(static_cast<std::size_t>(m.slots), 0);
    }
    for (int d = 0; d < m.days; ++d) {
        if (!m.data(d)) {
            continue;
        }
        const auto w = static_cast<std::size_t>(weekday_index(m.date(d)));
        ++dates[w];
        for (int s = 0; s < m.slots; ++s) {
            count[w][static_cast<std::size_t>(s)] += m.seen[m.at(d, s)];
        }
    }
    std::array<std::vector<std::uint8_t>, 7> usual;
    for (std::size_t w = 0; w < 7; ++w) {
        usual[w].assign(static_cast<std::size_t>(m.slots), 0);
        for (std::size_t s = 0; s < usual[w].size(); ++s) {
            usual[w][s] = dates[w] > 0 && 2 * count[w][s] >= dates[w] ? 1 : 0;
        }
    }
    return usual;
}

void add_missing_intervals(const day_matrix& m, interval_grid grid, const special_days& calendar,
                           std::vector<history_gap>& gaps) {
    const auto usual = usual_slots(m);
    for (int d = 0; d < m.days; ++d) {
        if (!m.data(d) || calendar.closed(m.date(d))) {
            continue;
        }
        const auto& open = usual[static_cast<std::size_t>(weekday_index(m.date(d)))];
        history_gap g{history_gap::kind::intervals, m.date(d), m.date(d), {}, 0};
        for (int s = 0; s < m.slots; ++s) {
            const timestamp t = timestamp{m.date(d)} + grid.step() * s;
            if (open[static_cast<std::size_t>(s)] == 0 || m.seen[m.at(d, s)] != 0 || t < m.begin ||
                t >= m.end) {
                continue;
            }
            if (!g.ranges.empty() && g.ranges.back().second == t) {
                g.ranges.back().second = t + grid.step();
            } else {
                g.ranges.emplace_back(t, t + grid.step());
            }
            ++g.count;
        }
        if (g.count > 0) {
            gaps.push_back(std::move(g));
        }
    }
}

std::string clock(timestamp t) {
    const int m = minute_of_day(t);
    return fmt::format("{:02}:{:02}", m / 60, m % 60);
}

std::string dated(local_date d) {
    return fmt::format("{} ({})", format_date(d), weekday_name(weekday_index(d)));
}

std::string describe(const history_gap& g) {
    if (g.what == history_gap::kind::days) {
        return g.count == 1 ? fmt::format("no rows on {}", dated(g.first))
                            : fmt::format("no rows on {} … {} ({} days)", dated(g.first),
                                          dated(g.last), g.count);
    }
    std::string ranges;
    for (std::size_t r = 0; r < g.ranges.size() && r < 4; ++r) {
        const auto& [from, to] = g.ranges[r];
        // A range ending at midnight ends at 24:00 of its own day.
        const std::string end = day_of(to) != day_of(from) ? "24:00" : clock(to);
        ranges += fmt::format("{}{}–{}", r == 0 ? "" : ", ", clock(from), end);
    }
    if (g.ranges.size() > 4) {
        ranges += fmt::format(" and {} more", g.ranges.size() - 4);
    }
    return fmt::format("{}: {} missing interval{} {}", dated(g.first), g.count,
                       g.count == 1 ? "" : "s", ranges);
}

} // namespace

std::vector<history_gap> find_gaps(const time_series& history, const special_days& calendar) {
    const auto m = observed_cells(history);
    std::vector<history_gap> gaps;
    add_missing_days(m, calendar, gaps);
    add_missing_intervals(m, history.grid(), calendar, gaps);
    // A date is in at most one gap: date order is well defined.
    std::stable_sort(gaps.begin(), gaps.end(),
                     [](const history_gap& a, const history_gap& b) { return a.first < b.first; });
    return gaps;
}

std::vector<std::string> gap_warnings(const std::vector<history_gap>& gaps,
                                      const std::string& source, std::size_t max_lines) {
    std::vector<std::string> lines;
    for (std::size_t g = 0; g < gaps.size() && g < max_lines; ++g) {
        lines.push_back(fmt::format("{}: {}", source, describe(gaps[g])));
    }
    if (gaps.size() > max_lines) {
        lines.push_back(fmt::format("{}: … and {} more gaps", source, gaps.size() - max_lines));
    }
    return lines;
}

} // namespace wfm::forecast
