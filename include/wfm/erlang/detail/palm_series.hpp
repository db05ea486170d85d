#pragma once
/// Internal: one pass over the stationary queue-length law of Erlang A seen by a waiting caller.

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
[[nodiscard]] palm_pair palm_factor(double x, double y);
/// log 𝒜(x, y) with 1/𝒜 and 1/𝒜 − 1, each without cancellation (what the metrics need; near
/// y ≈ x from the same Temme expansion as log 𝒜, so no exp or expm1 of log 𝒜).
struct palm_inverse {
    double log_palm = 0.0;
    double inverse = 1.0;
    double inverse_minus_one = 0.0;
};
[[nodiscard]] palm_inverse palm_factor_inverse(double x, double y);
/// palm_factor_inverse() at (x, y) and at (x, y_t) (the same 1/𝒜 values), sharing the work that
/// depends on x only, and 𝒜(x, y_t)/𝒜(x, y): as `ratio` where Temme's expansion applies to both
/// (the log_palm fields are then NaN, not needed), else as `log_ratio` (`ratio` NaN).
struct palm_inverse_pair {
    palm_inverse at_y;
    palm_inverse at_y_t;
    double log_ratio = 0.0;
    double ratio = 1.0;
};
[[nodiscard]] palm_inverse_pair palm_factor_inverses(double x, double y, double y_t);

/// θ·E[V | wait] and θ·E[V·1{served} | wait] of palm_series without the series where Temme's
/// expansion applies (y near x, x > 20): with g_q = Σ_{m=1..q} 1/(x+m) and ∂t_q/∂x = −t_q·g_q,
/// Σ t_q·g_q / Σ t_q = −∂/∂x log 𝒜(x, y), so θ·E[V | wait] = 1/x − ∂log 𝒜/∂x and, as
/// t_q·x/(x+q+1) = (x/y)·t_{q+1}, θ·E[V·1{served} | wait] = −(x/y)·∂log 𝒜/∂x; the derivative
/// comes from differentiating the expansion (O(1) instead of O(√y) terms). Else the series.
struct palm_waits {
    double theta_virtual_wait = 0.0;
    double theta_served_wait = 0.0;
};
[[nodiscard]] palm_waits palm_wait_means(double x, double y);

/// Evaluates the series to double precision from 12√y below its peak (q ≈ y − x); cost
/// ≈ 25·√y terms. Throws wfm::invalid_argument for y > 10¹⁴ (beyond any contact centre).
[[nodiscard]] palm_series sum_palm_series(double x, double y);

} // namespace wfm::erlang::detail
