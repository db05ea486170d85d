// The anonymous lines of each queue and week cut into shifts, and coverage / fit of shifts.
#include <wfm/roster/roster.hpp>

#include <wfm/core/detail/index.hpp>
#include <wfm/core/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>

namespace wfm::roster {
namespace {

using wfm::detail::to_index;

/// The requirement of queue `q` in week `w`.
std::vector<double> week_slice(const roster_input& in, int q, int w) {
    const int per_week = 7 * 1440 / in.interval_minutes;
    const auto& r = in.queues[to_index(q)].required;
    return {r.begin() + static_cast<long>(w) * per_week,
            r.begin() + static_cast<long>(w + 1) * per_week};
}

/// One shift per working day of each tour of a weekly solution.
void append_shifts(const schedule::problem& p, const schedule::solution& s, int q, int w,
                   std::vector<shift>& out) {
    const int g = p.interval_minutes;
    for (const auto& t : s.tours) {
        const auto& tmpl = p.templates[to_index(t.template_index)];
        double unpaid = 0;
        for (const auto& b : tmpl.breaks) {
            unpaid += b.paid ? 0 : b.length * g;
        }
        for (int d = 0; d < p.days; ++d) {
            if (t.starts[to_index(d)] < 0) {
                continue;
            }
            shift x;
            x.queue = q;
            x.day = w * 7 + d;
            x.start = x.day * 1440 + t.starts[to_index(d)] * g;
            x.end = x.start + tmpl.length * g;
            x.template_index = t.template_index;
            for (const int off : t.break_offsets[to_index(d)]) {
                x.breaks.push_back(x.start + off * g);
            }
            x.paid_hours = (tmpl.length * g - unpaid) / 60.0;
            x.cost = tmpl.cost;
            out.push_back(std::move(x));
        }
    }
}

/// Caps the week's lines by the agents who can work them: lines ≤ Σ over agents with the skill
/// of (1 / their skills) × (share of the week not on leave), full-time lines ≤ the same sum over
/// full-time agents (part-time agents take part-time templates only).
void agent_limits(const roster_input& in, int q, int w, schedule::problem& p) {
    const auto& name = in.queues[to_index(q)].name;
    double all = 0;
    double full = 0;
    for (const auto& a : in.agents) {
        const bool skilled =
            name.empty() || std::find(a.skills.begin(), a.skills.end(), name) != a.skills.end();
        if (!skilled) {
            continue;
        }
        int away = 0;
        for (const auto& l : in.leaves) {
            const auto day = (l.date - in.first_day).count();
            away += l.agent == a.id && day >= w * 7 && day < w * 7 + 7 ? 1 : 0;
        }
        const double share =
            (name.empty() ? 1.0 : 1.0 / static_cast<double>(a.skills.size())) * (1.0 - away / 7.0);
        all += share;
        full += a.part_time ? 0.0 : share;
    }
    const int cap = static_cast<int>(std::floor(all + 1e-9));
    p.limits.max_headcount = std::min(p.limits.max_headcount.value_or(cap), cap);
    for (auto& t : p.templates) {
        if (!t.part_time) {
            const int f = static_cast<int>(std::floor(full + 1e-9));
            t.max_tours = std::min(t.max_tours.value_or(f), f);
            t.min_tours = std::min(t.min_tours, f);
        }
    }
}

} // namespace

void check_input(const roster_input& in) {
    if (in.interval_minutes < 1 || 1440 % in.interval_minutes != 0) {
        throw invalid_argument(
            fmt::format("roster: interval_minutes {} does not divide a day", in.interval_minutes));
    }
    if (in.weeks < 1 || in.weeks > 6) {
        throw invalid_argument(fmt::format("roster: weeks must be 1..6, got {}", in.weeks));
    }
    const std::size_t n = to_index(in.weeks * 7 * 1440 / in.interval_minutes);
    for (const auto& q : in.queues) {
        if (q.required.size() != n) {
            throw invalid_argument(fmt::format("roster: queue '{}' has {} values, expected {}",
                                               q.name, q.required.size(), n));
        }
    }
    if (in.queues.empty()) {
        throw invalid_argument("roster: no queue to roster");
    }
    for (const auto& l : in.leaves) {
        if (std::none_of(in.agents.begin(), in.agents.end(),
                         [&](const agent& a) { return a.id == l.agent; })) {
            throw invalid_argument(fmt::format("roster: leave of unknown agent '{}'", l.agent));
        }
    }
}

std::vector<shift> anonymous_shifts(const roster_input& in, const roster_options& options,
                                    std::optional<double>* bound, bool* clock_stopped) {
    std::vector<shift> out;
    const int solves = in.weeks * static_cast<int>(in.queues.size());
    double bound_sum = 0;
    bool all_bounds = true;
    int k = 0;
    for (int w = 0; w < in.weeks; ++w) {
        for (int q = 0; q < static_cast<int>(in.queues.size()); ++q, ++k) {
            auto p = schedule::make_problem(in.config, in.interval_minutes, week_slice(in, q, w));
            if (options.cap_by_agents) {
                agent_limits(in, q, w, p);
            }
            schedule::solve_options so;
            so.seed = options.seed + static_cast<std::uint64_t>(k);
            so.time_limit = options.time_limit * 6 / (10 * solves);
            so.max_iterations = options.schedule_iterations;
            so.compute_bound = bound != nullptr;
            const auto s = schedule::solve(p, so);
            append_shifts(p, s, q, w, out);
            all_bounds = all_bounds && s.lower_bound.has_value();
            bound_sum += s.lower_bound.value_or(0);
            if (clock_stopped != nullptr) {
                *clock_stopped = *clock_stopped || s.clock_stopped;
            }
        }
    }
    if (bound != nullptr) {
        *bound = all_bounds ? std::optional<double>{bound_sum} : std::nullopt;
    }
    std::stable_sort(out.begin(), out.end(), [](const shift& a, const shift& b) {
        return std::tie(a.start, a.queue) < std::tie(b.start, b.queue);
    });
    return out;
}

std::vector<std::vector<int>> coverage_of(const roster_input& in, const std::vector<shift>& shifts,
                                          const std::vector<int>& agent_of) {
    const int g = in.interval_minutes;
    const int per_week = 7 * 1440 / g;
    std::vector<std::vector<int>> cov(in.queues.size(),
                                      std::vector<int>(to_index(in.weeks * per_week), 0));
    for (std::size_t s = 0; s < shifts.size(); ++s) {
        if (!agent_of.empty() && agent_of[s] < 0) {
            continue;
        }
        const auto& x = shifts[s];
        const auto& tmpl = in.config.templates[to_index(x.template_index)];
        const int week = x.day / 7;
        for (int t = x.start; t < x.end; t += g) {
            bool on_break = false;
            for (std::size_t b = 0; b < x.breaks.size(); ++b) {
                on_break = on_break ||
                           (t >= x.breaks[b] && t < x.breaks[b] + tmpl.breaks[b].length_minutes);
            }
            if (on_break) {
                continue;
            }
            int slot = t / g - week * per_week; // interval within the shift's week
            if (slot >= per_week) {
                if (!in.config.cyclic) {
                    break;
                }
                slot -= per_week;
            }
            ++cov[to_index(x.queue)][to_index(week * per_week + slot)];
        }
    }
    return cov;
}

roster_fit fit_of(const roster_input& in, const std::vector<shift>& shifts,
                  const std::vector<int>& agent_of) {
    const auto cov = coverage_of(in, shifts, agent_of);
    roster_fit f;
    double abs_diff = 0;
    for (std::size_t q = 0; q < cov.size(); ++q) {
        for (std::size_t t = 0; t < cov[q].size(); ++t) {
            const double r = in.queues[q].required[t];
            const double c = cov[q][t];
            f.required += r;
            f.shortage += std::max(r - c, 0.0);
            f.redundancy += std::max(c - r, 0.0);
            abs_diff += std::abs(c - r);
        }
    }
    double labour = 0;
    for (std::size_t s = 0; s < shifts.size(); ++s) {
        labour += agent_of.empty() || agent_of[s] >= 0 ? shifts[s].cost : 0.0;
    }
    f.fit = f.required > 0 ? 1.0 - abs_diff / f.required : 0.0;
    const double h = in.interval_minutes / 60.0;
    const auto& wt = in.config.weights;
    switch (in.config.mode) {
    case schedule::objective_mode::pure_fit:
        f.objective = f.shortage + f.redundancy;
        break;
    case schedule::objective_mode::full_coverage:
        f.objective = wt.labour * labour;
        break;
    case schedule::objective_mode::weighted:
        f.objective = wt.labour * labour + wt.under * h * f.shortage + wt.over * h * f.redundancy;
        break;
    }
    return f;
}

std::vector<roster_entry> entries_of(const std::vector<shift>& shifts,
                                     const std::vector<int>& agent_of) {
    std::vector<roster_entry> out;
    for (std::size_t s = 0; s < shifts.size(); ++s) {
        if (agent_of[s] >= 0) {
            out.push_back({agent_of[s], shifts[s].queue, shifts[s].start, shifts[s].end,
                           shifts[s].paid_hours, shifts[s].template_index});
        }
    }
    return out;
}

} // namespace wfm::roster
