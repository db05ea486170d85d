#pragma once
/// Rolling-origin backtest: fit before each origin, forecast the horizon, score against actuals.

#include <wfm/forecast/forecast.hpp>

#include <span>
#include <vector>

namespace wfm::forecast {

/// Accuracy over a set of (forecast, actual) pairs; actuals are observed intervals only.
/// WAPE = Σ|e| / Σ actual; bias = Σe / Σ actual (e = forecast − actual); MASE = mean |e| over
/// the in-sample MAE of the weekly seasonal naive before each origin; coverage = share of actuals
/// inside [lower, upper].
struct accuracy {
    double mae = 0.0;
    double rmse = 0.0;
    double wape = 0.0;
    double mase = 0.0;
    double bias = 0.0;
    double coverage = 0.0;
    std::size_t points = 0;
};

/// One method's backtest.
struct method_accuracy {
    forecast::method method;
    accuracy overall;
    std::vector<accuracy> by_lead_day; ///< [0] = lead day 1 (the first 24 h after the origin)
    double fit_seconds = 0.0;          ///< mean wall time of one forecast (fit + intervals)
};

struct backtest_options {
    std::vector<forecast::method> methods = default_methods(); ///< baselines are always added
    std::chrono::minutes horizon{std::chrono::days{5}};
    double level = 0.80; ///< interval level as a fraction in (0, 1), as forecast_options::level
    special_days calendar{};
    int calibration_weeks = 8;
};

struct backtest_result {
    std::vector<timestamp> origins;
    std::vector<method_accuracy> methods;
};

/// Runs forecast() for each method at each origin and scores it against `history`.
[[nodiscard]] backtest_result backtest(const time_series& history,
                                       std::span<const timestamp> origins,
                                       const backtest_options& options);

/// `count` origins one week apart at midnight, the last one the latest day such that the
/// horizon ends by the last day of `history`.
[[nodiscard]] std::vector<timestamp> weekly_origins(const time_series& history, int count,
                                                    std::chrono::minutes horizon);

} // namespace wfm::forecast
