// Branching on counts (solve_options::branch_nodes; docs/methods.md, "Branching on counts") and
// the searches' restarts: the bound stays valid against brute-force optima and is at least the
// integer-coverage LP's; restarts keep the best of their runs, reproducibly.
#include <wfm/schedule/detail/simplex.hpp>
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

namespace {

/// Three days, one 4-hour shift a day wanted, tours of two working days (days 1–2, 2–3, 1–3):
/// the LP takes half of each tour (1.5 tours, every day covered exactly), an integer schedule
/// needs two tours (one day doubled) or leaves a day short: an odd cycle whose gap only whole
/// tours close (the tour count 1.5 branches to ≤ 1 or ≥ 2).
problem odd_cycle() {
    problem p;
    p.interval_minutes = 60;
    p.days = 3;
    p.periods_per_day = 24;
    p.required.assign(72, 0.0);
    for (int d = 0; d < 3; ++d) {
        for (int h = 8; h < 12; ++h) {
            p.required[static_cast<std::size_t>(24 * d + h)] = 1.0;
        }
    }
    p.templates = {{"A", 4, {8}, 4, false, {}, {}, 0, {}}};
    p.patterns = {{true, true, false}, {false, true, true}, {true, false, true}};
    p.weights = {1.0, 10.0, 0.5};
    return p;
}

solution run(const problem& p, int nodes, int restarts = 1) {
    solve_options o;
    o.max_iterations = 20000;
    o.time_limit = std::chrono::seconds{60};
    o.start = solve_options::start_kind::lp;
    o.branch_nodes = nodes;
    o.branch_gap = 0.0;
    o.branch_pivots = 100000;
    o.restarts = restarts;
    return solve(p, o);
}

} // namespace

TEST_CASE("schedule: branching on counts keeps the bound between the integer-coverage LP and "
          "the brute-force optimum",
          "[schedule][lp][branch]") {
    int above = 0;
    std::vector<problem> all = test::fractional_cases();
    all.push_back(odd_cycle());
    for (std::size_t i = 0; i < all.size(); ++i) {
        INFO("case " << i);
        const problem& p = all[i];
        const double optimum = test::brute_force(p);
        const lp_result hull = lp_relaxation(p, lp_options{.integer_coverage = true});
        REQUIRE(hull.lower_bound);
        const solution plain = run(p, 0);
        const solution branched = run(p, 64);
        REQUIRE(plain.lower_bound);
        REQUIRE(branched.lower_bound);
        CHECK_FALSE(branched.clock_stopped);
        CHECK(branched.objective >= optimum - 1e-9); // a schedule, so at least the optimum
        CHECK(*branched.lower_bound <= optimum + 1e-9);
        CHECK(*branched.lower_bound >= *hull.lower_bound - 1e-7);
        CHECK(*branched.lower_bound >= *plain.lower_bound - 1e-7);
        CHECK(validate(p, branched.tours).empty());
        above += *branched.lower_bound > *hull.lower_bound + 1e-6 ? 1 : 0;
    }
    CHECK(above >= 1); // whole tours close part of the integer-coverage LP's gap
}

TEST_CASE("schedule: on an odd cycle of tours branching on the tour count reaches the optimum",
          "[schedule][lp][branch]") {
    // LP: 1.5 tours × 8 h = 12; optimum: two tours (16 h) and 4 agent-hours over (2) = 18, or
    // one tour and a day short (8 + 40); the LP with ≤ 1 tour is 48, with ≥ 2 tours 18
    const problem p = odd_cycle();
    CHECK(test::brute_force(p) == Approx(18.0));
    const lp_result hull = lp_relaxation(p, lp_options{.integer_coverage = true});
    REQUIRE(hull.lower_bound);
    CHECK(*hull.lower_bound == Approx(12.0));
    const solution s = run(p, 2);
    REQUIRE(s.lower_bound);
    CHECK(s.objective == Approx(18.0));
    CHECK(*s.lower_bound == Approx(18.0));
    CHECK(s.gap.value_or(1.0) == Approx(0.0).margin(1e-9));
    CHECK(run(p, 0).lower_bound.value_or(0.0) == Approx(12.0)); // without branching: the LP
}

TEST_CASE("schedule: restarts keep the best of their runs, reproducibly", "[schedule][branch]") {
    const problem p = test::two_days({1.5, 2.5, 2.4, 1.5, 1, 0.6}, {1, 1.6, 2.5, 2.2, 1.5, 0.5});
    const solution one = run(p, 0, 1);
    const solution three = run(p, 0, 3);
    const solution again = run(p, 0, 3);
    CHECK(three.objective <= one.objective + 1e-9); // run 0 is the single run
    CHECK(three.iterations == 3 * one.iterations);
    CHECK(again.objective == three.objective);
    REQUIRE(again.tours.size() == three.tours.size());
    for (std::size_t i = 0; i < three.tours.size(); ++i) {
        CHECK(again.tours[i].starts == three.tours[i].starts);
        CHECK(again.tours[i].break_offsets == three.tours[i].break_offsets);
    }
}

TEST_CASE("simplex: a slack driven negative by a tightened right-hand side is exchanged with "
          "its elastic twin and the re-solve reaches the elastic LP's optimum",
          "[schedule][simplex][branch]") {
    // min −x + 10e s.t. x + s − e = b, 0 ≤ x ≤ 1 (s the slack, e its elastic twin). At b = 4:
    // x = 1 at its bound, s = 3 basic. Tightened to b = 0.5, s would be −0.5; e replaces it
    // (e = 0.5) and the primal simplex goes on to the optimum of b = 0.5: x = 0.5, value −0.5.
    using detail::simplex;
    using detail::sparse_column;
    simplex lp({4.0});
    lp.add({{0}, {1.0}, 0.0}); // 0: s
    lp.start();
    lp.add({{0}, {-1.0}, 10.0});                  // 1: e
    lp.add(sparse_column{{0}, {1.0}, -1.0, 1.0}); // 2: x ≤ 1
    long budget = 100;
    const auto never = std::chrono::steady_clock::time_point::max();
    REQUIRE(lp.optimise(budget, never) == simplex::outcome::optimal);
    CHECK(lp.value() == Approx(-1.0));
    CHECK(lp.x(2) == Approx(1.0));
    CHECK(lp.x(0) == Approx(3.0));
    lp.set_rhs(0, 0.5);
    CHECK_FALSE(lp.primal_feasible());
    REQUIRE(lp.basic(0));
    lp.negate_basic(0, 1);
    CHECK(lp.primal_feasible());
    CHECK(lp.x(1) == Approx(0.5));     // e = x − b
    CHECK(lp.y()(0) == Approx(-10.0)); // the dual of e's cost
    REQUIRE(lp.optimise(budget, never) == simplex::outcome::optimal);
    CHECK(lp.value() == Approx(-0.5));
    CHECK(lp.x(2) == Approx(0.5));
    CHECK(lp.x(1) == Approx(0.0).margin(1e-12));
}
