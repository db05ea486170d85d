// The review's totals: WAPE, bias, predicted and measured service figures, the SL decomposition.
#include <wfm/report/review.hpp>

#include "format.hpp"

namespace wfm::report {
namespace {

using detail::ratio;

} // namespace

void accuracy_totals::add(const accuracy_totals& o) noexcept {
    intervals += o.intervals;
    forecast += o.forecast;
    actual += o.actual;
    abs_error += o.abs_error;
    aht_weight += o.aht_weight;
    aht_forecast += o.aht_forecast;
    aht_actual += o.aht_actual;
    aht_abs_error += o.aht_abs_error;
}

std::optional<double> accuracy_totals::wape() const noexcept {
    return ratio(abs_error, actual);
}
std::optional<double> accuracy_totals::bias() const noexcept {
    return ratio(forecast - actual, actual);
}
std::optional<double> accuracy_totals::aht_wape() const noexcept {
    return aht_weight > 0.0 ? ratio(aht_abs_error, aht_actual) : std::nullopt;
}
std::optional<double> accuracy_totals::aht_bias() const noexcept {
    return aht_weight > 0.0 ? ratio(aht_forecast - aht_actual, aht_actual) : std::nullopt;
}

void outcome_sums::add(const outcome_sums& o) noexcept {
    predicted_offered += o.predicted_offered;
    predicted_sl += o.predicted_sl;
    predicted_answered += o.predicted_answered;
    predicted_abandon += o.predicted_abandon;
    predicted_asa += o.predicted_asa;
    predicted_asa_weight += o.predicted_asa_weight;
    offered += o.offered;
    answered += o.answered;
    abandoned += o.abandoned;
    actual_sl += o.actual_sl;
    actual_asa += o.actual_asa;
    asa_weight += o.asa_weight;
    volume_sl += o.volume_sl;
    aht_sl += o.aht_sl;
}

std::optional<double> outcome_sums::sl_predicted() const noexcept {
    return ratio(predicted_sl, predicted_offered);
}
std::optional<double> outcome_sums::sl_actual() const noexcept {
    return ratio(actual_sl, offered);
}
std::optional<double> outcome_sums::answer_rate_predicted() const noexcept {
    return ratio(predicted_answered, predicted_offered);
}
std::optional<double> outcome_sums::answer_rate_actual() const noexcept {
    return ratio(answered, offered);
}
std::optional<double> outcome_sums::abandon_predicted() const noexcept {
    return ratio(predicted_abandon, predicted_offered);
}
std::optional<double> outcome_sums::abandon_actual() const noexcept {
    return ratio(abandoned, offered);
}
std::optional<double> outcome_sums::asa_predicted() const noexcept {
    return ratio(predicted_asa, predicted_asa_weight);
}
std::optional<double> outcome_sums::asa_actual() const noexcept {
    return ratio(actual_asa, asa_weight);
}

std::optional<sl_decomposition> decompose(const outcome_sums& s) noexcept {
    const auto predicted = s.sl_predicted();
    if (!predicted || s.offered <= 0.0) {
        return std::nullopt;
    }
    sl_decomposition d;
    d.predicted = *predicted;
    d.actual = s.actual_sl / s.offered;
    const double sl_v = s.volume_sl / s.offered;
    const double sl_va = s.aht_sl / s.offered;
    d.volume = sl_v - d.predicted;
    d.aht = sl_va - sl_v;
    d.remainder = d.actual - sl_va;
    return d;
}

void review_period::add(const review_period& o) noexcept {
    accuracy.add(o.accuracy);
    outcome.add(o.outcome);
    lower += o.lower;
    upper += o.upper;
}

} // namespace wfm::report
