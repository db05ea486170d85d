#pragma once
/// Internal: metric evaluation with an option to skip the costly wait means.

#include <wfm/erlang/queue.hpp>

namespace wfm::erlang::detail {

/// evaluate(); with `waits` false, Erlang A's asa_served_s and mean_virtual_wait_s are left 0
/// (they need an O(√(λ·patience)) series) — the staffing search asks for them only for ASA targets.
[[nodiscard]] metrics evaluate(const queue& q, double agents, seconds_d sl_time, bool waits);

/// evaluate() for the erlang_b / erlang_c models with B(servers, load) already known (from the
/// recurrence during a staffing walk).
[[nodiscard]] metrics evaluate_with_b(const queue& q, double agents, seconds_d sl_time, double b);

} // namespace wfm::erlang::detail
