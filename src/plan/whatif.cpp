// Scenarios applied to a plan's simulation model, and the emergency staffing search
// (docs/methods.md, "What-if and emergency staffing").
#include <wfm/core/error.hpp>
#include <wfm/plan/whatif.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace wfm::plan {
namespace {

constexpr double day_s = 86400.0;

// The changes with one net delta per time, zero deltas dropped, in time order.
std::vector<sim::staffing_change> netted(const std::vector<sim::staffing_change>& changes) {
    std::map<double, int> at;
    for (const auto& c : changes) {
        at[c.at_s] += c.delta;
    }
    std::vector<sim::staffing_change> out;
    for (const auto& [t, d] : at) {
        if (d != 0) {
            out.push_back({t, d});
        }
    }
    return out;
}

// Agents of `changes` on duty at t (changes at t included).
int level_at(const std::vector<sim::staffing_change>& changes, double t) {
    int level = 0;
    for (const auto& c : changes) {
        level += c.at_s <= t ? c.delta : 0;
    }
    return level;
}

// Share of interval i that [begin, end) covers.
double covered(int i, double len, double begin, double end) {
    const double a = std::max(begin, i * len);
    const double b = std::min(end, (i + 1) * len);
    return b > a ? (b - a) / len : 0.0;
}

std::vector<int> queues_or_all(const scenario_event& e, const plan_model& m) {
    if (!e.queues.empty()) {
        return e.queues;
    }
    std::vector<int> all(m.queues.size());
    for (std::size_t q = 0; q < all.size(); ++q) {
        all[q] = static_cast<int>(q);
    }
    return all;
}

void scale(std::vector<double>& values, const scenario_event& e, double len) {
    for (std::size_t i = 0; i < values.size(); ++i) {
        const double f = covered(static_cast<int>(i), len, e.begin_s, e.end_s);
        if (f > 0.0) {
            values[i] *= 1.0 + (e.factor - 1.0) * f;
        }
    }
}

// Removes `absent` (a pool's changes) from `pool` during [begin, end).
void remove_during(std::vector<sim::staffing_change>& pool,
                   const std::vector<sim::staffing_change>& absent, double begin, double end) {
    pool.push_back({begin, -level_at(absent, begin)});
    int before_end = level_at(absent, begin);
    for (const auto& c : netted(absent)) {
        if (c.at_s > begin && c.at_s < end) {
            pool.push_back({c.at_s, -c.delta});
            before_end += c.delta;
        }
    }
    pool.push_back({end, before_end});
    pool = netted(pool);
}

void apply_absence(plan_model& m, const whatif_plan& plan, const scenario_event& e) {
    const auto p = static_cast<std::size_t>(e.pool);
    auto& changes = m.model.pools[p].changes;
    const double len = m.model.interval_s;
    if (e.lines.empty()) {
        // round(share × on duty) removed at the window's start and each interval start in it.
        std::vector<sim::staffing_change> removed;
        int current = 0;
        const auto remove_to = [&](double t, int r) {
            removed.push_back({t, current - r});
            current = r;
        };
        for (int i = 0; i < m.model.intervals; ++i) {
            const double t = std::max(e.begin_s, i * len);
            if (t >= e.end_s || (i + 1) * len <= e.begin_s) {
                continue;
            }
            const int duty = m.on_duty[p][static_cast<std::size_t>(i)];
            remove_to(t, static_cast<int>(std::lround(e.share * duty)));
        }
        remove_to(e.end_s, 0);
        changes.insert(changes.end(), removed.begin(), removed.end());
        changes = netted(changes);
        // Never below zero: the removal is of agents on duty, so the level stays >= 0, but
        // a rounding at a fractional shrinkage step could touch it; clamp by construction.
        int level = 0;
        for (auto& c : changes) {
            if (level + c.delta < 0) {
                c.delta = -level;
            }
            level += c.delta;
        }
        changes = netted(changes);
        return;
    }
    std::vector<schedule_line> gone;
    for (const auto& l : *plan.lines) {
        const std::string& pool = l.pool.empty() ? m.pools.front() : l.pool;
        if (pool == m.pools[p] &&
            std::find(e.lines.begin(), e.lines.end(), l.line) != e.lines.end()) {
            gone.push_back(l);
        }
    }
    const auto absent = make_plan_model(*plan.report, *plan.channels, *plan.shifts, gone);
    const auto ap = static_cast<std::size_t>(
        std::find(absent.pools.begin(), absent.pools.end(), m.pools[p]) - absent.pools.begin());
    if (ap < absent.model.pools.size()) {
        remove_during(changes, absent.model.pools[ap].changes, e.begin_s, e.end_s);
    }
}

sim::sim_model truncated(const sim::sim_model& m, int h) {
    sim::sim_model t = m;
    t.intervals = h;
    const double end = h * m.interval_s;
    for (auto& q : t.queues) {
        q.arrivals_per_s.resize(static_cast<std::size_t>(h));
        if (!q.handle_factor.empty()) {
            q.handle_factor.resize(static_cast<std::size_t>(h));
        }
    }
    for (auto& p : t.pools) {
        std::erase_if(p.changes, [&](const auto& c) { return c.at_s >= end; });
    }
    return t;
}

struct search_frame {
    int begin = 0; ///< first interval judged
    int horizon = 0;
    std::vector<std::vector<double>> required; ///< [queue][interval]; NaN: not judged
};

// Per pool and interval, the largest shortfall of its queues' SL (0: none).
std::vector<std::vector<double>> shortfalls(const sim::sim_result& r, const search_frame& f,
                                            const plan_model& m) {
    std::vector<std::vector<double>> gap(m.pools.size(),
                                         std::vector<double>(static_cast<std::size_t>(f.horizon)));
    for (std::size_t q = 0; q < m.queues.size(); ++q) {
        const auto p = static_cast<std::size_t>(m.model.queues[q].pool);
        for (int i = f.begin; i < f.horizon; ++i) {
            const auto si = static_cast<std::size_t>(i);
            const double need = f.required[q][si];
            const auto& sl = r.queues[q][si].sl;
            if (std::isnan(need) || !sl.defined) {
                continue;
            }
            gap[p][si] = std::max(gap[p][si], need - sl.mean);
        }
    }
    return gap;
}

bool any_short(const std::vector<std::vector<double>>& gap) {
    for (const auto& g : gap) {
        for (const double x : g) {
            if (x > 0.0) {
                return true;
            }
        }
    }
    return false;
}

double paid_hours(const schedule::schedule_config::template_spec& t) {
    int unpaid = 0;
    for (const auto& b : t.breaks) {
        unpaid += b.paid ? 0 : b.length_minutes;
    }
    return (t.length_minutes - unpaid) / 60.0;
}

const schedule::schedule_config::template_spec* template_named(const schedule::schedule_config& s,
                                                               const std::string& name) {
    for (const auto& t : s.templates) {
        if (t.name == name) {
            return &t;
        }
    }
    return nullptr;
}

// The extra agents of one pool written as overtime of its lines and extra shifts.
void write_shifts(emergency_plan& out, const whatif_plan& plan, const plan_model& m, int pool,
                  const emergency_rules& rules) {
    const auto& e = out.extra[static_cast<std::size_t>(pool)];
    const double len = m.model.interval_s;
    const int per_day = m.model.intervals / 7;
    const int step_min = static_cast<int>(len / 60.0);
    // Blocks of one agent over consecutive intervals, last in first out, within each day.
    struct block {
        int a, b;
    };
    std::vector<block> blocks;
    for (int d = 0; d < 7; ++d) {
        std::vector<int> open;
        int prev = 0;
        for (int i = d * per_day; i <= (d + 1) * per_day; ++i) {
            const int now = i < (d + 1) * per_day ? e[static_cast<std::size_t>(i)] : 0;
            for (; prev < now; ++prev) {
                open.push_back(i);
            }
            for (; prev > now; --prev) {
                blocks.push_back({open.back(), i});
                open.pop_back();
            }
        }
    }
    std::sort(blocks.begin(), blocks.end(),
              [](const block& x, const block& y) { return x.a != y.a ? x.a < y.a : x.b < y.b; });
    std::map<std::pair<int, int>, bool> used; // (line, day × 2 + side)
    const std::string& pool_name = m.pools[static_cast<std::size_t>(pool)];
    for (const auto& bl : blocks) {
        const int minutes = (bl.b - bl.a) * step_min;
        const int day = bl.a / per_day;
        const int a_min = (bl.a - day * per_day) * step_min;
        const int b_min = (bl.b - day * per_day) * step_min;
        const int wd = weekday_index(day_of(m.start) + std::chrono::days{day});
        emergency_shift s;
        s.pool = pool;
        s.begin_s = bl.a * len;
        s.end_s = bl.b * len;
        bool placed = false;
        if (minutes <= rules.max_overtime_minutes) {
            for (const auto& l : *plan.lines) {
                const std::string& lp = l.pool.empty() ? m.pools.front() : l.pool;
                const auto& worked = l.days[static_cast<std::size_t>(wd)];
                const auto* t = template_named(*plan.shifts, l.template_name);
                if (lp != pool_name || !worked || t == nullptr) {
                    continue;
                }
                const int start = worked->start_minute;
                const int end = start + t->length_minutes;
                const bool after = end == a_min && !used[{l.line, day * 2 + 1}];
                const bool before = start == b_min && !used[{l.line, day * 2}];
                if (!after && !before) {
                    continue;
                }
                s.type = after ? emergency_shift::kind::overtime_after
                               : emergency_shift::kind::overtime_before;
                used[{l.line, day * 2 + (after ? 1 : 0)}] = true;
                s.line = l.line;
                s.template_name = t->name;
                s.hours = minutes / 60.0;
                if (t->hourly_rate) {
                    s.cost = s.hours * *t->hourly_rate * rules.overtime_premium;
                }
                out.overtime_hours += s.hours;
                placed = true;
                break;
            }
        }
        if (!placed) {
            // The shortest template at least as long as the block (else the longest).
            const schedule::schedule_config::template_spec* best = nullptr;
            for (const auto& t : plan.shifts->templates) {
                const bool fits = t.length_minutes >= minutes;
                if (best == nullptr ||
                    (fits &&
                     (best->length_minutes < minutes || t.length_minutes < best->length_minutes)) ||
                    (!fits && best->length_minutes < minutes &&
                     t.length_minutes > best->length_minutes)) {
                    best = &t;
                }
            }
            s.type = emergency_shift::kind::extra_shift;
            if (best != nullptr) {
                s.template_name = best->name;
                s.hours = std::max(paid_hours(*best), minutes / 60.0);
                if (best->hourly_rate) {
                    s.cost = s.hours * *best->hourly_rate;
                }
            } else {
                s.hours = minutes / 60.0;
            }
            out.extra_shift_hours += s.hours;
        }
        out.shifts.push_back(std::move(s));
    }
}

} // namespace

plan_model apply_scenario(const whatif_plan& plan, const scenario& s) {
    plan_model m = *plan.model;
    const double len = m.model.interval_s;
    using k = scenario_event::kind;
    for (const auto& e : s.events) {
        switch (e.type) {
        case k::surge:
        case k::key_day:
            for (const int q : queues_or_all(e, m)) {
                scale(m.model.queues[static_cast<std::size_t>(q)].arrivals_per_s, e, len);
            }
            break;
        case k::aht:
            for (const int q : queues_or_all(e, m)) {
                auto& f = m.model.queues[static_cast<std::size_t>(q)].handle_factor;
                if (f.empty()) {
                    f.assign(static_cast<std::size_t>(m.model.intervals), 1.0);
                }
                scale(f, e, len);
            }
            break;
        case k::outage:
            for (const int q : queues_or_all(e, m)) {
                auto& queue = m.model.queues[static_cast<std::size_t>(q)];
                queue.outages.push_back({e.begin_s, e.end_s});
                queue.retry_share = std::max(queue.retry_share, e.retry_share);
                queue.retry_delay = sim::duration_dist::exponential(e.retry_delay_s);
            }
            break;
        case k::absence:
            apply_absence(m, plan, e);
            break;
        }
    }
    return m;
}

plan_model with_extra_agents(const plan_model& m, const std::vector<std::vector<int>>& extra) {
    plan_model out = m;
    const double len = m.model.interval_s;
    for (std::size_t p = 0; p < extra.size() && p < out.model.pools.size(); ++p) {
        auto& changes = out.model.pools[p].changes;
        int prev = 0;
        for (std::size_t i = 0; i < extra[p].size(); ++i) {
            if (extra[p][i] != prev) {
                changes.push_back({static_cast<double>(i) * len, extra[p][i] - prev});
                prev = extra[p][i];
            }
        }
        if (prev != 0) {
            changes.push_back({static_cast<double>(extra[p].size()) * len, -prev});
        }
        changes = netted(changes);
    }
    return out;
}

emergency_plan find_emergency_plan(const whatif_plan& plan, const plan_model& scenario,
                                   const emergency_rules& rules, std::uint64_t seed) {
    const plan_model& base = *plan.model;
    const int n = base.model.intervals;
    const int per_day = n / 7;
    const double len = base.model.interval_s;
    emergency_plan out;
    out.extra.assign(base.pools.size(), std::vector<int>(static_cast<std::size_t>(n), 0));
    // The days the scenario changes: its events' windows.
    double first = 7 * day_s;
    double last = 0.0;
    const auto& sc_queues = scenario.model.queues;
    for (std::size_t q = 0; q < sc_queues.size(); ++q) {
        const auto& a = sc_queues[q];
        const auto& b = base.model.queues[q];
        for (int i = 0; i < n; ++i) {
            const auto si = static_cast<std::size_t>(i);
            const bool rate = a.arrivals_per_s[si] != b.arrivals_per_s[si];
            const bool aht = (a.handle_factor.empty() ? 1.0 : a.handle_factor[si]) !=
                             (b.handle_factor.empty() ? 1.0 : b.handle_factor[si]);
            if (rate || aht) {
                first = std::min(first, i * len);
                last = std::max(last, (i + 1) * len);
            }
        }
        for (const auto& w : a.outages) {
            first = std::min(first, w.begin_s);
            last = std::max(last, w.end_s);
        }
    }
    for (std::size_t p = 0; p < base.pools.size(); ++p) {
        const auto& a = scenario.model.pools[p].changes;
        const auto& b = base.model.pools[p].changes;
        for (int i = 0; i < n; ++i) {
            if (level_at(a, i * len) != level_at(b, i * len) ||
                level_at(a, (i + 0.5) * len) != level_at(b, (i + 0.5) * len)) {
                first = std::min(first, i * len);
                last = std::max(last, (i + 1) * len);
            }
        }
    }
    if (first >= last) {
        return out; // the scenario changes nothing
    }
    search_frame f;
    f.begin = static_cast<int>(std::floor(first / day_s)) * per_day;
    f.horizon = std::min(n, (static_cast<int>(std::ceil(last / day_s - 1e-9)) + 0) * per_day);
    f.horizon = std::max(f.horizon, f.begin + per_day);
    const sim::sim_options o{.replications = rules.search_replications, .seed = seed};
    const auto base_r = sim::simulate(truncated(base.model, f.horizon), o);
    f.required.assign(base.queues.size(),
                      std::vector<double>(static_cast<std::size_t>(f.horizon), std::nan("")));
    for (std::size_t q = 0; q < base.queues.size(); ++q) {
        // The target of the queue: the report's, through the plan model's week.
        double target = 0.8;
        if (plan.report != nullptr) {
            target = plan.report->channels[q].target.service_level;
        }
        for (int i = f.begin; i < f.horizon; ++i) {
            const auto si = static_cast<std::size_t>(i);
            const auto& sl = base_r.queues[q][si].sl;
            const bool open = base.week[q][si].open && base.in_report[q][si];
            const bool out_of_service = std::any_of(
                sc_queues[q].outages.begin(), sc_queues[q].outages.end(),
                [&](const auto& w) { return covered(i, len, w.begin_s, w.end_s) > 0.0; });
            if (open && sl.defined && !out_of_service && sc_queues[q].arrivals_per_s[si] > 0.0) {
                f.required[q][si] = std::min(target, sl.mean) - rules.tolerance;
            }
        }
    }
    std::vector<int> cap(base.pools.size());
    for (std::size_t p = 0; p < base.pools.size(); ++p) {
        const int peak = *std::max_element(base.on_duty[p].begin(), base.on_duty[p].end());
        cap[p] = rules.max_extra_agents >= 0 ? rules.max_extra_agents
                                             : std::max(1, static_cast<int>(std::ceil(0.5 * peak)));
        out.max_extra = std::max(out.max_extra, cap[p]);
    }
    const auto gaps_with = [&](const std::vector<std::vector<int>>& extra) {
        ++out.simulations;
        const auto r =
            sim::simulate(truncated(with_extra_agents(scenario, extra).model, f.horizon), o);
        return shortfalls(r, f, base);
    };
    auto gap = gaps_with(out.extra);
    // Adding: where a pool is short, 1 agent plus one per 10 points of shortfall.
    while (any_short(gap) && out.simulations < rules.max_simulations) {
        bool added = false;
        for (std::size_t p = 0; p < gap.size(); ++p) {
            for (int i = f.begin; i < f.horizon; ++i) {
                const auto si = static_cast<std::size_t>(i);
                if (gap[p][si] <= 0.0) {
                    continue;
                }
                const int want = 1 + static_cast<int>(std::floor(gap[p][si] * 10.0));
                const int add = std::min(want, cap[p] - out.extra[p][si]);
                if (add > 0) {
                    out.extra[p][si] += add;
                    added = true;
                }
            }
        }
        if (!added) {
            break; // every short interval is at its limit
        }
        gap = gaps_with(out.extra);
    }
    out.rescued = !any_short(gap);
    // Removing, latest interval first: half of an interval's extra agents, else one.
    if (out.rescued) {
        for (int i = f.horizon - 1; i >= f.begin && out.simulations < rules.max_simulations; --i) {
            const auto si = static_cast<std::size_t>(i);
            for (std::size_t p = 0; p < out.extra.size(); ++p) {
                while (out.extra[p][si] > 0 && out.simulations < rules.max_simulations) {
                    const int e = out.extra[p][si];
                    bool removed = false;
                    for (const int d : {e > 1 ? (e + 1) / 2 : 0, 1}) {
                        if (d == 0 || out.simulations >= rules.max_simulations) {
                            continue;
                        }
                        auto trial = out.extra;
                        trial[p][si] -= d;
                        if (!any_short(gaps_with(trial))) {
                            out.extra = std::move(trial);
                            removed = true;
                            break;
                        }
                    }
                    if (!removed) {
                        break;
                    }
                }
            }
        }
        gap = gaps_with(out.extra);
        out.rescued = !any_short(gap);
    }
    for (std::size_t p = 0; p < gap.size(); ++p) {
        for (int i = f.begin; i < f.horizon; ++i) {
            if (gap[p][static_cast<std::size_t>(i)] > 0.0) {
                out.short_intervals.emplace_back(static_cast<int>(p), i);
            }
        }
    }
    for (std::size_t p = 0; p < out.extra.size(); ++p) {
        for (const int e : out.extra[p]) {
            out.extra_agent_hours += e * len / 3600.0;
        }
        write_shifts(out, plan, base, static_cast<int>(p), rules);
    }
    double cost = 0.0;
    bool priced = true;
    for (const auto& s : out.shifts) {
        priced = priced && s.cost.has_value();
        cost += s.cost.value_or(0.0);
    }
    if (priced) {
        out.cost = cost;
    }
    return out;
}

scenario_outcome run_scenario(const whatif_plan& plan, const scenario& s,
                              const emergency_rules& rules, const sim::sim_options& options) {
    scenario_outcome out;
    out.name = s.name;
    out.description = s.description;
    const auto model = apply_scenario(plan, s);
    out.emergency = find_emergency_plan(plan, model, rules, options.seed);
    out.baseline = simulate_plan(*plan.report, *plan.model, options);
    out.scenario = simulate_plan(*plan.report, model, options);
    out.rescued =
        simulate_plan(*plan.report, with_extra_agents(model, out.emergency.extra), options);
    double first = 7 * day_s;
    double last = 0.0;
    for (const auto& e : s.events) {
        first = std::min(first, e.begin_s);
        last = std::max(last, e.end_s);
    }
    out.first_day = std::clamp(static_cast<int>(std::floor(first / day_s)), 0, 6);
    out.last_day = std::clamp(static_cast<int>(std::ceil(last / day_s)) - 1, out.first_day, 6);
    // The confirmation: intervals of those days still short at the full replications.
    const double len = plan.model->model.interval_s;
    for (std::size_t q = 0; q < out.rescued.queues.size(); ++q) {
        const auto& b = out.baseline.queues[q].intervals;
        const auto& r = out.rescued.queues[q].intervals;
        for (std::size_t i = 0; i < b.size(); ++i) {
            const double at = std::chrono::duration<double>(b[i].start - plan.model->start).count();
            const int day = static_cast<int>(std::floor(at / day_s));
            const auto& bs = b[i].service_level.sim;
            const auto& rs = r[i].service_level.sim;
            const auto k = static_cast<std::size_t>(at / len);
            const bool outage =
                std::any_of(model.model.queues[q].outages.begin(),
                            model.model.queues[q].outages.end(), [&](const auto& w) {
                                return covered(static_cast<int>(k), len, w.begin_s, w.end_s) > 0.0;
                            });
            if (day < out.first_day || day > out.last_day || !b[i].open || !bs.defined ||
                !rs.defined || outage) {
                continue;
            }
            const double need =
                std::min(out.baseline.queues[q].sl_target, bs.mean) - rules.tolerance;
            out.confirm_short += rs.mean < need ? 1 : 0;
        }
    }
    return out;
}

} // namespace wfm::plan
