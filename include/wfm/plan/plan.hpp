#pragma once
/// The weekly plan, one function per step: forecast → staffing per channel → shift schedule per
/// pool → predicted outcome of the schedule → the report's data. Reads and writes no file: the
/// caller supplies history and writes the result (io::plan_csv writes its CSV files).

#include <wfm/core/series.hpp>
#include <wfm/core/time.hpp>
#include <wfm/erlang/channel.hpp>
#include <wfm/forecast/calendar.hpp>
#include <wfm/forecast/forecast.hpp>
#include <wfm/plan/config.hpp>
#include <wfm/plan/simulate.hpp>
#include <wfm/report/plan_report.hpp>
#include <wfm/schedule/problem.hpp>
#include <wfm/schedule/solve.hpp>

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace wfm::plan {

/// History of one channel on the plan's grid (or a finer one; it is aggregated).
struct channel_history {
    time_series volume;
    std::optional<time_series> aht_s; ///< with `volume` as weights
};

/// One channel over the planning week (step 1 fills the forecast, step 2 the requirement,
/// step 4 the coverage and predicted outcome of `intervals`).
struct channel_week {
    std::size_t channel = 0; ///< index into plan_config::channels
    channel_history history; ///< on the plan's grid
    forecast::forecast_result forecast;
    std::vector<report::interval_outcome> intervals; ///< every interval of the week
    /// Intervals in scope: inside the opening hours (not on a closed date) and, for a queue
    /// without `open` hours, with a forecast.
    std::vector<bool> open;
};

/// The planning week and each channel's part of it, in plan_config::channels order.
struct week_plan {
    local_date week;  ///< first day of the planning week (a plan_config::week_start weekday)
    timestamp origin; ///< first forecast interval: the end of history, or the week's start
    std::vector<channel_week> channels;
};

/// One open interval of one channel: a row of the forecast and requirements files.
struct staffing_row {
    timestamp start;
    std::size_t channel = 0; ///< index into plan_config::channels
    double volume = 0.0;     ///< forecast contacts offered (before self-service)
    double lower = 0.0;      ///< prediction interval of `volume`
    double upper = 0.0;
    double aht_s = 0.0; ///< forecast AHT, seconds
    erlang::requirement requirement;
};

/// The schedule of one pool of channels.
struct pool_schedule {
    std::string name; ///< as configured, else the pool's queue names joined by `+`
    schedule::problem problem;
    schedule::solution solution;
};

/// What run_plan() produces: data only (render with report::, write with io::).
struct plan_result {
    report::plan_report report;
    std::vector<erlang::channel_settings> channels; ///< as configured
    std::vector<staffing_row> staffing;             ///< by interval, then channel
    std::vector<pool_schedule> pools;               ///< as plan_config::pools
};

/// The schedule's lines as schedule.csv holds them (numbered from 1 per pool), for
/// make_plan_model.
[[nodiscard]] std::vector<schedule_line> schedule_lines_of(const plan_result& plan);

/// The report's summary of a plan's simulation: per queue the days and the week, SL, answer
/// rate and abandonment beside Erlang, and the flagged intervals.
[[nodiscard]] report::simulation_check simulation_check_of(const plan_simulation& s);

/// Step 1: each channel's history on the plan's grid and its forecast over the planning week
/// (the configured week, else the first week_start weekday after the history); outside a queue's
/// opening hours and on calendar-closed dates the forecast is 0 and the interval closed. Throws
/// wfm::invalid_argument when a channel has no history, no open interval, no AHT, or history on a
/// grid that does not divide the plan's.
[[nodiscard]] week_plan forecast_week(const plan_config& config,
                                      const std::map<std::string, channel_history>& history,
                                      const forecast::special_days& calendar);

/// Step 2: the staffing requirement of every open interval (sets `required` in the intervals):
/// max(the queue's model, min_agents); 0 below the minimum volume unless min_agents says more.
[[nodiscard]] std::vector<staffing_row> staff_week(const plan_config& config, week_plan& week);

/// Step 3: one schedule per pool, for the pool's summed requirement.
[[nodiscard]] std::vector<pool_schedule> schedule_pools(const plan_config& config,
                                                        const week_plan& week);

/// Step 4: a pool's coverage is shared by its channels in proportion to their requirement, then
/// shrinkage removes the unavailable part; sets `scheduled` and the predicted outcome.
void predict_outcome(const plan_config& config, const std::vector<pool_schedule>& pools,
                     week_plan& week);

/// The predicted outcome of one open interval (`o.volume` reaching agents, `o.aht_s`) with
/// `available` agents (after shrinkage) under the queue's model: SL per the queue's definition,
/// ASA, abandonment, answer rate and occupancy; left empty below the minimum volume, SL 0 with
/// no agent or an overloaded Erlang C queue.
void predict_interval(report::interval_outcome& o, const erlang::channel_settings& ch,
                      double available, std::chrono::minutes step);

/// Step 5: the report's data, with each channel's rolling-origin backtest.
[[nodiscard]] report::plan_report build_report(const plan_config& config, const week_plan& week,
                                               const std::vector<pool_schedule>& pools,
                                               const forecast::special_days& calendar);

/// Progress callback: (step number from 1, step count, what is being done).
using plan_progress = std::function<void(int, int, const std::string&)>;

/// Runs the five steps. `history` maps channel names to their history; `calendar` holds the
/// special days. Throws wfm::invalid_argument when history is too short or a channel is absent,
/// wfm::config_error when the shift rules do not fit the plan's grid.
[[nodiscard]] plan_result run_plan(const plan_config& config,
                                   const std::map<std::string, channel_history>& history,
                                   const forecast::special_days& calendar,
                                   const plan_progress& progress = {});

} // namespace wfm::plan
