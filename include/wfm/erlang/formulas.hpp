#pragma once
/// Scalar queueing formulas behind the Erlang models, for real-valued agent counts (header-only).
///
/// Everything is computed without factorials or powers that overflow: Erlang B by the inverse
/// recurrence or by regularised incomplete gamma ratios (Boost.Math), Palm's factor 𝒜(x, y) in
/// log form. Valid (and tested) up to at least 100,000 agents. The whole-number recurrences
/// erlang_b_whole() and erlang_c_whole() are `constexpr`.

#include <wfm/erlang/detail/gamma_prefix.hpp>
#include <wfm/erlang/detail/message.hpp>
#include <wfm/erlang/detail/palm_series.hpp>
#include <wfm/erlang/detail/policy.hpp>
#include <wfm/erlang/detail/temme.hpp>
#include <wfm/erlang/limits.hpp>

#include <wfm/core/error.hpp>

#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/tools/fraction.hpp>
#include <boost/math/tools/roots.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>

namespace wfm::erlang {
namespace detail {

// Whole agent counts up to this use the O(n) recurrence: exact and cheaper than two gammas.
inline constexpr double recurrence_limit = 24.0;

// 1/B(k) = 1 + (k/A)·(1/B(k−1)), B(0) = 1, for n ≥ 1 and A > 0; stable, overflows to inf → B = 0.
constexpr double erlang_b_recurrence(long servers, double load) noexcept {
    double inverse = 1.0;
    for (long k = 1; k <= servers; ++k) {
        inverse = 1.0 + inverse * static_cast<double>(k) / load;
    }
    return 1.0 / inverse;
}

// C = n·B / (n − A(1 − B)) when n > A, else 1 (unstable queue).
constexpr double erlang_c_of_b(double servers, double load, double b) noexcept {
    if (servers <= load) {
        return 1.0;
    }
    return servers * b / (servers - load * (1.0 - b));
}

// Γ(a, z)·e^z·z^{−a} = 1 / (b0 + a1/(b1 + a2/(b2 + …))), b_k = z + 2k + 1 − a, a_k = −k(k − a)
// (Legendre's continued fraction; converges quickly for z > a − 1).
struct upper_gamma_fraction {
    using result_type = std::pair<double, double>;
    double a;
    double z;
    int k = 0;
    std::pair<double, double> operator()() {
        const double kd = static_cast<double>(k);
        const std::pair<double, double> term{-kd * (kd - a), z + 2.0 * kd + 1.0 - a};
        ++k;
        return term;
    }
};

} // namespace detail

/// Erlang B blocking B(n, A) for whole n ≥ 0 servers and A ≥ 0 erlangs by the recurrence
/// 1/B(k) = 1 + k/(A·B(k−1)), B(0) = 1 (O(n); constexpr). Equal to erlang_b() for n ≤ 24.
[[nodiscard]] constexpr double erlang_b_whole(long servers, double load) {
    if (servers < 0) {
        throw wfm::invalid_argument(
            detail::message("erlang::erlang_b_whole: servers must be >= 0, got ", servers));
    }
    if (!(load >= 0.0 && load <= std::numeric_limits<double>::max())) {
        throw wfm::invalid_argument(detail::message(
            "erlang::erlang_b_whole: load must be a finite number >= 0, got ", load));
    }
    if (servers == 0) {
        return 1.0;
    }
    return load == 0.0 ? 0.0 : detail::erlang_b_recurrence(servers, load);
}

/// Erlang C P(wait) for whole n servers and A erlangs from erlang_b_whole(): n·B / (n − A(1 − B))
/// when n > A, 1 otherwise (constexpr).
[[nodiscard]] constexpr double erlang_c_whole(long servers, double load) {
    const double b = erlang_b_whole(servers, load);
    return detail::erlang_c_of_b(static_cast<double>(servers), load, b);
}

namespace detail {

constexpr bool near(double value, double expected, double tolerance) noexcept {
    return value - expected <= tolerance && expected - value <= tolerance;
}

// Exact small cases: B(1, A) = A/(1 + A); B(2, 1) = (1/2)/(1 + 1 + 1/2) = 1/5; B(3, 2) = 4/19 and
// C(3, 2) = 3·(4/19)/(3 − 2·15/19) = 4/9 (the M/M/3 example of Kleinrock, Queueing Systems I).
static_assert(erlang_b_whole(0, 5.0) == 1.0 && erlang_b_whole(4, 0.0) == 0.0);
static_assert(near(erlang_b_whole(1, 1.0), 0.5, 1e-15));
static_assert(near(erlang_b_whole(2, 1.0), 0.2, 1e-15));
static_assert(near(erlang_b_whole(3, 2.0), 4.0 / 19.0, 1e-15));
static_assert(near(erlang_c_whole(3, 2.0), 4.0 / 9.0, 1e-15));
static_assert(erlang_c_whole(3, 3.0) == 1.0);
// The standard Erlang B table at 1 % grade of service (loads rounded to 3 decimals; the rows of
// tests/data/erlang/vectors.csv): B(5, 1.361) = B(10, 4.461) = B(20, 12.031) = 0.0100.
static_assert(near(erlang_b_whole(5, 1.361), 0.01, 1e-5));
static_assert(near(erlang_b_whole(10, 4.461), 0.01, 1e-5));
static_assert(near(erlang_b_whole(20, 12.031), 0.01, 1e-5));
// Erlang C at A = 10 erlangs (100 calls per 30 min, AHT 180 s; the callcentrehelper.com example,
// values of CRAN ErlangC 0.1.0's tests): P(wait) = 0.6821182, 0.4493882, 0.2852705, 0.1741319 for
// n = 11 … 14.
static_assert(near(erlang_c_whole(11, 10.0), 0.6821182, 1e-7));
static_assert(near(erlang_c_whole(12, 10.0), 0.4493882, 1e-7));
static_assert(near(erlang_c_whole(13, 10.0), 0.2852705, 1e-7));
static_assert(near(erlang_c_whole(14, 10.0), 0.1741319, 1e-7));

} // namespace detail

/// Erlang B blocking B(n, A) for real n ≥ 0 agents and A ≥ 0 erlangs:
/// B = Aⁿe^{−A} / Γ(n+1, A); for whole n equal to 1/B(k) = 1 + k/(A·B(k−1)), B(0) = 1.
[[nodiscard]] inline double erlang_b(double agents, double load) {
    using namespace detail;
    require_finite_non_negative("erlang_b", "agents", agents);
    require_finite_non_negative("erlang_b", "load", load);
    if (agents == 0.0) {
        return 1.0;
    }
    if (load == 0.0) {
        return 0.0;
    }
    if (agents <= recurrence_limit && agents == std::floor(agents)) {
        return erlang_b_recurrence(static_cast<long>(agents), load);
    }
    const double a = agents + 1.0;
    if (temme_applies(a, load)) { // 1/B = Q(n+1, A)/prefix(n, A) = (A/a)·Γ*(a)·Q̃(a, A)
        return a / (load * exp_small(stirling_correction(a)) * temme_expansion(a).at(load, true));
    }
    const double q = boost::math::gamma_q(a, load, fast_policy{}); // Γ(n+1, A)/Γ(n+1)
    if (q > tiny) { // B = (Aⁿe^{−A}/Γ(n+1)) / Q(n+1, A)
        const double log_prefix = detail::log_gamma_prefix(agents, load);
        return log_prefix > -700.0 ? std::exp(log_prefix) / q : std::exp(log_prefix - std::log(q));
    }
    // A ≫ n: Q underflows; B = F/A with F the continued fraction above.
    upper_gamma_fraction fraction{a, load};
    std::uintmax_t terms = 10000;
    const double f = boost::math::tools::continued_fraction_b(
        fraction, std::numeric_limits<double>::epsilon(), terms);
    return f / load;
}

/// Erlang C P(wait) for real n agents and A erlangs: C = n·B / (n − A(1 − B)) when n > A,
/// 1 when n ≤ A (unstable queue).
[[nodiscard]] inline double erlang_c(double agents, double load) {
    const double b = erlang_b(agents, load);
    return detail::erlang_c_of_b(agents, load, b);
}

/// The load A (erlangs) at which B(n, A) equals `blocking` (inverse Erlang B, Erlang-B tables).
[[nodiscard]] inline double erlang_b_load(double agents, double blocking) {
    detail::require_finite_non_negative("erlang_b_load", "agents", agents);
    if (!(blocking > 0.0 && blocking < 1.0)) {
        throw wfm::invalid_argument(
            detail::message("erlang::erlang_b_load: blocking must be in (0, 1), got ", blocking));
    }
    if (agents == 0.0) {
        throw wfm::invalid_argument("erlang::erlang_b_load: agents must be > 0, got 0");
    }
    // B rises with A from 0 to 1; bracket then solve.
    double lo = 0.0;
    double hi = std::max(1.0, agents);
    while (erlang_b(agents, hi) < blocking) {
        lo = hi;
        hi *= 2.0;
    }
    std::uintmax_t iterations = 200;
    const auto f = [&](double a) { return a == 0.0 ? -blocking : erlang_b(agents, a) - blocking; };
    const auto root = boost::math::tools::toms748_solve(
        f, lo, hi, boost::math::tools::eps_tolerance<double>(50), iterations);
    return 0.5 * (root.first + root.second);
}

/// Palm's factor 𝒜(x, y) = x·e^y·y^{−x}·γ(x, y) = 1 + Σ_{j≥1} y^j / Π_{k=1..j}(x + k), as its
/// logarithm (𝒜 overflows double in heavy overload); x > 0, y ≥ 0. Mandelbaum & Zeltyn.
[[nodiscard]] inline double log_palm_factor(double x, double y) {
    return detail::palm_factor(x, y).log_palm;
}

/// 𝒜(x, y) − 1 without cancellation (small when y ≪ x); +inf when 𝒜 overflows.
[[nodiscard]] inline double palm_factor_minus_one(double x, double y) {
    return detail::palm_factor(x, y).palm_minus_one;
}

/// Chat concurrency: effective concurrency of an agent who may hold up to `sessions` sessions,
/// c(k) = (1 − B(k, r)) / (1 − B(1, r)) with B the Erlang B formula in the compose ratio r
/// (US 8,064,589 B2 as quoted by mathieutellene/shiftmesh). c(1) = 1, c(k) < k for k > 1;
/// 1 ≤ k ≤ limits::concurrency.
[[nodiscard]] inline double effective_concurrency(int sessions, double compose_ratio) {
    if (sessions < 1) {
        throw wfm::invalid_argument(detail::message(
            "erlang::effective_concurrency: sessions must be >= 1, got ", sessions));
    }
    if (sessions > limits::concurrency) {
        throw wfm::invalid_argument(detail::message(
            "erlang::effective_concurrency: sessions must be <= ", limits::concurrency, ", got ",
            sessions));
    }
    if (!(compose_ratio > 0.0) || !std::isfinite(compose_ratio)) {
        throw wfm::invalid_argument(detail::message(
            "erlang::effective_concurrency: compose ratio must be a finite number > 0, got ",
            compose_ratio));
    }
    // 1 − B(1, r) = 1/(1 + r)
    return (1.0 - erlang_b(static_cast<double>(sessions), compose_ratio)) * (1.0 + compose_ratio);
}

} // namespace wfm::erlang
