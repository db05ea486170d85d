#pragma once
/// The ranges of the Erlang engine's inputs (docs/formats.md). validate() rejects a queue outside
/// them before any work or allocation that depends on them, naming the field; staff() searches at
/// most `agents` agents and reports anything beyond as infeasible. Inside the ranges every formula
/// stays exact (tested at the largest values): servers = agents × concurrency ≤ 10⁹.

namespace wfm::erlang {

struct limits {
    /// Agents evaluated or staffed: staff() answers infeasible beyond (not met within this many).
    static constexpr long agents = 1'000'000;
    /// Finite lines K: the M/M/n/K+M chain costs O(K) memory and time per evaluation.
    static constexpr long lines = 100'000;
    /// Sessions per agent (chat concurrency).
    static constexpr int concurrency = 1000;
    /// Contacts per second reaching agents (3.6 billion an hour).
    static constexpr double arrivals_per_s = 1e6;
    /// Longest handle time, patience, service-level threshold and ASA target, in seconds (a day),
    /// in every CLI flag and config key that sets one.
    static constexpr double seconds = 86400.0;
    /// Shortest mean patience, in seconds (a millisecond): shorter is no queue a planner has.
    static constexpr double min_patience_s = 0.001;
};

} // namespace wfm::erlang
