// `wfm intraday`: the rest of today's volume reforecast from today's actuals so far; with
// --plan, the re-plan of the rest of the day (intraday_replan.hpp).
#include "commands.hpp"
#include "forecast_input.hpp"
#include "intraday_replan.hpp"

#include <wfm/forecast/intraday.hpp>
#include <wfm/io/output_files.hpp>

#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <optional>

namespace wfm::app {
namespace intraday_cmd {

struct intraday_args {
    history_args history;
    std::string now;
    std::string plan;
    std::string config;
    std::string output;
    bool verbose = false;
};

/// `interval_start,volume,lower,upper,day_ahead_volume[,aht_s]`, one row per open interval.
std::string format_reforecast_csv(const forecast::intraday_result& r, const time_series* aht) {
    std::string out = "interval_start,volume,lower,upper,day_ahead_volume";
    out += aht != nullptr ? ",aht_s\n" : "\n";
    for (std::size_t i = 0; i < r.point.size(); ++i) {
        if (!r.point.observed(i)) {
            continue;
        }
        out +=
            fmt::format("{},{:.3f},{:.3f},{:.3f},{:.3f}", format_timestamp(r.point.time_at(i)),
                        r.point.value(i), r.lower.value(i), r.upper.value(i), r.day_ahead.value(i));
        if (aht != nullptr) {
            const auto k = aht->index_of(r.point.time_at(i));
            out +=
                k && aht->observed(*k) ? fmt::format(",{:.1f}", aht->value(*k)) : std::string{","};
        }
        out += '\n';
    }
    return out;
}

/// --now on the history's grid, after its start, and at most one interval past its last one.
void check_now(const time_series& volume, timestamp now, const std::string& path) {
    const interval_grid grid = volume.grid();
    if (!grid.on_grid(now)) {
        throw invalid_argument(fmt::format("intraday: --now {} is not on the {} grid",
                                           format_timestamp(now), grid.name()));
    }
    if (now <= volume.start()) {
        throw error(fmt::format("'{}': --now {} is not after the history's first interval {}", path,
                                format_timestamp(now), format_timestamp(volume.start())),
                    exit_code::parse_error);
    }
    if (now > volume.end()) {
        throw error(fmt::format("'{}': the history's last interval is {}: the actuals must reach "
                                "--now {}",
                                path, format_timestamp(volume.time_at(volume.size() - 1)),
                                format_timestamp(now)),
                    exit_code::parse_error);
    }
}

void print_summary(const forecast::intraday_result& r, timestamp now, double level_pct,
                   bool verbose) {
    std::fputs(fmt::format("intraday: {} to the end of the day, {} open intervals, day-ahead "
                           "method {}, volume factor {:.3f} ({:.0f}% of the day-ahead volume "
                           "observed, weight {:.2f}), {:g}% intervals\n",
                           format_timestamp(now), r.point.observed_count(), r.method.name(),
                           r.factor, 100.0 * r.observed_share, r.weight, level_pct)
                   .c_str(),
               stderr);
    if (verbose) {
        std::fputs(fmt::format("intraday: rest of day {:.1f} (day-ahead {:.1f})\n",
                               r.point.observed_sum(), r.day_ahead.observed_sum())
                       .c_str(),
                   stderr);
    }
}

void run_reforecast(const intraday_args& a) {
    const auto in = read_history_input(a.history);
    const timestamp now = parse_timestamp(a.now);
    check_now(in.volume, now, a.history.history);
    forecast::intraday_options o;
    o.day_ahead.level = a.history.level_pct / 100.0;
    o.day_ahead.calendar = in.calendar;
    const auto r = forecast::reforecast_day(in.volume, now, o);
    std::optional<time_series> aht;
    if (in.aht) {
        const timestamp midnight{day_of(now).time_since_epoch()};
        aht = forecast::forecast_aht(*in.aht, *in.aht_weights, midnight, std::chrono::days{1});
    }
    const std::string csv = format_reforecast_csv(r, aht ? &*aht : nullptr);
    if (a.output.empty() || a.output == "-") {
        std::fputs(csv.c_str(), stdout);
    } else {
        io::write_file_atomic(a.output, csv, {a.history.history, a.history.calendar});
    }
    print_warnings(in.warnings);
    print_summary(r, now, a.history.level_pct, a.verbose);
}

void run_with_plan(const intraday_args& a, const CLI::App& sub) {
    if (a.output.empty() || a.output == "-") {
        throw invalid_argument("intraday: --plan needs -o DIR, the directory of the re-plan");
    }
    replan_request q;
    q.history_path = a.history.history;
    q.column = a.history.column;
    q.now = parse_timestamp(a.now);
    q.interval = a.history.interval;
    if (!a.history.calendar.empty()) {
        q.calendar_path = a.history.calendar;
    }
    if (sub.count("--level") > 0) {
        q.level_pct = a.history.level_pct;
    }
    q.plan_dir = a.plan;
    if (!a.config.empty()) {
        q.config_path = a.config;
    }
    q.out_dir = a.output;
    q.verbose = a.verbose;
    run_replan(q);
}

void add_intraday(CLI::App& app) {
    auto args = std::make_shared<intraday_args>();
    auto* sub = app.add_subcommand(
        "intraday", "Reforecast the rest of today from today's actuals (re-plan with --plan)");
    add_history_options(sub, args->history);
    add_checked_flag(sub, "--now", args->now, parse_timestamp,
                     "The current time YYYY-MM-DDTHH:MM, on the grid: the history holds the "
                     "actuals before it; the reforecast runs from it to the end of its day")
        ->required();
    auto* plan = sub->add_option("--plan", args->plan,
                                 "A `wfm plan --out` directory for the week of --now: re-plan the "
                                 "rest of the day into -o DIR");
    sub->add_option("--config", args->config, "The plan.json behind --plan")->needs(plan);
    sub->add_option("-o,--output", args->output,
                    "Reforecast CSV (default: standard output); with --plan, the output "
                    "directory");
    sub->add_flag("--verbose", args->verbose, "Print more detail on standard error");
    sub->callback([args, sub] {
        args->history.aht_column_given = sub->count("--aht-column") > 0;
        if (args->plan.empty()) {
            run_reforecast(*args);
        } else {
            run_with_plan(*args, *sub);
        }
    });
}

} // namespace intraday_cmd

WFM_REGISTER_COMMAND(22, intraday_cmd::add_intraday);

} // namespace wfm::app
