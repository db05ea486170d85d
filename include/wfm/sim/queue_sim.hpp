#pragma once
/// Discrete-event simulation of one queue (M/M/n+M, first come first served, exponential
/// patience): an independent check on the Erlang formulas, and a way to ask questions they
/// cannot answer.

#include <chrono>
#include <cstdint>
#include <optional>

namespace wfm::sim {

/// What to simulate. Durations in seconds.
struct queue_sim_options {
    double arrivals_per_s = 0.0;      ///< λ > 0
    double aht_s = 0.0;               ///< mean (exponential) handle time, > 0
    std::optional<double> patience_s; ///< mean (exponential) patience; empty = infinite
    int agents = 1;                   ///< n ≥ 1
    double sl_time_s = 20.0;          ///< t of the service level
    std::uint64_t calls = 100000;     ///< arrivals measured (after the warm-up)
    std::uint64_t warmup_calls = 10000;
    std::uint64_t seed = 1;
};

/// Measured figures, as shares of measured arrivals.
struct queue_sim_result {
    std::uint64_t offered = 0;
    double p_wait = 0.0; ///< had to queue
    double p_abandon = 0.0;
    double sl_over_offered = 0.0; ///< served with wait ≤ t / offered
    double asa_served_s = 0.0;    ///< mean wait of served calls
    double occupancy = 0.0;       ///< busy agent time / (agents × elapsed time)
    /// Realised arrival rate and mean handle time of the sample: comparing with a formula at
    /// these values removes the noise of the load itself (near saturation waits are very
    /// sensitive to it).
    double realised_arrivals_per_s = 0.0;
    double realised_aht_s = 0.0;
};

/// Simulates `options.calls` arrivals after a warm-up; deterministic for a seed. Throws
/// wfm::invalid_argument on a non-positive rate, AHT, patience, agents or calls. Without
/// patience the load must be below the agents (else the queue never settles).
[[nodiscard]] queue_sim_result simulate_queue(const queue_sim_options& options);

} // namespace wfm::sim
