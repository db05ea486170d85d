#pragma once
/// A seeded roster instance generator (benchmarks and tests): agents with a mix of contracts and
/// overlapping skills on 3 queues, a weekly requirement profile scaled to the agents' capacity,
/// 5% of agent-days on leave.

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
    double load = 0.85; ///< required agent-hours / the agents' contracted hours after leave
};

/// The instance: 3 queues (`sales`, `service`, `billing`), each agent with its primary queue and,
/// for 40%, a second one and, for 20%, all three; 70% full-time (32–40 h, 5 days) and 30%
/// part-time (16–24 h, 4 days) unless equal_contracts; templates 8h (full-time), 6h and 4h
/// (part-time) on 07:00–22:00; rules: 11 h rest, 6 days in a row, 1 weekend off in 4 weeks.
[[nodiscard]] roster_input generate_instance(const instance_spec& spec);

} // namespace wfm::roster
