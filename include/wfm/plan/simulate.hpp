#pragma once
/// A published plan simulated interval by interval (`wfm simulate --plan DIR`): the plan's
/// queues, pools, forecast volume and AHT, the configured patience and concurrency, and the
/// schedule's lines with their breaks as agents, run through sim::simulate; each figure sits
/// beside the Erlang prediction the plan made, and intervals where the two disagree beyond the
/// simulation's confidence interval are flagged (docs/methods.md, "Simulation").

#include <wfm/core/time.hpp>
#include <wfm/erlang/channel.hpp>
#include <wfm/report/plan_report.hpp>
#include <wfm/schedule/config.hpp>
#include <wfm/sim/day_sim.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace wfm::plan {

/// One worked day of a schedule line as the schedule CSV holds it.
struct line_day {
    int start_minute = 0;                            ///< 0 … 1439
    std::vector<std::pair<std::string, int>> breaks; ///< name and minute of the day it starts
};

/// One schedule line (an anonymous agent's week) as the schedule CSV holds it.
struct schedule_line {
    std::string pool; ///< empty: the plan's only pool
    int line = 0;     ///< for messages
    std::string template_name;
    std::array<std::optional<line_day>, 7> days; ///< Monday first; empty = day off
};

/// A plan as a simulation model.
struct plan_model {
    sim::sim_model model;
    timestamp start;                 ///< 00:00 of the plan's first day
    std::vector<std::string> queues; ///< report channel names, in model.queues order
    std::vector<std::string> pools;  ///< pool names, in model.pools order
    /// [queue][interval] agents available to the queue after shrinkage: the pool's available
    /// agents shared as the plan shares its coverage (the occupancy's denominator).
    std::vector<std::vector<double>> available;
    /// [pool][interval] agents of the schedule's lines on duty and not on break.
    std::vector<std::vector<int>> on_duty;
    /// [queue][interval] the report's intervals on the week's grid (an interval report.json
    /// does not hold is closed, without volume or prediction), and which ones it holds.
    std::vector<std::vector<report::interval_outcome>> week;
    std::vector<std::vector<bool>> in_report;
};

/// Builds the model of a plan's week: one queue per report channel with its forecast volume per
/// interval as a Poisson rate, exponential handle times of the interval's forecast AHT and
/// exponential patience of the configured `patience_s` (none for a queue without one); one pool
/// per schedule pool with its channels' concurrency. The pool's agents are the schedule lines
/// (shift start to start + template length, each break of its template length; changes are
/// non-preemptive), less the plan's shrinkage: in each interval the agents on duty times the
/// pool's (1 − shrinkage), a fraction of an agent being one agent for that fraction of the
/// interval. A shift of the week's last day runs on past the week's end. Throws
/// wfm::invalid_argument naming the line, template, queue or pool when the parts do not fit
/// (an unknown template or break, a time off the grid, a queue absent from the config, a pool
/// without lines mixing concurrency).
[[nodiscard]] plan_model make_plan_model(const report::plan_report& report,
                                         const std::vector<erlang::channel_settings>& channels,
                                         const schedule::schedule_config& shifts,
                                         const std::vector<schedule_line>& lines);

/// One figure: the simulation's mean and CI half-width beside the plan's Erlang prediction.
struct sim_metric {
    sim::estimate sim;
    std::optional<double> erlang; ///< empty: the plan predicted nothing (no contacts, closed)
    /// The prediction lies outside the simulation's confidence interval.
    bool flagged = false;
};

/// One interval, day or week of one queue.
struct sim_row {
    timestamp start;
    bool open = true;      ///< an interval inside the queue's opening hours (periods: any)
    double forecast = 0.0; ///< the plan's volume (expected arrivals)
    sim::estimate offered, answered, abandoned, waiting_at_end;
    sim_metric service_level; ///< answered within t / offered (the standard's definition)
    sim_metric answer_rate;   ///< answered / offered
    sim_metric asa_s;         ///< mean wait of answered contacts
    sim_metric abandon;       ///< abandoned / offered
    sim_metric occupancy;     ///< busy agents / available agents
    [[nodiscard]] bool flagged() const noexcept;
};

/// One queue's simulation: each interval report.json holds, each day and the week.
struct queue_simulation {
    std::string name;
    std::string pool;
    double sl_target = 0.8;
    int sl_time_s = 20;
    /// True when the plan's SL uses another definition than offered (its SL is then shown but
    /// not flagged).
    bool sl_other_definition = false;
    std::vector<sim_row> intervals;
    std::vector<sim_row> days;
    sim_row week;
};

/// The plan's simulation.
struct plan_simulation {
    std::vector<queue_simulation> queues;
    int replications = 0;
    std::uint64_t seed = 0;
    double confidence = 0.95;
    std::uint64_t contacts = 0; ///< arrivals simulated over all replications
    interval_grid grid{std::chrono::minutes{15}};
    local_date week_start;
};

/// Simulates `model` (from make_plan_model) and compares it with `report`'s predictions. The
/// Erlang figures of a day or the week are the plan's: volume-weighted SL, answer rate and
/// abandonment, answered-weighted ASA, availability-weighted occupancy.
[[nodiscard]] plan_simulation simulate_plan(const report::plan_report& report,
                                            const plan_model& model,
                                            const sim::sim_options& options);

/// Number of flagged intervals of a queue (open intervals with a prediction).
[[nodiscard]] int flagged_intervals(const queue_simulation& q) noexcept;

} // namespace wfm::plan
