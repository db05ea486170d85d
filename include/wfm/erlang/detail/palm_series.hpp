#pragma once
/// Internal: Palm's factor 𝒜(x, y) of Erlang A (log form, inverses, wait means) and one pass over
/// the stationary queue-length law of Erlang A seen by a waiting caller.

#include <wfm/erlang/detail/gamma_prefix.hpp>
#include <wfm/erlang/detail/message.hpp>
#include <wfm/erlang/detail/policy.hpp>
#include <wfm/erlang/detail/temme.hpp>

#include <wfm/core/error.hpp>

#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace wfm::erlang::detail {

/// Sums over q (callers ahead in queue) with weights t_q = y^q / Π_{k=1..q}(x + k), i.e. the
/// birth-death law of M/M/n+M given that an arrival waits (x = nμ/θ, y = λ/θ). Given q, the
/// virtual wait V is a sum of Exp(θ(x+m)), m = 0..q, so P(abandon | q) = (q+1)/(x+q+1),
/// θ·E[V | q] = H_q = Σ_{m=0..q} 1/(x+m) and θ·E[V·e^{−θV} | q] = x/(x+q+1)·(H_{q+1} − 1/x).
struct palm_series {
    double log_palm = 0.0;           ///< log 𝒜(x, y) = log Σ t_q
    double palm_minus_one = 0.0;     ///< 𝒜 − 1 = Σ_{q≥1} t_q (no cancellation)
    double abandon_given_wait = 0.0; ///< P(abandon | wait)
    double theta_virtual_wait = 0.0; ///< θ·E[V | wait]
    double theta_served_wait = 0.0;  ///< θ·E[V·1{served} | wait] = θ·E[V e^{−θV} | wait]
};

/// log 𝒜(x, y) and 𝒜(x, y) − 1 together (O(1): series for y ≤ (x+1)/2, else Boost.Math gammas).
struct palm_pair {
    double log_palm = 0.0;
    double palm_minus_one = 0.0;
};
[[nodiscard]] inline palm_pair palm_factor(double x, double y);
/// log 𝒜(x, y) with 1/𝒜 and 1/𝒜 − 1, each without cancellation (what the metrics need; near
/// y ≈ x from the same Temme expansion as log 𝒜, so no exp or expm1 of log 𝒜).
struct palm_inverse {
    double log_palm = 0.0;
    double inverse = 1.0;
    double inverse_minus_one = 0.0;
};
[[nodiscard]] inline palm_inverse palm_factor_inverse(double x, double y);
/// palm_factor_inverse() at (x, y) and at (x, y_t) (the same 1/𝒜 values), sharing the work that
/// depends on x only, and 𝒜(x, y_t)/𝒜(x, y): as `ratio` where Temme's expansion applies to both
/// (the log_palm fields are then NaN, not needed), else as `log_ratio` (`ratio` NaN).
struct palm_inverse_pair {
    palm_inverse at_y;
    palm_inverse at_y_t;
    double log_ratio = 0.0;
    double ratio = 1.0;
};
[[nodiscard]] inline palm_inverse_pair palm_factor_inverses(double x, double y, double y_t);

/// θ·E[V | wait] and θ·E[V·1{served} | wait] of palm_series without the series where Temme's
/// expansion applies (y near x, x > 20): with g_q = Σ_{m=1..q} 1/(x+m) and ∂t_q/∂x = −t_q·g_q,
/// Σ t_q·g_q / Σ t_q = −∂/∂x log 𝒜(x, y), so θ·E[V | wait] = 1/x − ∂log 𝒜/∂x and, as
/// t_q·x/(x+q+1) = (x/y)·t_{q+1}, θ·E[V·1{served} | wait] = −(x/y)·∂log 𝒜/∂x; the derivative
/// comes from differentiating the expansion (O(1) instead of O(√y) terms). Else the series.
struct palm_waits {
    double theta_virtual_wait = 0.0;
    double theta_served_wait = 0.0;
};
[[nodiscard]] inline palm_waits palm_wait_means(double x, double y);

/// Evaluates the series to double precision from 12√y below its peak (q ≈ y − x); cost
/// ≈ 25·√y terms. Throws wfm::invalid_argument for y > 10¹⁴ (beyond any contact centre).
[[nodiscard]] inline palm_series sum_palm_series(double x, double y);

// Below this, a double is treated as underflowed (switch to log form).
inline constexpr double tiny = 1e-280;

inline void check_palm_arguments(double x, double y) {
    if (!(x > 0.0) || !std::isfinite(x)) {
        throw wfm::invalid_argument(
            message("erlang::palm_factor: x must be a finite number > 0, got ", x));
    }
    require_finite_non_negative("palm_factor", "y", y);
}

// 𝒜 − 1 = Σ_{j≥1} y^j / Π_{k=1..j}(x + k) for y ≤ (x+1)/2: terms shrink at least by ½, so few
// terms and no cancellation.
inline double palm_series_minus_one(double x, double y) {
    double term = 1.0;
    double sum = 0.0;
    for (int j = 1; j < 200; ++j) {
        term *= y / (x + static_cast<double>(j));
        sum += term;
        if (term <= 1e-18 * sum) {
            break;
        }
    }
    return sum;
}

// log 𝒜 for y > (x+1)/2: 𝒜 = P(x, y)·Γ(x+1)·e^y·y^{−x} = P(x, y) / prefix(x, y).
inline double log_palm_from_gamma(double x, double y) {
    if (temme_applies(x, y)) { // 𝒜 = P(x, y)/prefix(x, y) = Γ*(x)·P̃(x, y)
        return std::log(temme_expansion(x).at(y, false)) + stirling_correction(x);
    }
    const double p = boost::math::gamma_p(x, y, fast_policy{});
    if (p > tiny) {
        return std::log(p) - log_gamma_prefix(x, y);
    }
    return sum_palm_series(x, y).log_palm; // P underflowed (y ≪ x at huge x)
}

inline palm_inverse palm_factor_inverse(double x, double y) {
    check_palm_arguments(x, y);
    if (y == 0.0) {
        return {};
    }
    if (y <= 0.5 * (x + 1.0)) {
        const double sum = palm_series_minus_one(x, y);
        return {std::log1p(sum), 1.0 / (1.0 + sum), -sum / (1.0 + sum)};
    }
    if (temme_applies(x, y)) {
        // 𝒜 = Γ*(x)·P̃ ≥ 1 + y/(x+1) > 1.5 here, so 1/𝒜 − 1 does not cancel
        const double scaled = temme_expansion(x).at(y, false);
        const double s = stirling_correction(x);
        const double inverse = exp_small(-s) / scaled;
        return {std::log(scaled) + s, inverse, inverse - 1.0};
    }
    const double log_palm = log_palm_from_gamma(x, y);
    return {log_palm, std::exp(-log_palm), std::expm1(-log_palm)};
}

inline palm_inverse_pair palm_factor_inverses(double x, double y, double y_t) {
    if (!(temme_applies(x, y) && temme_applies(x, y_t))) {
        const palm_inverse at_y = palm_factor_inverse(x, y);
        const palm_inverse at_y_t = palm_factor_inverse(x, y_t);
        return {at_y, at_y_t, at_y_t.log_palm - at_y.log_palm, std::nan("")};
    }
    // as palm_factor_inverse() does it, with the expansion for x built once; 𝒜(x, y_t)/𝒜(x, y)
    // = P̃(x, y_t)/P̃(x, y) (same Γ*(x)), without the logs
    const temme_expansion expansion(x);
    const double inverse_gamma_star = exp_small(-stirling_correction(x));
    const double scaled = expansion.at(y, false);
    const double scaled_t = expansion.at(y_t, false);
    const double inverse = inverse_gamma_star / scaled;
    const double inverse_t = inverse_gamma_star / scaled_t;
    const double nan = std::nan("");
    return {
        {nan, inverse, inverse - 1.0}, {nan, inverse_t, inverse_t - 1.0}, nan, scaled_t / scaled};
}

inline palm_waits palm_wait_means(double x, double y) {
    check_palm_arguments(x, y);
    if (y > 0.0 && temme_applies(x, y)) {
        // −∂/∂x log 𝒜 = Σ t_q·g_q / Σ t_q, 𝒜 = Γ*(x)·P̃(x, y)
        const double slope =
            -(temme_expansion(x, true).log_lower_slope(y) + stirling_correction_slope(x));
        return {1.0 / x + slope, (x / y) * slope};
    }
    const palm_series s = sum_palm_series(x, y);
    return {s.theta_virtual_wait, s.theta_served_wait};
}

inline palm_pair palm_factor(double x, double y) {
    check_palm_arguments(x, y);
    if (y == 0.0) {
        return {};
    }
    if (y <= 0.5 * (x + 1.0)) {
        const double sum = palm_series_minus_one(x, y);
        return {std::log1p(sum), sum};
    }
    const double log_palm = log_palm_from_gamma(x, y);
    return {log_palm, std::expm1(log_palm)};
}

inline palm_series sum_palm_series(double x, double y) {
    const double expected = 60.0 * std::sqrt(y) + 100.0; // terms from the start below
    if (!std::isfinite(y) || y > 1e14) {
        throw wfm::invalid_argument(message(
            "erlang: Erlang A load out of range (lambda/theta = ", y, ", n*mu/theta = ", x, ")"));
    }
    // In overload the terms peak near q = y − x with a spread of about √y: start 12 spreads
    // below the peak (the terms there are < e^{−70} of it), with H from the digamma function.
    const double start = std::max(0.0, std::floor(y - x - 12.0 * std::sqrt(y) - 10.0));
    // Running sums of t_q·(…) relative to t_start; rescaled by 2^-600 whenever they grow past
    // 2^600. inv = 1/(x+q+1) is carried from the previous step.
    // g = H_q − 1/x = Σ_{m=1..q} 1/(x+m) is carried instead of H_q: no cancellation for tiny x,
    // and θ·E[V·1{served} | q] = x·g_{q+1}/(x+q+1) needs no subtraction.
    const double inv_x = 1.0 / x;
    double log_scale = 0.0;
    double g = 0.0; // g_q
    if (start > 0.0) {
        log_scale = start * std::log(y) - (std::lgamma(x + start + 1.0) - std::lgamma(x + 1.0));
        g = boost::math::digamma(x + start + 1.0, fast_policy{}) -
            boost::math::digamma(x + 1.0, fast_policy{});
    }
    double term = 1.0;
    double s0 = 1.0;
    double s1 = 0.0; // Σ_{q>start} t_q = s0 − 1 without cancellation (until rescaled)
    double inv = 1.0 / (x + start + 1.0);
    double s_abandon = (start + 1.0) * inv;
    double s_g = g;                    // Σ t_q·g_q
    double s_served = inv * (g + inv); // Σ t_q·g_{q+1}/(x+q+1)
    const double big = 0x1p600;
    const double limit = start + expected + 1000.0;
    // Two terms a step with one division: 1/(x+q+1) and 1/(x+q+2) from 1/((x+q+1)(x+q+2)).
    for (double q = start + 1.0; q < limit; q += 2.0) {
        const double c1 = x + q + 1.0;
        const double c2 = c1 + 1.0;
        const double both = 1.0 / (c1 * c2);
        const double inv1 = c2 * both;                   // 1/(x+q+1)
        const double inv2 = c1 * both;                   // 1/(x+q+2)
        const double t0 = term * (y * inv);              // t_q = t_{q−1}·y/(x+q)
        const double t1 = term * (y * y * (inv * inv1)); // t_{q+1}
        const double g0 = g + inv;                       // g_q
        const double g1 = g0 + inv1;                     // g_{q+1}
        const double g2 = g1 + inv2;                     // g_{q+2}
        s0 += t0 + t1;
        s1 += t0 + t1;
        s_abandon += t0 * (q + 1.0) * inv1 + t1 * (q + 2.0) * inv2;
        s_g += t0 * g0 + t1 * g1;
        s_served += t0 * inv1 * g1 + t1 * inv2 * g2;
        term = t1;
        g = g1;
        inv = inv2;
        if (s0 > big) {
            term /= big;
            s0 /= big;
            s1 /= big;
            s_abandon /= big;
            s_g /= big;
            s_served /= big;
            log_scale += 600.0 * std::log(2.0);
        }
        // Past the mode the terms fall geometrically by r = y/(x+q+3) or faster: bound the tail
        // (the weights grow only like log q).
        const double r = y * inv2;
        if (r < 1.0 && term * r * (1.0 + inv_x + g2) <= 1e-18 * s0 * (1.0 - r)) {
            break;
        }
    }
    palm_series out;
    out.log_palm = std::log(s0) + log_scale;
    out.palm_minus_one = start == 0.0 && log_scale == 0.0 ? s1 : std::expm1(out.log_palm);
    out.abandon_given_wait = s_abandon / s0;
    out.theta_virtual_wait = s_g / s0 + inv_x;
    out.theta_served_wait = x * s_served / s0;
    return out;
}

} // namespace wfm::erlang::detail
