#pragma once
/// Shift optimiser (greedy construction + simulated annealing over tours, starts, days off and
/// break placement), its independent validator, schedule metrics and a Lagrangian lower bound.

#include <wfm/schedule/problem.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wfm::schedule {

/// How long and how to search. Results are identical for a fixed seed and iteration budget,
/// and the budget is always a count (given or derived from the problem's size), so a solve is
/// reproducible unless the wall-clock limit, a safety cap, stops it first
/// (solution::clock_stopped).
struct solve_options {
    std::uint64_t seed = 1;
    /// Wall-clock safety limit for the whole solve (construction, search and bound).
    std::chrono::milliseconds time_limit{5000};
    /// Local-search iterations; 0 = 1000 × (intervals + candidate tours), the candidate tours
    /// being Σ over templates of starts × days-off patterns, within [2·10⁵, 2·10⁷].
    std::uint64_t max_iterations = 0;
    bool compute_bound = true;
    /// Starting schedule.
    /// - `lp`: LP-guided. The LP relaxation with the side limits (lp.hpp; its rounds and pivots
    ///   are counted, the clock caps it at 9/10 of the time limit) is solved and its most
    ///   integral part is fixed: ⌊x⌋ copies of every column, then one more copy of the columns
    ///   with the largest fractional parts while the fixed tours stay within 70% of the LP's
    ///   Σx; with side limits, only the tours of that core that keep the upper limits
    ///   (headcount, part-time share, per day, per template; full-time tours first). The search
    ///   then places the other tours around these fixed ones (it may still move their breaks),
    ///   meets the lower limits, and frees the fixed tours for the rest of the search once the
    ///   share `core_release` of it has passed. It also gives the LP bound. Falls back to
    ///   greedy when the LP yields no columns.
    /// - `greedy`: add the tour with the best marginal objective until none improves.
    /// - `automatic` (default): `lp` in the weighted and full-coverage modes, with or without
    ///   side limits and iteration budget, when the LP's master has at most 500 coverage rows
    ///   (larger ones take minutes to converge); `greedy` otherwise and for the pure-fit
    ///   objective.
    enum class start_kind { automatic, greedy, lp } start = start_kind::automatic;
    /// Share of the search (time or iterations) after which the tours fixed by the `lp` start
    /// may move like all others; ≥ 1 keeps them fixed to the end. Releasing them once the
    /// search around the core has cooled polishes the whole schedule: on the reference week30
    /// instance at 2 s (seeds 1–32) 0.6 gives a mean objective of 3505.9 against 3506.7 when the
    /// core is kept, and 0.3 (still hot) gives 3512.2.
    double core_release = 0.6;
    /// Independent searches (construction and annealing, each with the full iteration budget)
    /// from each start (the LP's core, and the core of every LP the branching solves): run r
    /// of start k is seeded with seed + (64k + r) × 0x9E3779B97F4A7C15, so run 0 of the first
    /// start keeps the seed; the best schedule is kept (ties: the earliest). No more runs once
    /// the time limit cut one short. `plan.json` `solver.restarts`.
    int restarts = 1;
    /// Branch and bound on the LP's integer counts (tours per template, agents per day; see
    /// docs/methods.md, "Branching on counts") after the search, when the LP-guided start's LP
    /// converged and the gap is above `branch_gap`: at most `branch_nodes` nodes (0: none),
    /// stopped once the gap is at most `branch_gap`, or after `branch_pivots` simplex pivots
    /// per interval in all (counts, so reproducible). Each solved node's LP core also starts
    /// `restarts` searches, whose best schedule becomes the incumbent.
    int branch_nodes = 16;
    double branch_gap = 0.025;
    long branch_pivots = 150;
};

/// One agent's week: a template worked on the days of a pattern.
struct tour {
    int template_index = 0;
    int pattern_index = 0;
    int reference_start = 0; ///< interval of the day the start band is centred on
    std::vector<int> starts; ///< per day: start interval within the day, −1 = day off
    /// per day, per break of the template: start offset from the shift start (intervals);
    /// empty on days off
    std::vector<std::vector<int>> break_offsets;
};

/// Outcome class of a solve.
enum class solve_status {
    feasible,   ///< every constraint met
    infeasible, ///< no schedule meeting every constraint was found; see `message`
};

/// One point of the improvement trace.
struct trace_point {
    double seconds = 0;
    double objective = 0;
};

/// Totals of a schedule against the requirement.
struct schedule_metrics {
    double labour_cost = 0;      ///< Σ template cost of the shifts worked (unweighted)
    double shortage = 0;         ///< Σ max(r − c, 0), agent-intervals
    double redundancy = 0;       ///< Σ max(c − r, 0), agent-intervals
    double required_total = 0;   ///< Σ r
    double fit = 0;              ///< 1 − Σ|c − r| / Σ r
    double shortage_ratio = 0;   ///< shortage / Σ r
    double redundancy_ratio = 0; ///< redundancy / Σ r
    double within_5 = 0;  ///< share of intervals with r > 0 or c > 0 where |c − r| ≤ 5% of r
    double within_10 = 0; ///< same within 10%
    double covered_share = 0;           ///< share of intervals with r > 0 where c ≥ r
    std::vector<int> tours_by_template; ///< headcount per template
    int headcount = 0;
};

/// A schedule and what is known about it.
struct solution {
    solve_status status = solve_status::feasible;
    std::string message; ///< why infeasible; empty otherwise
    std::vector<tour> tours;
    std::vector<int> coverage; ///< agents on shift and not on break, per interval
    double objective = 0;      ///< in the problem's mode (see objective())
    schedule_metrics metrics;
    std::optional<double> lower_bound; ///< valid lower bound on the optimal objective
    std::optional<double> gap;         ///< (objective − bound) / objective
    /// how the bound was obtained, or why there is none; ends with "not reproducible: the time
    /// limit stopped …" when the safety time limit cut a part of the solve short
    std::string bound_note;
    bool clock_stopped = false;     ///< that happened: the result depends on the machine's speed
    std::vector<trace_point> trace; ///< objective after each improvement
    std::uint64_t iterations = 0;
    double seconds = 0;
};

/// Optimises a schedule; never throws for an infeasible problem (status says so), throws
/// wfm::invalid_argument when the problem itself is malformed (see check_problem).
[[nodiscard]] solution solve(const problem& p, const solve_options& options = {});

/// Coverage per interval of the tours (independent of the optimiser's bookkeeping).
[[nodiscard]] std::vector<int> coverage_of(const problem& p, const std::vector<tour>& tours);
/// Objective of a coverage and labour cost in the problem's mode: weighted = labour × cost +
/// under × shortage + over × redundancy; pure_fit = shortage + redundancy; full_coverage = labour
/// × cost (shortage reported as infeasibility, not priced).
[[nodiscard]] double objective(const problem& p, const schedule_metrics& m);
/// Metrics of a schedule's tours.
[[nodiscard]] schedule_metrics metrics_of(const problem& p, const std::vector<tour>& tours);
/// Every broken rule of a schedule, one sentence each; empty when the schedule is valid.
[[nodiscard]] std::vector<std::string> validate(const problem& p, const std::vector<tour>& tours);

/// Lagrangian lower bound (coverage constraints relaxed, subgradient ascent) on the optimal
/// objective of the weighted / full-coverage problem; `upper` is the objective of any schedule
/// meeting every limit. Empty when no finite bound can be derived.
[[nodiscard]] std::optional<double> lagrangian_bound(const problem& p, double upper,
                                                     int max_iterations = 2000);

/// A Lagrangian bound computed against a deadline.
struct bound_result {
    std::optional<double> value; ///< best bound found (valid even when cut short)
    bool cut_short = false;      ///< the deadline stopped the subgradient ascent
    int iterations = 0;          ///< subgradient iterations completed
};
/// The Lagrangian bound, stopped at `deadline` with the best bound of the iterations done.
[[nodiscard]] bound_result lagrangian_bound(const problem& p, double upper, int max_iterations,
                                            std::chrono::steady_clock::time_point deadline);

} // namespace wfm::schedule
