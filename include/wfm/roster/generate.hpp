#pragma once
/// A seeded roster instance generator (benchmarks and tests): agents with a mix of contracts and
/// overlapping skills on 3 queues, a weekly requirement profile scaled to the agents' capacity,
/// 5% of agent-days on leave. The defaults hire as a centre would for the unconstrained weekly
/// schedule of the requirement (docs/methods.md, "Rostering"): primary skills in the queues'
/// shares, 30/70 full/part-time (the schedule's mix of 8-hour and part-time lines), required
/// agent-hours 0.7 of the contracted hours (shifts at peaks leave agents idle off-peak).

#include <wfm/roster/roster.hpp>

#include <cstdint>

namespace wfm::roster {

/// What to generate.
struct instance_spec {
    int agents = 200;
    int weeks = 4;
    int interval_minutes = 15;
    std::uint64_t seed = 1;
    double leave_share = 0.05;    ///< share of agent-days on leave (whole days)
    bool equal_contracts = false; ///< every agent full-time, any time, no preferences
    double load = 0.7; ///< required agent-hours / the agents' contracted hours after leave
    double full_time_share = 0.3; ///< share of full-time agents (the rest part-time)
};

/// The instance: 3 queues (`sales`, `service`, `billing`, 45/35/20 % of the requirement), each
/// agent with its primary queue (in the same shares) and, for 40%, a second one and, for 20%, all
/// three; full_time_share full-time (32–40 h, 5 days), the rest part-time (16–24 h, 4 days),
/// unless equal_contracts; templates 8h (full-time), 6h and 4h
/// (part-time) on 07:00–22:00; rules: 11 h rest, 6 days in a row, 1 weekend off in 4 weeks.
[[nodiscard]] roster_input generate_instance(const instance_spec& spec);

} // namespace wfm::roster
