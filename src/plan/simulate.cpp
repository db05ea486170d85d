// A plan as a simulation model, and its simulation beside the plan's Erlang predictions.
#include <wfm/core/error.hpp>
#include <wfm/erlang/formulas.hpp>
#include <wfm/plan/simulate.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace wfm::plan {
namespace {

[[noreturn]] void reject(const std::string& what) {
    throw invalid_argument("simulate --plan: " + what);
}

const erlang::channel_settings& settings_of(const std::vector<erlang::channel_settings>& channels,
                                            const std::string& name) {
    for (const auto& c : channels) {
        if (c.name == name) {
            return c;
        }
    }
    reject(fmt::format("queue '{}' of report.json is not in the plan's config", name));
}

const schedule::schedule_config::template_spec& template_of(const schedule::schedule_config& s,
                                                            const schedule_line& l) {
    for (const auto& t : s.templates) {
        if (t.name == l.template_name) {
            return t;
        }
    }
    reject(fmt::format("schedule line {} of pool '{}': template '{}' is not in the config", l.line,
                       l.pool, l.template_name));
}

// The (time, delta) changes of a pool merged so that each time holds its net change.
std::vector<sim::staffing_change> merged(std::vector<sim::staffing_change> c) {
    std::sort(c.begin(), c.end(), [](const auto& a, const auto& b) { return a.at_s < b.at_s; });
    std::vector<sim::staffing_change> out;
    for (const auto& x : c) {
        if (!out.empty() && out.back().at_s == x.at_s) {
            out.back().delta += x.delta;
        } else {
            out.push_back(x);
        }
    }
    std::erase_if(out, [](const auto& x) { return x.delta == 0; });
    return out;
}

// The changes of one schedule line over the week (seconds from the week's start).
void add_line(std::vector<sim::staffing_change>& changes, const schedule_line& l,
              const schedule::schedule_config::template_spec& t, local_date week, int step_min) {
    const auto off_grid = [&](int minute, const std::string& what) {
        if (minute % step_min != 0) {
            reject(fmt::format("schedule line {} of pool '{}': {} {:02}:{:02} is off the plan's "
                               "{}-minute grid",
                               l.line, l.pool, what, minute / 60, minute % 60, step_min));
        }
    };
    for (int d = 0; d < 7; ++d) {
        const local_date day = week + std::chrono::days{d};
        const auto& worked = l.days[static_cast<std::size_t>(weekday_index(day))];
        if (!worked) {
            continue;
        }
        off_grid(worked->start_minute, "the start");
        const double base = (d * 1440.0 + worked->start_minute) * 60.0;
        changes.push_back({base, 1});
        changes.push_back({base + t.length_minutes * 60.0, -1});
        for (std::size_t b = 0; b < worked->breaks.size(); ++b) {
            const std::string& name = worked->breaks[b].first;
            const int minute = worked->breaks[b].second;
            const auto spec = std::find_if(t.breaks.begin(), t.breaks.end(),
                                           [&](const auto& s) { return s.name == name; });
            if (spec == t.breaks.end()) {
                reject(fmt::format("schedule line {} of pool '{}': break '{}' is not one of "
                                   "template '{}''s breaks",
                                   l.line, l.pool, name, t.name));
            }
            off_grid(minute, "break " + name);
            int offset = minute - worked->start_minute;
            if (offset < 0) {
                offset += 1440; // a break after midnight
            }
            const double at = base + offset * 60.0;
            changes.push_back({at, -1});
            changes.push_back({at + spec->length_minutes * 60.0, 1});
        }
    }
}

} // namespace

bool sim_row::flagged() const noexcept {
    return service_level.flagged || answer_rate.flagged || asa_s.flagged || abandon.flagged ||
           occupancy.flagged;
}

plan_model make_plan_model(const report::plan_report& report,
                           const std::vector<erlang::channel_settings>& channels,
                           const schedule::schedule_config& shifts,
                           const std::vector<schedule_line>& lines) {
    report::validate(report);
    const int step_min = static_cast<int>(report.grid.minutes());
    const double len = step_min * 60.0;
    const int n = 7 * 1440 / step_min;
    plan_model pm;
    pm.start = timestamp{report.week_start.time_since_epoch()};
    pm.model.interval_s = len;
    pm.model.intervals = n;
    std::map<std::string, int> pool_index;
    std::vector<int> concurrency;
    for (const auto& c : report.channels) {
        const auto& cfg = settings_of(channels, c.name);
        std::vector<report::interval_outcome> full(static_cast<std::size_t>(n));
        std::vector<bool> held(static_cast<std::size_t>(n), false);
        for (int i = 0; i < n; ++i) {
            full[static_cast<std::size_t>(i)].start = pm.start + report.grid.step() * i;
            full[static_cast<std::size_t>(i)].open = false;
        }
        for (const auto& o : c.intervals) {
            const auto k = (o.start - pm.start) / report.grid.step();
            if (k < 0 || k >= n) {
                reject(fmt::format("queue '{}': interval {} is outside the week of {}", c.name,
                                   format_timestamp(o.start), format_date(report.week_start)));
            }
            full[static_cast<std::size_t>(k)] = o;
            held[static_cast<std::size_t>(k)] = true;
        }
        const std::string& pool = report::pool_name(c);
        auto [it, added] = pool_index.try_emplace(pool, static_cast<int>(pm.pools.size()));
        if (added) {
            pm.pools.push_back(pool);
            concurrency.push_back(cfg.concurrency);
        } else if (concurrency[static_cast<std::size_t>(it->second)] != cfg.concurrency) {
            reject(fmt::format("pool '{}' mixes queues of concurrency {} and {} ('{}')", pool,
                               concurrency[static_cast<std::size_t>(it->second)], cfg.concurrency,
                               c.name));
        }
        sim::sim_queue q;
        q.pool = it->second;
        q.handle = sim::duration_dist::exponential(1.0);
        const double fallback = cfg.aht ? cfg.aht->count() : 1.0;
        // A chat session held alongside others takes AHT·k/c(k), as in the staffing model
        // (methods.md, "Chat concurrency"): each of the pool's k slots per agent serves one.
        const double session =
            cfg.concurrency > 1 ? cfg.concurrency / erlang::effective_concurrency(cfg.concurrency,
                                                                                  cfg.compose_ratio)
                                : 1.0;
        for (const auto& o : full) {
            q.arrivals_per_s.push_back(o.open ? o.volume / len : 0.0);
            q.handle_factor.push_back((o.aht_s > 0.0 ? o.aht_s : fallback) * session);
        }
        if (cfg.kind != erlang::model::erlang_c && cfg.patience) {
            q.patience = sim::duration_dist::exponential(cfg.patience->count());
        }
        q.sl_time_s = static_cast<double>(c.target.threshold.count());
        pm.model.queues.push_back(std::move(q));
        pm.queues.push_back(c.name);
        pm.week.push_back(std::move(full));
        pm.in_report.push_back(std::move(held));
    }
    // The schedule's lines per pool.
    std::vector<std::vector<sim::staffing_change>> line_changes(pm.pools.size());
    for (const auto& l : lines) {
        std::string pool = l.pool;
        if (pool.empty()) {
            if (pm.pools.size() != 1) {
                reject(fmt::format("schedule line {} names no pool and the plan has {} pools",
                                   l.line, pm.pools.size()));
            }
            pool = pm.pools.front();
        }
        const auto it = pool_index.find(pool);
        if (it == pool_index.end()) {
            reject(fmt::format("schedule line {}: pool '{}' is not a pool of report.json", l.line,
                               pool));
        }
        add_line(line_changes[static_cast<std::size_t>(it->second)], l, template_of(shifts, l),
                 report.week_start, step_min);
    }
    // Agents on duty per interval, and shrinkage as time-shared removals.
    pm.available.assign(report.channels.size(), std::vector<double>(static_cast<std::size_t>(n)));
    for (std::size_t p = 0; p < pm.pools.size(); ++p) {
        auto changes = merged(line_changes[p]);
        std::vector<int> duty(static_cast<std::size_t>(n));
        std::size_t k = 0;
        long level = 0;
        for (int i = 0; i < n; ++i) {
            while (k < changes.size() && changes[k].at_s <= i * len) {
                level += changes[k++].delta;
            }
            duty[static_cast<std::size_t>(i)] = static_cast<int>(level);
        }
        // Where the report holds no coverage (closed intervals): the queues' mean shrinkage.
        double fallback_keep = 0.0;
        int members = 0;
        for (std::size_t c = 0; c < report.channels.size(); ++c) {
            if (pm.model.queues[c].pool == static_cast<int>(p)) {
                fallback_keep += 1.0 - report.channels[c].shrinkage;
                ++members;
            }
        }
        fallback_keep = members > 0 ? fallback_keep / members : 1.0;
        std::vector<sim::staffing_change> removals;
        int removed = 0;
        const auto remove_to = [&](double at, int r) {
            if (r != removed) {
                removals.push_back({at, removed - r});
                removed = r;
            }
        };
        for (int i = 0; i < n; ++i) {
            const auto si = static_cast<std::size_t>(i);
            double sched = 0.0;
            double avail = 0.0;
            for (std::size_t c = 0; c < report.channels.size(); ++c) {
                if (pm.model.queues[c].pool == static_cast<int>(p)) {
                    const auto& o = pm.week[c][si];
                    sched += o.scheduled;
                    avail += o.scheduled * (1.0 - report.channels[c].shrinkage);
                }
            }
            const double keep = sched > 0.0 ? avail / sched : fallback_keep;
            const double a = duty[si] * keep;
            const double whole = std::floor(a + 1e-9);
            const double frac = a - whole > 1e-9 ? a - whole : 0.0;
            const int r_all = duty[si] - static_cast<int>(whole);
            remove_to(i * len, frac > 0.0 ? r_all - 1 : r_all);
            if (frac > 0.0) {
                remove_to(i * len + frac * len, r_all);
            }
            for (std::size_t c = 0; c < report.channels.size(); ++c) {
                if (pm.model.queues[c].pool == static_cast<int>(p)) {
                    const double s = pm.week[c][si].scheduled;
                    pm.available[c][si] = sched > 0.0 ? a * s / sched : a / members;
                }
            }
        }
        remove_to(n * len, 0);
        changes.insert(changes.end(), removals.begin(), removals.end());
        sim::sim_pool pool;
        pool.changes = merged(std::move(changes));
        pool.concurrency = concurrency[p];
        pm.model.pools.push_back(std::move(pool));
        pm.on_duty.push_back(std::move(duty));
    }
    return pm;
}

namespace {

// The plan's Erlang figures of a set of intervals, weighted as the plan report weights them;
// each figure over the intervals that predict it.
struct weighted {
    double x = 0.0, w = 0.0;
    void add(std::optional<double> v, double weight) {
        if (v) {
            x += weight * *v;
            w += weight;
        }
    }
    [[nodiscard]] std::optional<double> value() const {
        return w > 0.0 ? std::optional<double>{x / w} : std::nullopt;
    }
};

struct erlang_sums {
    weighted sl, ar, ab, asa, occ;

    void add(const report::interval_outcome& o, double available) {
        if (!o.open || o.volume <= 0.0) {
            return;
        }
        sl.add(o.service_level, o.volume);
        ar.add(o.answer_rate, o.volume);
        ab.add(o.abandon, o.volume);
        asa.add(o.asa_s, o.volume * o.answer_rate.value_or(1.0));
        occ.add(o.occupancy, available);
    }
};

void compare(sim_metric& m) {
    m.flagged =
        m.erlang && m.sim.defined && std::abs(m.sim.mean - *m.erlang) > m.sim.half_width + 1e-9;
}

sim_row row_of(const sim::interval_figures& f, timestamp start, bool open, double forecast,
               double available, const erlang_sums& e, bool flag_sl, bool erlang_c) {
    sim_row r;
    r.start = start;
    r.open = open;
    r.forecast = forecast;
    r.offered = f.offered;
    r.answered = f.answered;
    r.abandoned = f.abandoned;
    r.waiting_at_end = f.waiting_at_end;
    r.service_level.sim = f.sl;
    r.answer_rate.sim = f.answer_rate;
    r.asa_s.sim = f.asa_s;
    r.abandon.sim = f.abandon_rate;
    if (available > 0.0) {
        r.occupancy.sim = {f.busy_agents.mean / available, f.busy_agents.half_width / available};
    } else {
        r.occupancy.sim = {0.0, 0.0, false};
    }
    r.service_level.erlang = e.sl.value();
    r.answer_rate.erlang = erlang_c ? std::nullopt : e.ar.value();
    r.abandon.erlang = erlang_c ? std::nullopt : e.ab.value();
    r.asa_s.erlang = e.asa.value();
    r.occupancy.erlang = e.occ.value();
    if (flag_sl) {
        compare(r.service_level);
    }
    compare(r.answer_rate);
    compare(r.asa_s);
    compare(r.abandon);
    compare(r.occupancy);
    return r;
}

} // namespace

plan_simulation simulate_plan(const report::plan_report& report, const plan_model& model,
                              const sim::sim_options& options) {
    const int n = model.model.intervals;
    const int per_day = n / 7;
    sim::sim_options o = options;
    o.periods.clear();
    for (int d = 0; d < 7; ++d) {
        o.periods.emplace_back(d * per_day, (d + 1) * per_day);
    }
    o.periods.emplace_back(0, n);
    const auto r = sim::simulate(model.model, o);
    plan_simulation out;
    out.replications = r.replications;
    out.seed = options.seed;
    out.confidence = options.confidence;
    out.contacts = r.contacts;
    out.grid = report.grid;
    out.week_start = report.week_start;
    const auto step = std::chrono::minutes{report.grid.minutes()};
    for (std::size_t q = 0; q < report.channels.size(); ++q) {
        const auto& c = report.channels[q];
        queue_simulation qs;
        qs.name = c.name;
        qs.pool = report::pool_name(c);
        qs.sl_target = c.target.service_level;
        qs.sl_time_s = static_cast<int>(c.target.threshold.count());
        qs.sl_other_definition = c.target.sl_variant != "offered";
        // Erlang C predicts no abandonment: its answer rate and abandonment are not compared.
        const bool erlang_c = model.model.queues[q].patience.type == sim::duration_dist::kind::none;
        std::vector<erlang_sums> days(7);
        erlang_sums week;
        std::vector<double> day_avail(7), day_forecast(7);
        double week_avail = 0.0, week_forecast = 0.0;
        for (int i = 0; i < n; ++i) {
            const auto si = static_cast<std::size_t>(i);
            const auto& iv = model.week[q][si];
            const double avail = model.available[q][si];
            erlang_sums e;
            e.add(iv, avail);
            days[si / static_cast<std::size_t>(per_day)].add(iv, avail);
            week.add(iv, avail);
            day_avail[si / static_cast<std::size_t>(per_day)] += avail;
            week_avail += avail;
            day_forecast[si / static_cast<std::size_t>(per_day)] += iv.volume;
            week_forecast += iv.volume;
            if (!model.in_report[q][si]) {
                continue;
            }
            qs.intervals.push_back(row_of(r.queues[q][si], model.start + step * i, iv.open,
                                          iv.volume, avail, e, !qs.sl_other_definition, erlang_c));
        }
        for (std::size_t d = 0; d < 7; ++d) {
            qs.days.push_back(row_of(r.periods[q][d],
                                     model.start + step * (static_cast<int>(d) * per_day), true,
                                     day_forecast[d], day_avail[d] / per_day, days[d],
                                     !qs.sl_other_definition, erlang_c));
        }
        qs.week = row_of(r.periods[q][7], model.start, true, week_forecast, week_avail / n, week,
                         !qs.sl_other_definition, erlang_c);
        out.queues.push_back(std::move(qs));
    }
    return out;
}

int flagged_intervals(const queue_simulation& q) noexcept {
    return static_cast<int>(std::count_if(q.intervals.begin(), q.intervals.end(),
                                          [](const sim_row& r) { return r.open && r.flagged(); }));
}

} // namespace wfm::plan
