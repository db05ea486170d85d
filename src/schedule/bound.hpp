#pragma once
// The Lagrangian bound on an already compiled problem (see wfm::schedule::lagrangian_bound).

#include <wfm/schedule/detail/model.hpp>
#include <wfm/schedule/problem.hpp>
#include <wfm/schedule/solve.hpp>

#include <chrono>

namespace wfm::schedule::detail {

/// The Lagrangian bound of `p` compiled as `m`, stopped at `deadline` with the best bound of the
/// iterations done.
[[nodiscard]] bound_result lagrangian_bound(const problem& p, const model& m, double upper,
                                            int max_iterations,
                                            std::chrono::steady_clock::time_point deadline);

} // namespace wfm::schedule::detail
