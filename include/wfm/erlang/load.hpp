#pragma once
/// The offered load of a queue: session handle time under chat concurrency, load in erlangs.

#include <wfm/erlang/formulas.hpp>
#include <wfm/erlang/types.hpp>

namespace wfm::erlang {

/// Handle time of one session when an agent holds `concurrency` of them:
/// AHT·k / c(k, r), with c the effective concurrency (formulas.hpp); AHT when k = 1.
[[nodiscard]] inline seconds_d session_handle_time(const queue& q) {
    validate(q);
    if (q.concurrency == 1) {
        return q.aht;
    }
    const double k = static_cast<double>(q.concurrency);
    return q.aht * k / effective_concurrency(q.concurrency, q.compose_ratio);
}

/// Offered load in session-servers, λ·session_handle_time [erlangs].
[[nodiscard]] inline double offered_load(const queue& q) {
    return q.arrivals_per_s * session_handle_time(q).count();
}

/// Offered load in agents, offered_load / k [erlangs of agent time].
[[nodiscard]] inline double agent_load(const queue& q) {
    return offered_load(q) / static_cast<double>(q.concurrency);
}

} // namespace wfm::erlang
