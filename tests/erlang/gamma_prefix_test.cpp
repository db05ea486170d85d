// The log-form incomplete-gamma prefix and the Erlang B / Palm factor built on it (Temme's
// expansion near z ≈ a), against Boost.Math's own path in long double arithmetic over a wide
// grid up to 100,000 agents.
#include <wfm/erlang/detail/gamma_prefix.hpp>
#include <wfm/erlang/detail/palm_series.hpp>
#include <wfm/erlang/formulas.hpp>

#include <boost/math/special_functions/gamma.hpp>
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

namespace {

using namespace wfm::erlang;

// a and z around every regime the staffing search meets: far below, near and far above z = a.
std::vector<double> shape_grid() {
    return {0.5,  1.0,   3.25,  9.99,  10.0,   12.5,   19.5,    20.5,
            47.0, 199.0, 201.0, 333.3, 1000.0, 4999.5, 20000.0, 100000.0};
}
std::vector<double> points_around(double a) {
    std::vector<double> z;
    for (const double ratio : {1e-3, 0.1, 0.5, 0.9, 0.99, 1.0, 1.01, 1.1, 2.0, 10.0}) {
        z.push_back(ratio * a);
    }
    for (const double spreads : {-3.0, -1.0, 1.0, 3.0}) {
        z.push_back(std::max(1e-3, a + spreads * std::sqrt(a)));
    }
    // the edges of the domain of Temme's expansion (|z − a|/a < 0.4, or < √(20/a) above 200)
    const double edge = a > 200.0 ? std::sqrt(20.0 / a) : 0.4;
    for (const double side : {-0.999, -0.5, -0.01, 0.01, 0.5, 0.999}) {
        z.push_back(a * (1.0 + side * edge));
    }
    return z;
}

// log(z^a e^{−z}/Γ(a+1)) in long double (64-bit mantissa) as the reference.
long double reference_log_prefix(double a, double z) {
    const long double al = a;
    const long double zl = z;
    return al * std::log(zl) - zl - std::lgamma(al + 1.0L);
}

} // namespace

TEST_CASE("erlang: the log incomplete-gamma prefix matches long double arithmetic", "[erlang]") {
    for (const double a : shape_grid()) {
        for (const double z : points_around(a)) {
            const double computed = detail::log_gamma_prefix(a, z);
            const long double expected = reference_log_prefix(a, z);
            // absolute error of a log = relative error of the prefix; the reference itself
            // loses about a·log z·2⁻⁶⁴
            const double tolerance =
                1e-13 + 4e-16 * (std::abs(z - a) + std::abs(static_cast<double>(expected))) +
                1e-18 * a * std::abs(std::log(z));
            INFO("a = " << a << ", z = " << z << ", computed " << computed);
            CHECK(std::abs(computed - static_cast<double>(expected)) <= tolerance);
        }
    }
}

TEST_CASE("erlang: Erlang B and Palm's factor agree with Boost.Math's prefix path", "[erlang]") {
    namespace bm = boost::math;
    for (const double a : shape_grid()) {
        for (const double z : points_around(a)) {
            INFO("a = " << a << ", z = " << z);
            // B(n, A) = (Aⁿe^{−A}/Γ(n+1)) / Q(n+1, A), Boost's default (promoted) policy
            const double q = bm::gamma_q(a + 1.0, z);
            const double prefix = bm::gamma_p_derivative(a + 1.0, z);
            if (q > 1e-280 && prefix > 1e-280) {
                const double expected = prefix / q;
                CHECK(std::abs(erlang_b(a, z) - expected) <= 1e-11 * expected);
            }
            // log 𝒜(x, y) = log(x·P(x, y) / (y·∂P/∂y))
            const double p = bm::gamma_p(a, z);
            const double d = bm::gamma_p_derivative(a, z);
            if (p > 1e-280 && d > 1e-280) {
                const double expected = std::log(a * p / (z * d));
                const detail::palm_pair palm = detail::palm_factor(a, z);
                const detail::palm_inverse inverse = detail::palm_factor_inverse(a, z);
                CHECK(std::abs(inverse.log_palm - expected) <= 1e-11 * (1.0 + expected));
                CHECK(std::abs(palm.log_palm - expected) <= 1e-11 * (1.0 + expected));
                CHECK(inverse.inverse == Approx(std::exp(-expected)).epsilon(1e-11));
                CHECK(inverse.inverse_minus_one ==
                      Approx(std::expm1(-expected)).epsilon(1e-11).margin(1e-300));
                CHECK(std::abs(palm.palm_minus_one - std::expm1(expected)) <=
                      1e-11 * (1.0 + expected) * std::abs(std::expm1(expected)) + 1e-300);
            }
        }
    }
}

TEST_CASE("erlang_a: the paired wait series equals a plain term-by-term sum", "[erlang]") {
    // Plain long double sums of t_q = y^q / Π_{k=1..q}(x+k) and its weights (palm_series.hpp).
    for (const double x : {0.25, 3.0, 47.5, 600.0, 50000.0}) {
        for (const double ratio : {0.3, 0.9, 1.0, 1.1, 2.0}) {
            const double y = ratio * x;
            if (y - x > 20000.0) {
                continue; // the plain sum would overflow even long double
            }
            long double term = 1.0L;
            long double h = 1.0L / x;
            long double s0 = 0.0L;
            long double s_abandon = 0.0L;
            long double s_virtual = 0.0L;
            long double s_served = 0.0L;
            for (long q = 0; q < 200000; ++q) {
                const long double next = 1.0L / (x + q + 1.0L);
                s0 += term;
                s_abandon += term * (q + 1.0L) * next;
                s_virtual += term * h;
                s_served += term * x * next * (h + next - 1.0L / x);
                h += next;
                term *= y * next;
                if (term < 1e-22L * s0 && q > y) {
                    break;
                }
            }
            const detail::palm_series s = detail::sum_palm_series(x, y);
            INFO("x = " << x << ", y = " << y);
            CHECK(s.log_palm == Approx(static_cast<double>(std::log(s0))).epsilon(1e-12));
            CHECK(s.abandon_given_wait ==
                  Approx(static_cast<double>(s_abandon / s0)).epsilon(1e-12));
            CHECK(s.theta_virtual_wait ==
                  Approx(static_cast<double>(s_virtual / s0)).epsilon(1e-12));
            CHECK(s.theta_served_wait == Approx(static_cast<double>(s_served / s0)).epsilon(1e-12));
        }
    }
}

TEST_CASE("erlang_a: Palm's factor at y and y·e^{-θt} together equals two single calls",
          "[erlang]") {
    for (const double x : shape_grid()) {
        for (const double y : points_around(x)) {
            for (const double decay : {1.0, 0.95, 0.846, 0.5}) {
                const detail::palm_inverse_pair pair =
                    detail::palm_factor_inverses(x, y, y * decay);
                const detail::palm_inverse single_y = detail::palm_factor_inverse(x, y);
                const detail::palm_inverse single_y_t = detail::palm_factor_inverse(x, y * decay);
                INFO("x = " << x << ", y = " << y << ", decay " << decay);
                CHECK(pair.at_y.inverse == single_y.inverse);
                CHECK(pair.at_y.inverse_minus_one == single_y.inverse_minus_one);
                CHECK(pair.at_y_t.inverse == single_y_t.inverse);
                CHECK(pair.at_y_t.inverse_minus_one == single_y_t.inverse_minus_one);
                const double log_ratio = single_y_t.log_palm - single_y.log_palm;
                if (std::isnan(pair.ratio)) {
                    CHECK(pair.log_ratio == log_ratio);
                } else {
                    CHECK(pair.ratio == Approx(std::exp(log_ratio)).epsilon(1e-13));
                }
            }
        }
    }
}

TEST_CASE("erlang_a: wait means from the differentiated expansion agree with the series",
          "[erlang]") {
    // Temme's domain (x > 20, y near x) up to 100,000 agents; elsewhere both are the series.
    for (const double x :
         {20.5, 47.0, 150.0, 199.0, 201.0, 333.3, 999.0, 1001.0, 4999.5, 20000.0, 50000.0}) {
        const double edge = x > 200.0 ? std::sqrt(20.0 / x) : 0.4;
        for (const double side :
             {-0.999, -0.6, -0.2, -1e-3, -1e-7, 0.0, 1e-7, 1e-3, 0.2, 0.6, 0.999}) {
            const double y = x * (1.0 + side * edge);
            const detail::palm_waits fast = detail::palm_wait_means(x, y);
            const detail::palm_series series = detail::sum_palm_series(x, y);
            INFO("x = " << x << ", y = " << y);
            CHECK(fast.theta_virtual_wait == Approx(series.theta_virtual_wait).epsilon(1e-11));
            CHECK(fast.theta_served_wait == Approx(series.theta_served_wait).epsilon(1e-11));
        }
    }
}

TEST_CASE("erlang: the scaled complementary error function matches long double", "[erlang]") {
    for (double u = 0.0; u < 8.0; u += 0.00731) {
        const long double ul = u;
        const long double expected = std::exp(ul * ul) * std::erfc(ul);
        INFO("u = " << u);
        CHECK(std::abs(detail::erfcx(u) - static_cast<double>(expected)) <=
              (u < 6.0 ? 5e-16 : 4e-15 * u * u) * static_cast<double>(expected));
    }
    for (const double edge : {0.0, 0.5, 2.75, 3.0, 5.999999999, 6.0}) {
        CHECK(detail::erfcx(edge) ==
              Approx(static_cast<double>(std::exp(static_cast<long double>(edge) * edge) *
                                         std::erfc(static_cast<long double>(edge))))
                  .epsilon(1e-15));
    }
}
