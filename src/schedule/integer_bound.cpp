// The integer-coverage bound (lp.hpp, integer_coverage_bound; docs/methods.md, "Integer
// coverage bound").
//
// Coverage c_t = Σ_j a_tj x_j of an integer schedule is a non-negative integer. Relaxing that
// equation with multipliers y_t (and the side rows with the LP's duals u, of the right sign)
// leaves, for any cap N ≥ Σ x of an optimal schedule,
//   L(y) = C + Σ_t φ_t(y_t) + Σ_i b_i u_i + N · min(0, min_j rc_j(y, u)),
//   φ_t(y) = min over integers c ≥ 0 of under·(r_t − c)⁺ + over·(c − r_t)⁺ + y c
//          = min(under·(r_t − ⌊r_t⌋) + y⌊r_t⌋, over·(⌈r_t⌉ − r_t) + y⌈r_t⌉)   (−over ≤ y ≤ under),
// a lower bound on the optimum for every such y (weak duality of the Lagrangian), C the price of
// intervals no shift covers. φ_t(y) ≥ y r_t, so at the LP's duals (reduced costs ≥ 0) L is at
// least the LP value; where the LP covers a fractional requirement exactly, it adds
// min((under − y)·frac, (over + y)·(1 − frac)). The reduced costs come from the column
// generation's exact pricing (relaxing the band's no-overlap rule only lowers them).
#include "column_generation.hpp"

#include <wfm/schedule/detail/index.hpp>
#include <wfm/schedule/detail/model.hpp>
#include <wfm/schedule/lp.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <vector>

namespace wfm::schedule {
namespace detail {
namespace {

/// Σ_t φ_t(y_t) over the coverage rows, and each row's minimising integer coverage (a
/// subgradient of φ).
double coverage_term(const model& m, const std::vector<double>& r, const Eigen::VectorXd& y,
                     std::vector<double>& c) {
    double sum = 0;
    for (std::size_t t = 0; t < r.size(); ++t) {
        const double lo = std::floor(r[t]);
        const double hi = std::ceil(r[t]);
        const double at_lo = m.w_under * (r[t] - lo) + y(ei(t)) * lo;
        const double at_hi = m.w_over * (hi - r[t]) + y(ei(t)) * hi;
        sum += std::min(at_lo, at_hi);
        c[t] = at_lo <= at_hi ? lo : hi;
    }
    return sum;
}

/// The projected subgradient ascent (Polyak steps towards `upper`, halved after 10 steps
/// without improvement) from the LP's duals; the best L(y) met.
bound_result ascend(const model& m, const column_generation& cg, Eigen::VectorXd y, double cap,
                    double upper, int iterations, std::chrono::steady_clock::time_point deadline) {
    const std::vector<double>& r = cg.row_requirements();
    double fixed = cg.uncoverable_price();
    for (std::size_t i = 0; i < cg.side().size(); ++i) {
        fixed += cg.side()[i].rhs * y(ei(r.size() + i)); // u stays at the LP's duals
    }
    std::vector<double> g(r.size());
    bound_result best;
    double theta = 1.0;
    int stall = 0;
    for (int it = 0; it < iterations; ++it) {
        const pricing pr = cg.price(y, 0.0, 1, deadline);
        if (!pr.complete) {
            best.cut_short = true;
            break;
        }
        ++best.iterations;
        const double value = fixed + coverage_term(m, r, y, g) + cap * std::min(0.0, pr.min_rc);
        if (!best.value || value > *best.value) {
            best.value = value;
            stall = 0;
        } else if (++stall >= 10) {
            theta *= 0.5;
            stall = 0;
        }
        if (!pr.best.empty()) { // the tour of least reduced cost, N copies of it
            const sparse_column col = cg.column_of(pr.best.front().t);
            for (std::size_t k = 0; k < col.rows.size() && to_index(col.rows[k]) < r.size(); ++k) {
                g[to_index(col.rows[k])] -= cap * col.values[k];
            }
        }
        double norm = 0;
        for (const double x : g) {
            norm += x * x;
        }
        if (norm <= 0 || value >= upper) {
            break;
        }
        const double step = theta * (upper - value) / norm;
        for (std::size_t t = 0; t < r.size(); ++t) {
            y(ei(t)) = std::clamp(y(ei(t)) + step * g[t], -m.w_over, m.w_under);
        }
    }
    return best;
}

} // namespace

bound_result integer_coverage_bound(const problem& p, const model& m, const lp_result& lp,
                                    double upper, int iterations,
                                    std::chrono::steady_clock::time_point deadline) {
    if (!lp.farley || !std::isfinite(upper) || upper < 0 || p.mode == objective_mode::pure_fit) {
        return {};
    }
    std::vector<side_row> side = side_rows(p, m);
    if (lp.branching_rows) {
        const std::vector<side_row> more = branching_rows(m);
        side.insert(side.end(), more.begin(), more.end());
    }
    const column_generation cg(m, std::move(side), lp_options{}, deadline);
    const std::size_t rows = cg.row_requirements().size() + cg.side().size();
    if (!cg.refused().empty() || lp.duals.size() != rows || !(cg.cheapest_tour() > 0)) {
        return {};
    }
    Eigen::VectorXd y(ei(rows));
    for (std::size_t i = 0; i < rows; ++i) {
        y(ei(i)) = lp.duals[i];
    }
    const double cap = std::min(cg.max_tours(), upper / cg.cheapest_tour());
    bound_result out = ascend(m, cg, y, cap, upper, iterations, deadline);
    if (out.value) {
        out.value = std::min(*out.value, upper);
    }
    return out;
}

} // namespace detail

std::optional<double> integer_coverage_bound(const problem& p, const lp_result& lp, double upper,
                                             int iterations,
                                             std::chrono::steady_clock::time_point deadline) {
    return detail::integer_coverage_bound(p, detail::compile(p), lp, upper, iterations, deadline)
        .value;
}

} // namespace wfm::schedule
