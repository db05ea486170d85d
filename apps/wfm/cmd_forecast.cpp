// `wfm forecast`: interval volume (and handle-time) forecast with prediction intervals.
#include "commands.hpp"
#include "forecast_input.hpp"

#include <wfm/forecast/forecast.hpp>
#include <wfm/io/forecast_csv.hpp>

#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <memory>

namespace wfm::app {
namespace {

struct forecast_args {
    history_args history;
    std::string origin;
    std::string horizon = "7d";
    std::string method = "auto";
    std::string output;
};

std::string scores_text(const forecast::forecast_result& r) {
    std::string s;
    for (const auto& sc : r.scores) {
        s += fmt::format("{}{} {}", s.empty() ? "" : ", ", sc.method.name(),
                         std::isnan(sc.mae) ? std::string{"n/a"} : fmt::format("{:.2f}", sc.mae));
    }
    return s;
}

void run_forecast(const forecast_args& a) {
    const auto in = read_history_input(a.history);
    forecast::forecast_options fo;
    fo.method = forecast::method::parse(a.method);
    fo.horizon = forecast::parse_horizon(a.horizon);
    fo.level = a.history.level_pct / 100.0;
    fo.calendar = in.calendar;
    const timestamp origin = a.origin.empty() ? in.volume.end() : parse_timestamp(a.origin);
    const auto r = forecast::forecast(in.volume, origin, fo);
    std::optional<time_series> aht;
    if (in.aht) {
        aht = forecast::forecast_aht(*in.aht, *in.aht_weights, origin, fo.horizon);
    }
    const std::string csv = io::format_forecast_csv(r, aht ? &*aht : nullptr);
    const bool to_stdout = a.output.empty() || a.output == "-";
    if (to_stdout) {
        std::fputs(csv.c_str(), stdout);
    } else {
        io::write_file_atomic(a.output, csv, {a.history.history, a.history.calendar});
    }
    print_warnings(in.warnings);
    std::fputs(
        fmt::format("forecast: method {} from {}, {} intervals, {:g}% intervals {} "
                    "(in-history MAE: {})\n",
                    r.method.name(), format_timestamp(origin), r.point.observed_count(),
                    a.history.level_pct,
                    r.calibrated ? "calibrated on backtest errors" : "Poisson (short history)",
                    scores_text(r))
            .c_str(),
        stderr);
}

void add_forecast(CLI::App& app) {
    auto args = std::make_shared<forecast_args>();
    auto* sub = app.add_subcommand(
        "forecast", "Interval volume and handle-time forecast with prediction intervals");
    add_history_options(sub, args->history);
    add_checked_flag(sub, "--origin", args->origin, parse_timestamp,
                     "First forecast interval YYYY-MM-DDTHH:MM; only history before it is used "
                     "(default: end of history)");
    add_checked_flag(sub, "--horizon", args->horizon, forecast::parse_horizon,
                     "Forecast length: 7d, 36h, 90m");
    add_checked_flag(sub, "--method", args->method, forecast::method::parse,
                     "auto | snaive | avgK | topdown | svd | ensemble | regression");
    sub->add_option("-o,--output", args->output, "Output CSV (default: standard output)");
    sub->callback([args, sub] {
        args->history.aht_column_given = sub->count("--aht-column") > 0;
        run_forecast(*args);
    });
}

} // namespace

WFM_REGISTER_COMMAND(20, add_forecast);

} // namespace wfm::app
