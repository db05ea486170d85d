#pragma once
/// The summary JSON of `wfm schedule --summary`: status, objective, fit, headcount, bound, trace.

#include <wfm/core/time.hpp>
#include <wfm/schedule/problem.hpp>
#include <wfm/schedule/solve.hpp>

#include <cstdint>
#include <string>

namespace wfm::io {

/// The summary of a solved week starting `monday`, searched with `seed`, as indented JSON and a
/// newline; undefined values (bound, gap) are null.
[[nodiscard]] std::string format_schedule_summary_json(const schedule::problem& p,
                                                       const schedule::solution& s,
                                                       std::uint64_t seed, local_date monday);

} // namespace wfm::io
