// `wfm replay`: a per-call log replayed through the day simulator, each day's simulated service
// level beside the measured one (docs/methods.md, "Simulation: replay"; docs/performance.md,
// "Replay").
#include "commands.hpp"
#include "number_flags.hpp"

#include <wfm/core/error.hpp>
#include <wfm/core/time.hpp>
#include <wfm/io/call_log.hpp>
#include <wfm/io/output_files.hpp>
#include <wfm/plan/replay.hpp>

#include <fmt/format.h>

#include <cstdint>
#include <filesystem>
#include <limits>
#include <memory>
#include <string>

namespace wfm::app {
namespace {

struct replay_args {
    std::string log;
    std::string format = "generic";
    std::string queue;
    std::string month; ///< YYYY-MM: only its days
    std::string evaluate_from;
    int sl_time_s = 20;
    int session_gap_s = 300;
    int agent_interval_s = 0;
    std::string patience = "exponential";
    int replications = 200;
    std::uint64_t seed = 1;
    std::string out;
};

local_date month_start(const std::string& text) {
    const auto d = try_parse_date(text + "-01");
    if (text.size() != 7 || !d) {
        throw invalid_argument(fmt::format("month: expected YYYY-MM, got '{}'", text));
    }
    return *d;
}

std::string pct(double share) {
    return fmt::format("{:.2f}", 100.0 * share);
}

std::string days_csv(const std::vector<plan::replay_day>& days) {
    std::string s = "date,offered,answered,abandoned,answered_within_t,actual_sl,sim_sl,sim_sl_ci,"
                    "sl_difference,sim_answered,sim_abandoned,agent_hours,handle_mean_s,"
                    "patience_mle_s\n";
    for (const auto& d : days) {
        s += fmt::format(
            "{},{:.0f},{:.0f},{:.0f},{:.0f},{},{},{},{},{:.1f},{:.1f},{:.1f},{:.1f},{}\n",
            format_date(d.date), d.offered, d.answered, d.abandoned, d.answered_within_t,
            pct(d.actual_sl), pct(d.sim_sl.mean), pct(d.sim_sl.half_width),
            pct(d.sim_sl.mean - d.actual_sl), d.sim_answered.mean, d.sim_abandoned.mean,
            d.agent_hours, d.handle_mean_s,
            d.patience_mle_s ? fmt::format("{:.1f}", *d.patience_mle_s) : "");
    }
    return s;
}

std::string summary_csv(const std::vector<plan::replay_day>& days,
                        const std::optional<local_date>& split) {
    std::string s = "span,first_day,last_day,days,mean_abs_sl_difference\n";
    const auto add_span = [&](std::string_view name, local_date from, local_date to) {
        int n = 0;
        for (const auto& d : days) {
            n += d.date >= from && d.date <= to ? 1 : 0;
        }
        const auto mad = plan::mean_abs_sl_difference(days, from, to);
        if (n > 0) {
            s += fmt::format("{},{},{},{},{}\n", name, format_date(from), format_date(to), n,
                             mad ? pct(*mad) : "");
        }
    };
    const local_date first = days.front().date;
    const local_date last = days.back().date;
    if (split && *split > first && *split <= last) {
        add_span("fit", first, *split - std::chrono::days{1});
        add_span("evaluation", *split, last);
    }
    add_span("all", first, last);
    return s;
}

void run_replay(const replay_args& a) {
    if (a.out.empty()) {
        throw invalid_argument("replay: needs -o DIR");
    }
    auto calls = io::read_call_log(a.log, io::parse_call_log_format(a.format));
    if (!a.queue.empty()) {
        std::erase_if(calls, [&](const call_record& c) {
            return (c.queue.empty() ? c.channel : c.queue) != a.queue;
        });
    }
    if (!a.month.empty()) {
        const local_date from = month_start(a.month);
        const auto ym = std::chrono::year_month_day{from};
        const local_date to = local_date{ym.year() / (ym.month() + std::chrono::months{1}) / 1};
        std::erase_if(calls, [&](const call_record& c) {
            const auto day = std::chrono::floor<std::chrono::days>(c.arrival);
            return day < from || day >= to;
        });
    }
    if (calls.empty()) {
        throw invalid_argument(fmt::format("replay: no offered calls in '{}'{}{}", a.log,
                                           a.queue.empty() ? "" : " of queue '" + a.queue + "'",
                                           a.month.empty() ? "" : " in " + a.month));
    }
    plan::replay_options o;
    o.sl_time = std::chrono::seconds{a.sl_time_s};
    o.session_gap = std::chrono::seconds{a.session_gap_s};
    o.agent_interval = std::chrono::seconds{a.agent_interval_s};
    o.patience = a.patience == "km" ? plan::replay_patience::kaplan_meier
                                    : plan::replay_patience::exponential;
    o.replications = a.replications;
    o.seed = a.seed;
    const auto days = plan::replay_log(calls, o);
    if (days.empty()) {
        throw invalid_argument(fmt::format("replay: '{}' holds no offered calls", a.log));
    }
    std::optional<local_date> split;
    if (!a.evaluate_from.empty()) {
        split = parse_date(a.evaluate_from);
    }
    const std::filesystem::path dir{a.out};
    io::output_files out;
    out.add_input(a.log);
    out.add(dir / "replay_days.csv", days_csv(days));
    out.add(dir / "replay_summary.csv", summary_csv(days, split));
    out.commit();
}

void add_replay(CLI::App& app) {
    auto args = std::make_shared<replay_args>();
    auto* sub = app.add_subcommand(
        "replay", "Replay a per-call log through the simulator: simulated vs actual SL per day");
    sub->add_option("log", args->log, "Per-call log file")->required();
    add_choice_flag(sub, "--format", args->format, {"generic", "anonymous-bank"}, "Log format");
    sub->add_option("--queue", args->queue,
                    "Only contacts of this queue (the log's queue column; Anonymous Bank: type)");
    add_checked_flag(sub, "--month", args->month, month_start, "Only the days of this YYYY-MM");
    add_checked_flag(sub, "--evaluate-from", args->evaluate_from, parse_date,
                     "Also report the mean absolute difference before and from this YYYY-MM-DD");
    add_whole_flag(sub, "--sl-time", args->sl_time_s, 0, 86400,
                   "Service-level threshold t in whole seconds, in 0..86400")
        ->capture_default_str();
    add_whole_flag(sub, "--session-gap-s", args->session_gap_s, 0, 86400,
                   "Agents: an idle gap longer than this ends an on-duty session, 0..86400 s")
        ->capture_default_str();
    add_whole_flag(sub, "--agent-interval-s", args->agent_interval_s, 0, 86400,
                   "Agents: time-average on duty per interval of this length, rounded (0: the "
                   "sessions' exact times), 0..86400 s")
        ->capture_default_str();
    add_choice_flag(sub, "--patience", args->patience, {"km", "exponential"},
                    "Patience: the day's Kaplan-Meier quantiles or exponential MLE");
    add_whole_flag(sub, "--replications", args->replications, 2, 100000,
                   "Independent replications per day, 2..100000")
        ->capture_default_str();
    add_whole_flag(sub, "--seed", args->seed, std::uint64_t{0},
                   std::numeric_limits<std::uint64_t>::max(),
                   "Random seed; the same seed gives the same files")
        ->capture_default_str();
    sub->add_option("-o,--output", args->out,
                    "Output directory: replay_days.csv and replay_summary.csv");
    sub->callback([args] { run_replay(*args); });
}

} // namespace

WFM_REGISTER_COMMAND(76, add_replay);

} // namespace wfm::app
