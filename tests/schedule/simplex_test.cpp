// The restricted-master simplex on textbook LPs with known optima.
#include <wfm/schedule/detail/simplex.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
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

namespace {

/// Requirements 1–5 of a covering master.
std::vector<double> covering_rhs(std::size_t m) {
    std::vector<double> b(m);
    for (std::size_t i = 0; i < m; ++i) {
        b[i] = static_cast<double>(1 + (i * 7) % 5);
    }
    return b;
}

/// A covering master above simplex::devex_rows rows (so Devex pricing): shortage columns of
/// cost 10 as the identity, then `n` columns covering stretches of rows (value 1, some with a
/// second stretch of value 2, like a tour's working days), cost 1 per unit of coverage plus
/// a varying extra; deterministic.
simplex covering_master(std::size_t m, std::size_t n, std::vector<sparse_column>& cols) {
    simplex lp(covering_rhs(m));
    for (std::size_t i = 0; i < m; ++i) {
        lp.add({{static_cast<int>(i)}, {1.0}, 10.0});
    }
    for (std::size_t j = 0; j < n; ++j) {
        sparse_column c;
        const std::size_t s = (j * 37) % (m - 40);
        const std::size_t len = 6 + j % 11;
        for (std::size_t i = s; i < s + len; ++i) {
            c.rows.push_back(static_cast<int>(i));
            c.values.push_back(1.0);
        }
        if (j % 3 == 0) { // a second stretch, of value 2
            for (std::size_t i = s + len + 3; i < s + len + 8; ++i) {
                c.rows.push_back(static_cast<int>(i));
                c.values.push_back(2.0);
            }
        }
        double cover = 0;
        for (const double v : c.values) {
            cover += v;
        }
        c.cost = cover + static_cast<double>(j % 4) * 0.25;
        cols.push_back(c);
        lp.add(c);
    }
    lp.start();
    return lp;
}

/// max over columns of the violation of dual feasibility (c_j − a_j·y < 0), and |c·x − b·y|.
void check_optimality(const simplex& lp, const std::vector<sparse_column>& cols,
                      const std::vector<double>& b) {
    const std::size_t m = b.size();
    double primal = 0;
    std::vector<double> cover(m, 0.0);
    double worst_rc = 0;
    for (std::size_t j = 0; j < m + cols.size(); ++j) {
        const sparse_column c =
            j < m ? sparse_column{{static_cast<int>(j)}, {1.0}, 10.0} : cols[j - m];
        double rc = c.cost;
        for (std::size_t k = 0; k < c.rows.size(); ++k) {
            rc -= c.values[k] * lp.y()(c.rows[k]);
            cover[static_cast<std::size_t>(c.rows[k])] += c.values[k] * lp.x(j);
        }
        worst_rc = std::min(worst_rc, rc);
        CHECK(lp.x(j) >= -1e-9);
        primal += c.cost * lp.x(j);
    }
    double dual = 0;
    for (std::size_t i = 0; i < m; ++i) {
        CHECK(cover[i] == Approx(b[i]).margin(1e-7));
        dual += b[i] * lp.y()(static_cast<Eigen::Index>(i));
    }
    CHECK(worst_rc >= -1e-7);
    CHECK(primal == Approx(lp.value()).epsilon(1e-10));
    CHECK(dual == Approx(primal).epsilon(1e-9));
}

constexpr std::size_t covering_rows = simplex::devex_rows + 50;

/// covering_master(covering_rows, 1500), solved to optimality and refactorised.
simplex solved_covering_master(std::vector<sparse_column>& cols) {
    simplex lp = covering_master(covering_rows, 1500, cols);
    REQUIRE(solve(lp) == simplex::outcome::optimal);
    REQUIRE(lp.refactor());
    return lp;
}

} // namespace

TEST_CASE("simplex: with Devex pricing a 450-row covering master ends primal and dual feasible "
          "at equal values",
          "[schedule][simplex]") {
    const std::size_t m = covering_rows;
    std::vector<sparse_column> cols;
    simplex lp = solved_covering_master(cols);
    check_optimality(lp, cols, covering_rhs(m));
    // the simplex improved on the all-shortage start (10 per unit)
    double shortage_cost = 0;
    for (std::size_t i = 0; i < m; ++i) {
        shortage_cost += 10.0 * covering_rhs(m)[i];
    }
    CHECK(lp.value() < shortage_cost);
}

TEST_CASE("simplex: removing nonbasic columns keeps the solution; re-adding them keeps it "
          "optimal",
          "[schedule][simplex]") {
    const std::size_t m = covering_rows;
    std::vector<sparse_column> cols;
    simplex lp = solved_covering_master(cols);
    const double before = lp.value();
    // drop every other nonbasic structural column
    std::vector<char> drop(lp.columns(), 0);
    std::vector<sparse_column> kept;
    std::vector<sparse_column> dropped;
    std::size_t basic = 0;
    for (std::size_t j = 0; j < cols.size(); ++j) {
        const bool out = !lp.basic(m + j) && j % 2 == 0;
        drop[m + j] = out ? 1 : 0;
        basic += lp.basic(m + j) ? 1 : 0;
        (out ? dropped : kept).push_back(cols[j]);
    }
    REQUIRE(basic > 0);
    REQUIRE(!dropped.empty());
    lp.remove(drop);
    CHECK(lp.columns() == m + kept.size());
    REQUIRE(lp.refactor());
    CHECK(lp.value() == Approx(before).epsilon(1e-12));
    check_optimality(lp, kept, covering_rhs(m));
    // the dropped columns priced out before, so adding them back changes no optimum
    for (const sparse_column& c : dropped) {
        lp.add(c);
        kept.push_back(c);
    }
    REQUIRE(solve(lp) == simplex::outcome::optimal);
    REQUIRE(lp.refactor());
    CHECK(lp.value() == Approx(before).epsilon(1e-9));
    check_optimality(lp, kept, covering_rhs(m));
}

TEST_CASE("simplex: upper bounds on Chvatal's first example give 32/3 at x = (1, 2/3, 1)",
          "[schedule][simplex]") {
    // Chvátal's first example (above) with x1, x2, x3 ≤ 1 as column bounds: per unit of the
    // binding first row x3 earns 3, x1 2.5 and x2 4/3, so x3 = x1 = 1 and x2 = (5 − 3)/3;
    // the other rows stay slack (6 2/3 ≤ 11, 7 2/3 ≤ 8). Value 5 + 8/3 + 3 = 32/3.
    simplex lp = make({{2, 3, 1}, {4, 1, 2}, {3, 4, 2}}, {5, 11, 8}, {}, {0, 0, 0});
    const std::vector<std::vector<double>> a{{2, 4, 3}, {3, 1, 4}, {1, 2, 2}};
    const std::vector<double> c{-5, -4, -3};
    for (std::size_t j = 0; j < 3; ++j) {
        lp.add({{0, 1, 2}, a[j], c[j], 1.0});
    }
    REQUIRE(solve(lp) == simplex::outcome::optimal);
    CHECK(lp.value() == Approx(-32.0 / 3.0));
    CHECK(lp.x(3) == Approx(1.0));
    CHECK(lp.x(4) == Approx(2.0 / 3.0));
    CHECK(lp.x(5) == Approx(1.0));
    REQUIRE(lp.refactor()); // the columns at their bound enter x_B = B⁻¹(b − Σ u a)
    CHECK(lp.value() == Approx(-32.0 / 3.0));
    CHECK(lp.x(4) == Approx(2.0 / 3.0));
}

namespace {

/// A deterministic pseudo-random value in [0, 1) (an LCG, so the cases are the same
/// everywhere).
double bounded_lp_uniform(unsigned& state) {
    state = state * 1664525U + 1013904223U;
    return static_cast<double>(state >> 8) / 16777216.0;
}

} // namespace

TEST_CASE("simplex: a bounded column has the value of the same LP with its bound as a row",
          "[schedule][simplex]") {
    // min c·x subject to A x ≤ b, 0 ≤ x_j ≤ u_j, solved twice: with the bounds on the columns
    // (bound flips, basic variables leaving at their bound) and with each bound as a row
    // x_j + s_j = u_j of the plain simplex. 200 random LPs of 2–5 rows and 2–6 columns, costs
    // of both signs.
    unsigned state = 12345U;
    int flips = 0;
    for (int trial = 0; trial < 200; ++trial) {
        INFO("trial " << trial);
        const std::size_t m = 2 + static_cast<std::size_t>(trial % 4);
        const std::size_t n = 2 + static_cast<std::size_t>((trial / 4) % 5);
        std::vector<std::vector<double>> a(m, std::vector<double>(n));
        std::vector<double> b(m);
        std::vector<double> c(n);
        std::vector<double> u(n);
        for (std::size_t i = 0; i < m; ++i) {
            b[i] = 1 + 9 * bounded_lp_uniform(state);
            for (std::size_t j = 0; j < n; ++j) {
                a[i][j] = std::floor(6 * bounded_lp_uniform(state)) - 1; // −1 … 4
            }
        }
        for (std::size_t j = 0; j < n; ++j) {
            c[j] = std::floor(10 * bounded_lp_uniform(state)) - 7; // −7 … 2
            u[j] = 0.5 + 3 * bounded_lp_uniform(state);
        }
        simplex bounded = make(a, b, {}, std::vector<double>(m, 0.0));
        for (std::size_t j = 0; j < n; ++j) {
            sparse_column col{{}, {}, c[j], u[j]};
            for (std::size_t i = 0; i < m; ++i) {
                if (a[i][j] != 0) {
                    col.rows.push_back(static_cast<int>(i));
                    col.values.push_back(a[i][j]);
                }
            }
            bounded.add(col);
        }
        // the same with rows x_j + s_j = u_j
        std::vector<std::vector<double>> ar = a;
        std::vector<double> br = b;
        for (std::size_t j = 0; j < n; ++j) {
            std::vector<double> row(n, 0.0);
            row[j] = 1;
            ar.push_back(row);
            br.push_back(u[j]);
        }
        simplex rows = make(ar, br, c, std::vector<double>(m + n, 0.0));
        const auto sb = solve(bounded);
        const auto sr = solve(rows);
        REQUIRE(sb == sr); // x ≤ u bounds the LP: optimal both ways
        REQUIRE(sb == simplex::outcome::optimal);
        CHECK(bounded.value() == Approx(rows.value()).margin(1e-9));
        for (std::size_t j = 0; j < n; ++j) {
            const double x = bounded.x(m + j);
            CHECK(x >= -1e-9);
            CHECK(x <= u[j] + 1e-9);
            flips += std::abs(x - u[j]) < 1e-12 && !bounded.basic(m + j) ? 1 : 0;
        }
        REQUIRE(bounded.refactor());
        CHECK(bounded.value() == Approx(rows.value()).margin(1e-9));
    }
    CHECK(flips > 50); // many optima hold columns at their upper bound
}
