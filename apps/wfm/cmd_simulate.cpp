// `wfm simulate`: the discrete-event check of a queue against its forecast and coverage
// (docs/cli.md, "wfm simulate").
#include "commands.hpp"
#include "number_flags.hpp"

#include <wfm/core/error.hpp>
#include <wfm/io/output_files.hpp>
#include <wfm/io/sim_csv.hpp>
#include <wfm/sim/day_sim.hpp>

#include <fmt/format.h>

#include <cstdint>
#include <filesystem>
#include <limits>
#include <memory>
#include <string>

namespace wfm::app {
namespace {

struct simulate_args {
    std::string forecast;
    std::string coverage;
    double aht_s = 0.0;
    double patience_s = 0.0;
    double sl_time_s = 20.0;
    int replications = 200;
    std::uint64_t seed = 1;
    std::string out;
};

void run_simulate(const simulate_args& a) {
    if (a.forecast.empty() || a.coverage.empty() || a.out.empty()) {
        throw invalid_argument("simulate: needs --forecast, --coverage and -o");
    }
    const auto in = io::read_sim_inputs(a.forecast, a.coverage);
    const double len = std::chrono::duration<double>(in.grid.step()).count();
    sim::sim_model m;
    m.interval_s = len;
    m.intervals = static_cast<int>(in.volume.size());
    m.sl_time_s = a.sl_time_s;
    sim::sim_queue q;
    for (const double v : in.volume) {
        q.arrivals_per_s.push_back(v / len);
    }
    q.handle = sim::duration_dist::exponential(a.aht_s);
    q.patience = sim::duration_dist::exponential(a.patience_s);
    m.queues.push_back(std::move(q));
    m.pools.push_back(sim::pool_from_coverage(in.agents, len));
    const auto r = sim::simulate(m, {.replications = a.replications, .seed = a.seed});
    io::output_files out;
    out.add(a.out, io::format_sim_csv(in.grid, in.start, r.queues.at(0)));
    out.commit();
}

void add_simulate(CLI::App& app) {
    auto args = std::make_shared<simulate_args>();
    auto* sub = app.add_subcommand(
        "simulate", "Simulate a queue interval by interval (discrete events, with 95% CIs)");
    sub->add_option("--forecast", args->forecast, "forecast CSV: interval_start,volume");
    sub->add_option("--coverage", args->coverage, "coverage CSV: interval_start,agents");
    add_real_flag(sub, "--aht-s", args->aht_s, 0.0, 86400.0, bounds::open_low,
                  "Mean (exponential) handle time in seconds, (0, 86400]")
        ->required();
    add_real_flag(sub, "--patience-s", args->patience_s, 0.0, 86400.0, bounds::open_low,
                  "Mean (exponential) patience in seconds, (0, 86400]")
        ->required();
    add_real_flag(sub, "--sl-time", args->sl_time_s, 0.0, 86400.0, bounds::closed,
                  "Service-level threshold t in seconds")
        ->capture_default_str();
    add_whole_flag(sub, "--replications", args->replications, 2, 100000,
                   "Independent replications, 2..100000")
        ->capture_default_str();
    add_whole_flag(sub, "--seed", args->seed, std::uint64_t{0},
                   std::numeric_limits<std::uint64_t>::max(),
                   "Random seed; the same seed gives the same file")
        ->capture_default_str();
    sub->add_option("-o,--output", args->out, "Output sim.csv");
    sub->callback([args] { run_simulate(*args); });
}

} // namespace

WFM_REGISTER_COMMAND(75, add_simulate);

} // namespace wfm::app
