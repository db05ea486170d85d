// Erlang staffing speed: a year of 15-minute intervals and single solves (issue 3).
#include <wfm/erlang/queue.hpp>

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace {

using namespace wfm::erlang;
using namespace std::chrono_literals;

constexpr std::size_t year_intervals = 35040; // 365 days × 96 quarter hours
constexpr double interval_s = 900.0;

// Calls per interval, 50–5,000, spread deterministically (a fixed linear congruential walk).
std::vector<double> year_volumes() {
    std::vector<double> v(year_intervals);
    std::uint64_t state = 42;
    for (double& x : v) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        x = 50.0 + static_cast<double>(state >> 11) / 9007199254740992.0 * 4950.0;
    }
    return v;
}

queue voice(model kind, double calls, double per_s) {
    queue q;
    q.arrivals_per_s = calls / per_s;
    q.aht = 240s;
    q.kind = kind;
    if (kind == model::erlang_a) {
        q.patience = 120s;
    }
    return q;
}

targets sl_targets() {
    targets t;
    t.service_level = 0.8;
    t.sl_time = 20s;
    return t;
}
const targets sl_80_20 = sl_targets();

void year(benchmark::State& state, model kind) {
    const auto volumes = year_volumes();
    for (auto _ : state) {
        long total = 0;
        for (double v : volumes) {
            total += staff(voice(kind, v, interval_s), sl_80_20).agents;
        }
        benchmark::DoNotOptimize(total);
    }
    state.counters["intervals"] = static_cast<double>(year_intervals);
    // seconds per interval (shown with an SI prefix, e.g. 2.5u = 2.5 µs)
    state.counters["s_per_interval"] = benchmark::Counter(
        static_cast<double>(year_intervals),
        benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void single(benchmark::State& state, model kind) {
    const double calls_per_hour = static_cast<double>(state.range(0));
    const queue q = voice(kind, calls_per_hour, 3600.0);
    long agents = 0;
    for (auto _ : state) {
        agents = staff(q, sl_80_20).agents;
        benchmark::DoNotOptimize(agents);
    }
    state.counters["agents"] = static_cast<double>(agents);
    state.counters["erlangs"] = offered_load(q);
}

// One full Erlang A evaluation (every metric) at 1,000 erlangs, n = 1,000.
void evaluate_a_1000(benchmark::State& state) {
    const queue q = voice(model::erlang_a, 1000.0, 240.0);
    for (auto _ : state) {
        benchmark::DoNotOptimize(evaluate(q, 1000.0, 20s));
    }
}

} // namespace

BENCHMARK_CAPTURE(year, erlang_c_staffing_35040_intervals, model::erlang_c)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(year, erlang_a_staffing_35040_intervals, model::erlang_a)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(single, erlang_c_staffing_calls_per_hour, model::erlang_c)
    ->Arg(10)
    ->Arg(1000)
    ->Arg(600000)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(single, erlang_a_staffing_calls_per_hour, model::erlang_a)
    ->Arg(10)
    ->Arg(1000)
    ->Arg(600000)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(evaluate_a_1000)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
