#pragma once
// History and special-days input shared by `wfm forecast` and `wfm backtest`.

#include "number_flags.hpp"

#include <wfm/core/error.hpp>
#include <wfm/forecast/calendar.hpp>
#include <wfm/forecast/gaps.hpp>
#include <wfm/io/csv.hpp>
#include <wfm/io/series_csv.hpp>
#include <wfm/io/special_days_csv.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

namespace wfm::app {

/// Flags common to the forecasting commands.
struct history_args {
    std::string history;
    std::string time_column = "interval_start";
    std::string column; ///< empty: `calls`, else `offered` (the column wfm kpi writes)
    std::string aht_column = "aht_s";
    bool aht_column_given = false;
    std::string interval; ///< empty: 15m, or the history's grid when 15m cannot be summed from it
    std::string calendar;
    double level_pct = 80.0;
};

/// History aggregated to the forecasting grid: volume, and AHT with its weights when present.
struct history_input {
    time_series volume;
    std::optional<time_series> aht;
    std::optional<time_series> aht_weights;
    forecast::special_days calendar;
    /// Gaps and partial edge intervals (history_warnings), printed once the command succeeded
    /// so that an error stays one line.
    std::vector<std::string> warnings;
};

inline void add_history_options(CLI::App* sub, history_args& a) {
    sub->add_option("--history", a.history, "Interval history CSV")->required();
    sub->add_option("--time-column", a.time_column, "Timestamp column")->capture_default_str();
    sub->add_option("--column", a.column,
                    "Volume column (default calls, else offered as wfm kpi writes it)");
    sub->add_option("--aht-column", a.aht_column,
                    "Handle-time column in seconds, weighted by 'answered' when present "
                    "(default aht_s, used when present)");
    add_checked_flag(sub, "--interval", a.interval, interval_grid::parse,
                     "Forecast interval: 5m 10m 15m 30m 60m (default 15m, or the history's grid "
                     "when coarser: 10m gives 30m)");
    sub->add_option("--calendar", a.calendar, "Special-days CSV: date,label[,closed]");
    add_real_flag(sub, "--level", a.level_pct, 1.0, 99.9, bounds::closed,
                  "Prediction-interval level in percent, in [1, 99.9]")
        ->capture_default_str();
}

/// The volume column when --column is not given: `calls`, else `offered` (wfm kpi's output).
inline std::string default_volume_column(const io::series_table& table, const std::string& path) {
    for (const char* name : {"calls", "offered"}) {
        if (table.has(name)) {
            return name;
        }
    }
    throw io::parse_error(path, 1, 1, "calls",
                          "missing column: the volume is read from 'calls', else 'offered' (as wfm "
                          "kpi writes it); name another with --column");
}

/// The grid when --interval is not given: 15 minutes, the default of every command, or when the
/// history's grid cannot be summed to 15 minutes (10m, 30m, 60m) the first of 30m, 60m that can.
inline interval_grid default_grid(interval_grid history) {
    for (const int minutes : {15, 30}) {
        if (history.divides(interval_grid{std::chrono::minutes{minutes}})) {
            return interval_grid{std::chrono::minutes{minutes}};
        }
    }
    return interval_grid{std::chrono::minutes{60}};
}

/// Warnings on a volume history read from `source` before it goes onto `grid`: its gaps
/// (forecast::find_gaps) and its partial edge intervals on `grid` (aggregate_counts).
inline std::vector<std::string> history_warnings(const std::string& source,
                                                 const time_series& volume, interval_grid grid,
                                                 const forecast::special_days& calendar) {
    auto lines = forecast::gap_warnings(forecast::find_gaps(volume, calendar), source);
    if (volume.grid().divides(grid) && volume.grid().minutes() <= grid.minutes()) {
        for (auto& w :
             partial_interval_warnings(aggregate_counts(volume, grid).partial, grid, source)) {
            lines.push_back(std::move(w));
        }
    }
    return lines;
}

inline void print_warnings(const std::vector<std::string>& lines) {
    for (const auto& w : lines) {
        std::fputs(fmt::format("wfm: warning: {}\n", w).c_str(), stderr);
    }
}

/// Reads the history and the calendar; the AHT column is optional unless named explicitly.
/// Collects the history's gaps and partial edge intervals in `warnings`.
inline history_input read_history_input(const history_args& a) {
    io::series_read_options ro;
    ro.time_column = a.time_column;
    if (a.column.empty()) {
        ro.optional_columns = {"calls", "offered"};
    } else {
        ro.columns = {a.column};
    }
    if (a.aht_column_given) {
        ro.columns.push_back(a.aht_column);
    } else {
        ro.optional_columns.push_back(a.aht_column);
    }
    if (a.column != "answered") {
        ro.optional_columns.push_back("answered");
    }
    const auto table = io::read_series_csv(a.history, ro);
    const std::string column =
        a.column.empty() ? default_volume_column(table, a.history) : a.column;
    const auto grid =
        a.interval.empty() ? default_grid(table.grid) : interval_grid::parse(a.interval);
    if (!table.grid.divides(grid)) {
        throw invalid_argument(fmt::format("'{}' is on a {} grid, which cannot be aggregated to {}",
                                           a.history, table.grid.name(), grid.name()));
    }
    history_input in;
    if (!a.calendar.empty()) {
        in.calendar = io::read_special_days_csv(a.calendar);
    }
    in.warnings = history_warnings(a.history, table.at(column), grid, in.calendar);
    in.volume = aggregate_counts(table.at(column), grid).series;
    if (table.has(a.aht_column)) {
        const auto& weights = table.has("answered") ? table.at("answered") : table.at(column);
        in.aht = aggregate_weighted_mean(table.at(a.aht_column), weights, grid);
        in.aht_weights = aggregate_sum(weights, grid);
    }
    return in;
}

} // namespace wfm::app
