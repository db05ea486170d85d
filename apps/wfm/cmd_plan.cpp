// `wfm plan`: history in; forecast, requirements, schedule and the fit-rate report out.
#include "commands.hpp"
#include "forecast_input.hpp"
#include "number_flags.hpp"
#include "roster_files.hpp"

#include <wfm/forecast/calendar.hpp>
#include <wfm/io/csv.hpp>
#include <wfm/io/json.hpp>
#include <wfm/io/plan_csv.hpp>
#include <wfm/io/plan_history.hpp>
#include <wfm/io/roster_csv.hpp>
#include <wfm/io/series_csv.hpp>
#include <wfm/io/special_days_csv.hpp>
#include <wfm/plan/config.hpp>
#include <wfm/plan/plan.hpp>
#include <wfm/report/plan_report.hpp>
#include <wfm/roster/roster.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <unistd.h>

namespace wfm::app {
namespace {

namespace fs = std::filesystem;

struct plan_args {
    std::string history;
    std::string config;
    std::string out = "wfm-out";
    std::string lang;  ///< empty = the config's `lang`
    std::string start; ///< empty = the config's `solver.start`
    bool quiet = false;
    bool verbose = false;
    int weeks = 1;      ///< weeks forecast, staffed and scheduled (one plan per week)
    std::string agents; ///< agents.csv: roster the weeks (wfm roster) when given
    std::string leave;
};

// The bundled sample: ./data/plan.json when run from a checkout, else the source tree's or the
// installed copy.
fs::path default_config() {
    for (const fs::path& p :
         {fs::path{"data/plan.json"}, fs::path{WFM_SOURCE_DATA_DIR} / "plan.json",
          fs::path{WFM_INSTALL_DATA_DIR} / "plan.json"}) {
        std::error_code ec;
        if (fs::exists(p, ec)) {
            return p;
        }
    }
    throw io::file_error("plan: no --config given and no bundled data/plan.json found");
}

std::map<std::string, plan::channel_history>
read_history(const fs::path& path, const plan::plan_config& c, bool verbose) {
    const auto table = io::read_series_csv(path, io::plan_history_options(c));
    for (const auto& w : table.warnings) {
        std::fputs(fmt::format("wfm: warning: {}\n", w).c_str(), stderr);
    }
    auto out = io::plan_histories(table, c);
    if (verbose) {
        for (const auto& ch : c.channels) {
            const auto& h = out.at(ch.name);
            std::fputs(fmt::format("wfm: {}: {} intervals of {} history from {}\n", ch.name,
                                   h.volume.observed_count(), table.grid.name(),
                                   format_timestamp(h.volume.start()))
                           .c_str(),
                       stderr);
        }
    }
    return out;
}

// The history's gaps and partial edge intervals over all channels, each line once.
std::vector<std::string>
plan_history_warnings(const std::string& source,
                      const std::map<std::string, plan::channel_history>& hist, interval_grid grid,
                      const forecast::special_days& calendar) {
    std::vector<std::string> lines;
    for (const auto& [name, h] : hist) {
        for (auto& w : history_warnings(source, h.volume, grid, calendar)) {
            if (std::find(lines.begin(), lines.end(), w) == lines.end()) {
                lines.push_back(std::move(w));
            }
        }
    }
    return lines;
}

/// The roster's input for `wfm plan --agents`: the plan's shift rules and their `roster` rules,
/// the N weeks' requirements (one queue per channel) from the first planned week on.
roster::roster_input plan_roster_input(const nlohmann::json& doc, const fs::path& config_path,
                                       const plan::plan_config& config, local_date first_week,
                                       int weeks, const std::string& requirements,
                                       const fs::path& requirements_path) {
    roster::roster_input in;
    in.config = config.shifts;
    try {
        in.rules = roster::rules_from_json(doc.at("shifts"));
    } catch (const config_error& e) {
        throw error(fmt::format("{}: /shifts{}", config_path.string(), e.what()),
                    exit_code::config_error);
    }
    in.config.week_start = weekday_index(first_week);
    io::horizon_read_options read;
    read.interval_minutes = static_cast<int>(config.grid.step().count());
    read.week_start = in.config.week_start;
    read.start = first_week;
    read.weeks = weeks;
    auto horizon = io::parse_horizon_requirements(requirements, requirements_path.string(), read);
    in.first_day = horizon.first_day;
    in.interval_minutes = horizon.interval_minutes;
    in.weeks = horizon.weeks;
    in.queues = std::move(horizon.queues);
    return in;
}

void run_plan_command(const plan_args& a) {
    const auto started = std::chrono::steady_clock::now();
    const fs::path config_path = a.config.empty() ? default_config() : fs::path{a.config};
    const auto doc = io::read_json_file(config_path);
    plan::plan_config config;
    try {
        config = plan::decode_plan_config(doc);
    } catch (const config_error& e) {
        throw error(fmt::format("{}: {}", config_path.string(), e.what()), exit_code::config_error);
    }
    const fs::path base = config_path.parent_path();
    if (!a.lang.empty()) {
        config.lang = a.lang;
    }
    if (!a.start.empty()) {
        using start_kind = schedule::solve_options::start_kind;
        config.solver.start = a.start == "greedy" ? start_kind::greedy
                              : a.start == "lp"   ? start_kind::lp
                                                  : start_kind::automatic;
    }
    const fs::path history = a.history.empty() ? base / config.history_file : fs::path{a.history};
    const auto hist = read_history(history, config, a.verbose);
    forecast::special_days calendar;
    if (!config.special_days_file.empty()) {
        const fs::path p = base / config.special_days_file;
        calendar = io::read_special_days_csv(p);
    }
    const auto warnings = plan_history_warnings(history.string(), hist, config.grid, calendar);
    const bool tty = isatty(fileno(stderr)) != 0;
    const plan::plan_progress progress = [&](int k, int n, const std::string& what) {
        if (a.quiet) {
            return;
        }
        if (a.verbose) {
            std::fputs(fmt::format("wfm: [{}/{}] {}\n", k, n, what).c_str(), stderr);
        } else if (tty) {
            std::fputs(fmt::format("\r\033[K[{}/{}] {}…", k, n, what).c_str(), stderr);
        }
    };
    // Week k of --weeks N is the plan of the week 7k days after the first (config `week`, else
    // the week after the history), each forecast from the end of the history.
    std::vector<plan::plan_result> results;
    for (int k = 0; k < a.weeks; ++k) {
        plan::plan_config week_config = config;
        if (k > 0) {
            week_config.week = results.front().report.week_start + std::chrono::days{7 * k};
        }
        results.push_back(plan::run_plan(week_config, hist, calendar, progress));
        auto& result = results.back();
        result.report.notes.push_back(
            fmt::format("config {}, history {}", config_path.string(), history.string()));
        for (const auto& w : warnings) {
            result.report.notes.push_back("warning: " + w);
        }
    }
    if (tty && !a.quiet && !a.verbose) {
        std::fputs("\r\033[K", stderr);
    }
    const fs::path out{a.out};
    io::output_files files;
    files.add_input(config_path);
    files.add_input(history);
    std::string text;
    std::string all_requirements;
    for (const auto& result : results) {
        // one week: the files in DIR; N weeks: each week's in DIR/week-YYYY-MM-DD/
        const fs::path dir =
            a.weeks == 1 ? out : out / ("week-" + format_date(result.report.week_start));
        const std::string week_text = report::render_text(result.report);
        const std::string requirements = io::format_plan_requirements_csv(result);
        files.add(dir / "forecast.csv", io::format_plan_forecast_csv(result));
        files.add(dir / "requirements.csv", requirements);
        files.add(dir / "schedule.csv", io::format_plan_schedule_csv(result));
        files.add(dir / "coverage.csv", io::format_plan_coverage_csv(result));
        files.add(dir / "report.json", report::to_json(result.report).dump(2) + "\n");
        files.add(dir / "report.txt", week_text);
        files.add(dir / "report.html", report::render_html(result.report));
        text += (text.empty() ? "" : "\n") + week_text;
        // the N weeks' requirements in one file (header once): the roster's input
        all_requirements += all_requirements.empty()
                                ? requirements
                                : requirements.substr(requirements.find('\n') + 1);
    }
    if (a.weeks > 1) {
        files.add(out / "requirements.csv", all_requirements);
    }
    std::optional<roster::roster_input> roster_in;
    roster::roster_result roster_out;
    std::string roster_text;
    if (!a.agents.empty()) {
        roster_in = plan_roster_input(doc, config_path, config, results.front().report.week_start,
                                      a.weeks, all_requirements, out / "requirements.csv");
        roster_in->agents = io::read_agents_csv(a.agents);
        if (!a.leave.empty()) {
            roster_in->leaves = io::read_leave_csv(a.leave, roster_in->agents);
        }
        files.add_input(a.agents);
        if (!a.leave.empty()) {
            files.add_input(a.leave);
        }
        roster::roster_options options;
        options.seed = config.solver.seed;
        if (config.solver.max_iterations > 0) {
            options.schedule_iterations = config.solver.max_iterations;
        }
        if (!a.quiet && a.verbose) {
            std::fputs(fmt::format("wfm: roster: {} agents over {} weeks\n",
                                   roster_in->agents.size(), a.weeks)
                           .c_str(),
                       stderr);
        }
        try {
            roster_out = roster::build_roster(*roster_in, options);
        } catch (const config_error& e) {
            throw error(fmt::format("{}: /shifts{}", config_path.string(), e.what()),
                        exit_code::config_error);
        }
        roster_text =
            add_roster_files(files, out, *roster_in, roster_out, options.seed,
                             {.coverage = "roster_coverage.csv", .report = "roster_report.txt"});
    }
    files.commit();
    print_warnings(warnings); // after the outputs, so that an error stays one line
    if (!a.quiet) {
        std::fputs(text.c_str(), stdout);
        if (roster_in) {
            std::fputs(("\n" + roster_text).c_str(), stdout);
        }
        const double secs =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        const std::string where =
            a.weeks == 1 ? out.string() : fmt::format("{}/week-*", out.string());
        std::fputs(fmt::format("\nwrote {}/{{forecast,requirements,schedule,coverage}}.csv, "
                               "report.{{txt,json,html}}{} in {:.2f} s\n",
                               where,
                               roster_in ? fmt::format("; {}/roster.csv, agents_summary.csv, "
                                                       "roster_coverage.csv, shortfall.csv, "
                                                       "roster_report.txt, ics/",
                                                       out.string())
                                         : std::string{},
                               secs)
                       .c_str(),
                   stdout);
    }
    for (const auto& result : results) {
        if (a.verbose) {
            for (const auto& pool : result.pools) {
                const auto& s = pool.solution;
                std::fputs(fmt::format("wfm: schedule {} week {}: {} iterations in {:.2f} s, "
                                       "objective {:.6g}, bound {}\n",
                                       pool.name, format_date(result.report.week_start),
                                       s.iterations, s.seconds, s.objective,
                                       s.lower_bound ? fmt::format("{:.6g}", *s.lower_bound)
                                                     : std::string{"none"})
                               .c_str(),
                           stderr);
            }
        }
    }
    for (const auto& result : results) {
        for (const auto& pool : result.pools) {
            const auto& s = pool.solution;
            if (s.status == schedule::solve_status::infeasible) {
                throw error(fmt::format("plan: the schedule is infeasible ({}); the report was "
                                        "written and shows the best schedule found",
                                        s.message),
                            exit_code::infeasible);
            }
        }
    }
    if (roster_in) {
        check_roster_result(*roster_in, roster_out);
    }
}

void add_plan(CLI::App& app) {
    auto args = std::make_shared<plan_args>();
    auto* sub = app.add_subcommand(
        "plan", "Forecast, staff, schedule and report a week in one run (bundled sample by "
                "default)");
    sub->add_option("--history", args->history,
                    "History CSV (default: the file named in the config)");
    sub->add_option("--config", args->config, "Plan JSON (default: the bundled data/plan.json)");
    sub->add_option("--out", args->out, "Output directory")->capture_default_str();
    add_choice_flag(sub, "--lang", args->lang, {"en", "zh-CN"},
                    "Report language (default: the config's)");
    add_choice_flag(sub, "--start", args->start, {"auto", "greedy", "lp"},
                    "Schedule start, instead of the config's solver.start (greedy: fastest, "
                    "with a weaker bound and a larger gap)");
    add_whole_flag(sub, "--weeks", args->weeks, 1, 6,
                   "Weeks to forecast, staff and schedule, 1..6 (default 1; more: one "
                   "directory per week)");
    auto* agents = sub->add_option("--agents", args->agents,
                                   "agents.csv: also roster the weeks for these agents "
                                   "(roster.csv, agents_summary.csv, ics/ in the output)");
    sub->add_option("--leave", args->leave, "leave.csv for the roster: agent,date[,from,to]")
        ->needs(agents);
    sub->add_flag("-q,--quiet", args->quiet, "Print nothing but errors");
    sub->add_flag("-v,--verbose", args->verbose, "Print each step");
    sub->callback([args] { run_plan_command(*args); });
}

} // namespace

WFM_REGISTER_COMMAND(50, add_plan);

} // namespace wfm::app
