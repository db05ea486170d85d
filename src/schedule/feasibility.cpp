// Feasibility (see feasibility.hpp).
#include "feasibility.hpp"

#include <wfm/schedule/detail/index.hpp>

#include <wfm/core/time.hpp>

#include <fmt/format.h>

#include <limits>
#include <vector>

namespace wfm::schedule::detail {

std::string interval_name(const problem& p, int t) {
    const int day = t / p.periods_per_day;
    const int minute = (t % p.periods_per_day) * p.interval_minutes;
    const std::string d = p.days == 7 ? std::string(weekday_name((p.first_weekday + day) % 7))
                                      : fmt::format("day {}", day + 1);
    return fmt::format("{} {:02}:{:02}", d, minute / 60, minute % 60);
}

/// Infeasibility that shows before any search; empty when none is evident.
std::string precheck(const problem& p, const model& m) {
    bool usable = false;
    long min_sum = 0;
    for (const auto& c : m.templates) {
        usable = usable || !c.patterns.empty();
        min_sum += c.min_tours;
    }
    if (!usable) {
        return "no shift template may work on the days of any days-off pattern";
    }
    const auto& l = p.limits;
    if (l.max_headcount && min_sum > *l.max_headcount) {
        return fmt::format("the templates' minimum tours add up to {} but max_headcount is {}",
                           min_sum, *l.max_headcount);
    }
    for (std::size_t d = 0; d < l.min_per_day.size(); ++d) {
        const int mx = l.max_per_day.empty() ? std::numeric_limits<int>::max() : l.max_per_day[d];
        if (l.min_per_day[d] > mx || (l.max_headcount && l.min_per_day[d] > *l.max_headcount)) {
            return fmt::format("day {} needs at least {} agents, more than its limits allow", d + 1,
                               l.min_per_day[d]);
        }
    }
    if (p.mode != objective_mode::full_coverage) {
        return {};
    }
    std::vector<char> spanned(to_index(m.intervals), 0);
    for (const auto& c : m.templates) {
        for (const int pat : c.patterns) {
            for (const int d : m.pattern_days[to_index(pat)]) {
                for (const int s : c.starts) {
                    for (int o = 0; o < c.length; ++o) {
                        const int t = m.at(d, s, o);
                        if (t >= 0) {
                            spanned[to_index(t)] = 1;
                        }
                    }
                }
            }
        }
    }
    for (int t = 0; t < m.intervals; ++t) {
        const double need = m.required[to_index(t)];
        if (need > 0 && spanned[to_index(t)] == 0) {
            return fmt::format("full coverage is impossible: no shift can cover {} (interval {}), "
                               "which needs {} agents",
                               interval_name(p, t), t, p.required[to_index(t)]);
        }
        if (l.max_headcount && need > *l.max_headcount) {
            return fmt::format("full coverage is impossible: {} needs {} agents but "
                               "max_headcount is {}",
                               interval_name(p, t), need, *l.max_headcount);
        }
    }
    return {};
}

void judge_feasibility(const problem& p, solution& sol) {
    std::vector<std::string> broken = validate(p, sol.tours);
    if (!broken.empty()) {
        sol.status = solve_status::infeasible;
        sol.message = "no schedule meeting every limit was found; the best one breaks: ";
        for (std::size_t i = 0; i < broken.size() && i < 5; ++i) {
            sol.message += (i > 0 ? "; " : "") + broken[i];
        }
    } else if (p.mode == objective_mode::full_coverage && sol.metrics.shortage > 1e-9) {
        int worst = 0;
        double gap = 0;
        for (int t = 0; t < p.intervals(); ++t) {
            const double g = p.required[to_index(t)] - sol.coverage[to_index(t)];
            if (g > gap) {
                gap = g;
                worst = t;
            }
        }
        sol.status = solve_status::infeasible;
        sol.message = fmt::format(
            "full coverage not reached: the best schedule found ({} agents) is {:.6g} "
            "agent-intervals short, worst at {} ({:.6g} required, {} scheduled); the limits "
            "(headcount, per-day, per-template, part-time share) or the templates do not allow "
            "covering every interval",
            sol.metrics.headcount, sol.metrics.shortage, interval_name(p, worst),
            p.required[to_index(worst)], sol.coverage[to_index(worst)]);
    }
}

} // namespace wfm::schedule::detail
