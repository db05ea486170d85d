// The roster pipeline (anonymous lines → assignment → shortfalls, fit, validation) and the soft
// terms of an assignment computed from scratch.
#include <wfm/roster/roster.hpp>

#include <wfm/core/detail/index.hpp>

#include "state.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

namespace wfm::roster {
namespace {

using wfm::detail::to_index;

} // namespace

soft_terms soft_terms_of(const roster_input& in, const std::vector<shift>& shifts,
                         const std::vector<int>& agent_of) {
    const auto& r = in.rules;
    soft_terms t;
    const int days = 7 * in.weeks;
    for (std::size_t a = 0; a < in.agents.size(); ++a) {
        const auto& ag = in.agents[a];
        std::map<int, const shift*> by_day;
        for (std::size_t s = 0; s < shifts.size(); ++s) {
            if (agent_of[s] == static_cast<int>(a)) {
                by_day[shifts[s].day] = &shifts[s];
            }
        }
        std::vector<double> hours(to_index(in.weeks), 0.0);
        std::vector<bool> weekend_worked(to_index(days / 7 + 2), false);
        int evenings = 0;
        int lates = 0;
        for (const auto& [day, x] : by_day) {
            const int m = x->start - day * 1440;
            const int wd = (in.config.week_start + day) % 7;
            if (ag.preferred_start) {
                t.preferences += ag.preference_weight * std::abs(m - *ag.preferred_start) / 60.0;
            }
            t.preferences += ag.preferred_days_off[to_index(wd)] ? 2 * ag.preference_weight : 0.0;
            if (const auto prev = by_day.find(day - 1); prev != by_day.end()) {
                t.stability += r.stability_weight *
                               std::abs(m - (prev->second->start - (day - 1) * 1440)) / 60.0;
            }
            hours[to_index(day / 7)] += x->paid_hours;
            // weekend k: the Saturday–Sunday pair, numbered from the horizon's first weekend
            const int saturday = wd == 6 ? day - 1 : day;
            if (wd >= 5) {
                weekend_worked[to_index((saturday + 7 - (5 - in.config.week_start + 7) % 7) / 7)] =
                    true;
            }
            evenings += detail::is_evening(r, *x) ? 1 : 0;
            lates += detail::is_late(r, *x) ? 1 : 0;
        }
        for (const double h : hours) {
            t.min_hours += r.min_hours_weight * std::max(ag.min_hours_week - h, 0.0);
        }
        const auto weekends =
            static_cast<double>(std::count(weekend_worked.begin(), weekend_worked.end(), true));
        t.fairness += (r.weekend_weight * weekends * weekends +
                       r.evening_weight * evenings * evenings + r.late_weight * lates * lates) /
                      detail::contract_scale(ag);
    }
    return t;
}

double assignment_cost(const roster_input& in, const std::vector<shift>& shifts,
                       const std::vector<int>& agent_of) {
    double uncovered = 0;
    for (std::size_t s = 0; s < shifts.size(); ++s) {
        uncovered += agent_of[s] < 0 ? shifts[s].paid_hours : 0.0;
    }
    return uncovered_hour_weight * uncovered + soft_terms_of(in, shifts, agent_of).total();
}

roster_result build_roster(const roster_input& in, const roster_options& options) {
    check_input(in);
    const auto t0 = std::chrono::steady_clock::now();
    roster_result out;
    out.shifts = anonymous_shifts(in, options, &out.lower_bound, &out.clock_stopped);
    roster_options assign = options;
    const auto used = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - t0);
    assign.time_limit = std::max(options.time_limit - used, std::chrono::milliseconds{1});
    out.agent_of = assign_shifts(in, out.shifts, assign, &out.iterations);
    const std::uint64_t budget = detail::search_budget(options, out.shifts.size());
    out.clock_stopped = out.clock_stopped || (out.iterations < budget && !out.shifts.empty());
    for (std::size_t s = 0; s < out.shifts.size(); ++s) {
        if (out.agent_of[s] < 0) {
            const auto& x = out.shifts[s];
            out.shortfalls.push_back({x.queue, x.day, x.start, x.end, x.paid_hours});
        }
    }
    out.coverage = coverage_of(in, out.shifts, out.agent_of);
    out.anonymous_coverage = coverage_of(in, out.shifts, {});
    out.fit = fit_of(in, out.shifts, out.agent_of);
    out.anonymous_fit = fit_of(in, out.shifts, {});
    out.soft = soft_terms_of(in, out.shifts, out.agent_of);
    out.violations = validate_roster(in, entries_of(out.shifts, out.agent_of));
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return out;
}

} // namespace wfm::roster
