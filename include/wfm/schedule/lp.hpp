#pragma once
/// LP relaxation of the shift-scheduling problem by column generation, and an LP-rounding start.

#include <wfm/schedule/problem.hpp>
#include <wfm/schedule/solve.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace wfm::schedule {

/// Limits of the column generation.
struct lp_options {
    std::chrono::milliseconds time_limit{2000};
    int max_rounds = 1000;             ///< pricing rounds
    long max_pivots = 2000000;         ///< simplex pivots over all rounds
    int max_break_placements = 100000; ///< per template; more = no LP (pricing by enumeration)
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
/// the objective while one does and the upper limits allow. May break lower limits.
[[nodiscard]] std::vector<tour> round_lp(const problem& p, const lp_result& lp);

} // namespace wfm::schedule
