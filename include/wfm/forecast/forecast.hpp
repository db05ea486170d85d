#pragma once
/// Interval volume and handle-time forecasts with prediction intervals.
///
/// Every method works on the wall-clock calendar: weekday and slot of day come from timestamps,
/// opening hours are learned per weekday from history, and a missing or closed day never shifts
/// the weekly seasonality.

#include <wfm/core/series.hpp>
#include <wfm/forecast/calendar.hpp>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace wfm::forecast {

/// Largest history value (count per interval) the forecasts accept. Sums, squares and fourth
/// powers of values up to this stay finite and far from overflow in every method and in the
/// interval calibration; larger values, negative ones and non-finite ones are rejected.
inline constexpr double max_history_value = 1e12;

/// The zero rule's shortest window, in weeks. Every method forecasts exactly 0, with the
/// interval [0, 0], at a slot whose last K same-weekday dates before the origin (K = the
/// method's weeks, at least this) hold no positive value and at least one observed zero or
/// closed interval (in the history or by the calendar); dates with missing data count neither
/// way. K is 4 for snaive, topdown, svd, ensemble and regression, max(4, k) for avgK.
inline constexpr int zero_rule_min_weeks = 4;

/// Prior weight k, in answered contacts, of forecast_aht()'s empirical-Bayes shrinkage: a slot
/// with n answered contacts in the window keeps weight n / (n + k) on its own mean. k is
/// σ² / τ² rounded down from the Anonymous Bank log's first two weeks (1999-02-01…14, 30-minute
/// slots): per-call handle-time SD σ = 204 s, SD of true slot means around the time-of-day
/// profile τ = 18 s, k ≈ 127.
inline constexpr double aht_prior_contacts = 100.0;

/// The forecasting methods.
enum class method_kind {
    snaive,   ///< same slot last week (earlier weeks when that day is missing or closed)
    average,  ///< mean of the same slot over the last k weeks with data
    topdown,  ///< daily total (exponentially smoothed level × weekday factor) × intraday profile
    svd,      ///< Shen & Huang (2008): SVD of the √(day × interval) matrix, scores forecast
    ensemble, ///< mean of topdown and regression (the validation weeks' best combination)
    regression, ///< log daily totals on weekday and calendar effects (month start and end,
                ///< mid-month) with week intercepts, a smoothed level, weekday profile
    automatic   ///< the candidate with the lowest MAE in a rolling-origin backtest before the
                ///< origin; the ensemble stays unless another candidate is better by at
                ///< least forecast_options::auto_margin (5%)
};

/// A method with its parameter; names are `snaive`, `avgK` (k = 1…52, `avg4` by default),
/// `topdown`, `svd`, `ensemble`, `regression`, `auto`.
struct method {
    method_kind kind = method_kind::automatic;
    int weeks = 4; ///< k for `average`

    /// Parses a method name; throws wfm::invalid_argument listing the valid names.
    [[nodiscard]] static method parse(std::string_view name);
    [[nodiscard]] std::string name() const;
    friend bool operator==(const method&, const method&) = default;
};

/// The methods `auto` chooses from and `backtest` compares by default:
/// snaive, avg4, topdown, svd, ensemble.
[[nodiscard]] std::vector<method> default_methods();

/// What to forecast.
struct forecast_options {
    forecast::method method{};
    std::chrono::minutes horizon{std::chrono::days{7}};
    /// Central prediction-interval level, a fraction in (0, 1): 0.80 is the 80 % interval (the
    /// CLI's `--level` and plan.json's `forecast.level` take the percent, 80).
    double level = 0.80;
    special_days calendar{};
    std::vector<forecast::method> candidates = default_methods(); ///< for `auto`
    int calibration_weeks = 8; ///< weekly origins before the origin used to calibrate intervals
    /// `auto` keeps `ensemble` (when a candidate) unless another candidate's in-history MAE is
    /// lower by at least this fraction, in [0, 1).
    double auto_margin = 0.05;
};

/// One candidate's in-history rolling-origin score (for `auto` and interval calibration).
struct method_score {
    forecast::method method;
    double mae = 0.0;
    std::size_t points = 0;
};

/// A forecast on the history's grid over [origin, origin + horizon). Intervals the centre is
/// open get state observed; closed intervals (learned opening hours, calendar-closed days) are
/// closed with value 0.
struct forecast_result {
    time_series point;
    time_series lower;
    time_series upper;
    forecast::method method;          ///< the method used (the one chosen when `auto`)
    std::vector<method_score> scores; ///< evidence behind `auto` and the intervals
    bool calibrated = false;          ///< intervals from backtest errors; false: Poisson intervals
};

/// Forecasts `history` (counts per interval) from `origin` (on the grid). Only intervals strictly
/// before `origin` are used. Throws wfm::invalid_argument on an empty history, a bad option or
/// an origin before the history's second week.
[[nodiscard]] forecast_result forecast(const time_series& history, timestamp origin,
                                       const forecast_options& options);

/// The `regression` method's level: exponential smoothing of the deseasonalised log daily
/// totals, each day's step clipped, with an optional damped trend (Gardner & McKenzie 1985):
/// e = z − (ℓ + φb), ℓ ← ℓ + φb + α·e, b ← φb + αβ·e, forecast ℓ + (φ + … + φʰ)·b at h business
/// days. The defaults were chosen on validation weeks before the benchmark's evaluation weeks
/// (docs/methods.md, bm_forecast_accuracy).
struct regression_tuning {
    double alpha = 0.3;   ///< smoothing constant, in (0, 1]
    double clip = 1.0;    ///< largest step of one day's log departure from the level, > 0
    double trend = 0.0;   ///< β, the trend's smoothing relative to α, in [0, 1]; 0: no trend
    double damping = 0.9; ///< φ, the trend's damping per business day, in (0, 1]
};

/// Point forecast only, no intervals and no selection; `m` must not be `auto`.
[[nodiscard]] time_series point_forecast(const time_series& history, timestamp origin,
                                         std::chrono::minutes horizon, method m,
                                         const special_days& calendar = {});
/// The same with an explicit `regression` tuning (for validation sweeps); other methods ignore
/// it. Throws wfm::invalid_argument when alpha is outside (0, 1] or clip is not > 0.
[[nodiscard]] time_series point_forecast(const time_series& history, timestamp origin,
                                         std::chrono::minutes horizon, method m,
                                         const special_days& calendar,
                                         const regression_tuning& tuning);

/// Handle-time forecast per interval over [origin, origin + horizon), from the last `weeks`
/// weeks of `aht` weighted by `weights` (answered): the same weekday and slot's weighted mean,
/// shrunk towards the time-of-day profile by empirical Bayes, (Σwx + k·prior) / (Σw + k) with
/// k = aht_prior_contacts. The profile is the weighted mean of that slot of day and its two
/// neighbours over all weekdays, itself shrunk the same way towards the overall mean. Sparse
/// slots thus follow the profile; slots with n ≫ k answered keep their own mean. All intervals
/// are missing when the window has no weight.
[[nodiscard]] time_series forecast_aht(const time_series& aht, const time_series& weights,
                                       timestamp origin, std::chrono::minutes horizon,
                                       int weeks = 8);

/// Parses a horizon `7d`, `36h`, `90m`; throws wfm::invalid_argument otherwise.
[[nodiscard]] std::chrono::minutes parse_horizon(std::string_view text);

} // namespace wfm::forecast
