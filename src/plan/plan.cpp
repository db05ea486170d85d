// The weekly plan's pipeline: forecast → staffing → schedules → predicted outcome → report.
#include "../core/json_decode.hpp"

#include <wfm/core/error.hpp>
#include <wfm/erlang/queue.hpp>
#include <wfm/forecast/backtest.hpp>
#include <wfm/plan/plan.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace wfm::plan {
namespace {

using namespace std::chrono_literals;
using report::interval_outcome;

// The channel's history on the plan grid.
channel_history on_grid(const channel_history& h, interval_grid grid, const std::string& name) {
    if (h.volume.grid() == grid) {
        return h;
    }
    if (!h.volume.grid().divides(grid) || h.volume.grid().minutes() > grid.minutes()) {
        throw invalid_argument(fmt::format("plan: {} history is on a {} grid, which cannot be "
                                           "aggregated to the plan's {}",
                                           name, h.volume.grid().name(), grid.name()));
    }
    channel_history out{aggregate_counts(h.volume, grid).series, std::nullopt};
    if (h.aht_s) {
        out.aht_s = aggregate_weighted_mean(*h.aht_s, h.volume, grid);
    }
    return out;
}

local_date last_day(const time_series& s) {
    for (std::size_t i = s.size(); i-- > 0;) {
        if (s.state(i) != slot_state::closed) {
            return day_of(s.time_at(i));
        }
    }
    throw invalid_argument("plan: the history has no open interval");
}

bool in_pool(const std::vector<std::string>& pool, const erlang::channel_settings& ch) {
    return std::find(pool.begin(), pool.end(), ch.name) != pool.end();
}

// Pool `p`'s name: as configured, else its queue names joined by `+`.
std::string pool_name(const plan_config& config, std::size_t p) {
    if (p < config.pool_names.size() && !config.pool_names[p].empty()) {
        return config.pool_names[p];
    }
    return fmt::format("{}", fmt::join(config.pools[p], "+"));
}

// The name of the pool whose schedule covers the queue.
std::string pool_of(const plan_config& config, const erlang::channel_settings& ch) {
    for (std::size_t p = 0; p < config.pools.size(); ++p) {
        if (in_pool(config.pools[p], ch)) {
            return pool_name(config, p);
        }
    }
    return ch.name;
}

// Inside the queue's opening hours and not on a calendar-closed date.
bool in_hours(const erlang::channel_settings& ch, timestamp t,
              const forecast::special_days& calendar) {
    return erlang::is_open(ch, t) && !calendar.closed(day_of(t));
}

// The interval's AHT: forecast, else the queue's aht_s; none needed without contacts.
double aht_at(const erlang::channel_settings& ch, const std::optional<time_series>& aht,
              timestamp t, double volume) {
    const auto a = aht ? aht->index_of(t) : std::nullopt;
    if (a && aht->observed(*a)) {
        return aht->value(*a);
    }
    if (ch.aht) {
        return ch.aht->count();
    }
    if (volume <= 0.0) {
        return 0.0;
    }
    throw invalid_argument(
        fmt::format("plan: queue '{}' has no AHT history for {} and no aht_s in its settings",
                    ch.name, format_timestamp(t)));
}

// The forecast volume (after self-service), its interval and AHT on each interval of the week.
// Outside the opening hours (and on closed dates) everything is 0 and the interval is closed;
// inside configured hours an interval without a forecast value is open with volume 0.
void fill_forecast(channel_week& w, const erlang::channel_settings& ch,
                   const std::optional<time_series>& aht, timestamp week_t, interval_grid grid,
                   const forecast::special_days& calendar) {
    const auto slots = static_cast<std::size_t>(grid.slots_per_week());
    w.intervals.resize(slots);
    w.open.assign(slots, false);
    for (std::size_t i = 0; i < slots; ++i) {
        const timestamp t = week_t + grid.step() * static_cast<long>(i);
        auto& o = w.intervals[i];
        o.start = t;
        const auto k = w.forecast.point.index_of(t);
        const bool forecast = k && w.forecast.point.observed(*k);
        w.open[i] = in_hours(ch, t, calendar) && (forecast || ch.open);
        o.open = w.open[i];
        if (!w.open[i] || !forecast) {
            o.aht_s = w.open[i] ? aht_at(ch, aht, t, 0.0) : 0.0;
            continue;
        }
        const double keep = 1.0 - ch.self_service_rate;
        o.volume = w.forecast.point.value(*k) * keep;
        o.volume_lower = w.forecast.lower.value(*k) * keep;
        o.volume_upper = w.forecast.upper.value(*k) * keep;
        o.aht_s = aht_at(ch, aht, t, o.volume);
    }
}

// One template's use in a pool's schedule: headcount, paid hours and, with an hourly rate,
// cost; adds its on-duty and break time (breaks and meals count as on duty) to `sum`.
report::template_usage usage_of(const pool_schedule& pool, std::size_t k,
                                const std::optional<double>& hourly_rate,
                                report::schedule_summary& sum) {
    const auto& t = pool.problem.templates[k];
    const double hours = static_cast<double>(pool.problem.interval_minutes) / 60.0;
    int breaks = 0;
    int unpaid = 0;
    for (const auto& b : t.breaks) {
        breaks += b.length;
        unpaid += b.paid ? 0 : b.length;
    }
    report::template_usage u;
    u.name = t.name;
    long days = 0;
    for (const auto& tour : pool.solution.tours) {
        if (static_cast<std::size_t>(tour.template_index) == k) {
            ++u.headcount;
            days +=
                std::count_if(tour.starts.begin(), tour.starts.end(), [](int s) { return s >= 0; });
        }
    }
    const auto d = static_cast<double>(days);
    u.paid_hours = d * (t.length - unpaid) * hours;
    sum.on_duty_hours += d * t.length * hours;
    sum.break_hours += d * breaks * hours;
    if (hourly_rate) {
        u.cost = u.paid_hours * *hourly_rate;
    }
    return u;
}

// A pool's schedule as the report shows it: status, objective, bound, template use, on-duty
// and break hours. The problem's templates are made from the configured ones, one each in
// order (schedule::make_problem), so the hourly rates are taken from there by index; a
// mismatch is a bug, reported when a rate would be misattributed.
report::schedule_summary summary_of(const pool_schedule& pool,
                                    const schedule::schedule_config& shifts) {
    const auto& problem = pool.problem;
    const auto& solution = pool.solution;
    const bool rated = std::any_of(shifts.templates.begin(), shifts.templates.end(),
                                   [](const auto& spec) { return spec.hourly_rate.has_value(); });
    const bool one_to_one =
        shifts.templates.size() == problem.templates.size() &&
        std::equal(shifts.templates.begin(), shifts.templates.end(), problem.templates.begin(),
                   [](const auto& spec, const auto& t) { return spec.name == t.name; });
    if (rated && !one_to_one) {
        throw invalid_argument(fmt::format(
            "plan: pool '{}': the schedule's {} templates do not match the {} configured ones",
            pool.name, problem.templates.size(), shifts.templates.size()));
    }
    report::schedule_summary sum;
    sum.pool = pool.name;
    sum.status = solution.status == schedule::solve_status::feasible
                     ? "feasible"
                     : "infeasible: " + solution.message;
    sum.objective = solution.objective;
    sum.lower_bound = solution.lower_bound;
    sum.objective_unit = "objective";
    sum.solver_seconds = solution.seconds;
    for (std::size_t k = 0; k < problem.templates.size(); ++k) {
        auto u =
            usage_of(pool, k, one_to_one ? shifts.templates[k].hourly_rate : std::nullopt, sum);
        if (u.headcount > 0) {
            sum.templates.push_back(std::move(u));
        }
    }
    return sum;
}

// A queue's targets, settings and the intervals that have anything to show: open intervals,
// covered ones, and with opening hours every interval (closed ones with `open` false).
report::channel_plan channel_plan_of(const erlang::channel_settings& ch, const channel_week& w,
                                     const std::string& pool) {
    report::channel_plan cp;
    cp.name = ch.name;
    cp.channel = ch.channel;
    cp.pool = pool;
    cp.target.service_level = ch.goals.service_level.value_or(0.0);
    cp.target.threshold =
        std::chrono::seconds{static_cast<long>(std::lround(ch.goals.sl_time.count()))};
    cp.target.sl_variant = std::string{erlang::sl_definition_name(ch.goals.sl_kind)};
    cp.target.max_abandon = ch.goals.max_abandon;
    if (ch.goals.max_asa) {
        cp.target.max_asa_s = ch.goals.max_asa->count();
    }
    cp.target.max_occupancy = ch.goals.max_occupancy;
    cp.shrinkage = ch.shrinkage;
    cp.self_service_rate = ch.self_service_rate;
    cp.concurrency = ch.concurrency;
    for (std::size_t i = 0; i < w.intervals.size(); ++i) {
        if (w.open[i] || w.intervals[i].scheduled > 0.0 || ch.open) {
            cp.intervals.push_back(w.intervals[i]);
        }
    }
    return cp;
}

// The channel's rolling-origin backtest over the history before the forecast origin; a note
// instead when the history is too short.
void add_backtest(report::plan_report& rep, const plan_config& config, const channel_week& w,
                  const std::string& name, timestamp origin,
                  const forecast::special_days& calendar) {
    const auto before = clip(w.history.volume, w.history.volume.start(), origin);
    report::backtest_table table;
    table.channel = name;
    table.chosen_method = w.forecast.method.name();
    forecast::backtest_options bo;
    bo.horizon = 7 * 24h;
    bo.level = config.level;
    bo.calendar = calendar;
    std::vector<timestamp> origins;
    try {
        origins = forecast::weekly_origins(before, config.backtest_origins, bo.horizon);
    } catch (const invalid_argument& e) {
        rep.notes.push_back(fmt::format("{}: no backtest ({})", name, e.what()));
    }
    if (origins.empty()) {
        return;
    }
    const auto bt = forecast::backtest(before, origins, bo);
    table.origins = static_cast<int>(bt.origins.size());
    for (const auto& m : bt.methods) {
        table.rows.push_back({m.method.name(), m.overall.mae, m.overall.rmse, m.overall.wape,
                              m.overall.mase, m.overall.bias, m.overall.coverage});
    }
    rep.backtests.push_back(std::move(table));
}

} // namespace

void predict_interval(report::interval_outcome& o, const erlang::channel_settings& ch,
                      double available, std::chrono::minutes step) {
    const erlang::seconds_d interval{static_cast<double>(step.count()) * 60.0};
    if (o.volume <= 0.0 || erlang::below_min_volume(o.volume, interval)) {
        return; // no contacts to predict for
    }
    const auto q = erlang::channel_queue(ch, o.volume / (1.0 - ch.self_service_rate), interval,
                                         erlang::seconds_d{o.aht_s});
    if (available <= 1e-9) {
        o.service_level = 0.0;
        o.answer_rate = ch.kind == erlang::model::erlang_c ? std::optional<double>{} : 0.0;
        o.abandon = ch.kind == erlang::model::erlang_a ? std::optional<double>{1.0} : std::nullopt;
        return;
    }
    const auto m = erlang::evaluate(q, available, ch.goals.sl_time);
    if (!m.stable) { // Erlang C overloaded: the queue grows without bound
        o.service_level = 0.0;
        o.occupancy = 1.0;
        return;
    }
    o.service_level = m.service_level(ch.goals.sl_kind);
    o.asa_s = m.asa_served_s;
    o.abandon = m.p_abandon;
    o.answer_rate = m.answer_rate();
    o.occupancy = m.occupancy;
}

week_plan forecast_week(const plan_config& config,
                        const std::map<std::string, channel_history>& history,
                        const forecast::special_days& calendar) {
    const interval_grid grid = config.grid;
    week_plan plan;
    local_date end_day{};
    for (std::size_t c = 0; c < config.channels.size(); ++c) {
        const auto& ch = config.channels[c];
        const auto it = history.find(ch.name);
        if (it == history.end()) {
            throw invalid_argument(fmt::format("plan: no history for channel '{}'", ch.name));
        }
        channel_week w;
        w.channel = c;
        w.history = on_grid(it->second, grid, ch.name);
        end_day = std::max(end_day, last_day(w.history.volume));
        plan.channels.push_back(std::move(w));
    }
    // The first `week_start` weekday after the history.
    const auto back = (weekday_index(end_day) - config.week_start + 7) % 7;
    plan.week = config.week ? *config.week : end_day - std::chrono::days{back - 7};
    const timestamp week_t{plan.week};
    plan.origin = std::min(week_t, timestamp{end_day + std::chrono::days{1}});
    const auto horizon = std::chrono::duration_cast<std::chrono::minutes>(
        week_t + std::chrono::days{7} - plan.origin);
    for (auto& w : plan.channels) {
        const auto& ch = config.channels[w.channel];
        forecast::forecast_options fo;
        fo.method = config.method;
        fo.horizon = horizon;
        fo.level = config.level;
        fo.calendar = calendar;
        w.forecast = forecast::forecast(w.history.volume, plan.origin, fo);
        std::optional<time_series> aht;
        if (w.history.aht_s) {
            aht = forecast::forecast_aht(*w.history.aht_s, w.history.volume, plan.origin, horizon);
        }
        fill_forecast(w, ch, aht, week_t, grid, calendar);
    }
    return plan;
}

std::vector<staffing_row> staff_week(const plan_config& config, week_plan& week) {
    const auto slots = static_cast<std::size_t>(config.grid.slots_per_week());
    const erlang::seconds_d interval_s{static_cast<double>(config.grid.step().count()) * 60.0};
    std::vector<staffing_row> rows;
    for (std::size_t i = 0; i < slots; ++i) {
        for (auto& w : week.channels) {
            if (!w.open[i]) {
                continue;
            }
            const auto& ch = config.channels[w.channel];
            auto& o = w.intervals[i];
            const double keep = 1.0 - ch.self_service_rate;
            const double total = o.volume / keep;
            const auto r =
                erlang::staff_interval(ch, total, interval_s, erlang::seconds_d{o.aht_s});
            o.required = r.scheduled_agents;
            o.required_fractional =
                std::max(erlang::scheduled_agents(r.staffed.agents_fractional, ch.shrinkage),
                         static_cast<double>(ch.min_agents));
            rows.push_back({o.start, w.channel, total, o.volume_lower / keep, o.volume_upper / keep,
                            o.aht_s, r});
        }
    }
    return rows;
}

std::vector<pool_schedule> schedule_pools(const plan_config& config, const week_plan& week) {
    const auto slots = static_cast<std::size_t>(config.grid.slots_per_week());
    std::vector<pool_schedule> out;
    for (const auto& pool : config.pools) {
        std::vector<double> required(slots, 0.0);
        for (const auto& w : week.channels) {
            if (!in_pool(pool, config.channels[w.channel])) {
                continue;
            }
            for (std::size_t i = 0; i < slots; ++i) {
                required[i] += w.intervals[i].required;
            }
        }
        pool_schedule s;
        s.name = pool_name(config, out.size());
        s.problem = decode::rooted("/shifts", [&] {
            return schedule::make_problem(config.shifts, config.grid.minutes(), required);
        });
        s.solution = schedule::solve(s.problem, config.solver);
        out.push_back(std::move(s));
    }
    return out;
}

void predict_outcome(const plan_config& config, const std::vector<pool_schedule>& pools,
                     week_plan& week) {
    const auto slots = static_cast<std::size_t>(config.grid.slots_per_week());
    for (std::size_t p = 0; p < config.pools.size(); ++p) {
        const auto& pool = config.pools[p];
        const auto& coverage = pools[p].solution.coverage;
        for (std::size_t i = 0; i < slots; ++i) {
            double total_required = 0.0;
            std::size_t members = 0;
            for (const auto& w : week.channels) {
                if (in_pool(pool, config.channels[w.channel])) {
                    total_required += w.intervals[i].required;
                    members += w.open[i] ? 1U : 0U;
                }
            }
            const double c = i < coverage.size() ? coverage[i] : 0.0;
            for (auto& w : week.channels) {
                const auto& ch = config.channels[w.channel];
                if (!in_pool(pool, ch)) {
                    continue;
                }
                auto& o = w.intervals[i];
                const double share = total_required > 0.0       ? o.required / total_required
                                     : members > 0 && w.open[i] ? 1.0 / static_cast<double>(members)
                                                                : 0.0;
                o.scheduled = c * share;
                if (w.open[i]) {
                    predict_interval(o, ch, o.scheduled * (1.0 - ch.shrinkage), config.grid.step());
                }
            }
        }
    }
}

report::plan_report build_report(const plan_config& config, const week_plan& week,
                                 const std::vector<pool_schedule>& pools,
                                 const forecast::special_days& calendar) {
    report::plan_report rep;
    rep.title = config.title;
    rep.week_start = week.week;
    rep.grid = config.grid;
    rep.standard_working_day = config.standard_day;
    rep.lang = config.lang;
    rep.contract_hours_per_week = config.contract_hours_per_week;
    for (const auto& pool : pools) {
        rep.schedules.push_back(summary_of(pool, config.shifts));
    }
    for (const auto& w : week.channels) {
        const auto& ch = config.channels[w.channel];
        rep.channels.push_back(channel_plan_of(ch, w, pool_of(config, ch)));
        if (config.backtest_origins > 0) {
            add_backtest(rep, config, w, ch.name, week.origin, calendar);
        }
    }
    return rep;
}

plan_result run_plan(const plan_config& config,
                     const std::map<std::string, channel_history>& history,
                     const forecast::special_days& calendar, const plan_progress& progress) {
    constexpr int steps = 5;
    const auto say = [&](int k, const std::string& what) {
        if (progress) {
            progress(k, steps, what);
        }
    };
    if (config.channels.empty()) {
        throw invalid_argument("plan: no channels");
    }
    // The shift rules must fit the grid before any work is done.
    (void)decode::rooted("/shifts", [&] {
        return schedule::make_problem(
            config.shifts, config.grid.minutes(),
            std::vector<double>(static_cast<std::size_t>(config.grid.slots_per_week()), 0.0));
    });
    say(1, "forecasting");
    week_plan week = forecast_week(config, history, calendar);
    say(2, "staffing");
    plan_result result;
    result.channels = config.channels;
    result.staffing = staff_week(config, week);
    say(3, "scheduling");
    result.pools = schedule_pools(config, week);
    say(4, "predicting the outcome");
    predict_outcome(config, result.pools, week);
    say(5, "backtesting and reporting");
    result.report = build_report(config, week, result.pools, calendar);
    if (config.simulate_replications > 0) {
        // plan.json's "simulate": the discrete-event check of the week just planned.
        const auto model = make_plan_model(result.report, config.channels, config.shifts,
                                           schedule_lines_of(result));
        result.report.simulation = simulation_check_of(simulate_plan(
            result.report, model,
            {.replications = config.simulate_replications, .seed = config.simulate_seed}));
    }
    return result;
}

} // namespace wfm::plan
