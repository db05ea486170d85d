// Day-level forecasting methods on the training matrix.
#include "training.hpp"

#include "svd.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace wfm::forecast::detail {

namespace {

constexpr int factor_weeks = 16;     // same-weekday days that set a weekday factor
constexpr int level_check_days = 40; // recent days that score a smoothing constant
constexpr int max_lead = 5;          // leads (days) the smoothing constant is scored on
constexpr int max_iterations = 200;
constexpr double position_prior = 1.0; // pseudo-days at effect 1 behind each month position
constexpr int svd_days_used = 112;     // days (16 weeks of 7) the SVD is fitted on
constexpr int svd_components = 3;
constexpr int score_weeks = 16;     // same-weekday days averaged for a score's weekday mean
constexpr double score_alpha = 0.2; // smoothing of the scores' recent departure from that mean

// Usable days the level and weekday factors are fitted on: days after a closure are left out
// (their backlog is not their weekday's level).
std::vector<int> usable_days(const training& tr) {
    std::vector<int> idx;
    for (int d = 0; d < tr.days; ++d) {
        if (tr.kind[static_cast<std::size_t>(d)] == day_kind::usable && !tr.after_closure(d)) {
            idx.push_back(d);
        }
    }
    return idx;
}

std::vector<double> zero_row(const training& tr) {
    return std::vector<double>(static_cast<std::size_t>(tr.slots), 0.0);
}

// Multiplicative weekday factors and an exponentially smoothed level of the deseasonalised
// daily totals (simple exponential smoothing with multiplicative seasonality, the seasonal
// indices estimated as ratio-to-level over recent weeks).
struct level_fit {
    double level = 0.0;
    std::array<double, 7> factor{};
    std::array<double, 5> position{}; ///< month-position effects, [0] = ordinary day = 1
    double score = std::numeric_limits<double>::infinity();
};

// The alternating fit of one smoothing constant: the level pass and the seasonal updates share
// the usable days, their month positions and the level before each day.
class level_fitter {
public:
    level_fitter(const training& tr, const std::vector<int>& idx, double alpha)
        : tr_{tr}, idx_{idx}, alpha_{alpha}, n_{idx.size()}, before_(n_, 0.0), pos_(n_, 0) {
        for (std::size_t j = 0; j < n_; ++j) {
            pos_[j] = tr.month_position(tr.date(idx[j]));
        }
        fit_.factor.fill(1.0);
        fit_.position.fill(1.0);
    }

    level_fit run() {
        // Alternate level and seasonal estimates until the factors settle (exact structure is
        // then recovered exactly).
        for (int iter = 0; iter < max_iterations; ++iter) {
            const auto previous = fit_.factor;
            const auto previous_position = fit_.position;
            pass();
            update_factors();
            update_positions();
            if (change(previous, previous_position) < 1e-13) {
                break;
            }
        }
        pass();
        fit_.score = lead_mse();
        return fit_;
    }

private:
    [[nodiscard]] double total(std::size_t j) const {
        return tr_.total[static_cast<std::size_t>(idx_[j])];
    }
    [[nodiscard]] std::size_t weekday(std::size_t j) const {
        return static_cast<std::size_t>(tr_.weekday(idx_[j]));
    }
    [[nodiscard]] double position(std::size_t j) const {
        return fit_.position[static_cast<std::size_t>(pos_[j])];
    }
    [[nodiscard]] double season(std::size_t j) const {
        return fit_.factor[weekday(j)] * position(j);
    }

    // Simple exponential smoothing of the deseasonalised totals, started at the first week's
    // mean; records the level before each day.
    void pass() {
        const std::size_t m = std::min<std::size_t>(n_, 7);
        double level = 0.0;
        for (std::size_t j = 0; j < m; ++j) {
            level += total(j) / season(j);
        }
        level /= static_cast<double>(m);
        for (std::size_t j = 0; j < n_; ++j) {
            before_[j] = level;
            level += alpha_ * (total(j) / season(j) - level);
        }
        fit_.level = level;
    }

    // Weekday factors: ratio to the level over the last `factor_weeks` days of each weekday,
    // normalised to mean 1.
    void update_factors() {
        std::array<double, 7> num{};
        std::array<double, 7> den{};
        std::array<int, 7> count{};
        for (std::size_t j = n_; j-- > 0;) {
            const auto w = weekday(j);
            if (count[w] < factor_weeks) {
                num[w] += total(j) / position(j);
                den[w] += before_[j];
                ++count[w];
            }
        }
        double mean = 0.0;
        int weekdays = 0;
        for (std::size_t w = 0; w < 7; ++w) {
            if (den[w] > 0.0 && num[w] > 0.0) {
                fit_.factor[w] = num[w] / den[w];
                mean += fit_.factor[w];
                ++weekdays;
            }
        }
        if (weekdays > 0) {
            mean /= weekdays;
            for (auto& f : fit_.factor) {
                f /= mean;
            }
        }
    }

    // Month-position effects: ratio to the expected total, shrunk towards 1 by
    // `position_prior` pseudo-days so a single odd month does not set them.
    void update_positions() {
        std::array<double, 5> pnum{};
        std::array<double, 5> pden{};
        for (std::size_t j = 0; j < n_; ++j) {
            const auto p = static_cast<std::size_t>(pos_[j]);
            if (p > 0 && before_[j] > 0.0) {
                pnum[p] += total(j) / (fit_.factor[weekday(j)] * before_[j]);
                pden[p] += 1.0;
            }
        }
        for (std::size_t p = 1; p < 5; ++p) {
            fit_.position[p] = (pnum[p] + position_prior) / (pden[p] + position_prior);
        }
    }

    [[nodiscard]] double change(const std::array<double, 7>& previous,
                                const std::array<double, 5>& previous_position) const {
        double change = 0.0;
        for (std::size_t w = 0; w < 7; ++w) {
            change = std::max(change, std::abs(fit_.factor[w] - previous[w]));
        }
        for (std::size_t p = 0; p < 5; ++p) {
            change = std::max(change, std::abs(fit_.position[p] - previous_position[p]));
        }
        return change;
    }

    // Mean squared error of forecasts 1…max_lead days ahead over the recent days.
    [[nodiscard]] double lead_mse() const {
        double sse = 0.0;
        int terms = 0;
        const std::size_t from = n_ > level_check_days ? n_ - level_check_days : 0;
        for (std::size_t j = std::max<std::size_t>(from, max_lead); j < n_; ++j) {
            for (std::size_t h = 1; h <= max_lead; ++h) {
                const double e = total(j) - season(j) * before_[j - h + 1];
                sse += e * e;
                ++terms;
            }
        }
        return terms > 0 ? sse / terms : 0.0;
    }

    const training& tr_;
    const std::vector<int>& idx_;
    double alpha_;
    std::size_t n_;
    std::vector<double> before_; // level before observing day j
    std::vector<int> pos_;
    level_fit fit_;
};

level_fit fit_level(const training& tr, const std::vector<int>& idx, double alpha) {
    return level_fitter{tr, idx, alpha}.run();
}

} // namespace

std::vector<std::vector<double>> topdown_days(const training& tr,
                                              std::span<const local_date> days) {
    const auto idx = usable_days(tr);
    std::vector<std::vector<double>> rows(days.size(), zero_row(tr));
    if (idx.empty()) {
        return rows;
    }
    level_fit best;
    for (double alpha : {0.02, 0.05, 0.1, 0.2, 0.3, 0.5}) {
        auto fit = fit_level(tr, idx, alpha);
        if (fit.score < best.score) {
            best = fit;
        }
    }
    for (std::size_t i = 0; i < days.size(); ++i) {
        const auto w = static_cast<std::size_t>(tr.effect_weekday(days[i]));
        const auto pw = static_cast<std::size_t>(tr.profile_weekday(days[i]));
        const double total = best.level * best.factor[w] *
                             best.position[static_cast<std::size_t>(tr.month_position(days[i]))];
        for (int s = 0; s < tr.slots; ++s) {
            const auto us = static_cast<std::size_t>(s);
            rows[i][us] = total * tr.profile[pw][us];
        }
    }
    return rows;
}

std::vector<std::vector<double>> svd_days(const training& tr, std::span<const local_date> days) {
    auto idx = usable_days(tr);
    std::vector<std::vector<double>> rows(days.size(), zero_row(tr));
    if (idx.size() > static_cast<std::size_t>(svd_days_used)) {
        idx.erase(idx.begin(), idx.end() - svd_days_used);
    }
    std::vector<int> cols;
    for (int s = 0; s < tr.slots; ++s) {
        bool any = false;
        for (const auto& o : tr.open) {
            any = any || o[static_cast<std::size_t>(s)] != 0;
        }
        if (any) {
            cols.push_back(s);
        }
    }
    if (idx.empty() || cols.empty()) {
        return rows;
    }
    const auto n = static_cast<Eigen::Index>(idx.size());
    const auto m = static_cast<Eigen::Index>(cols.size());
    Eigen::MatrixXd y(n, m);
    for (Eigen::Index i = 0; i < n; ++i) {
        for (Eigen::Index j = 0; j < m; ++j) {
            // Square-root transform stabilises Poisson variance (Shen & Huang 2008).
            y(i, j) = std::sqrt(
                tr.x[tr.at(idx[static_cast<std::size_t>(i)], cols[static_cast<std::size_t>(j)])] +
                0.25);
        }
    }
    const Eigen::Index k = std::min<Eigen::Index>({svd_components, n, m});
    // Scores U·S = Y·V.
    const Eigen::MatrixXd factors = leading_singular(y, k).v;
    const Eigen::MatrixXd scores = y * factors;

    auto weekday_of = [&](Eigen::Index i) { return tr.weekday(idx[static_cast<std::size_t>(i)]); };
    // Per component: weekday mean of recent scores plus the smoothed recent departure from it.
    Eigen::MatrixXd weekday_mean = Eigen::MatrixXd::Zero(7, k);
    std::array<bool, 7> have{};
    for (int w = 0; w < 7; ++w) {
        int count = 0;
        for (Eigen::Index i = n; i-- > 0 && count < score_weeks;) {
            if (weekday_of(i) == w) {
                weekday_mean.row(w) += scores.row(i);
                ++count;
            }
        }
        if (count > 0) {
            weekday_mean.row(w) /= count;
            have[static_cast<std::size_t>(w)] = true;
        }
    }
    Eigen::VectorXd departure = Eigen::VectorXd::Zero(k);
    for (Eigen::Index i = 0; i < n; ++i) {
        departure += score_alpha * (scores.row(i).transpose() -
                                    weekday_mean.row(weekday_of(i)).transpose() - departure);
    }
    for (std::size_t r = 0; r < days.size(); ++r) {
        const int w = weekday_index(days[r]);
        const auto uw = static_cast<std::size_t>(w);
        if (!have[uw]) {
            continue;
        }
        const Eigen::VectorXd beta = weekday_mean.row(w).transpose() + departure;
        const Eigen::VectorXd root = factors * beta;
        for (Eigen::Index j = 0; j < m; ++j) {
            const auto s = static_cast<std::size_t>(cols[static_cast<std::size_t>(j)]);
            if (tr.open[uw][s] != 0) {
                rows[r][s] = std::max(root(j) * root(j) - 0.25, 0.0);
            }
        }
    }
    return rows;
}

} // namespace wfm::forecast::detail
