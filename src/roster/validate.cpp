// The roster validator: every hard rule checked from the worked shifts alone (wall-clock minutes
// and dates), sharing no bookkeeping with the search.
#include <wfm/roster/roster.hpp>

#include <wfm/core/detail/index.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace wfm::roster {
namespace {

using wfm::detail::to_index;

struct checker {
    const roster_input& in;
    std::vector<std::string>& out;

    std::string date(int minute) const {
        return format_date(in.first_day + std::chrono::days{minute / 1440});
    }
    int weekday(int day) const { return (in.config.week_start + day) % 7; }

    void static_rules(const agent& a, const roster_entry& e) {
        const auto& q = in.queues[to_index(e.queue)].name;
        if (!q.empty() && std::find(a.skills.begin(), a.skills.end(), q) == a.skills.end()) {
            out.push_back(
                fmt::format("{} {}: works queue {} without the skill", a.id, date(e.start), q));
        }
        if (a.part_time && !in.config.templates[to_index(e.template_index)].part_time) {
            out.push_back(fmt::format("{} {}: a part-time agent on a full-time template", a.id,
                                      date(e.start)));
        }
        const int day = e.start / 1440;
        const int from = e.start - day * 1440;
        const int to = e.end - day * 1440;
        const bool inside = a.available.empty() ||
                            std::any_of(a.available.begin(), a.available.end(), [&](auto& w) {
                                return w.weekday == weekday(day) && w.from <= from && to <= w.to;
                            });
        if (!inside) {
            out.push_back(
                fmt::format("{} {}: shift outside the agent's availability", a.id, date(e.start)));
        }
        for (const auto& l : in.leaves) {
            const int lday = static_cast<int>((l.date - in.first_day).count());
            if (l.agent == a.id && lday * 1440 + l.from < e.end && e.start < lday * 1440 + l.to) {
                out.push_back(
                    fmt::format("{} {}: works during approved leave", a.id, date(e.start)));
            }
        }
    }

    void sequence_rules(const agent& a, const std::vector<roster_entry>& own) {
        const int rest = static_cast<int>(std::lround(in.rules.min_rest_hours * 60));
        std::map<int, int> days;                   // horizon day → shifts starting on it
        std::map<int, double> hours;               // week → paid hours
        std::map<int, int> week_days;              // week → working days
        std::map<int, std::pair<int, int>> starts; // week → min, max start minute of day
        for (std::size_t i = 0; i < own.size(); ++i) {
            const int day = own[i].start / 1440;
            if (i > 0 && own[i - 1].end + rest > own[i].start) {
                out.push_back(fmt::format("{} {}: {} min of rest before the shift, at least {}",
                                          a.id, date(own[i].start), own[i].start - own[i - 1].end,
                                          rest));
            }
            if (++days[day] == 2) {
                out.push_back(
                    fmt::format("{} {}: two shifts on one day", a.id, date(own[i].start)));
            }
            hours[day / 7] += own[i].paid_hours;
            const int m = own[i].start - day * 1440;
            auto [it, fresh] = starts.try_emplace(day / 7, m, m);
            it->second = {std::min(it->second.first, m), std::max(it->second.second, m)};
        }
        for (const auto& [day, n] : days) {
            ++week_days[day / 7];
        }
        for (const auto& [w, h] : hours) {
            if (h > a.max_hours_week + 1e-9) {
                out.push_back(fmt::format("{} week {}: {:.2f} paid hours, at most {:.2f}", a.id,
                                          w + 1, h, a.max_hours_week));
            }
            if (week_days[w] > a.max_days_week) {
                out.push_back(fmt::format("{} week {}: {} working days, at most {}", a.id, w + 1,
                                          week_days[w], a.max_days_week));
            }
            const auto [lo, hi] = starts[w];
            if (in.rules.start_stability_minutes &&
                hi - lo > 2 * *in.rules.start_stability_minutes) {
                out.push_back(fmt::format("{} week {}: starts {} min apart, at most 2 × {}", a.id,
                                          w + 1, hi - lo, *in.rules.start_stability_minutes));
            }
        }
        int run = 0;
        int last = -2;
        for (const auto& [day, n] : days) {
            run = day == last + 1 ? run + 1 : 1;
            last = day;
            if (run == in.rules.max_consecutive_days + 1) {
                out.push_back(fmt::format("{} {}: more than {} working days in a row", a.id,
                                          date(day * 1440), in.rules.max_consecutive_days));
            }
        }
        weekend_rule(a, days);
    }

    /// Whole weekends off per block of weekend_block_weeks weekends, counted by date.
    void weekend_rule(const agent& a, const std::map<int, int>& days) {
        const int horizon = 7 * in.weeks;
        std::vector<bool> worked; // per weekend in the horizon
        for (int d = 0; d < horizon; ++d) {
            const int wd = weekday(d);
            if (wd == 5 || (wd == 6 && d == 0)) {
                worked.push_back(false);
            }
            if ((wd == 5 || wd == 6) && days.count(d) > 0) {
                worked.back() = true;
            }
        }
        const int per = in.rules.weekend_block_weeks;
        for (std::size_t b = 0; b * to_index(per) < worked.size(); ++b) {
            const std::size_t end = std::min(worked.size(), (b + 1) * to_index(per));
            const int size = static_cast<int>(end - b * to_index(per));
            int off = 0;
            for (std::size_t k = b * to_index(per); k < end; ++k) {
                off += worked[k] ? 0 : 1;
            }
            const int need = in.rules.min_weekends_off * size / per;
            if (off < need) {
                out.push_back(fmt::format("{}: {} weekends off in weekends {}..{}, at least {}",
                                          a.id, off, b * to_index(per) + 1, end, need));
            }
        }
    }
};

} // namespace

std::vector<std::string> validate_roster(const roster_input& in,
                                         const std::vector<roster_entry>& entries) {
    std::vector<std::string> out;
    checker c{in, out};
    std::vector<std::vector<roster_entry>> by_agent(in.agents.size());
    for (const auto& e : entries) {
        if (e.agent < 0 || to_index(e.agent) >= in.agents.size()) {
            out.push_back(fmt::format("a shift of unknown agent {}", e.agent));
            continue;
        }
        c.static_rules(in.agents[to_index(e.agent)], e);
        by_agent[to_index(e.agent)].push_back(e);
    }
    for (std::size_t a = 0; a < by_agent.size(); ++a) {
        auto& own = by_agent[a];
        std::sort(own.begin(), own.end(),
                  [](const roster_entry& x, const roster_entry& y) { return x.start < y.start; });
        c.sequence_rules(in.agents[a], own);
    }
    return out;
}

} // namespace wfm::roster
