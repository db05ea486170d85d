#pragma once
/// Replay of a per-call log through the day simulator (issue 15, "Replay"): each day's own
/// arrival times, its answered contacts' handle times (empirical), its patience estimated from
/// the waits (abandons are events, answered waits censored) and the agents on duty the log
/// implies, simulated and set beside the day's measured service level
/// (docs/methods.md, "Simulation: replay"). Reads and writes no file.

#include <wfm/core/call.hpp>
#include <wfm/core/time.hpp>
#include <wfm/sim/day_sim.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

namespace wfm::plan {

/// How the replayed patience is drawn.
enum class replay_patience {
    kaplan_meier, ///< the day's Kaplan–Meier curve as empirical quantiles (censored tail: never)
    exponential,  ///< exponential with the day's MLE mean (waited seconds / abandons)
};

/// Settings of a replay; `session_gap` and `agent_interval` are the agent-count estimator's. The
/// defaults were chosen on 1-14 February 1999 of the Anonymous Bank log (docs/performance.md,
/// "Replay").
struct replay_options {
    std::chrono::seconds sl_time{20};
    /// An agent is on duty from a service start to the end of the service that precedes the
    /// next idle gap longer than this (the log has no login times).
    std::chrono::seconds session_gap{300};
    /// Agents per interval of this length: the time average on duty, rounded; 0 = the sessions'
    /// exact start and end times.
    std::chrono::seconds agent_interval{0};
    replay_patience patience = replay_patience::exponential;
    int replications = 200;
    std::uint64_t seed = 1;
};

/// One replayed day: measured against simulated.
struct replay_day {
    local_date date{};
    double offered = 0;
    double answered = 0;
    double abandoned = 0;
    double answered_within_t = 0;
    double actual_sl = 0; ///< answered within t / offered (the standard's SL)
    sim::estimate sim_sl; ///< simulated, with its confidence half-width
    sim::estimate sim_answered;
    sim::estimate sim_abandoned;
    double agent_hours = 0;               ///< on-duty hours the estimator implies
    double handle_mean_s = 0;             ///< of the day's answered contacts
    std::optional<double> patience_mle_s; ///< exponential MLE; empty when nobody abandoned
};

/// An agent's on-duty spans from the log, in seconds from `day_start`, for the calls of one
/// day: services (answer to end of handle) of each named agent merged across idle gaps of at
/// most `session_gap`.
[[nodiscard]] std::vector<sim::time_window> agent_sessions(const std::vector<call_record>& calls,
                                                           std::chrono::local_seconds day_start,
                                                           std::chrono::seconds session_gap);

/// The pool the sessions imply: exact (`agent_interval` 0) or the time average per interval,
/// rounded to the nearest agent, over `horizon_s` seconds (exact changes may fall after it).
[[nodiscard]] sim::sim_pool replay_pool(const std::vector<sim::time_window>& sessions,
                                        std::chrono::seconds agent_interval, double horizon_s);

/// Patience samples from the offered contacts' Kaplan–Meier curve: `n` quantiles at
/// (i + 0.5) / n; quantiles past the curve (the censored tail) are `never_s`.
[[nodiscard]] std::vector<double> patience_quantiles(const std::vector<call_record>& calls,
                                                     std::size_t n = 1000, double never_s = 1e7);

/// Replays every calendar day of `calls` (by arrival) that has an offered contact; days in
/// order. Throws wfm::invalid_argument on bad options (replications < 2, negative durations).
[[nodiscard]] std::vector<replay_day> replay_log(const std::vector<call_record>& calls,
                                                 const replay_options& options = {});

/// Mean over the days in [from, to] of |simulated SL − actual SL| (fractions); empty when no
/// day falls in the span.
[[nodiscard]] std::optional<double> mean_abs_sl_difference(const std::vector<replay_day>& days,
                                                           local_date from, local_date to);

} // namespace wfm::plan
