#pragma once
// Penalised least-squares updating of the SVD day scores (Shen & Huang 2008), the intraday
// reforecast's point update (intraday.cpp).

#include <wfm/core/series.hpp>

#include <optional>

namespace wfm::forecast::detail {

/// Today's day-ahead forecast `today` (on [midnight, end)) updated from the actuals in `history`
/// before `now`: the √-counts of the last `days` past days open at the same slots give a
/// `components`-dimensional SVD basis; today's scores are the day-ahead forecast's, moved
/// towards today's observed √-counts by ridge regression with penalty `penalty` / (the mean
/// day-ahead count). Returns the updated `today`, or nothing when fewer than components + 2
/// past days are complete or nothing is observed.
[[nodiscard]] std::optional<time_series> svd_update(const time_series& history,
                                                    const time_series& today, timestamp now,
                                                    int components, double penalty, int days);

} // namespace wfm::forecast::detail
