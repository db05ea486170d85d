// Shift optimiser: orchestrates the components. The start (start.hpp: LP-guided or empty), the
// search (search.hpp: greedy construction, then simulated annealing over the moves of moves.hpp
// with O(shift length) incremental evaluation on the state of search_state.hpp), the judgement
// of feasibility (feasibility.hpp) and the choice of the lower bound (LP or Lagrangian).
#include "bound.hpp"
#include "column_generation.hpp"
#include "feasibility.hpp"
#include "search.hpp"
#include "start.hpp"

#include <wfm/schedule/detail/model.hpp>
#include <wfm/schedule/lp.hpp>
#include <wfm/schedule/solve.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <optional>

namespace wfm::schedule {
namespace {

using detail::clock_type;

double seconds_since(clock_type::time_point t0) {
    return std::chrono::duration<double>(clock_type::now() - t0).count();
}

/// The empty schedule of a problem found infeasible before the search.
solution infeasible_at_start(const problem& p, std::string message) {
    solution sol;
    sol.status = solve_status::infeasible;
    sol.message = std::move(message);
    sol.coverage = coverage_of(p, sol.tours);
    sol.metrics = metrics_of(p, sol.tours);
    sol.objective = objective(p, sol.metrics);
    sol.bound_note = "no bound: the problem is infeasible";
    return sol;
}

/// Annealing iterations when the options give none: 1000 per interval and per candidate tour
/// (template start × days-off pattern), within [200 000, 20 000 000].
std::uint64_t derived_iterations(const detail::model& m) {
    std::uint64_t candidates = 0;
    for (const auto& c : m.templates) {
        candidates += c.starts.size() * c.patterns.size();
    }
    const std::uint64_t n = 1000 * (static_cast<std::uint64_t>(m.intervals) + candidates);
    return std::clamp<std::uint64_t>(n, 200'000, 20'000'000);
}

/// Says in the bound note which parts the safety time limit stopped (empty: none).
void note_clock(solution& sol, const std::string& parts) {
    if (parts.empty()) {
        return;
    }
    sol.clock_stopped = true;
    sol.bound_note += fmt::format("; not reproducible: the time limit stopped {}", parts);
}

/// Iterations of the integer-coverage ascent (each one pricing pass).
constexpr int integer_bound_iterations = 300;

/// The LP's bounds (Farley's, then the integer-coverage one started from its duals) where they
/// beat sol.lower_bound; true when the deadline stopped the integer-coverage ascent.
bool lp_bounds(const problem& p, const detail::model& m, const lp_result& lp,
               clock_type::time_point deadline, solution& sol) {
    const std::optional<double> lpb = lp_bound(lp, sol.objective);
    if (lpb && (!sol.lower_bound || *lpb > *sol.lower_bound)) {
        sol.lower_bound = lpb;
        sol.bound_note = lp.note;
    }
    const bound_result ib =
        detail::integer_coverage_bound(p, m, lp, sol.objective, integer_bound_iterations, deadline);
    if (ib.value && (!sol.lower_bound || *ib.value > *sol.lower_bound)) {
        sol.lower_bound = ib.value;
        sol.bound_note = lp.note + ", coverage kept integer (Lagrangian ascent from the LP duals)";
    }
    return ib.cut_short;
}

/// The lower bound: the LP's when it converged (`lp_bound_only`), else the better of the
/// Lagrangian bound and the LP's Farley bound.
void choose_bound(const problem& p, const detail::model& m, const solve_options& options,
                  const std::optional<lp_result>& lp, bool lp_bound_only,
                  clock_type::time_point deadline, solution& sol) {
    if (!options.compute_bound) {
        sol.bound_note = "no bound: not requested";
        return;
    }
    if (sol.status != solve_status::feasible) {
        sol.bound_note = "no bound: no feasible schedule to start the bound from";
        return;
    }
    // A converged LP without side limits already gives the LP value, which the Lagrangian
    // bound (same relaxation, break overlap also relaxed) cannot exceed: skip the latter.
    bool cut_short = false;
    sol.clock_stopped = false;
    if (!lp_bound_only) {
        const bound_result lr = detail::lagrangian_bound(p, m, sol.objective, 2000, deadline);
        sol.lower_bound = lr.value;
        sol.bound_note = "Lagrangian relaxation of the coverage constraints (subgradient)";
        cut_short = lr.cut_short;
        if (lr.cut_short) {
            sol.bound_note += fmt::format(", stopped by the time limit after {} iterations: the "
                                          "best bound so far",
                                          lr.iterations);
        }
    }
    if (lp) {
        cut_short = lp_bounds(p, m, *lp, deadline, sol) || cut_short;
    }
    if (sol.lower_bound) {
        if (sol.objective > 0) {
            sol.gap = std::max(0.0, (sol.objective - *sol.lower_bound) / sol.objective);
        }
    } else {
        sol.bound_note = cut_short ? "no bound: the time limit was reached before a bound was found"
                                   : "no bound: none can be derived for this objective";
    }
    if (lp && !lp->lower_bound && !lp->note.empty()) {
        sol.bound_note += "; " + lp->note; // why the LP (that ran for the start) gave none
    }
    note_clock(sol, cut_short ? "the bound" : "");
}

} // namespace

solution solve(const problem& p, const solve_options& options) {
    const auto t0 = clock_type::now();
    const detail::model m = detail::compile(p);
    const std::string pre = detail::precheck(p, m);
    if (!pre.empty()) {
        solution sol = infeasible_at_start(p, pre);
        sol.seconds = seconds_since(t0);
        return sol;
    }
    solution sol;
    detail::search s(m, p, options.seed);
    const std::optional<lp_result> lp =
        detail::load_start(p, m, options, s, t0 + options.time_limit * 95 / 100);
    // A converged LP is the bound (see choose_bound); otherwise the Lagrangian bound gets the
    // last 5% of the time. The last 1% is left for validation and metrics.
    const bool lp_bound_only = lp && lp->converged && lp->lower_bound;
    const auto search_deadline =
        t0 + options.time_limit * (options.compute_bound && !lp_bound_only ? 95 : 99) / 100;
    s.construct(search_deadline);
    const bool construct_cut = clock_type::now() > search_deadline;
    sol.trace.push_back({seconds_since(t0), s.total()});
    const std::uint64_t budget =
        options.max_iterations > 0 ? options.max_iterations : derived_iterations(m);
    sol.iterations = s.anneal(budget, clock_type::now(), search_deadline, sol.trace);
    for (auto& point : sol.trace) {
        point.seconds = std::max(point.seconds, 0.0);
    }
    sol.tours = s.best_tours();
    sol.coverage = coverage_of(p, sol.tours);
    sol.metrics = metrics_of(p, sol.tours);
    sol.objective = objective(p, sol.metrics);
    detail::judge_feasibility(p, sol);
    choose_bound(p, m, options, lp, lp_bound_only, t0 + options.time_limit, sol);
    std::string parts = lp && lp->clock_cut ? "the LP relaxation" : "";
    if (construct_cut || sol.iterations < budget) {
        parts += fmt::format("{}the search after {} of {} iterations", parts.empty() ? "" : ", ",
                             sol.iterations, budget);
    }
    note_clock(sol, parts);
    sol.trace.push_back({seconds_since(t0), sol.objective});
    sol.seconds = seconds_since(t0);
    return sol;
}

} // namespace wfm::schedule
