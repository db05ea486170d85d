#pragma once
/// Discrete-event simulation of a day or week on an interval grid: time-varying Poisson (or
/// replayed) arrivals, several queues served by pools of agents whose number changes
/// non-preemptively, abandonment, retrials, outages, chat concurrency; replications with common
/// random numbers and Student-t confidence intervals (docs/methods.md, "Simulation").
///
/// Scenarios (a surge, an outage, an AHT factor, an absence) are modified inputs: the same seed
/// gives every queue the same random streams, so two models differ only by what was changed.

#include <cstdint>
#include <utility>
#include <vector>

namespace wfm::sim {

/// A distribution of durations in seconds.
struct duration_dist {
    enum class kind { none, exponential, lognormal, empirical };
    kind type = kind::none;        ///< `none`: infinite (patience) or zero (retry delay)
    double mean_s = 0.0;           ///< exponential and lognormal
    double cv = 1.0;               ///< lognormal: standard deviation / mean
    std::vector<double> samples_s; ///< empirical: drawn uniformly (with replacement)

    [[nodiscard]] static duration_dist exponential(double mean_s) {
        return {kind::exponential, mean_s, 1.0, {}};
    }
    [[nodiscard]] static duration_dist lognormal(double mean_s, double cv) {
        return {kind::lognormal, mean_s, cv, {}};
    }
    [[nodiscard]] static duration_dist empirical(std::vector<double> samples_s) {
        return {kind::empirical, 0.0, 1.0, std::move(samples_s)};
    }
};

/// A time window [begin_s, end_s) in seconds from the start of the horizon.
struct time_window {
    double begin_s = 0.0;
    double end_s = 0.0;
};

/// One queue: its arrivals, handle time, patience and the pool that serves it.
struct sim_queue {
    std::vector<double> arrivals_per_s; ///< Poisson rate per interval (unless replayed)
    std::vector<double> replay_s;       ///< arrival times to replay (sorted); replaces the rate
    duration_dist handle = duration_dist::exponential(180.0);
    /// Per interval of arrival, multiplies the handle time drawn (a forecast AHT per interval);
    /// empty = 1 everywhere.
    std::vector<double> handle_factor;
    duration_dist patience;   ///< `none`: nobody abandons
    int pool = 0;             ///< index into sim_model::pools
    int priority = 0;         ///< lower is served first; FIFO across queues of equal priority
    double retry_share = 0.0; ///< share of abandoned or blocked contacts that call again
    /// Share of contacts blocked by an outage that call again; < 0: `retry_share`.
    double blocked_retry_share = -1.0;
    duration_dist retry_delay = duration_dist::exponential(300.0);
    std::vector<time_window> outages; ///< arrivals in a window are blocked
    double sl_time_s = -1.0;          ///< t of this queue's service level; < 0: the model's
};

/// A change of on-duty agents of a pool at a time (a shift start or end, a break).
struct staffing_change {
    double at_s = 0.0;
    int delta = 0;
};

/// A pool of agents: how many are on duty over time. A drop is non-preemptive: contacts in
/// service finish, and no new one starts while the pool is at or above its new capacity.
struct sim_pool {
    std::vector<staffing_change> changes; ///< any order; summed from 0 at time 0
    int concurrency = 1;                  ///< contacts one agent serves at once (chat)
};

/// What to simulate: `intervals` intervals of `interval_s` seconds from an empty system.
struct sim_model {
    double interval_s = 900.0;
    int intervals = 0;
    std::vector<sim_queue> queues;
    std::vector<sim_pool> pools;
    double sl_time_s = 20.0; ///< t of the service level
};

/// Agents per interval as staffing changes at the interval boundaries.
[[nodiscard]] sim_pool pool_from_coverage(const std::vector<int>& agents, double interval_s,
                                          int concurrency = 1);

/// One schedule line: on duty from start to end except its breaks (seconds from the horizon).
struct agent_line {
    int pool = 0;
    double start_s = 0.0;
    double end_s = 0.0;
    std::vector<time_window> breaks;
};

/// Adds the staffing changes of schedule lines to their pools (resized to hold every pool).
void add_agent_lines(std::vector<sim_pool>& pools, const std::vector<agent_line>& lines);

/// How to run.
struct sim_options {
    int replications = 200;
    std::uint64_t seed = 1;
    double confidence = 0.95; ///< of the Student-t intervals
    /// Expected contacts per replication above which the model is rejected (the run time and
    /// memory grow with it).
    double max_contacts = 5e7;
    /// Interval ranges [first, last) summarised as a whole (days, a week) in sim_result::periods:
    /// counts summed, flow averages averaged over the range, waiting at the range's end.
    std::vector<std::pair<int, int>> periods{};
};

/// A mean over replications and the half-width of its confidence interval. A ratio whose
/// denominator is zero in every replication (SL of an interval nobody called) has no value.
struct estimate {
    double mean = 0.0;
    double half_width = 0.0;
    bool defined = true;
};

/// Per interval of one queue. Cohort figures are about contacts arriving in the interval
/// (wherever they end); flow figures about what happens during it.
struct interval_figures {
    // cohort
    estimate offered;  ///< arrivals, retrials and blocked included
    estimate blocked;  ///< arrived during an outage
    estimate answered; ///< reached an agent (possibly after the interval)
    estimate abandoned;
    estimate answered_within_t;
    estimate sl;           ///< answered within t / offered (ratio estimator)
    estimate asa_s;        ///< mean wait of answered contacts (ratio estimator)
    estimate answer_rate;  ///< answered / offered (ratio estimator)
    estimate abandon_rate; ///< abandoned / offered (ratio estimator)
    // flow
    estimate starts;       ///< services started
    estimate abandonments; ///< waiting contacts that hung up
    estimate busy_agents;  ///< time average of the queue's contacts in service / concurrency
    estimate p_wait;       ///< time-average probability that the pool has no free slot
    estimate waiting_at_end;
};

/// Results per queue and interval.
struct sim_result {
    std::vector<std::vector<interval_figures>> queues;  ///< [queue][interval]
    std::vector<std::vector<interval_figures>> periods; ///< [queue][sim_options::periods]
    int replications = 0;
    std::uint64_t contacts = 0; ///< arrivals simulated over all replications
};

/// Runs the replications; deterministic for a seed. Throws wfm::invalid_argument naming the
/// field on a bad model (no intervals, negative rate, a queue without a pool, a bad
/// distribution, too many expected contacts).
[[nodiscard]] sim_result simulate(const sim_model& model, const sim_options& options = {});

} // namespace wfm::sim
