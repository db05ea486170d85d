#pragma once
/// The schedule CSV (one row per agent line) and the coverage CSV (scheduled against required),
/// written by `wfm schedule` and `wfm plan`.

#include <wfm/core/time.hpp>
#include <wfm/schedule/problem.hpp>
#include <wfm/schedule/solve.hpp>

#include <string>
#include <string_view>

namespace wfm::io {

/// `[pool,]line,template,working_days,Mon_start,Mon_breaks,…,Sun_start,Sun_breaks`; breaks as
/// `name HH:MM` joined by `;`. A non-empty `pool` adds a leading pool column.
[[nodiscard]] std::string format_schedule_csv(const schedule::problem& p,
                                              const schedule::solution& s,
                                              std::string_view pool = {}, bool header = true);

/// `interval_start,[pool,]required,scheduled,diff` for every interval of the week from `monday`.
[[nodiscard]] std::string format_coverage_csv(const schedule::problem& p,
                                              const schedule::solution& s, local_date monday,
                                              std::string_view pool = {}, bool header = true);

} // namespace wfm::io
