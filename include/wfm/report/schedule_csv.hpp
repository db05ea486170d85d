#pragma once
/// CSV text of a schedule (one row per agent line) and of its coverage against the requirement.

#include <wfm/core/time.hpp>
#include <wfm/schedule/problem.hpp>
#include <wfm/schedule/solve.hpp>

#include <string>
#include <string_view>

namespace wfm::report {

/// `[pool,]line,template,working_days,Mon_start,Mon_breaks,…,Sun_start,Sun_breaks`; breaks as
/// `name HH:MM` joined by `;`. A non-empty `pool` adds a leading pool column.
[[nodiscard]] std::string schedule_csv(const schedule::problem& p, const schedule::solution& s,
                                       std::string_view pool = {}, bool header = true);

/// `interval_start,[pool,]required,scheduled,diff` for every interval of the week from `monday`.
[[nodiscard]] std::string coverage_csv(const schedule::problem& p, const schedule::solution& s,
                                       local_date monday, std::string_view pool = {},
                                       bool header = true);

} // namespace wfm::report
