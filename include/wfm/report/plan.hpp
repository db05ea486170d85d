#pragma once
/// The weekly plan: forecast → staffing per channel → shift schedule per pool → predicted
/// outcome of the schedule → the fit-rate report. Reads no file: the caller supplies history.

#include <wfm/core/series.hpp>
#include <wfm/erlang/channel.hpp>
#include <wfm/forecast/forecast.hpp>
#include <wfm/report/plan_report.hpp>
#include <wfm/schedule/config.hpp>
#include <wfm/schedule/solve.hpp>

#include <nlohmann/json_fwd.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace wfm::report {

/// Where a channel's history is in the history file.
struct history_columns {
    std::string volume; ///< default `<channel>_volume`
    std::string aht;    ///< default `<channel>_aht_s`; absent column = use the channel's aht_s
};

/// One `wfm plan` configuration (README "plan.json"); file names are as written in the config.
struct plan_config {
    std::string title = "Weekly plan";
    interval_grid grid{std::chrono::minutes{15}};
    std::optional<local_date> week; ///< Monday of the planning week; default: after history
    std::string history_file;       ///< relative to the config file
    std::string time_column = "interval_start";
    std::string special_days_file; ///< optional, relative to the config file
    forecast::method method{};     ///< `auto` by default
    double level = 0.80;           ///< prediction-interval level
    int backtest_origins = 4;      ///< weekly origins of the accuracy table (0 = none)
    std::vector<erlang::channel_settings> channels;
    std::map<std::string, history_columns> columns; ///< per channel
    std::vector<std::vector<std::string>> pools;    ///< channels scheduled together
    schedule::schedule_config shifts;
    schedule::solve_options solver;
    std::chrono::minutes standard_day{8 * 60};
};

/// Decodes a plan configuration; every error is a wfm::config_error naming the JSON path.
[[nodiscard]] plan_config decode_plan_config(const nlohmann::json& doc);

/// History of one channel on the plan's grid (or a finer one; it is aggregated).
struct channel_history {
    time_series volume;
    std::optional<time_series> aht_s; ///< with `volume` as weights
};

/// What run_plan() produces: the report and the CSV files' contents.
struct plan_result {
    plan_report report;
    std::vector<schedule::problem> problems; ///< one per pool
    std::vector<schedule::solution> solutions;
    std::string forecast_csv;     ///< interval_start,channel,volume,lower,upper,aht_s
    std::string requirements_csv; ///< as `wfm staff`
    std::string schedule_csv;     ///< one row per agent line
    std::string coverage_csv;     ///< interval_start,pool,required,scheduled,diff
};

/// Progress callback: (step number from 1, step count, what is being done).
using plan_progress = std::function<void(int, int, const std::string&)>;

/// Runs the whole plan. `history` maps channel names to their history; `calendar` holds the
/// special days. Throws wfm::invalid_argument when history is too short or a channel is absent.
[[nodiscard]] plan_result run_plan(const plan_config& config,
                                   const std::map<std::string, channel_history>& history,
                                   const forecast::special_days& calendar,
                                   const plan_progress& progress = {});

} // namespace wfm::report
