// The `regression` method: log daily totals regressed on weekday and calendar effects with one
// intercept per week, a robust exponentially smoothed level (optionally with a damped trend),
// and the weekday's intraday profile.
#include "training.hpp"

#include <Eigen/Cholesky>

#include <algorithm>
#include <cmath>

namespace wfm::forecast::detail {

namespace {

constexpr int fit_days = 182;        // days (26 weeks) the effects and the level are fitted on
constexpr int month_effects = 4;     // business days 1, 2, 3 of the month and its last
constexpr int mid_month_effects = 3; // business days 1, 2, 3 from the 15th
constexpr double effect_ridge = 1.0; // pseudo-days at effect 0 (log scale) per calendar effect
constexpr int effects = 7 + month_effects + mid_month_effects;

// The columns of day `d` that are 1 (weekday, month position, mid-month position).
std::vector<int> effect_columns(const training& tr, local_date d) {
    std::vector<int> cols{tr.effect_weekday(d)};
    if (const int p = tr.month_position(d); p > 0) {
        cols.push_back(7 + p - 1);
    }
    if (const int p = tr.mid_month_position(d); p > 0) {
        cols.push_back(7 + month_effects + p - 1);
    }
    return cols;
}

struct effect_fit {
    Eigen::VectorXd beta = Eigen::VectorXd::Zero(effects);
    double level = 0.0;
    double slope = 0.0;    ///< damped trend per business day (0 without a trend)
    double damping = 1.0;  ///< φ
    local_date last_day{}; ///< the last day the level saw

    /// The log level h business days after last_day: ℓ + (φ + … + φʰ)·b.
    [[nodiscard]] double level_at(int h) const noexcept {
        if (slope == 0.0) {
            return level;
        }
        double sum = 0.0;
        double power = 1.0;
        for (int i = 0; i < h; ++i) {
            power *= damping;
            sum += power;
        }
        return level + sum * slope;
    }

    [[nodiscard]] double effect(const training& tr, local_date d) const {
        double e = 0.0;
        for (int c : effect_columns(tr, d)) {
            e += beta(c);
        }
        return e;
    }
};

// Least squares of log(total + 1) on the effects plus one intercept per week (so level changes
// do not leak into the effects), the calendar effects shrunk towards 0 by effect_ridge.
Eigen::VectorXd fit_effects(const training& tr, const std::vector<int>& idx) {
    const int week0 = idx.front() / 7;
    const int weeks = idx.back() / 7 - week0 + 1;
    const int p = effects + weeks - 1; // the first week's intercept is the weekdays' constant
    Eigen::MatrixXd a = Eigen::MatrixXd::Zero(p, p);
    Eigen::VectorXd b = Eigen::VectorXd::Zero(p);
    for (int d : idx) {
        auto cols = effect_columns(tr, tr.date(d));
        if (d / 7 > week0) {
            cols.push_back(effects + d / 7 - week0 - 1);
        }
        const double y = std::log(tr.total[static_cast<std::size_t>(d)] + 1.0);
        for (int i : cols) {
            b(i) += y;
            for (int j : cols) {
                a(i, j) += 1.0;
            }
        }
    }
    for (int i = 0; i < p; ++i) {
        // A weekday never seen (closed) has an all-zero column: the ridge sets its effect to 0.
        a(i, i) += i >= 7 && i < effects ? effect_ridge : (a(i, i) == 0.0 ? 1.0 : 0.0);
    }
    return a.ldlt().solve(b).head(effects);
}

// Business days in (from, to]: the trend's steps from the last fitted day (0 when `to` is not
// after `from`).
int business_days(const training& tr, local_date from, local_date to) {
    int n = 0;
    for (local_date d = from + std::chrono::days{1}; d <= to; d += std::chrono::days{1}) {
        n += tr.business_day(d) ? 1 : 0;
    }
    return n;
}

effect_fit fit(const training& tr, const level_tuning& tuning) {
    std::vector<int> idx;
    for (int d = std::max(0, tr.days - fit_days); d < tr.days; ++d) {
        if (tr.kind[static_cast<std::size_t>(d)] == day_kind::usable && !tr.after_closure(d)) {
            idx.push_back(d);
        }
    }
    effect_fit f;
    f.last_day = tr.date(std::max(0, tr.days - 1));
    if (idx.empty()) {
        return f;
    }
    f.beta = fit_effects(tr, idx);
    std::vector<double> z;
    z.reserve(idx.size());
    for (int d : idx) {
        z.push_back(std::log(tr.total[static_cast<std::size_t>(d)] + 1.0) -
                    f.effect(tr, tr.date(d)));
    }
    // Level: exponential smoothing of the deseasonalised log totals started at the first
    // week's mean, each day's step clipped to ±clip so one odd day moves it little; with a
    // trend, the damped-trend recursion in error-correction form (one step per usable day).
    const std::size_t m = std::min<std::size_t>(z.size(), 7);
    for (std::size_t j = 0; j < m; ++j) {
        f.level += z[j] / static_cast<double>(m);
    }
    const double phi = tuning.trend > 0.0 ? tuning.damping : 1.0;
    for (double v : z) {
        const double predicted = f.level + phi * f.slope;
        const double e = std::clamp(v - predicted, -tuning.clip, tuning.clip);
        f.level = predicted + tuning.alpha * e;
        f.slope = phi * f.slope + tuning.alpha * tuning.trend * e;
    }
    f.damping = phi;
    f.last_day = tr.date(idx.back());
    return f;
}

} // namespace

std::vector<std::vector<double>>
regression_days(const training& tr, std::span<const local_date> days, const level_tuning& tuning) {
    std::vector<std::vector<double>> rows(days.size(),
                                          std::vector<double>(static_cast<std::size_t>(tr.slots)));
    const auto f = fit(tr, tuning);
    for (std::size_t i = 0; i < days.size(); ++i) {
        const auto w = static_cast<std::size_t>(tr.profile_weekday(days[i]));
        const double total =
            std::max(0.0, std::exp(f.level_at(business_days(tr, f.last_day, days[i])) +
                                   f.effect(tr, days[i])) -
                              1.0);
        for (int s = 0; s < tr.slots; ++s) {
            const auto us = static_cast<std::size_t>(s);
            rows[i][us] = total * tr.profile[w][us];
        }
    }
    return rows;
}

} // namespace wfm::forecast::detail
