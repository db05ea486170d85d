// Reading speed of interval history: 1,000,000 rows of `interval_start,calls,aht_s`.
#include <wfm/io/series_csv.hpp>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

namespace {

std::string make_history(std::size_t rows) {
    std::string text = "interval_start,calls,aht_s\n";
    text.reserve(rows * 32);
    auto t = wfm::parse_timestamp("2000-01-03T00:00");
    for (std::size_t i = 0; i < rows; ++i) {
        text += fmt::format("{},{},{}\n", wfm::format_timestamp(t), i % 97, 150 + i % 61);
        t += std::chrono::minutes{5};
    }
    return text;
}

void bm_read_series_csv(benchmark::State& state) {
    const auto rows = static_cast<std::size_t>(state.range(0));
    const std::string text = make_history(rows);
    wfm::io::series_read_options options;
    options.columns = {"calls"};
    options.optional_columns = {"aht_s"};
    for (auto _ : state) {
        auto table = wfm::io::parse_series_csv(text, "bench.csv", options);
        benchmark::DoNotOptimize(table);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
    state.SetBytesProcessed(state.iterations() * static_cast<long>(text.size()));
}

void bm_parse_csv(benchmark::State& state) {
    const std::string text = make_history(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        auto table = wfm::io::parse_csv(text, "bench.csv");
        benchmark::DoNotOptimize(table);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

} // namespace

BENCHMARK(bm_read_series_csv)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(bm_parse_csv)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
