#pragma once
/// Intraday reforecast: the rest of today's volume, updated from the day's actuals so far.

#include <wfm/core/series.hpp>
#include <wfm/forecast/forecast.hpp>

namespace wfm::forecast {

/// How to reforecast the rest of a day.
struct intraday_options {
    /// The day-ahead forecast: what forecast() gives with origin at today's midnight (its
    /// horizon is ignored: one day). `level` is also the level of the updated intervals.
    forecast_options day_ahead{};
};

/// The rest of the day [now, end of day) on the history's grid.
struct intraday_result {
    time_series point; ///< updated volume per interval (closed intervals closed, value 0)
    time_series lower; ///< prediction interval at options.day_ahead.level
    time_series upper;
    time_series day_ahead;       ///< the day-ahead point forecast over the same intervals
    forecast::method method;     ///< the day-ahead method used (chosen when `auto`)
    double observed_share = 0.0; ///< share of the day's day-ahead volume before `now`
    double factor = 1.0;         ///< the volume factor applied to the rest of the day
};

/// Reforecasts [now, end of now's day) from `history` (counts per interval; intervals of today
/// before `now` are today's actuals; nothing at or after `now` is used). With nothing observed
/// today it returns the day-ahead forecast exactly. Throws wfm::invalid_argument when `now` is
/// off the grid, or the history cannot give a day-ahead forecast.
[[nodiscard]] intraday_result reforecast_day(const time_series& history, timestamp now,
                                             const intraday_options& options);

} // namespace wfm::forecast
