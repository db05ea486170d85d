#pragma once
// Feasibility: infeasibility evident before any search, and the judgement of a found schedule.

#include <wfm/schedule/detail/model.hpp>
#include <wfm/schedule/problem.hpp>
#include <wfm/schedule/solve.hpp>

#include <string>

namespace wfm::schedule::detail {

/// "Mon 08:30" (or "day 3 08:30" when the horizon is not a week) of interval t.
[[nodiscard]] std::string interval_name(const problem& p, int t);

/// Infeasibility that shows before any search; empty when none is evident.
[[nodiscard]] std::string precheck(const problem& p, const model& m);

/// Sets the status and message of a solution whose tours, coverage and metrics are filled in:
/// infeasible when a rule is broken or full coverage is not reached.
void judge_feasibility(const problem& p, solution& sol);

} // namespace wfm::schedule::detail
