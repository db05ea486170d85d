#pragma once
/// LP relaxation of the shift-scheduling problem by column generation, and an LP-rounding start.

#include <wfm/schedule/problem.hpp>
#include <wfm/schedule/solve.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace wfm::schedule {

/// Limits of the column generation. Time, memory and work stay within these limits: the
/// pricing, the simplex and the break enumeration all read the clock.
struct lp_options {
    /// Pricing rounds stop after this (the master is left at its last basis).
    std::chrono::milliseconds time_limit{2000};
    int max_rounds = 1000;             ///< pricing rounds
    long max_pivots = 2000000;         ///< simplex pivots over all rounds
    int max_break_placements = 100000; ///< per template; more = no LP (pricing by enumeration)
    /// Σ over templates of break placements × breaks; more = no LP.
    long max_break_offsets = 2000000;
    /// Coverage rows of the master (its basis inverse is dense: rows² doubles); more = no LP.
    int max_rows = 2000;
    /// Hard deadline of the whole call, the final pricing for Farley's bound included (cut short
    /// there: no bound); default: the end of `time_limit`.
    std::optional<std::chrono::steady_clock::time_point> deadline;
};

/// The LP relaxation at the last master solve.
struct lp_result {
    bool converged = false;            ///< pricing found no improving tour
    double value = 0;                  ///< master LP value (objective units)
    std::optional<double> lower_bound; ///< valid bound from the last duals (Farley)
    std::string note;                  ///< why there is no bound, or what the bound ignores
    std::vector<tour> columns;         ///< tours with a positive LP value
    std::vector<double> x;             ///< their LP values
    int rounds = 0;
    long pivots = 0;
};

/// LP relaxation (tours as columns, coverage rows, shortage/excess slacks) by column generation
/// with exact pricing; side limits (headcount, per day, part-time share, per template) are
/// dropped, which only weakens the bound. Weighted and full-coverage modes only.
[[nodiscard]] lp_result lp_relaxation(const problem& p, const lp_options& options = {});

/// Rounds an LP solution: ⌊x⌋ copies of every column, then single copies that most decrease
/// the objective while one does, the upper limits allow and `deadline` has not passed. May
/// break lower limits.
[[nodiscard]] std::vector<tour> round_lp(
    const problem& p, const lp_result& lp,
    std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max());

} // namespace wfm::schedule
