// LP relaxation of the shift-scheduling problem by column generation (Gilmore & Gomory 1961;
// for tour scheduling e.g. Mehrotra, Murphy & Trick 2000), and an LP-rounding start.
//
// Master (rows: intervals that some shift can cover and that carry a price):
//   min Σ_j c_j x_j + under Σ_t s_t + over Σ_t e_t   s.t.  Σ_j a_tj x_j + s_t − e_t = r_t,
//   x, s, e ≥ 0,
// columns j are tours: template, reference start, days-off pattern, and per working day a
// start and a break placement. Pricing is exact: for duals y, a tour's reduced cost is its
// cost minus Σ over its working days of (Σ y over the shift − Σ y over its breaks), and each
// day's start (within the band) and break placement (all non-overlapping placements in the
// windows, enumerated once per template) can be chosen on its own. With the start band > 0 the
// rule that a shift may not overlap the next day's one is dropped from pricing, which only
// weakens the bound.
//
// Side limits linear in the columns are rows of the master, each with its dual u:
//   headcount Σ_j x_j ≤ H, part-time share Σ_pt x_j − s Σ_j x_j ≤ 0, per day
//   Σ_{j works d} x_j ≥ / ≤ L_d / U_d, per template Σ_{j of k} x_j ≥ / ≤ L_k / U_k.
// A ≤ row has a slack (cost 0, so u ≤ 0); a ≥ row a surplus (cost 0, u ≥ 0) and an elastic
// artificial priced above any tour (u ≤ that price), which starts the simplex from the identity
// basis and keeps the master feasible before the columns that meet the row exist; the elastic
// master only relaxes the problem. The reduced cost of a tour of template k working days D is
//   c_k |D| − Σ_{d∈D} (value of day d's shift + Σ u of d's rows) − (u_H + g_k u_pt + Σ u of k's
// rows), g_k = 1 − s for part-time templates and −s otherwise: the side duals add a constant per
// template and per working day, so the pricing stays exact.
//
// The bound is not the master's value but Farley's (1990) bound from the last duals clamped to
// the box above (−over ≤ y ≤ under on coverage rows): Σ_t r_t y_t + Σ_i b_i u_i
// + N · min(0, min_j d_j), N any cap on Σ x of an optimal schedule: the headcount limit,
// (elastic objective of the empty schedule) / cheapest tour, and once a schedule meeting every
// limit is known, its objective / cheapest tour (lp_bound). It is valid whether or not the
// column generation converged, and equals the LP value when it did.
//
// Components: the simplex (wfm/schedule/detail/simplex.hpp), the column generation
// (column_generation.hpp) and the rounding of an LP solution (rounding.cpp).
#include "column_generation.hpp"

#include <wfm/schedule/detail/model.hpp>
#include <wfm/schedule/lp.hpp>

#include <algorithm>
#include <chrono>
#include <memory>
#include <utility>
#include <vector>

namespace wfm::schedule {
namespace detail {

lp_result lp_relaxation(const problem& p, const model& m, const lp_options& options,
                        std::chrono::steady_clock::time_point start) {
    return lp_relaxation_master(p, m, options, start, false).first;
}

std::pair<lp_result, std::shared_ptr<const column_generation>>
lp_relaxation_master(const problem& p, const model& m, const lp_options& options,
                     std::chrono::steady_clock::time_point start, bool branching) {
    if (p.mode == objective_mode::pure_fit) {
        lp_result out;
        out.note = "no LP bound: not implemented for the pure-fit objective";
        return {out, nullptr};
    }
    const auto hard = options.deadline.value_or(start + options.time_limit);
    const auto soft = std::min(start + options.time_limit, hard);
    std::vector<side_row> side = side_rows(p, m);
    if (branching) {
        const std::vector<side_row> more = branching_rows(m);
        side.insert(side.end(), more.begin(), more.end());
    }
    auto cg = std::make_shared<column_generation>(m, std::move(side), options, soft);
    lp_result out = cg->run(options, soft, hard);
    out.branching_rows = branching;
    return {std::move(out), std::move(cg)};
}

} // namespace detail

lp_result lp_relaxation(const problem& p, const lp_options& options) {
    const auto start = std::chrono::steady_clock::now();
    return detail::lp_relaxation(p, detail::compile(p), options, start);
}

std::optional<double> lp_bound(const lp_result& lp, double upper) {
    if (!lp.farley) {
        return lp.lower_bound;
    }
    const farley_terms& f = *lp.farley;
    const double n = std::min(f.n_max, std::max(upper, 0.0) / f.cheapest);
    return f.base + std::min(0.0, f.min_rc) * n;
}

} // namespace wfm::schedule
