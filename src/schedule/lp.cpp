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
// rule that a shift may not overlap the next day's one is dropped from pricing, and side limits
// (headcount, per day, part-time share, per template) are dropped from the master; both only
// weaken the bound.
//
// The bound is not the master's value but Farley's (1990) bound from the last duals clamped to
// −over ≤ y ≤ under: Σ_t r_t y_t + N · min(0, min_j d_j), N = (under Σ r) / cheapest tour (an
// optimal relaxed schedule costs at most the empty one), so it is valid whether or not the
// column generation converged, and equals the LP value when it did.
//
// Components: the simplex (wfm/schedule/detail/simplex.hpp), the column generation
// (column_generation.hpp) and the rounding of an LP solution (rounding.cpp).
#include "column_generation.hpp"

#include <wfm/schedule/detail/model.hpp>
#include <wfm/schedule/lp.hpp>

#include <algorithm>
#include <chrono>

namespace wfm::schedule {
namespace detail {

lp_result lp_relaxation(const problem& p, const model& m, const lp_options& options,
                        std::chrono::steady_clock::time_point start) {
    if (p.mode == objective_mode::pure_fit) {
        lp_result out;
        out.note = "no LP bound: not implemented for the pure-fit objective";
        return out;
    }
    const auto hard = options.deadline.value_or(start + options.time_limit);
    const auto soft = std::min(start + options.time_limit, hard);
    column_generation cg(m, options, soft);
    return cg.run(options, soft, hard);
}

} // namespace detail

lp_result lp_relaxation(const problem& p, const lp_options& options) {
    const auto start = std::chrono::steady_clock::now();
    return detail::lp_relaxation(p, detail::compile(p), options, start);
}

} // namespace wfm::schedule
