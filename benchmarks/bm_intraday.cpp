// Intraday re-plan speed (issue 14): plan::replan_day for one queue-day at 15 minutes, break
// re-optimisation included (target: at most 50 ms). The day is an Erlang A queue open
// 07:00–22:00 with a peak of 250 calls per 15 minutes, covered by the solver's schedule of 8-hour
// shifts with two breaks and a lunch; the reforecast is the day-ahead forecast scaled from 10:00.
#include <wfm/erlang/channel.hpp>
#include <wfm/plan/intraday.hpp>
#include <wfm/schedule/solve.hpp>

#include <benchmark/benchmark.h>

#include <chrono>
#include <cmath>
#include <cstddef>
#include <vector>

namespace {

using namespace wfm;
constexpr int periods = 96;
constexpr int open_from = 28; // 07:00
constexpr int open_to = 88;   // 22:00

erlang::channel_settings voice() {
    erlang::channel_settings c;
    c.name = "voice";
    c.kind = erlang::model::erlang_a;
    c.aht = erlang::seconds_d{280.0};
    c.patience = erlang::seconds_d{120.0};
    c.goals.service_level = 0.8;
    c.goals.sl_time = erlang::seconds_d{20.0};
    c.shrinkage = 0.15;
    return c;
}

std::vector<double> day_ahead() {
    std::vector<double> v(periods, 0.0);
    for (int t = open_from; t < open_to; ++t) {
        const double h = t / 4.0;
        v[static_cast<std::size_t>(t)] = 40.0 + 210.0 * std::exp(-std::pow(h - 11.0, 2) / 4.0) +
                                         150.0 * std::exp(-std::pow(h - 16.0, 2) / 5.0);
    }
    return v;
}

std::vector<double> requirement(const std::vector<double>& v) {
    std::vector<double> r(periods, 0.0);
    for (int t = open_from; t < open_to; ++t) {
        r[static_cast<std::size_t>(t)] =
            erlang::staff_interval(voice(), v[static_cast<std::size_t>(t)],
                                   erlang::seconds_d{900.0})
                .scheduled_agents;
    }
    return r;
}

plan::intraday_input day_input(double factor) {
    const auto planned = day_ahead();
    schedule::problem p;
    p.interval_minutes = 15;
    p.days = 1;
    p.periods_per_day = periods;
    p.required = requirement(planned);
    schedule::shift_template t;
    t.name = "day 8h";
    t.length = 32;
    for (int s = open_from; s <= open_to - 32; ++s) {
        t.starts.push_back(s);
    }
    t.cost = 8.0;
    t.breaks = {{"break1", 1, 6, 10, true}, {"lunch", 2, 14, 20, false}, {"break2", 1, 22, 27}};
    p.templates = {t};
    p.patterns = schedule::single_day_patterns(1);
    schedule::solve_options o;
    o.max_iterations = 100000;
    const auto sol = schedule::solve(p, o);
    schedule::schedule_config config;
    plan::intraday_input in;
    in.day = local_date{std::chrono::year{2026} / 12 / 2};
    in.step = std::chrono::minutes{15};
    in.now = 40; // 10:00
    in.lines = plan::published_lines(p, sol.tours, config, 0, "voice");
    plan::intraday_queue q;
    q.settings = voice();
    q.pool = "voice";
    q.volume = planned;
    for (int t = in.now; t < periods; ++t) {
        q.volume[static_cast<std::size_t>(t)] *= factor;
    }
    q.aht_s.assign(periods, 280.0);
    q.open.assign(periods, false);
    for (int t = open_from; t < open_to; ++t) {
        q.open[static_cast<std::size_t>(t)] = true;
    }
    q.planned_required = p.required;
    in.queues = {q};
    return in;
}

// Argument: the reforecast in percent of the day-ahead forecast (120: overtime and break
// moves; 80: time off; 100: the check that nothing is needed).
void bm_replan_day(benchmark::State& state) {
    const auto in = day_input(static_cast<double>(state.range(0)) / 100.0);
    std::size_t actions = 0;
    for (auto _ : state) {
        const auto r = plan::replan_day(in);
        actions = r.actions.size();
        benchmark::DoNotOptimize(actions);
    }
    state.counters["lines"] = static_cast<double>(in.lines.size());
    state.counters["actions"] = static_cast<double>(actions);
}

} // namespace

BENCHMARK(bm_replan_day)->Arg(120)->Arg(80)->Arg(100)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
