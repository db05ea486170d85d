// The integer-coverage bound (lp.hpp, integer_coverage_bound): valid against brute-force optima,
// at least the LP value, and above it when the LP covers fractional requirements exactly.
#include <wfm/schedule/lp.hpp>
#include <wfm/schedule/problem.hpp>
#include <wfm/schedule/solve.hpp>

#include "brute_force.hpp"
#include "two_days.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstddef>
#include <vector>

using namespace wfm::schedule;

namespace {} // namespace

TEST_CASE("lp: the integer-coverage bound lies between the LP value and the brute-force optimum",
          "[schedule][lp][integer_bound]") {
    int tighter = 0;
    const std::vector<problem> cases = test::fractional_cases();
    for (std::size_t i = 0; i < cases.size(); ++i) {
        INFO("case " << i);
        const problem& p = cases[i];
        const double optimum = test::brute_force(p);
        const lp_result lp = lp_relaxation(p);
        REQUIRE(lp.converged);
        REQUIRE(lp.lower_bound);
        for (const int iterations : {1, 300}) {
            const auto ib = integer_coverage_bound(p, lp, optimum, iterations);
            REQUIRE(ib);
            CHECK(*ib <= optimum + 1e-9);
            CHECK(*ib >= *lp.lower_bound - 1e-9);
        }
        // an upper bound above the optimum (a worse schedule) keeps the bound valid
        const auto loose = integer_coverage_bound(p, lp, 2.0 * optimum);
        REQUIRE(loose);
        CHECK(*loose <= optimum + 1e-9);
        tighter += *integer_coverage_bound(p, lp, optimum) > *lp.lower_bound + 1e-6 ? 1 : 0;
    }
    CHECK(tighter >= 1); // rounding the coverage closes part of the integrality gap
}

TEST_CASE("lp: on integer requirements the integer-coverage bound starts at the LP value",
          "[schedule][lp][integer_bound]") {
    // φ_t(y) = y r_t when r_t is an integer: the first step is the LP's dual value
    const problem p = test::two_days({2, 3, 3, 2, 1, 1}, {1, 2, 3, 3, 2, 1});
    const lp_result lp = lp_relaxation(p);
    REQUIRE(lp.lower_bound);
    const double optimum = test::brute_force(p);
    const auto ib = integer_coverage_bound(p, lp, optimum, 1);
    REQUIRE(ib);
    CHECK(*ib == Approx(*lp.lower_bound).margin(1e-9));
    CHECK_FALSE(integer_coverage_bound(p, lp_result{}, optimum)); // no LP duals: no bound
}

TEST_CASE("schedule: an LP-started solve reports the integer-coverage bound when it is tighter",
          "[schedule][lp][integer_bound]") {
    const problem p = test::two_days({1.5, 2.25, 1, 0.5, 1, 0.75}, {0.4, 1.6, 2, 1, 0, 0});
    solve_options o;
    o.max_iterations = 20000;
    o.time_limit = std::chrono::seconds{60};
    o.start = solve_options::start_kind::lp;
    const solution s = solve(p, o);
    const double optimum = test::brute_force(p);
    const lp_result lp = lp_relaxation(p);
    REQUIRE(s.lower_bound);
    REQUIRE(lp.lower_bound);
    CHECK(*s.lower_bound <= optimum + 1e-9);
    CHECK(*s.lower_bound >= *lp.lower_bound - 1e-9);
    CHECK_FALSE(s.clock_stopped);
}

TEST_CASE("lp: the integer-coverage LP lies between the integer-coverage bound and the "
          "brute-force optimum",
          "[schedule][lp][integer_bound]") {
    // Its value is the Lagrangian dual of integer_coverage_bound's relaxation (each interval's
    // cost replaced by its interpolation between ⌊r⌋ and ⌈r⌉), so at convergence it is at least
    // every L(y) the ascent meets, and at most the integer optimum.
    int above_lp = 0;
    const std::vector<problem> cases = test::fractional_cases();
    for (std::size_t i = 0; i < cases.size(); ++i) {
        INFO("case " << i);
        const problem& p = cases[i];
        const double optimum = test::brute_force(p);
        const lp_result plain = lp_relaxation(p);
        const lp_result hull = lp_relaxation(p, lp_options{.integer_coverage = true});
        REQUIRE(hull.converged);
        REQUIRE(hull.lower_bound);
        REQUIRE(plain.lower_bound);
        CHECK(*hull.lower_bound <= optimum + 1e-9);
        CHECK(hull.value == Approx(*hull.lower_bound).margin(1e-7)); // strong duality
        CHECK(*hull.lower_bound >= *plain.lower_bound - 1e-9);
        const auto ascent = integer_coverage_bound(p, plain, optimum, 300);
        REQUIRE(ascent);
        CHECK(*hull.lower_bound >= *ascent - 1e-7);
        above_lp += *hull.lower_bound > *plain.lower_bound + 1e-6 ? 1 : 0;
        // tightened by a schedule, and from its own duals the ascent stays valid
        const auto tight = lp_bound(hull, optimum);
        REQUIRE(tight);
        CHECK(*tight <= optimum + 1e-9);
        const auto from_hull = integer_coverage_bound(p, hull, optimum, 300);
        REQUIRE(from_hull);
        CHECK(*from_hull <= optimum + 1e-9);
        CHECK(*from_hull >= *hull.lower_bound - 1e-7);
    }
    CHECK(above_lp >= 1); // rounding the coverage closes part of the integrality gap
}

TEST_CASE("lp: on integer requirements the integer-coverage LP is the LP",
          "[schedule][lp][integer_bound]") {
    const problem p = test::two_days({2, 3, 3, 2, 1, 1}, {1, 2, 3, 3, 2, 1});
    const lp_result plain = lp_relaxation(p);
    const lp_result hull = lp_relaxation(p, lp_options{.integer_coverage = true});
    REQUIRE(plain.lower_bound);
    REQUIRE(hull.lower_bound);
    CHECK(hull.value == Approx(plain.value).margin(1e-9));
    CHECK(*hull.lower_bound == Approx(*plain.lower_bound).margin(1e-9));
}
