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
#include <functional>
#include <limits>
#include <memory>
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
                  const std::optional<lp_result>& lp,
                  const std::shared_ptr<const detail::column_generation>& master,
                  bool lp_bound_only, clock_type::time_point deadline,
                  const std::function<double(const lp_result&)>& improve, solution& sol) {
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
    if (lp && master && options.branch_nodes > 0 && sol.lower_bound &&
        *sol.lower_bound < (1 - options.branch_gap) * sol.objective) {
        const bound_result bb = detail::branch_on_counts(
            m, *master, *lp, sol.objective, options.branch_gap, options.branch_nodes,
            options.branch_pivots * m.intervals, deadline, improve);
        cut_short = cut_short || bb.cut_short;
        if (bb.value && *bb.value > *sol.lower_bound) {
            sol.lower_bound = bb.value;
            sol.bound_note = fmt::format("{}, branching on the counts of tours per template and "
                                         "of agents per day ({} nodes)",
                                         lp->note, bb.iterations);
        }
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

/// The searches of a solve: `restarts` runs (construction and annealing, the full iteration
/// budget each) from a start's core, the best schedule kept in the solution.
struct searches {
    const problem& p;
    const detail::model& m;
    const solve_options& options;
    clock_type::time_point deadline;
    clock_type::time_point t0;
    std::uint64_t budget;
    int group = 0;    ///< runs from the start's core are group 0, from the k-th node's core k
    bool cut = false; ///< the safety time limit stopped a run
    std::optional<detail::search> best;

    searches(const problem& p_, const detail::model& m_, const solve_options& o,
             clock_type::time_point d, clock_type::time_point start)
        : p(p_), m(m_), options(o), deadline(d), t0(start),
          budget(o.max_iterations > 0 ? o.max_iterations : derived_iterations(m_)) {}

    /// Runs the searches from `core` (fixed until core_release), seeds spread by the
    /// golden-ratio increment (run 0 of group 0 keeps the seed); the solution takes the best.
    void from(const std::vector<tour>& core, int k, solution& sol) {
        const detail::start_plan plan{std::nullopt, nullptr, core};
        bool improved = false;
        for (int run = 0; run < std::max(options.restarts, 1) && !cut; ++run) {
            const std::uint64_t seed =
                options.seed + static_cast<std::uint64_t>(k * 64 + run) * golden;
            detail::search s(m, p, seed);
            detail::load_start(plan, options, s);
            s.construct(deadline);
            cut = clock_type::now() > deadline;
            std::vector<trace_point> trace{{seconds_since(t0), s.total()}};
            const std::uint64_t done = s.anneal(budget, clock_type::now(), deadline, trace);
            sol.iterations += done;
            cut = cut || done < budget;
            if (!best || s.best_total() < best->best_total() - 1e-9) {
                best.emplace(std::move(s));
                sol.trace = std::move(trace);
                improved = true;
            }
        }
        if (!improved) {
            return;
        }
        for (auto& point : sol.trace) {
            point.seconds = std::max(point.seconds, 0.0);
        }
        sol.tours = best->best_tours();
        sol.coverage = coverage_of(p, sol.tours);
        sol.metrics = metrics_of(p, sol.tours);
        sol.objective = objective(p, sol.metrics);
        sol.status = solve_status::feasible;
        sol.message.clear();
        detail::judge_feasibility(p, sol);
    }

    static constexpr std::uint64_t golden = 0x9E3779B97F4A7C15;
};

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
    const detail::start_plan start =
        detail::plan_start(p, m, options, t0 + options.time_limit * 95 / 100);
    const std::optional<lp_result>& lp = start.lp;
    // A converged LP is the bound (see choose_bound); otherwise the Lagrangian bound gets the
    // last 5% of the time. The last 1% is left for validation and metrics.
    const bool lp_bound_only = lp && lp->converged && lp->lower_bound;
    const auto search_deadline =
        t0 + options.time_limit * (options.compute_bound && !lp_bound_only ? 95 : 99) / 100;
    searches runner(p, m, options, search_deadline, t0);
    runner.from(start.core, 0, sol);
    // the branching's LPs have other near-integral parts: searches from their cores too
    const auto improve = [&](const lp_result& node) {
        runner.from(detail::core_of(p, node), ++runner.group, sol);
        return sol.status == solve_status::feasible ? sol.objective
                                                    : std::numeric_limits<double>::infinity();
    };
    choose_bound(p, m, options, lp, start.master, lp_bound_only, t0 + options.time_limit, improve,
                 sol);
    std::string parts = lp && lp->clock_cut ? "the LP relaxation" : "";
    if (runner.cut) {
        parts += fmt::format("{}the search after {} iterations (runs of {})",
                             parts.empty() ? "" : ", ", sol.iterations, runner.budget);
    }
    note_clock(sol, parts);
    sol.trace.push_back({seconds_since(t0), sol.objective});
    sol.seconds = seconds_since(t0);
    return sol;
}

} // namespace wfm::schedule
