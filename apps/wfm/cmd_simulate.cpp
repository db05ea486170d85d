// `wfm simulate`: the discrete-event check of a plan's week (`--plan DIR`), or of one queue
// against its forecast and coverage (docs/cli.md, "wfm simulate").
#include "commands.hpp"
#include "number_flags.hpp"
#include "plan_sim_input.hpp"

#include <wfm/core/error.hpp>
#include <wfm/io/json.hpp>
#include <wfm/io/output_files.hpp>
#include <wfm/io/review.hpp>
#include <wfm/io/schedule_csv.hpp>
#include <wfm/io/sim_csv.hpp>
#include <wfm/plan/config.hpp>
#include <wfm/plan/simulate.hpp>
#include <wfm/report/sim_page.hpp>
#include <wfm/sim/day_sim.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdio>

#include <cstdint>
#include <filesystem>
#include <limits>
#include <memory>
#include <string>

namespace wfm::app {
namespace {

struct simulate_args {
    std::string plan;
    std::string config;
    std::string forecast;
    std::string coverage;
    double aht_s = 0.0;
    double patience_s = 0.0;
    double sl_time_s = 20.0;
    int replications = 200;
    std::uint64_t seed = 1;
    std::string lang;
    std::string out;
};

namespace fs = std::filesystem;

// The schedule CSV's lines as the plan module takes them.
std::vector<plan::schedule_line> schedule_lines(const fs::path& path) {
    std::vector<plan::schedule_line> out;
    for (const auto& l : io::read_schedule_csv(path)) {
        plan::schedule_line s;
        s.pool = l.pool;
        s.line = l.line;
        s.template_name = l.template_name;
        for (std::size_t d = 0; d < 7; ++d) {
            if (l.days[d]) {
                plan::line_day day;
                day.start_minute = l.days[d]->start_minute;
                for (const auto& b : l.days[d]->breaks) {
                    day.breaks.emplace_back(b.name, b.minute);
                }
                s.days[d] = std::move(day);
            }
        }
        out.push_back(std::move(s));
    }
    return out;
}

} // namespace

plan_sim_input load_plan_sim_input(const std::string& dir, const std::string& config_arg) {
    plan_sim_input in;
    in.dir = io::read_plan_dir(dir);
    fs::path config_path{config_arg};
    if (config_arg.empty()) {
        if (!in.dir.config) {
            throw io::file_error(fmt::format("{}: report.json names no config; give --config",
                                             (fs::path{dir} / "report.json").string()));
        }
        config_path = *in.dir.config;
        std::error_code ec;
        if (!fs::exists(config_path, ec)) {
            throw io::file_error(fmt::format("{}: the plan's config {} (from report.json's notes) "
                                             "is not there; give --config",
                                             dir, config_path.string()));
        }
    }
    const auto doc = io::read_json_file(config_path);
    try {
        in.config = plan::decode_plan_config(doc);
    } catch (const config_error& e) {
        throw error(fmt::format("{}: {}", config_path.string(), e.what()), exit_code::config_error);
    }
    in.lines = schedule_lines(fs::path{dir} / "schedule.csv");
    in.model = plan::make_plan_model(in.dir.report, in.config.channels, in.config.shifts, in.lines);
    return in;
}

namespace {

void run_plan_form(const simulate_args& a) {
    if (!a.forecast.empty() || !a.coverage.empty() || a.aht_s > 0.0 || a.patience_s > 0.0) {
        throw invalid_argument("simulate: --plan takes the forecast, AHT, patience and coverage "
                               "from the plan; drop --forecast, --coverage, --aht-s and "
                               "--patience-s");
    }
    const auto input = load_plan_sim_input(a.plan, a.config);
    const auto result = plan::simulate_plan(input.dir.report, input.model,
                                            {.replications = a.replications, .seed = a.seed});
    const std::string lang = a.lang.empty() ? input.dir.report.lang : a.lang;
    const std::string text = io::render_plan_sim_text(result, lang);
    if (!a.out.empty()) {
        const fs::path out{a.out};
        io::output_files files;
        files.add_input(fs::path{a.plan} / "report.json");
        files.add(out / "simulation.csv", io::format_plan_sim_csv(result));
        files.add(out / "report.json", io::plan_sim_json(result).dump(2) + "\n");
        files.add(out / "report.txt", text);
        files.add(out / "report.html",
                  report::render_sim_html(io::plan_sim_page(result, lang), lang));
        files.commit();
    }
    std::fputs(text.c_str(), stdout);
}

void run_simulate(const simulate_args& a) {
    if (!a.plan.empty()) {
        run_plan_form(a);
        return;
    }
    if (!a.lang.empty()) {
        throw invalid_argument("simulate: --lang needs --plan (the single-queue form writes only "
                               "sim.csv)");
    }
    if (a.forecast.empty() || a.coverage.empty() || a.out.empty() || a.aht_s <= 0.0 ||
        a.patience_s <= 0.0) {
        throw invalid_argument("simulate: needs --plan DIR, or --forecast, --coverage, --aht-s, "
                               "--patience-s and -o");
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
    sub->add_option("--plan", args->plan, "A `wfm plan --out` directory to simulate");
    sub->add_option("--config", args->config,
                    "With --plan: the plan's config (default: the one report.json names)");
    sub->add_option("--forecast", args->forecast, "forecast CSV: interval_start,volume");
    sub->add_option("--coverage", args->coverage, "coverage CSV: interval_start,agents");
    add_real_flag(sub, "--aht-s", args->aht_s, 0.0, 86400.0, bounds::open_low,
                  "Mean (exponential) handle time in seconds, (0, 86400] (not with --plan)");
    add_real_flag(sub, "--patience-s", args->patience_s, 0.0, 86400.0, bounds::open_low,
                  "Mean (exponential) patience in seconds, (0, 86400] (not with --plan)");
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
    add_choice_flag(sub, "--lang", args->lang, {"en", "zh-CN"},
                    "With --plan: report language (default: the plan's)");
    sub->add_option("-o,--output", args->out,
                    "Output sim.csv; with --plan an output directory (simulation.csv, "
                    "report.txt, report.json, report.html)");
    sub->callback([args] { run_simulate(*args); });
}

} // namespace

WFM_REGISTER_COMMAND(75, add_simulate);

} // namespace wfm::app
