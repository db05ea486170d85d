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

// Pool p's queues of `m` over intervals [from, to), times shifted to start at `from`; the
// pool's agents on duty at `from` join at time 0.
sim::sim_model sub_model(const sim::sim_model& m, int pool, int from, int to) {
    sim::sim_model t;
    t.interval_s = m.interval_s;
    t.intervals = to - from;
    t.sl_time_s = m.sl_time_s;
    const double offset = from * m.interval_s;
    const double end = to * m.interval_s;
    for (const auto& q : m.queues) {
        if (q.pool != pool) {
            continue;
        }
        sim::sim_queue c = q;
        c.pool = 0;
        c.arrivals_per_s.assign(q.arrivals_per_s.begin() + from, q.arrivals_per_s.begin() + to);
        if (!q.handle_factor.empty()) {
            c.handle_factor.assign(q.handle_factor.begin() + from, q.handle_factor.begin() + to);
        }
        c.outages.clear();
        for (const auto& w : q.outages) {
            if (w.end_s > offset && w.begin_s < end) {
                c.outages.push_back({std::max(0.0, w.begin_s - offset), w.end_s - offset});
            }
        }
        t.queues.push_back(std::move(c));
    }
    sim::sim_pool p;
    p.concurrency = m.pools[static_cast<std::size_t>(pool)].concurrency;
    const auto& changes = m.pools[static_cast<std::size_t>(pool)].changes;
    const int start = level_at(changes, offset);
    if (start != 0) {
        p.changes.push_back({0.0, start});
    }
    for (const auto& c : netted(changes)) {
        if (c.at_s > offset && c.at_s < end) {
            p.changes.push_back({c.at_s - offset, c.delta});
        }
    }
    t.pools.push_back(std::move(p));
    return t;
}

// One pool's search: the judged intervals [from, to) of the week and their required SL per
// queue of the pool (NaN: not judged).
struct pool_frame {
    int pool = 0;
    int from = 0;
    int to = 0;
    std::vector<int> queues;                   ///< the pool's queues (indexes of the plan)
    std::vector<std::vector<double>> required; ///< [k of queues][interval − from]
};

// Required SL per judged interval from a baseline simulation of the frame.
void require(pool_frame& f, const sim::sim_result& base, const plan_model& plan,
             const plan_model& scenario, const std::vector<double>& targets, double tolerance) {
    const double len = plan.model.interval_s;
    f.required.assign(f.queues.size(),
                      std::vector<double>(static_cast<std::size_t>(f.to - f.from), std::nan("")));
    for (std::size_t k = 0; k < f.queues.size(); ++k) {
        const auto q = static_cast<std::size_t>(f.queues[k]);
        const auto& sq = scenario.model.queues[q];
        for (int i = f.from; i < f.to; ++i) {
            const auto si = static_cast<std::size_t>(i);
            const auto& sl = base.queues[k][si - static_cast<std::size_t>(f.from)].sl;
            const bool open = plan.week[q][si].open && plan.in_report[q][si];
            const bool outage =
                std::any_of(sq.outages.begin(), sq.outages.end(), [&](const auto& w) {
                    return covered(i, len, w.begin_s, w.end_s) > 0.0;
                });
            if (open && sl.defined && !outage && sq.arrivals_per_s[si] > 0.0) {
                f.required[k][si - static_cast<std::size_t>(f.from)] =
                    std::min(targets[q], sl.mean) - tolerance;
            }
        }
    }
}

// Per judged interval, the largest shortfall of the pool's queues (≤ 0: none).
std::vector<double> shortfalls(const sim::sim_result& r, const pool_frame& f) {
    std::vector<double> gap(static_cast<std::size_t>(f.to - f.from), 0.0);
    for (std::size_t k = 0; k < f.queues.size(); ++k) {
        for (std::size_t i = 0; i < gap.size(); ++i) {
            const double need = f.required[k][i];
            const auto& sl = r.queues[k][i].sl;
            if (!std::isnan(need) && sl.defined) {
                gap[i] = std::max(gap[i], need - sl.mean);
            }
        }
    }
    return gap;
}

bool any_short(const std::vector<double>& gap) {
    return std::any_of(gap.begin(), gap.end(), [](double x) { return x > 0.0; });
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

// The extra agents of one pool written as overtime of its lines (each line extended at most
// once before and once after its shift on a day, by up to the rules' minutes), then extra
// shifts of the plan's templates, each started at the first interval still short and of the
// template that covers the most of the remaining need per paid hour.
void write_shifts(emergency_plan& out, const whatif_plan& plan, const plan_model& m, int pool,
                  const emergency_rules& rules) {
    std::vector<int> need = out.extra[static_cast<std::size_t>(pool)];
    const double len = m.model.interval_s;
    const int per_day = m.model.intervals / 7;
    const int step_min = static_cast<int>(len / 60.0);
    const int max_steps = rules.max_overtime_minutes / step_min;
    const std::string& pool_name = m.pools[static_cast<std::size_t>(pool)];
    for (int day = 0; day < 7; ++day) {
        const int d0 = day * per_day;
        const int wd = weekday_index(day_of(m.start) + std::chrono::days{day});
        // Overtime: after a shift's end, then before a shift's start.
        for (const bool after : {true, false}) {
            for (const auto& l : *plan.lines) {
                const std::string& lp = l.pool.empty() ? m.pools.front() : l.pool;
                const auto& worked = l.days[static_cast<std::size_t>(wd)];
                const auto* t = template_named(*plan.shifts, l.template_name);
                if (lp != pool_name || !worked || t == nullptr) {
                    continue;
                }
                const int edge =
                    d0 + (worked->start_minute + (after ? t->length_minutes : 0)) / step_min;
                int k = 0;
                while (k < max_steps) {
                    const int i = after ? edge + k : edge - 1 - k;
                    if (i < d0 || i >= d0 + per_day || need[static_cast<std::size_t>(i)] <= 0) {
                        break;
                    }
                    ++k;
                }
                if (k == 0) {
                    continue;
                }
                const int a = after ? edge : edge - k;
                for (int i = a; i < a + k; ++i) {
                    --need[static_cast<std::size_t>(i)];
                }
                emergency_shift s;
                s.type = after ? emergency_shift::kind::overtime_after
                               : emergency_shift::kind::overtime_before;
                s.pool = pool;
                s.line = l.line;
                s.template_name = t->name;
                s.begin_s = a * len;
                s.end_s = (a + k) * len;
                s.hours = k * step_min / 60.0;
                if (t->hourly_rate) {
                    s.cost = s.hours * *t->hourly_rate * rules.overtime_premium;
                }
                out.overtime_hours += s.hours;
                out.shifts.push_back(std::move(s));
            }
        }
        // Extra shifts for what is left.
        for (int i = d0; i < d0 + per_day; ++i) {
            while (need[static_cast<std::size_t>(i)] > 0) {
                const schedule::schedule_config::template_spec* best = nullptr;
                double best_score = -1.0;
                for (const auto& t : plan.shifts->templates) {
                    const int steps = std::max(1, t.length_minutes / step_min);
                    int covered_steps = 0;
                    for (int j = i; j < std::min(i + steps, d0 + per_day); ++j) {
                        covered_steps += need[static_cast<std::size_t>(j)] > 0 ? 1 : 0;
                    }
                    const double score = covered_steps / std::max(paid_hours(t), 0.25);
                    if (score > best_score) {
                        best = &t;
                        best_score = score;
                    }
                }
                const int steps =
                    best != nullptr ? std::max(1, best->length_minutes / step_min) : 1;
                const int end = std::min(i + steps, d0 + per_day);
                for (int j = i; j < end; ++j) {
                    need[static_cast<std::size_t>(j)] =
                        std::max(0, need[static_cast<std::size_t>(j)] - 1);
                }
                emergency_shift s;
                s.type = emergency_shift::kind::extra_shift;
                s.pool = pool;
                s.begin_s = i * len;
                s.end_s = (i + steps) * len;
                if (best != nullptr) {
                    s.template_name = best->name;
                    s.hours = paid_hours(*best);
                    if (best->hourly_rate) {
                        s.cost = s.hours * *best->hourly_rate;
                    }
                } else {
                    s.hours = step_min / 60.0;
                }
                out.extra_shift_hours += s.hours;
                out.shifts.push_back(std::move(s));
            }
        }
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
                queue.blocked_retry_share = std::max(queue.blocked_retry_share, e.retry_share);
                if (queue.retry_share == 0.0) {
                    queue.retry_delay = sim::duration_dist::exponential(e.retry_delay_s);
                }
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

namespace {

// The search for one pool over the judged intervals [f.from, f.to) (docs/methods.md).
void search_pool(emergency_plan& out, pool_frame& f, const plan_model& base,
                 const plan_model& scenario, const std::vector<double>& targets,
                 const emergency_rules& rules, int cap, std::uint64_t seed,
                 int confirm_replications) {
    auto& extra = out.extra[static_cast<std::size_t>(f.pool)];
    const sim::sim_options o{.replications = rules.search_replications, .seed = seed};
    const auto simulate_sub = [&](const plan_model& m, const sim::sim_options& opt) {
        ++out.simulations;
        return sim::simulate(sub_model(m.model, f.pool, f.from, f.to), opt);
    };
    const auto with = [&](const std::vector<int>& e) {
        std::vector<std::vector<int>> all(base.pools.size());
        all[static_cast<std::size_t>(f.pool)] = e;
        return with_extra_agents(scenario, all);
    };
    require(f, simulate_sub(base, o), base, scenario, targets, rules.tolerance);
    const auto gaps = [&](const std::vector<int>& e) {
        return shortfalls(simulate_sub(with(e), o), f);
    };
    // Adds where short: 1 agent plus one per 10 points of shortfall, up to the cap.
    const auto add = [&](const std::vector<double>& gap) {
        bool added = false;
        for (int i = f.from; i < f.to; ++i) {
            const auto si = static_cast<std::size_t>(i);
            const double g = gap[si - static_cast<std::size_t>(f.from)];
            if (g <= 0.0) {
                continue;
            }
            const int n = std::min(1 + static_cast<int>(std::floor(g * 10.0)), cap - extra[si]);
            if (n > 0) {
                extra[si] += n;
                added = true;
            }
        }
        return added;
    };
    auto gap = gaps(extra);
    while (any_short(gap) && out.simulations < rules.max_simulations && add(gap)) {
        gap = gaps(extra);
    }
    if (any_short(gap)) {
        for (int i = f.from; i < f.to; ++i) {
            if (gap[static_cast<std::size_t>(i - f.from)] > 0.0) {
                out.short_intervals.emplace_back(f.pool, i);
            }
        }
        out.rescued = false;
        return;
    }
    // Removes, latest interval first, where the SL is at least 3 points above its level: half
    // of an interval's agents (from 4), else one; kept when no interval becomes short.
    for (int i = f.to - 1; i >= f.from && out.simulations < rules.max_simulations; --i) {
        const auto si = static_cast<std::size_t>(i);
        if (extra[si] == 0 || gap[si - static_cast<std::size_t>(f.from)] > -0.03) {
            continue;
        }
        for (const int d : {extra[si] >= 4 ? extra[si] / 2 : 0, 1}) {
            if (d == 0 || extra[si] < d || out.simulations >= rules.max_simulations) {
                continue;
            }
            auto trial = extra;
            trial[si] -= d;
            auto trial_gap = gaps(trial);
            if (!any_short(trial_gap)) {
                extra = std::move(trial);
                gap = std::move(trial_gap);
                break;
            }
        }
    }
    // Repairs at the final replications: where the confirmation is short, one more agent.
    const sim::sim_options full{.replications = confirm_replications, .seed = seed};
    require(f, simulate_sub(base, full), base, scenario, targets, rules.tolerance);
    for (int round = 0; round < 4; ++round) {
        gap = shortfalls(simulate_sub(with(extra), full), f);
        if (!any_short(gap)) {
            return;
        }
        std::vector<double> unit(gap.size());
        for (std::size_t k = 0; k < gap.size(); ++k) {
            unit[k] = gap[k] > 0.0 ? 1e-9 : 0.0; // one agent each
        }
        if (!add(unit)) {
            break;
        }
    }
    gap = shortfalls(simulate_sub(with(extra), full), f);
    for (int i = f.from; i < f.to; ++i) {
        if (gap[static_cast<std::size_t>(i - f.from)] > 0.0) {
            out.short_intervals.emplace_back(f.pool, i);
            ++out.confirm_short;
        }
    }
    out.rescued = out.rescued && !any_short(gap);
}

} // namespace

emergency_plan find_emergency_plan(const whatif_plan& plan, const plan_model& scenario,
                                   const emergency_rules& rules, std::uint64_t seed,
                                   int confirm_replications) {
    const plan_model& base = *plan.model;
    const int n = base.model.intervals;
    const int per_day = n / 7;
    const double len = base.model.interval_s;
    emergency_plan out;
    out.extra.assign(base.pools.size(), std::vector<int>(static_cast<std::size_t>(n), 0));
    std::vector<double> targets(base.queues.size(), 0.8);
    for (std::size_t q = 0;
         plan.report != nullptr && q < targets.size() && q < plan.report->channels.size(); ++q) {
        targets[q] = plan.report->channels[q].target.service_level;
    }
    for (std::size_t p = 0; p < base.pools.size(); ++p) {
        // The days this pool's part of the scenario changes.
        double first = 7 * day_s;
        double last = 0.0;
        const auto touch = [&](double a, double b) {
            first = std::min(first, a);
            last = std::max(last, b);
        };
        pool_frame f;
        f.pool = static_cast<int>(p);
        for (std::size_t q = 0; q < base.queues.size(); ++q) {
            if (base.model.queues[q].pool != static_cast<int>(p)) {
                continue;
            }
            f.queues.push_back(static_cast<int>(q));
            const auto& a = scenario.model.queues[q];
            const auto& b = base.model.queues[q];
            for (int i = 0; i < n; ++i) {
                const auto si = static_cast<std::size_t>(i);
                const bool rate = a.arrivals_per_s[si] != b.arrivals_per_s[si];
                const bool aht = (a.handle_factor.empty() ? 1.0 : a.handle_factor[si]) !=
                                 (b.handle_factor.empty() ? 1.0 : b.handle_factor[si]);
                if (rate || aht) {
                    touch(i * len, (i + 1) * len);
                }
            }
            for (const auto& w : a.outages) {
                touch(w.begin_s, w.end_s);
            }
        }
        const auto& a = netted(scenario.model.pools[p].changes);
        const auto& b = netted(base.model.pools[p].changes);
        if (a.size() != b.size() || !std::equal(a.begin(), a.end(), b.begin(), [](auto x, auto y) {
                return x.at_s == y.at_s && x.delta == y.delta;
            })) {
            for (int i = 0; i < n; ++i) {
                if (level_at(a, i * len) != level_at(b, i * len) ||
                    level_at(a, (i + 0.5) * len) != level_at(b, (i + 0.5) * len)) {
                    touch(i * len, (i + 1) * len);
                }
            }
        }
        const int peak = *std::max_element(base.on_duty[p].begin(), base.on_duty[p].end());
        const int cap = rules.max_extra_agents >= 0
                            ? rules.max_extra_agents
                            : std::max(1, static_cast<int>(std::ceil(0.5 * peak)));
        out.max_extra = std::max(out.max_extra, cap);
        if (first >= last) {
            continue; // the scenario does not change this pool
        }
        f.from = static_cast<int>(std::floor(first / day_s)) * per_day;
        f.to = std::min(n, static_cast<int>(std::ceil(last / day_s - 1e-9)) * per_day);
        f.to = std::max(f.to, f.from + per_day);
        search_pool(out, f, base, scenario, targets, rules, cap, seed, confirm_replications);
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
                              const emergency_rules& rules, const sim::sim_options& options,
                              const plan_simulation* baseline) {
    scenario_outcome out;
    out.name = s.name;
    out.description = s.description;
    out.events = s.events;
    const auto model = apply_scenario(plan, s);
    out.emergency = find_emergency_plan(plan, model, rules, options.seed, options.replications);
    out.baseline =
        baseline != nullptr ? *baseline : simulate_plan(*plan.report, *plan.model, options);
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
    return out;
}

} // namespace wfm::plan
