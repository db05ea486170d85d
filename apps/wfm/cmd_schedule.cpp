// `wfm schedule`: weekly shifts (tours with breaks and days off) that fit interval requirements.
#include "commands.hpp"

#include <wfm/core/duration.hpp>
#include <wfm/core/error.hpp>
#include <wfm/core/time.hpp>
#include <wfm/io/csv.hpp>
#include <wfm/io/json.hpp>
#include <wfm/report/schedule_csv.hpp>
#include <wfm/schedule/config.hpp>
#include <wfm/schedule/solve.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <map>
#include <memory>
#include <numeric>
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

/// One week of requirements from a `wfm staff` or `interval_start,required` CSV.
struct week_requirements {
    local_date monday;
    int interval_minutes = 0;
    std::vector<double> required;
};

week_requirements read_requirements(const schedule_args& a,
                                    const schedule::schedule_config& config) {
    const io::csv_table table = io::read_csv(a.requirements);
    const std::size_t time_col = table.column("interval_start");
    std::size_t value_col = 0;
    if (!a.column.empty()) {
        value_col = table.column(a.column);
    } else if (auto c = table.find_column("scheduled_agents")) {
        value_col = *c;
    } else {
        value_col = table.column("required");
    }
    const auto channel_col = table.find_column("channel");
    if (!a.channel.empty() && !channel_col) {
        throw table.header_error(time_col, fmt::format("--channel '{}' given but the file has "
                                                       "no channel column",
                                                       a.channel));
    }
    std::vector<std::size_t> rows;
    std::optional<std::string> seen_channel;
    for (std::size_t r = 0; r < table.rows(); ++r) {
        if (channel_col) {
            const std::string ch{table.field(r, *channel_col)};
            if (!a.channel.empty() && ch != a.channel) {
                continue;
            }
            if (a.channel.empty() && seen_channel && *seen_channel != ch) {
                throw table.error_at(r, *channel_col,
                                     fmt::format("several channels ('{}', '{}'); choose one with "
                                                 "--channel",
                                                 *seen_channel, ch));
            }
            seen_channel = ch;
        }
        rows.push_back(r);
    }
    if (rows.empty()) {
        throw io::parse_error(table.path(), 1, 1, "",
                              a.channel.empty()
                                  ? std::string("no requirement rows")
                                  : fmt::format("no rows of channel '{}'", a.channel));
    }
    std::vector<timestamp> times;
    for (const std::size_t r : rows) {
        const auto t = try_parse_local_seconds(table.field(r, time_col));
        if (!t || t->time_since_epoch().count() % 60 != 0) {
            throw table.error_at(r, time_col,
                                 fmt::format("expected a timestamp YYYY-MM-DDTHH:MM, "
                                             "got '{}'",
                                             table.field(r, time_col)));
        }
        times.push_back(std::chrono::floor<std::chrono::minutes>(*t));
    }
    week_requirements w;
    w.monday = week_start(day_of(times.front()));
    const timestamp origin{w.monday.time_since_epoch()};
    long step = 60;
    for (std::size_t i = 0; i < times.size(); ++i) {
        const long offset = (times[i] - origin).count();
        if (offset < 0 || offset >= 7L * 1440) {
            throw table.error_at(rows[i], time_col,
                                 fmt::format("outside the week starting Monday {} (one week is "
                                             "scheduled at a time)",
                                             format_date(w.monday)));
        }
        step = std::gcd(step, offset);
    }
    w.interval_minutes = config.interval_minutes.value_or(static_cast<int>(step));
    if (w.interval_minutes != 5 && w.interval_minutes != 10 && w.interval_minutes != 15 &&
        w.interval_minutes != 30 && w.interval_minutes != 60) {
        throw io::parse_error(table.path(), table.line_of(rows.front()), 1, "interval_start",
                              fmt::format("timestamps lie on a {}-minute grid; expected 5, 10, 15, "
                                          "30 or 60 (set interval_minutes in the config)",
                                          w.interval_minutes));
    }
    const int per_day = 1440 / w.interval_minutes;
    w.required.assign(static_cast<std::size_t>(7 * per_day), 0.0);
    std::vector<bool> seen(w.required.size(), false);
    for (std::size_t i = 0; i < times.size(); ++i) {
        const long offset = (times[i] - origin).count();
        if (offset % w.interval_minutes != 0) {
            throw table.error_at(rows[i], time_col,
                                 fmt::format("not on the {}-minute grid", w.interval_minutes));
        }
        const auto slot = static_cast<std::size_t>(offset / w.interval_minutes);
        if (seen[slot]) {
            throw table.error_at(rows[i], time_col, "duplicate interval");
        }
        seen[slot] = true;
        w.required[slot] = table.non_negative(rows[i], value_col);
    }
    return w;
}

nlohmann::json optional_json(const std::optional<double>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

std::string summary_json(const schedule::problem& p, const schedule::solution& s,
                         const schedule_args& a, local_date monday) {
    const auto& m = s.metrics;
    nlohmann::json j;
    j["status"] = s.status == schedule::solve_status::feasible ? "feasible" : "infeasible";
    j["message"] = s.message;
    j["week_start"] = format_date(monday);
    j["mode"] = p.mode == schedule::objective_mode::pure_fit        ? "pure_fit"
                : p.mode == schedule::objective_mode::full_coverage ? "full_coverage"
                                                                    : "weighted";
    j["objective"] = s.objective;
    j["cost"] = m.labour_cost;
    j["labour_cost_weighted"] = p.weights.labour * m.labour_cost;
    j["shortage"] = m.shortage;
    j["redundancy"] = m.redundancy;
    j["required_total"] = m.required_total;
    j["fit"] = m.fit;
    j["shortage_ratio"] = m.shortage_ratio;
    j["redundancy_ratio"] = m.redundancy_ratio;
    j["within_5_percent"] = m.within_5;
    j["within_10_percent"] = m.within_10;
    j["covered_share"] = m.covered_share;
    j["headcount"] = m.headcount;
    nlohmann::json by_template = nlohmann::json::object();
    for (std::size_t k = 0; k < p.templates.size(); ++k) {
        by_template[p.templates[k].name] = m.tours_by_template[k];
    }
    j["headcount_by_template"] = by_template;
    j["lower_bound"] = optional_json(s.lower_bound);
    j["gap"] = optional_json(s.gap);
    j["bound_note"] = s.bound_note;
    j["seed"] = a.seed;
    j["iterations"] = s.iterations;
    j["seconds"] = s.seconds;
    nlohmann::json trace = nlohmann::json::array();
    for (const auto& point : s.trace) {
        trace.push_back({point.seconds, point.objective});
    }
    j["trace"] = trace;
    return j.dump(2) + "\n";
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
    const week_requirements week = read_requirements(a, config);
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
    out.add(a.output, report::schedule_csv(p, s));
    if (!a.coverage.empty()) {
        out.add(a.coverage, report::coverage_csv(p, s, week.monday));
    }
    if (!a.summary.empty()) {
        out.add(a.summary, summary_json(p, s, a, week.monday));
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
    sub->add_option("--seed", args->seed, "Random seed")->capture_default_str();
    auto* limit = sub->add_option("--time-limit", args->time_limit,
                                  "Wall-clock limit: 5s, 500ms, 2m (with --iterations: a cap)")
                      ->capture_default_str();
    sub->add_option("--iterations", args->iterations,
                    "Search iterations (results then do not depend on the machine)");
    sub->add_flag("--no-bound", args->no_bound, "Skip the lower bound");
    sub->add_option("--start", args->start,
                    "Starting schedule: auto (LP-guided when the clock drives the search and "
                    "there are no side limits, else greedy), lp or greedy")
        ->check(CLI::IsMember({"auto", "greedy", "lp"}))
        ->capture_default_str();
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
