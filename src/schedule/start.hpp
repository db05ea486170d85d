#pragma once
// The starting schedule: the LP-guided start (the LP relaxation's most integral part, or its
// rounding under side limits) loaded into the search before greedy construction fills it up.

#include "column_generation.hpp"
#include "search.hpp"

#include <wfm/schedule/lp.hpp>
#include <wfm/schedule/problem.hpp>
#include <wfm/schedule/solve.hpp>

#include <memory>
#include <optional>
#include <vector>

namespace wfm::schedule::detail {

/// Most coverage rows of the LP that the `automatic` start solves (more: greedy start); the
/// bundled sample's 15-minute pools have 448.
inline constexpr int automatic_lp_rows = 400;

/// Headcount, per-day, per-template or part-time limits (fixed tours could break them).
[[nodiscard]] bool has_side_limits(const problem& p);

/// The most integral part of an LP solution: ⌊x⌋ copies of every column, then one copy of the
/// columns with the largest fractional parts while the count stays within `share` × Σx.
[[nodiscard]] std::vector<tour> lp_core(const lp_result& lp, double share);

/// The tours, in order (full-time ones first), that keep every upper limit (headcount, part-time
/// share, per day, per template) when added one by one.
[[nodiscard]] std::vector<tour> within_upper_limits(const problem& p,
                                                    const std::vector<tour>& tours);

/// The start the options ask for (see solve_options::start): the LP relaxation when the
/// LP-guided start ran, and the tours to fix (empty: greedy construction fills the search).
struct start_plan {
    std::optional<lp_result> lp;
    std::shared_ptr<const column_generation> master; ///< the LP's master (branch_on_counts)
    std::vector<tour> core;
};

/// Solves the LP of the LP-guided start (stopped at `deadline`) and chooses its core.
[[nodiscard]] start_plan plan_start(const problem& p, const model& m, const solve_options& options,
                                    clock_type::time_point deadline);

/// The core of an LP solution that the LP-guided start fixes: lp_core(lp, 0.7) of valid shapes,
/// under side limits only the tours that keep the upper ones.
[[nodiscard]] std::vector<tour> core_of(const problem& p, const lp_result& lp);

/// Loads a start plan's core into a search and fixes it until `core_release`.
void load_start(const start_plan& plan, const solve_options& options, search& s);

} // namespace wfm::schedule::detail
