// `wfm roster`: rosters for named agents over 1–6 weeks (the weekly anonymous lines assigned to
// agents under contracts, availability, leave, skills, rest and fairness), with iCalendar files.
#include "commands.hpp"
#include "number_flags.hpp"
#include "roster_files.hpp"

#include <wfm/core/duration.hpp>
#include <wfm/core/error.hpp>
#include <wfm/core/time.hpp>
#include <wfm/io/json.hpp>
#include <wfm/io/output_files.hpp>
#include <wfm/io/roster_csv.hpp>
#include <wfm/roster/roster.hpp>
#include <wfm/schedule/config.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <limits>
#include <memory>
#include <string>

namespace wfm::app {
namespace {

struct roster_args {
    std::string requirements;
    std::string config;
    std::string agents;
    std::string leave;
    std::string column;
    int weeks = 0;
    std::string start;
    std::uint64_t seed = 1;
    std::uint64_t iterations = 0;
    std::string time_limit = "30s";
    std::string out;
};

std::chrono::milliseconds roster_time_limit(const std::string& text) {
    static const duration_syntax syntax{
        .context = "roster: --time-limit",
        .expected = "a duration like 30s, 500ms or 2m",
        .units = {duration_unit::milliseconds, duration_unit::seconds, duration_unit::minutes},
        .min = std::chrono::milliseconds{1},
        .max = std::chrono::hours{24}};
    return std::chrono::milliseconds{
        static_cast<long>(parse_duration(text, duration_unit::seconds, syntax).count())};
}

/// The schedule configuration and its roster rules; config errors name the file and JSON path.
roster::roster_input read_config(const std::string& path) {
    const nlohmann::json doc = io::read_json_file(path);
    roster::roster_input in;
    try {
        in.config = schedule::config_from_json(doc);
        in.rules = roster::rules_from_json(doc);
    } catch (const config_error& e) {
        throw error(fmt::format("{}: {}", path, e.what()), exit_code::config_error);
    }
    return in;
}

void run_roster(const roster_args& a) {
    const auto limit = roster_time_limit(a.time_limit);
    roster::roster_input in = read_config(a.config);
    io::horizon_read_options read;
    read.column = a.column;
    read.interval_minutes = in.config.interval_minutes;
    read.week_start = in.config.week_start;
    if (!a.start.empty()) {
        read.start = parse_date(a.start);
        in.config.week_start = weekday_index(*read.start); // day 0 of every roster week
    }
    if (a.weeks > 0) {
        read.weeks = a.weeks;
    }
    auto horizon = io::read_horizon_requirements(a.requirements, read);
    in.first_day = horizon.first_day;
    in.interval_minutes = horizon.interval_minutes;
    in.weeks = horizon.weeks;
    in.queues = std::move(horizon.queues);
    in.agents = io::read_agents_csv(a.agents);
    if (!a.leave.empty()) {
        in.leaves = io::read_leave_csv(a.leave, in.agents);
    }
    roster::roster_options options;
    options.seed = a.seed;
    options.time_limit = limit;
    options.iterations = a.iterations;
    roster::roster_result r;
    try {
        r = roster::build_roster(in, options);
    } catch (const config_error& e) {
        throw error(fmt::format("{}: {}", a.config, e.what()), exit_code::config_error);
    }
    const std::filesystem::path dir{a.out};
    io::output_files files;
    for (const auto& input : {a.requirements, a.config, a.agents, a.leave}) {
        files.add_input(input);
    }
    const std::string report = add_roster_files(files, dir, in, r, a.seed);
    files.commit();
    std::fputs(report.c_str(), stdout);
    check_roster_result(in, r);
}

void add_roster(CLI::App& app) {
    auto args = std::make_shared<roster_args>();
    auto* sub = app.add_subcommand(
        "roster", "Rosters for named agents over 1-6 weeks (CSV and iCalendar per agent)");
    sub->add_option("--requirements", args->requirements,
                    "Requirements CSV (wfm staff / plan output; one queue per channel)")
        ->required();
    sub->add_option("--config", args->config, "Schedule configuration with roster rules (JSON)")
        ->required();
    sub->add_option("--agents", args->agents, "agents.csv")->required();
    sub->add_option("--leave", args->leave, "leave.csv: agent,date[,from,to]");
    sub->add_option("--column", args->column,
                    "Requirement column (default scheduled_agents, else required)");
    add_whole_flag(sub, "--weeks", args->weeks, 1, 6,
                   "Weeks to roster, 1..6 (default: the weeks of the requirements)");
    sub->add_option("--start", args->start,
                    "First day YYYY-MM-DD (default: the config's week_start on or before the "
                    "first row)");
    add_whole_flag(sub, "--seed", args->seed, std::uint64_t{0},
                   std::numeric_limits<std::uint64_t>::max(), "Random seed")
        ->capture_default_str();
    add_whole_flag(sub, "--iterations", args->iterations, std::uint64_t{1},
                   std::uint64_t{1'000'000'000},
                   "Assignment search moves (default 1000 per shift, at least 100000)");
    sub->add_option("--time-limit", args->time_limit, "Wall-clock safety limit: 30s, 2m")
        ->capture_default_str();
    sub->add_option("-o,--output", args->out, "Output directory")->required();
    sub->callback([args] { run_roster(*args); });
}

} // namespace

std::string add_roster_files(io::output_files& files, const std::filesystem::path& dir,
                             const roster::roster_input& in, const roster::roster_result& r,
                             std::uint64_t seed, const roster_file_names& names) {
    std::string report = io::format_roster_report(in, r, seed);
    files.add(dir / "roster.csv", io::format_roster_csv(in, r));
    files.add(dir / "agents_summary.csv", io::format_agents_summary_csv(in, r));
    files.add(dir / names.coverage, io::format_roster_coverage_csv(in, r));
    files.add(dir / "shortfall.csv", io::format_shortfall_csv(in, r));
    files.add(dir / names.report, report);
    for (std::size_t k = 0; k < in.agents.size(); ++k) {
        files.add(dir / "ics" / (in.agents[k].id + ".ics"),
                  io::format_agent_ics(in, r, static_cast<int>(k)));
    }
    return report;
}

void check_roster_result(const roster::roster_input& in, const roster::roster_result& r) {
    if (!r.violations.empty()) {
        throw error(fmt::format("roster: internal error: {} broken rules, first: {}",
                                r.violations.size(), r.violations.front()));
    }
    if (!r.shortfalls.empty()) {
        double hours = 0;
        for (const auto& s : r.shortfalls) {
            hours += s.hours;
        }
        const auto& s = r.shortfalls.front();
        throw error(fmt::format("roster: the agents cannot cover {} shifts ({:.2f} paid hours; "
                                "first: {} {} in {}); see shortfall.csv",
                                r.shortfalls.size(), hours,
                                format_date(in.first_day + std::chrono::days{s.day}),
                                fmt::format("{:02}:{:02}", s.start % 1440 / 60, s.start % 60),
                                in.queues[static_cast<std::size_t>(s.queue)].name.empty()
                                    ? std::string("the queue")
                                    : in.queues[static_cast<std::size_t>(s.queue)].name),
                    exit_code::infeasible);
    }
}

WFM_REGISTER_COMMAND(45, add_roster);

} // namespace wfm::app
