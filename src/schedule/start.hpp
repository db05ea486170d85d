#pragma once
// The starting schedule: the LP-guided start (the LP relaxation's most integral part, or its
// rounding under side limits) loaded into the search before greedy construction fills it up.

#include "search.hpp"

#include <wfm/schedule/lp.hpp>
#include <wfm/schedule/problem.hpp>
#include <wfm/schedule/solve.hpp>

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

/// Loads the start the options ask for into the search (see solve_options::start); returns the
/// LP relaxation when the LP-guided start ran. The LP and its rounding stop at `deadline`; an
/// empty or invalid start leaves the search empty (greedy construction then fills it).
std::optional<lp_result> load_start(const problem& p, const model& m, const solve_options& options,
                                    search& s, clock_type::time_point deadline);

} // namespace wfm::schedule::detail
