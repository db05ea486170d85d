// `wfm schedule`: weekly shifts (tours with breaks and days off) that fit interval requirements.
#include "commands.hpp"
#include "number_flags.hpp"

#include <wfm/core/duration.hpp>
#include <wfm/core/error.hpp>
#include <wfm/core/time.hpp>
#include <wfm/io/csv.hpp>
#include <wfm/io/json.hpp>
#include <wfm/io/requirements_csv.hpp>
#include <wfm/io/schedule_csv.hpp>
#include <wfm/io/schedule_summary.hpp>
#include <wfm/schedule/config.hpp>
#include <wfm/schedule/solve.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace wfm::app {
namespace {

struct schedule_args {
    std::string requirements;
    std::string config;
    std::string channel;
    std::string column;
    std::uint64_t seed = 1;
    std::string time_limit = "5s";
    std::uint64_t iterations = 0;
    bool no_bound = false;
    bool time_limit_given = false;
    std::string start = "auto";
    std::string output;
    std::string coverage;
    std::string summary;
};

/// `5s`, `500ms`, `2m` or a plain number of seconds (as documented), at most a day.
std::chrono::milliseconds parse_time_limit(const std::string& text) {
    static const duration_syntax syntax{
        .context = "schedule: --time-limit",
        .expected = "a duration like 5s, 500ms or 2m",
        .units = {duration_unit::milliseconds, duration_unit::seconds, duration_unit::minutes},
        .min = std::chrono::milliseconds{0},
        .max = std::chrono::hours{24}};
    const auto d = parse_duration(text, duration_unit::seconds, syntax);
    return std::chrono::milliseconds{static_cast<long>(d.count())};
}

void run_schedule(const schedule_args& a) {
    const auto limit = parse_time_limit(a.time_limit);
    const nlohmann::json doc = io::read_json_file(a.config);
    schedule::schedule_config config;
    try {
        config = schedule::config_from_json(doc);
    } catch (const config_error& e) {
        throw error(fmt::format("{}: {}", a.config, e.what()), exit_code::config_error);
    }
    io::requirements_read_options read;
    read.column = a.column;
    read.channel = a.channel;
    read.interval_minutes = config.interval_minutes;
    read.week_start = config.week_start;
    read.interval_source = a.config;
    const io::week_requirements week = io::read_requirements_csv(a.requirements, read);
    schedule::problem p;
    try {
        p = schedule::make_problem(config, week.interval_minutes, week.required);
    } catch (const config_error& e) {
        throw error(fmt::format("{}: {}", a.config, e.what()), exit_code::config_error);
    }
    schedule::solve_options options;
    options.seed = a.seed;
    options.time_limit = limit;
    options.max_iterations = a.iterations;
    options.compute_bound = !a.no_bound;
    options.start = a.start == "lp"       ? schedule::solve_options::start_kind::lp
                    : a.start == "greedy" ? schedule::solve_options::start_kind::greedy
                                          : schedule::solve_options::start_kind::automatic;
    if (a.iterations > 0 && !a.time_limit_given) {
        options.time_limit = std::chrono::hours{24}; // an iteration budget alone decides
    }
    const schedule::solution s = schedule::solve(p, options);

    io::output_files out;
    out.add_input(a.requirements);
    out.add_input(a.config);
    out.add(a.output, io::format_schedule_csv(p, s));
    if (!a.coverage.empty()) {
        out.add(a.coverage, io::format_coverage_csv(p, s, week.first_day));
    }
    if (!a.summary.empty()) {
        out.add(a.summary, io::format_schedule_summary_json(p, s, a.seed, week.first_day));
    }
    out.commit();
    std::fputs(fmt::format("schedule: {} agents, objective {:.6g}, fit {:.4f}, shortage {:.4f}, "
                           "redundancy {:.4f}, {}\n",
                           s.metrics.headcount, s.objective, s.metrics.fit,
                           s.metrics.shortage_ratio, s.metrics.redundancy_ratio,
                           s.lower_bound ? fmt::format("bound {:.6g} (gap {:.2f}%)", *s.lower_bound,
                                                       100.0 * s.gap.value_or(0.0))
                                         : s.bound_note)
                   .c_str(),
               stdout);
    if (s.status != schedule::solve_status::feasible) {
        throw error(fmt::format("schedule: infeasible: {}", s.message), exit_code::infeasible);
    }
}

void add_schedule(CLI::App& app) {
    auto args = std::make_shared<schedule_args>();
    auto* sub = app.add_subcommand(
        "schedule", "Weekly shifts (tours, breaks, days off) fitting interval requirements");
    sub->add_option("--requirements", args->requirements,
                    "Requirements CSV (wfm staff output, or interval_start,required)")
        ->required();
    sub->add_option("--config", args->config, "Schedule configuration (JSON)")->required();
    sub->add_option("--channel", args->channel, "Use the rows of this channel");
    sub->add_option("--column", args->column,
                    "Requirement column (default scheduled_agents, else required)");
    add_whole_flag(sub, "--seed", args->seed, std::uint64_t{0},
                   std::numeric_limits<std::uint64_t>::max(), "Random seed")
        ->capture_default_str();
    auto* limit = sub->add_option("--time-limit", args->time_limit,
                                  "Wall-clock limit: 5s, 500ms, 2m (with --iterations: a cap)")
                      ->capture_default_str();
    add_whole_flag(sub, "--iterations", args->iterations, std::uint64_t{1},
                   std::uint64_t{1'000'000'000},
                   "Search iterations, 1..1000000000 (results then do not depend on the machine)");
    sub->add_flag("--no-bound", args->no_bound, "Skip the lower bound");
    add_choice_flag(sub, "--start", args->start, {"auto", "greedy", "lp"},
                    "Starting schedule, auto (LP-guided in the weighted and full-coverage modes "
                    "when the LP has at most 400 coverage rows, else greedy), lp or greedy");
    sub->add_option("-o,--output", args->output, "Schedule CSV, one row per agent")->required();
    sub->add_option("--coverage", args->coverage,
                    "Coverage CSV: interval_start,required,scheduled,diff");
    sub->add_option("--summary", args->summary, "Summary JSON");
    sub->callback([args, limit] {
        args->time_limit_given = limit->count() > 0;
        run_schedule(*args);
    });
}

} // namespace

WFM_REGISTER_COMMAND(40, add_schedule);

} // namespace wfm::app
