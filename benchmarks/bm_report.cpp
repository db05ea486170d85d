// Cost of the sample generator and of the plan report (summary and the three renderers) on a
// realistic week: 3 channels × 672 fifteen-minute intervals, 2 schedules, 3 backtest tables.
#include "../tests/report/example_report.hpp"

#include <wfm/report/fit.hpp>
#include <wfm/report/plan_report.hpp>
#include <wfm/sim/synthetic.hpp>

#include <nlohmann/json.hpp>

#include <benchmark/benchmark.h>

namespace {

void bm_generate_history(benchmark::State& state) {
    const auto options = wfm::sim::sample_options(static_cast<int>(state.range(0)), 1);
    for (auto _ : state) {
        benchmark::DoNotOptimize(wfm::sim::generate_history(options));
    }
    state.SetLabel(std::to_string(state.range(0)) + " weeks, 3 channels");
}
BENCHMARK(bm_generate_history)->Arg(8)->Arg(52)->Unit(benchmark::kMillisecond);

void bm_fit_by_day(benchmark::State& state) {
    const auto report = wfm::test::example_report();
    std::vector<wfm::timestamp> times;
    std::vector<double> required;
    std::vector<double> scheduled;
    for (const auto& x : report.channels[0].intervals) {
        times.push_back(x.start);
        required.push_back(x.required);
        scheduled.push_back(x.scheduled);
    }
    for (auto _ : state) {
        benchmark::DoNotOptimize(wfm::report::fit_by_day(times, required, scheduled));
    }
    state.SetItemsProcessed(state.iterations() * static_cast<long>(times.size()));
}
BENCHMARK(bm_fit_by_day);

void bm_summarise(benchmark::State& state) {
    const auto report = wfm::test::example_report();
    for (auto _ : state) {
        benchmark::DoNotOptimize(wfm::report::summarise(report));
    }
}
BENCHMARK(bm_summarise)->Unit(benchmark::kMicrosecond);

void bm_render_text(benchmark::State& state) {
    const auto report = wfm::test::example_report();
    for (auto _ : state) {
        benchmark::DoNotOptimize(wfm::report::render_text(report));
    }
}
BENCHMARK(bm_render_text)->Unit(benchmark::kMicrosecond);

void bm_to_json_dump(benchmark::State& state) {
    const auto report = wfm::test::example_report();
    for (auto _ : state) {
        benchmark::DoNotOptimize(wfm::report::to_json(report).dump(2));
    }
}
BENCHMARK(bm_to_json_dump)->Unit(benchmark::kMillisecond);

void bm_render_html(benchmark::State& state) {
    const auto report = wfm::test::example_report();
    std::size_t bytes = 0;
    for (auto _ : state) {
        const std::string html = wfm::report::render_html(report);
        bytes = html.size();
        benchmark::DoNotOptimize(html.data());
    }
    state.SetLabel(std::to_string(bytes / 1024) + " KiB page");
}
BENCHMARK(bm_render_html)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
