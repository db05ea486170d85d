// `wfm backtest`: rolling-origin accuracy of the forecasting methods (MAE, RMSE, WAPE, MASE,
// bias, interval coverage), overall and by lead day.
#include "commands.hpp"
#include "forecast_input.hpp"

#include <wfm/forecast/backtest.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <memory>

namespace wfm::app {
namespace {

struct backtest_args {
    history_args history;
    std::string origins = "8";
    std::string horizon = "5d";
    std::vector<std::string> methods;
    std::string format = "text";
    std::string output;
};

std::vector<timestamp> parse_origins(const std::string& text, const time_series& history,
                                     std::chrono::minutes horizon) {
    int count = 0;
    const auto* end = text.data() + text.size();
    if (const auto [p, ec] = std::from_chars(text.data(), end, count);
        ec == std::errc{} && p == end) {
        if (count < 1 || count > 520) {
            throw invalid_argument(
                fmt::format("backtest: --origins count must be in 1..520, got {}", count));
        }
        return forecast::weekly_origins(history, count, horizon);
    }
    std::vector<timestamp> out;
    std::size_t from = 0;
    while (from <= text.size()) {
        const auto comma = std::min(text.find(',', from), text.size());
        const auto item = std::string_view{text}.substr(from, comma - from);
        if (const auto d = try_parse_date(item)) {
            out.push_back(timestamp{*d});
        } else {
            out.push_back(parse_timestamp(item));
        }
        from = comma + 1;
    }
    return out;
}

std::string number(double v, const char* spec) {
    return std::isnan(v) ? std::string{"nan"} : fmt::format(fmt::runtime(spec), v);
}

std::string text_report(const forecast::backtest_result& r, double level_pct) {
    std::string out =
        fmt::format("{} origins ({} … {}); e = forecast − actual; MASE vs weekly seasonal naive; "
                    "coverage of {:g}% intervals\n",
                    r.origins.size(), format_timestamp(r.origins.front()),
                    format_timestamp(r.origins.back()), level_pct);
    out += fmt::format("{:<10} {:>8} {:>10} {:>10} {:>8} {:>7} {:>8} {:>9} {:>8}\n", "method",
                       "points", "MAE", "RMSE", "WAPE%", "MASE", "bias%", "coverage%", "fit_ms");
    for (const auto& m : r.methods) {
        const auto& a = m.overall;
        out += fmt::format("{:<10} {:>8} {:>10} {:>10} {:>8} {:>7} {:>8} {:>9} {:>8.1f}\n",
                           m.method.name(), a.points, number(a.mae, "{:.3f}"),
                           number(a.rmse, "{:.3f}"), number(100 * a.wape, "{:.2f}"),
                           number(a.mase, "{:.3f}"), number(100 * a.bias, "{:.2f}"),
                           number(100 * a.coverage, "{:.1f}"), 1000 * m.fit_seconds);
    }
    out += "\nMAE by lead day\n";
    out += fmt::format("{:<10}", "method");
    for (std::size_t d = 0; d < r.methods.front().by_lead_day.size(); ++d) {
        out += fmt::format(" {:>10}", fmt::format("day {}", d + 1));
    }
    out += '\n';
    for (const auto& m : r.methods) {
        out += fmt::format("{:<10}", m.method.name());
        for (const auto& a : m.by_lead_day) {
            out += fmt::format(" {:>10}", number(a.mae, "{:.3f}"));
        }
        out += '\n';
    }
    return out;
}

std::string csv_report(const forecast::backtest_result& r) {
    std::string out = "method,lead_day,points,mae,rmse,wape,mase,bias,coverage,fit_seconds\n";
    auto row = [&](const forecast::method_accuracy& m, const std::string& lead,
                   const forecast::accuracy& a) {
        out += fmt::format("{},{},{},{},{},{},{},{},{},{:.6f}\n", m.method.name(), lead, a.points,
                           number(a.mae, "{:.6g}"), number(a.rmse, "{:.6g}"),
                           number(a.wape, "{:.6g}"), number(a.mase, "{:.6g}"),
                           number(a.bias, "{:.6g}"), number(a.coverage, "{:.6g}"), m.fit_seconds);
    };
    for (const auto& m : r.methods) {
        row(m, "all", m.overall);
        for (std::size_t d = 0; d < m.by_lead_day.size(); ++d) {
            row(m, std::to_string(d + 1), m.by_lead_day[d]);
        }
    }
    return out;
}

nlohmann::json accuracy_json(const forecast::accuracy& a) {
    auto num = [](double v) { return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v); };
    return {{"points", a.points},         {"mae", num(a.mae)},   {"rmse", num(a.rmse)},
            {"wape", num(a.wape)},        {"mase", num(a.mase)}, {"bias", num(a.bias)},
            {"coverage", num(a.coverage)}};
}

std::string json_report(const forecast::backtest_result& r, double level_pct) {
    nlohmann::json j;
    j["level_pct"] = level_pct;
    j["origins"] = nlohmann::json::array();
    for (const auto o : r.origins) {
        j["origins"].push_back(format_timestamp(o));
    }
    j["methods"] = nlohmann::json::array();
    for (const auto& m : r.methods) {
        nlohmann::json jm{{"method", m.method.name()},
                          {"fit_seconds", m.fit_seconds},
                          {"overall", accuracy_json(m.overall)},
                          {"by_lead_day", nlohmann::json::array()}};
        for (const auto& a : m.by_lead_day) {
            jm["by_lead_day"].push_back(accuracy_json(a));
        }
        j["methods"].push_back(std::move(jm));
    }
    return j.dump(2) + "\n";
}

void run_backtest(const backtest_args& a) {
    const auto in = read_history_input(a.history);
    forecast::backtest_options bo;
    bo.horizon = forecast::parse_horizon(a.horizon);
    bo.level = a.history.level_pct / 100.0;
    bo.calendar = in.calendar;
    if (!a.methods.empty()) {
        bo.methods.clear();
        for (const auto& name : a.methods) {
            bo.methods.push_back(forecast::method::parse(name));
        }
    } else {
        bo.methods.push_back(forecast::method::parse("auto"));
    }
    const auto origins = parse_origins(a.origins, in.volume, bo.horizon);
    const auto r = forecast::backtest(in.volume, origins, bo);
    const std::string report = a.format == "csv"    ? csv_report(r)
                               : a.format == "json" ? json_report(r, a.history.level_pct)
                                                    : text_report(r, a.history.level_pct);
    if (a.output.empty() || a.output == "-") {
        std::fputs(report.c_str(), stdout);
    } else {
        io::write_file_atomic(a.output, report, {a.history.history, a.history.calendar});
    }
    print_warnings(in.warnings);
}

void add_backtest(CLI::App& app) {
    auto args = std::make_shared<backtest_args>();
    auto* sub = app.add_subcommand(
        "backtest", "Rolling-origin accuracy of the forecasting methods against the baselines");
    add_history_options(sub, args->history);
    sub->add_option("--origins", args->origins,
                    "N weekly origins ending where the horizon fits, or dates "
                    "YYYY-MM-DD[THH:MM],…")
        ->capture_default_str();
    add_checked_flag(sub, "--horizon", args->horizon, forecast::parse_horizon,
                     "Forecast length per origin: 5d, 36h");
    sub->add_option("--methods", args->methods,
                    "Methods to compare (snaive and avg4 are always added); default: snaive, "
                    "avg4, topdown, svd, ensemble, auto")
        ->delimiter(',');
    add_choice_flag(sub, "--format", args->format, {"text", "csv", "json"}, "Output");
    sub->add_option("-o,--output", args->output, "Output file (default: standard output)");
    sub->callback([args, sub] {
        args->history.aht_column_given = sub->count("--aht-column") > 0;
        run_backtest(*args);
    });
}

} // namespace

WFM_REGISTER_COMMAND(21, add_backtest);

} // namespace wfm::app
