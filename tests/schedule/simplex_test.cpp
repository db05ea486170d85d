// The restricted-master simplex on textbook LPs with known optima.
#include <wfm/schedule/detail/simplex.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <cstddef>
#include <vector>

using wfm::schedule::detail::simplex;
using wfm::schedule::detail::sparse_column;

namespace {

/// Dense constraint rows → a simplex whose first rows() columns are the identity (cost
/// `identity_cost`), followed by the structural columns of `a` with costs `c`.
simplex make(const std::vector<std::vector<double>>& a, const std::vector<double>& b,
             const std::vector<double>& c, const std::vector<double>& identity_cost) {
    simplex lp(b);
    for (std::size_t i = 0; i < b.size(); ++i) {
        lp.add({{static_cast<int>(i)}, {1.0}, identity_cost[i]});
    }
    for (std::size_t j = 0; j < c.size(); ++j) {
        sparse_column col;
        col.cost = c[j];
        for (std::size_t i = 0; i < b.size(); ++i) {
            if (a[i][j] != 0.0) {
                col.rows.push_back(static_cast<int>(i));
                col.values.push_back(a[i][j]);
            }
        }
        lp.add(col);
    }
    lp.start();
    return lp;
}

simplex::outcome solve(simplex& lp) {
    long budget = 10000;
    return lp.optimise(budget, std::chrono::steady_clock::time_point::max());
}

} // namespace

TEST_CASE("simplex: Chvatal's first example reaches 13 at x = (2, 0, 1)", "[schedule][simplex]") {
    // Chvátal, Linear Programming (1983), ch. 2: max 5x1 + 4x2 + 3x3 subject to
    // 2x1 + 3x2 + x3 <= 5, 4x1 + x2 + 2x3 <= 11, 3x1 + 4x2 + 2x3 <= 8; optimum 13 at (2, 0, 1)
    // with the final dictionary z = 13 − 3x2 − x4 − x6 (duals 1, 0, 1).
    simplex lp = make({{2, 3, 1}, {4, 1, 2}, {3, 4, 2}}, {5, 11, 8}, {-5, -4, -3}, {0, 0, 0});
    REQUIRE(solve(lp) == simplex::outcome::optimal);
    CHECK(lp.value() == Approx(-13.0));
    CHECK(lp.x(3) == Approx(2.0));
    CHECK(lp.x(4) == Approx(0.0).margin(1e-12));
    CHECK(lp.x(5) == Approx(1.0));
    CHECK(lp.x(1) == Approx(1.0)); // the slack of the second row
    CHECK(lp.y()(0) == Approx(-1.0));
    CHECK(lp.y()(1) == Approx(0.0).margin(1e-12));
    CHECK(lp.y()(2) == Approx(-1.0));
}

TEST_CASE("simplex: Beale's degenerate example terminates at its optimum 1",
          "[schedule][simplex]") {
    // Chvátal (1983), ch. 3: max 10x1 − 57x2 − 9x3 − 24x4 subject to
    // 0.5x1 − 5.5x2 − 2.5x3 + 9x4 <= 0, 0.5x1 − 1.5x2 − 0.5x3 + x4 <= 0, x1 <= 1. The largest-
    // coefficient rule cycles on it; the optimum is 1 at x = (1, 0, 1, 0).
    simplex lp = make({{0.5, -5.5, -2.5, 9}, {0.5, -1.5, -0.5, 1}, {1, 0, 0, 0}}, {0, 0, 1},
                      {-10, 57, 9, 24}, {0, 0, 0});
    REQUIRE(solve(lp) == simplex::outcome::optimal);
    CHECK(lp.value() == Approx(-1.0));
    CHECK(lp.x(3) == Approx(1.0));
    CHECK(lp.x(5) == Approx(1.0));
    CHECK(lp.x(4) == Approx(0.0).margin(1e-12));
    CHECK(lp.x(6) == Approx(0.0).margin(1e-12));
}

TEST_CASE("simplex: an unbounded LP is reported as unbounded", "[schedule][simplex]") {
    // max x1 + x2 subject to x1 − x2 <= 1: x2 grows without limit along (1, 1).
    simplex lp = make({{1, -1}}, {1}, {-1, -1}, {0});
    CHECK(solve(lp) == simplex::outcome::unbounded);
}

TEST_CASE("simplex: an infeasible LP keeps its big-M artificial at the infeasibility",
          "[schedule][simplex]") {
    // x1 + x2 >= 2 and x1 + x2 <= 1 have no solution. Big-M form: row 1 is
    // x1 + x2 − s1 + a1 = 2 with artificial a1 of cost M = 1000, row 2 is x1 + x2 + s2 = 1.
    // The minimum keeps a1 = 1 (the rows' gap) with x1 + x2 = 1: value M − 1 for cost −x1.
    simplex lp = make({{1, 1, -1}, {1, 1, 0}}, {2, 1}, {-1, 0, 0}, {1000, 0});
    REQUIRE(solve(lp) == simplex::outcome::optimal);
    CHECK(lp.x(0) == Approx(1.0));
    CHECK(lp.x(2) == Approx(1.0));
    CHECK(lp.value() == Approx(999.0));
}

TEST_CASE("simplex: a pivot budget of zero stops at the feasible slack basis",
          "[schedule][simplex]") {
    simplex lp = make({{2, 3, 1}, {4, 1, 2}, {3, 4, 2}}, {5, 11, 8}, {-5, -4, -3}, {0, 0, 0});
    long budget = 0;
    CHECK(lp.optimise(budget, std::chrono::steady_clock::time_point::max()) ==
          simplex::outcome::pivot_limit);
    CHECK(lp.value() == Approx(0.0).margin(1e-12));
    CHECK(lp.x(0) == Approx(5.0));
    // columns added later take part in the next solve
    sparse_column extra{{0, 1, 2}, {1, 1, 1}, -6};
    lp.add(extra);
    budget = 100;
    REQUIRE(lp.optimise(budget, std::chrono::steady_clock::time_point::max()) ==
            simplex::outcome::optimal);
    // max 5x1 + 4x2 + 3x3 + 6x7 with x7 in every row: x7 = 5 gives 30, above the 13 of before.
    // (duals (−6, 0, 0) price every column out, so 30 is the optimum)
    CHECK(lp.value() == Approx(-30.0));
}
