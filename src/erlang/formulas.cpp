// Erlang B / C, Palm's factor and the chat-concurrency factor.
#include <wfm/erlang/detail/gamma_prefix.hpp>
#include <wfm/erlang/detail/palm_series.hpp>
#include <wfm/erlang/formulas.hpp>

#include <wfm/core/error.hpp>

#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/tools/fraction.hpp>
#include <boost/math/tools/roots.hpp>
#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>

namespace wfm::erlang {
namespace {

// Plain double arithmetic: Boost.Math's default promotes double to long double (x87), which
// costs several times the time for no accuracy the 1e-9 reference checks need.
using fast_policy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;

// Below this, a double is treated as underflowed (switch to log form).
constexpr double tiny = 1e-280;
// Whole agent counts up to this use the O(n) recurrence: exact and cheaper than two gammas.
constexpr double recurrence_limit = 24.0;

void require_finite_non_negative(const char* function, const char* name, double value) {
    if (!std::isfinite(value) || value < 0.0) {
        throw wfm::invalid_argument(fmt::format(
            "erlang::{}: {} must be a finite number >= 0, got {}", function, name, value));
    }
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

} // namespace

double erlang_b(double agents, double load) {
    require_finite_non_negative("erlang_b", "agents", agents);
    require_finite_non_negative("erlang_b", "load", load);
    if (agents == 0.0) {
        return 1.0;
    }
    if (load == 0.0) {
        return 0.0;
    }
    if (agents <= recurrence_limit && agents == std::floor(agents)) {
        double inverse = 1.0; // 1/B(k) = 1 + (k/A)·(1/B(k−1)); stable, overflows to inf → B = 0
        for (int k = 1; k <= static_cast<int>(agents); ++k) {
            inverse = 1.0 + inverse * static_cast<double>(k) / load;
        }
        return 1.0 / inverse;
    }
    const double q = boost::math::gamma_q(agents + 1.0, load, fast_policy{}); // Γ(n+1, A)/Γ(n+1)
    if (q > tiny) { // B = (Aⁿe^{−A}/Γ(n+1)) / Q(n+1, A)
        const double log_prefix = detail::log_gamma_prefix(agents, load);
        return log_prefix > -700.0 ? std::exp(log_prefix) / q : std::exp(log_prefix - std::log(q));
    }
    // A ≫ n: Q underflows; B = F/A with F the continued fraction above.
    upper_gamma_fraction fraction{agents + 1.0, load};
    std::uintmax_t terms = 10000;
    const double f = boost::math::tools::continued_fraction_b(
        fraction, std::numeric_limits<double>::epsilon(), terms);
    return f / load;
}

double erlang_c(double agents, double load) {
    const double b = erlang_b(agents, load);
    if (agents <= load) {
        return 1.0;
    }
    return agents * b / (agents - load * (1.0 - b));
}

double erlang_b_load(double agents, double blocking) {
    require_finite_non_negative("erlang_b_load", "agents", agents);
    if (!(blocking > 0.0 && blocking < 1.0)) {
        throw wfm::invalid_argument(
            fmt::format("erlang::erlang_b_load: blocking must be in (0, 1), got {}", blocking));
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

double log_palm_factor(double x, double y) {
    return detail::palm_factor(x, y).log_palm;
}

double palm_factor_minus_one(double x, double y) {
    return detail::palm_factor(x, y).palm_minus_one;
}

double effective_concurrency(int sessions, double compose_ratio) {
    if (sessions < 1) {
        throw wfm::invalid_argument(
            fmt::format("erlang::effective_concurrency: sessions must be >= 1, got {}", sessions));
    }
    if (!(compose_ratio > 0.0) || !std::isfinite(compose_ratio)) {
        throw wfm::invalid_argument(fmt::format(
            "erlang::effective_concurrency: compose ratio must be a finite number > 0, got {}",
            compose_ratio));
    }
    // 1 − B(1, r) = 1/(1 + r)
    return (1.0 - erlang_b(static_cast<double>(sessions), compose_ratio)) * (1.0 + compose_ratio);
}

namespace detail {

namespace {

void check_palm_arguments(double x, double y) {
    if (!(x > 0.0) || !std::isfinite(x)) {
        throw wfm::invalid_argument(
            fmt::format("erlang::palm_factor: x must be a finite number > 0, got {}", x));
    }
    require_finite_non_negative("palm_factor", "y", y);
}

// 𝒜 − 1 = Σ_{j≥1} y^j / Π_{k=1..j}(x + k) for y ≤ (x+1)/2: terms shrink at least by ½, so few
// terms and no cancellation.
double palm_series_minus_one(double x, double y) {
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
double log_palm_from_gamma(double x, double y) {
    const double p = boost::math::gamma_p(x, y, fast_policy{});
    if (p > tiny) {
        return std::log(p) - log_gamma_prefix(x, y);
    }
    return sum_palm_series(x, y).log_palm; // P underflowed (y ≪ x at huge x)
}

} // namespace

double log_gamma_prefix(double a, double z) noexcept {
    if (a < 10.0) {
        return a * std::log(z) - z - std::lgamma(a + 1.0);
    }
    // log Γ(a+1) = (a + ½)·log a − a + ½·log 2π + s(a), s(a) = 1/(12a) − 1/(360a³) + …
    // (Stirling; the terms through a⁻¹³ leave < 1e-16 for a ≥ 10).
    const double r = 1.0 / a;
    const double r2 = r * r;
    const double stirling =
        r * (1.0 / 12 +
             r2 * (-1.0 / 360 +
                   r2 * (1.0 / 1260 +
                         r2 * (-1.0 / 1680 +
                               r2 * (1.0 / 1188 + r2 * (-691.0 / 360360 + r2 * (1.0 / 156)))))));
    const double sigma = (z - a) / a;
    // a·(log(z/a) − σ): log1p keeps the small differences near z = a exact; far below a,
    // 1 + σ would lose the digits of z/a, so take the quotient itself.
    const double log_ratio = sigma > -0.5 ? std::log1p(sigma) : std::log(z / a);
    constexpr double log_two_pi = 1.8378770664093454836;
    return a * (log_ratio - sigma) - 0.5 * (log_two_pi + std::log(a)) - stirling;
}

double log_palm(double x, double y) {
    check_palm_arguments(x, y);
    if (y == 0.0) {
        return 0.0;
    }
    return y <= 0.5 * (x + 1.0) ? std::log1p(palm_series_minus_one(x, y))
                                : log_palm_from_gamma(x, y);
}

palm_pair palm_factor(double x, double y) {
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

palm_series sum_palm_series(double x, double y) {
    const double expected = 60.0 * std::sqrt(y) + 100.0; // terms from the start below
    if (!std::isfinite(y) || y > 1e14) {
        throw wfm::invalid_argument(fmt::format(
            "erlang: Erlang A load out of range (lambda/theta = {}, n*mu/theta = {})", y, x));
    }
    // In overload the terms peak near q = y − x with a spread of about √y: start 12 spreads
    // below the peak (the terms there are < e^{−70} of it), with H from the digamma function.
    const double start = std::max(0.0, std::floor(y - x - 12.0 * std::sqrt(y) - 10.0));
    // Running sums of t_q·(…) relative to t_start; rescaled by 2^-600 whenever they grow past
    // 2^600. One division a term: inv = 1/(x+q+1) is carried from the previous step.
    const double inv_x = 1.0 / x;
    double log_scale = 0.0;
    double h = inv_x; // H_q
    if (start > 0.0) {
        log_scale = start * std::log(y) - (std::lgamma(x + start + 1.0) - std::lgamma(x + 1.0));
        h = boost::math::digamma(x + start + 1.0, fast_policy{}) -
            boost::math::digamma(x, fast_policy{});
    }
    double term = 1.0;
    double s0 = 1.0;
    double s1 = start > 0.0 ? 1.0 : 0.0;
    double inv = 1.0 / (x + start + 1.0);
    double s_abandon = (start + 1.0) * inv;
    double s_virtual = h;
    double s_served = x * inv * (h + inv - inv_x);
    const double big = 0x1p600;
    const double limit = start + expected + 1000.0;
    for (double q = start + 1.0; q < limit; q += 1.0) {
        term *= y * inv; // t_q = t_{q−1}·y/(x+q)
        h += inv;
        const double inv_next = 1.0 / (x + q + 1.0);
        const double h_next = h + inv_next;
        s0 += term;
        s1 += term;
        s_abandon += term * (q + 1.0) * inv_next;
        s_virtual += term * h;
        s_served += term * x * inv_next * (h_next - inv_x);
        inv = inv_next;
        if (s0 > big) {
            term /= big;
            s0 /= big;
            s1 /= big;
            s_abandon /= big;
            s_virtual /= big;
            s_served /= big;
            log_scale += 600.0 * std::log(2.0);
        }
        // Past the mode the terms fall geometrically by r = y/(x+q+1): bound the tail (the
        // weights H grow only like log q).
        const double r = y * inv_next;
        if (r < 1.0 && term * r * (1.0 + h_next) <= 1e-18 * s0 * (1.0 - r)) {
            break;
        }
    }
    palm_series out;
    out.log_palm = std::log(s0) + log_scale;
    out.palm_minus_one = start == 0.0 && log_scale == 0.0 ? s1 : std::expm1(out.log_palm);
    out.abandon_given_wait = s_abandon / s0;
    out.theta_virtual_wait = s_virtual / s0;
    out.theta_served_wait = s_served / s0;
    return out;
}

} // namespace detail
} // namespace wfm::erlang
