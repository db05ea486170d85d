// `wfm kpi`: the service standard's metrics (offered, answered, SL, ASA, AHT, …) from a per-call
// log, per interval, day, week, month or for the whole log; per-agent calls per agent-day; the
// patience per queue; a plan-ready history per queue.
#include "commands.hpp"
#include "number_flags.hpp"

#include <wfm/io/call_log.hpp>
#include <wfm/io/csv.hpp>
#include <wfm/io/kpi_csv.hpp>
#include <wfm/report/kpi.hpp>

#include <fmt/format.h>

#include <cstdio>
#include <set>

namespace wfm::app {
namespace {

struct kpi_args {
    std::string log;
    std::string format = "generic";
    std::string interval = "15m";
    int sl_time_s = 20;
    std::string by = "interval";
    std::string channel;
    std::string queue;
    std::string output;
    std::string agents_output;
    std::string patience_output;
    std::string history_output;
    double standard_day_h = 8.0;

    /// The KPI CSV goes to -o, else to standard output unless another output was asked for.
    [[nodiscard]] bool kpi_csv() const {
        return !output.empty() || (patience_output.empty() && history_output.empty());
    }
};

// The log's calls, of --queue and --channel when given; the KPI CSV needs a single channel.
std::vector<call_record> read_calls(const kpi_args& a) {
    auto calls = io::read_call_log(a.log, io::parse_call_log_format(a.format));
    if (!a.queue.empty()) {
        std::erase_if(calls, [&](const call_record& c) {
            return (c.queue.empty() ? c.channel : c.queue) != a.queue;
        });
        if (calls.empty()) {
            throw invalid_argument(
                fmt::format("kpi: no calls of queue '{}' in '{}'", a.queue, a.log));
        }
    }
    std::set<std::string> channels;
    for (const auto& c : calls) {
        channels.insert(c.channel);
    }
    if (!a.channel.empty()) {
        std::erase_if(calls, [&](const call_record& c) { return c.channel != a.channel; });
        if (calls.empty()) {
            throw invalid_argument(
                fmt::format("kpi: no calls of channel '{}' in '{}'", a.channel, a.log));
        }
    } else if (channels.size() > 1 && a.kpi_csv()) {
        throw invalid_argument(
            fmt::format("kpi: '{}' holds several channels ({}); choose one with --channel", a.log,
                        fmt::join(channels, ", ")));
    }
    if (calls.empty()) {
        throw invalid_argument(fmt::format("kpi: '{}' holds no offered calls", a.log));
    }
    return calls;
}

void run_kpi(const kpi_args& a) {
    const auto grid = interval_grid::parse(a.interval);
    const auto period = report::parse_kpi_period(a.by);
    const auto calls = read_calls(a);
    const std::chrono::seconds sl_time{a.sl_time_s};
    io::output_files out;
    out.add_input(a.log);
    if (!a.agents_output.empty()) {
        // --standard-day-h is in (0, 24] (checked when parsed): the conversion cannot overflow.
        const auto standard_day =
            std::chrono::seconds{static_cast<long>(a.standard_day_h * 3600.0)};
        out.add(a.agents_output,
                io::format_agent_days_csv(report::agent_days(calls, standard_day)));
    }
    if (!a.patience_output.empty()) {
        out.add(a.patience_output, io::format_patience_csv(report::patience_by_queue(calls)));
    }
    if (!a.history_output.empty()) {
        out.add(a.history_output,
                io::format_queue_history_csv(report::interval_kpis_by_queue(calls, grid, sl_time)));
    }
    std::string csv;
    if (a.kpi_csv()) {
        const auto intervals = report::interval_kpis(calls, grid, sl_time);
        csv = io::format_kpi_csv(period == report::kpi_period::interval
                                     ? intervals
                                     : report::period_kpis(intervals, period),
                                 period);
    }
    const bool to_stdout = a.kpi_csv() && (a.output.empty() || a.output == "-");
    if (a.kpi_csv() && !to_stdout) {
        out.add(a.output, csv);
    }
    out.commit();
    if (to_stdout) {
        std::fputs(csv.c_str(), stdout);
    }
}

void add_kpi(CLI::App& app) {
    auto args = std::make_shared<kpi_args>();
    auto* sub = app.add_subcommand(
        "kpi", "Service-standard metrics (SL, answer rate, ASA, AHT) from a per-call log");
    sub->add_option("log", args->log, "Per-call log file")->required();
    add_choice_flag(sub, "--format", args->format, {"generic", "anonymous-bank"}, "Log format");
    add_checked_flag(sub, "--interval", args->interval, interval_grid::parse,
                     "Interval length: 5m 10m 15m 30m 60m");
    add_whole_flag(sub, "--sl-time", args->sl_time_s, 0, 86400,
                   "Service-level threshold t in whole seconds, in 0..86400")
        ->capture_default_str();
    add_choice_flag(sub, "--by", args->by, {"interval", "day", "week", "month", "total"},
                    "One row per");
    sub->add_option("--channel", args->channel, "Only contacts of this channel");
    sub->add_option("--queue", args->queue,
                    "Only contacts of this queue (the log's queue column; Anonymous Bank: type)");
    sub->add_option("-o,--output", args->output,
                    "Output KPI CSV (default: standard output, unless --patience or "
                    "--plan-history is given)");
    sub->add_option("--agents", args->agents_output,
                    "Also write answered and calls per agent-day per agent and date to this CSV");
    add_real_flag(sub, "--standard-day-h", args->standard_day_h, 0.0, 24.0, bounds::open_low,
                  "Standard working day in hours for calls per agent-day, in (0, 24]")
        ->capture_default_str();
    sub->add_option("--patience", args->patience_output,
                    "Also write the mean patience per queue (exponential MLE, Kaplan-Meier "
                    "median) to this CSV");
    sub->add_option("--plan-history", args->history_output,
                    "Also write a plan-ready history: <queue>_volume,<queue>_aht_s,"
                    "<queue>_answered per queue and interval");
    sub->callback([args] { run_kpi(*args); });
}

} // namespace

WFM_REGISTER_COMMAND(10, add_kpi);

} // namespace wfm::app
