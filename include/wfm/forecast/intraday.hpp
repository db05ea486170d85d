#pragma once
/// Intraday reforecast: the rest of today's volume, updated from the day's actuals so far.
///
/// The update is a shrunk ratio (a gamma-Poisson posterior mean of today's volume factor): with
/// A and F today's actual and day-ahead volumes before `now`, each interval weighted by
/// 0.5^(age / half_life), and K = prior_volume + prior_share × the day's day-ahead total, the
/// factor at `now` is (K + ΣwA) / (K + ΣwF); it fades with the lead (lead_decay_hours). The
/// prediction intervals are a conformal band calibrated on the same update replayed on the last
/// calibration_days days. The defaults were tuned on the US bank 2003 data's weeks before its
/// last 8 (docs/methods.md, "Intraday reforecast").

#include <wfm/core/series.hpp>
#include <wfm/forecast/forecast.hpp>

#include <limits>
#include <optional>

namespace wfm::forecast {

/// How to reforecast the rest of a day.
struct intraday_options {
    /// The day-ahead forecast: what forecast() gives with origin at today's midnight (its
    /// horizon is ignored: one day). `level` is also the level of the updated intervals.
    forecast_options day_ahead{};
    /// A day-ahead forecast already made (forecast(history, midnight, day_ahead) with a horizon
    /// of at least [midnight, end of day)): used instead of computing one, which with `auto` is
    /// most of the cost (backtests). It must be on the history's grid and cover [now, end of
    /// day); its intervals must be at day_ahead.level.
    std::optional<forecast_result> precomputed{};
    /// Prior weight of the day-ahead level, in contacts: K's fixed part.
    double prior_volume = 0.0;
    /// Prior weight of the day-ahead level as a share of the day's day-ahead volume: K's part
    /// that scales with the queue.
    double prior_share = 0.01;
    /// Half-life, in hours, of an observed interval's weight in the ratio (recent intervals
    /// count more); infinity weighs the whole morning alike.
    double half_life_hours = 0.5;
    /// How the update fades with the lead, in hours: an interval `lead` hours after `now` gets
    /// the factor 1 + (factor − 1) · exp(−lead / lead_decay_hours) (today's deviation is partly
    /// local); infinity applies the factor to the whole rest of the day.
    double lead_decay_hours = 6.0;
    /// Components of the SVD score update (Shen & Huang 2008); 0 updates by the ratio alone.
    int svd_components = 0;
    /// Ridge penalty of the SVD update, per mean day-ahead count (scale-free).
    double svd_penalty = 1.0;
    /// Past days (open at today's slots) the SVD basis is fitted on.
    int svd_days = 60;
    /// Variance of an interval's count around the updated level, as a multiple of the count
    /// (1: Poisson); the part of the day-ahead interval that no update can remove.
    double noise_dispersion = 1.0;
    /// Share of the day-ahead interval's non-Poisson variance left once the level is known
    /// (interval shape errors); the rest shrinks with the update's weight.
    double shape_share = 0.3;
    /// Conformal calibration of the intervals: the same update is replayed at `now`'s time of
    /// day on up to this many past days (each with the day-ahead method's point forecast from
    /// its midnight), and the band P ± z·√(noise_dispersion·(P + 1) + c²·P²) takes the c whose
    /// coverage of those days' rest-of-day actuals is the level. 0 (or under 30 replayed
    /// intervals) keeps the band derived from the day-ahead interval (shape_share,
    /// interval_scale below).
    int calibration_days = 15;
    /// The past days' point forecasts for the calibration, made once a day by
    /// past_day_aheads() (each past day's intervals from its own midnight); the days it does
    /// not cover are forecast on each call, which is most of the update's cost.
    std::optional<time_series> precomputed_past{};
    /// Multiplier of the updated half-widths (calibration on the tuning weeks), in [1, 10]; the
    /// half-width before it never exceeds the day-ahead one scaled to the updated point.
    double interval_scale = 1.4;
};

/// The rest of the day [now, end of day) on the history's grid.
struct intraday_result {
    time_series point; ///< updated volume per interval (closed intervals closed, value 0)
    time_series lower; ///< prediction interval at options.day_ahead.level
    time_series upper;
    time_series day_ahead;       ///< the day-ahead point forecast over the same intervals
    forecast::method method;     ///< the day-ahead method used (chosen when `auto`)
    double observed_share = 0.0; ///< share of the day's day-ahead volume before `now`
    double factor = 1.0; ///< the volume factor at `now` (it fades with the lead, see options)
    double weight = 0.0; ///< the update's weight on today's ratio, in [0, 1)
    /// The conformal band's c (relative SD of the level error); negative when the band comes
    /// from the day-ahead interval.
    double calibration = -1.0;
};

/// The point forecasts the conformal calibration replays for a reforecast on `midnight`'s day:
/// for each of the last 3 × options.calibration_days days before it that hold an observed
/// interval, the point forecast of `m` (the day-ahead method, not `auto`) from that day's own
/// midnight, one series on the history's grid over [first day, midnight). Pass it as
/// options.precomputed_past to every reforecast_day of that day. Throws like point_forecast.
[[nodiscard]] time_series past_day_aheads(const time_series& history, timestamp midnight,
                                          const forecast::method& m,
                                          const intraday_options& options);

/// Reforecasts [now, end of now's day) from `history` (counts per interval; intervals of today
/// before `now` are today's actuals; nothing at or after `now` is used). With nothing observed
/// today (no open day-ahead interval before `now` with an actual) it returns the day-ahead
/// forecast exactly. 0 ≤ lower ≤ point ≤ upper; closed intervals stay 0. Throws
/// wfm::invalid_argument when `now` is off the grid, an option is out of range, the precomputed
/// forecast does not fit, or the history cannot give a day-ahead forecast.
[[nodiscard]] intraday_result reforecast_day(const time_series& history, timestamp now,
                                             const intraday_options& options);

} // namespace wfm::forecast
