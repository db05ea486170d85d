#pragma once
/// What-if and emergency scenarios on a published plan (`wfm whatif`, standard §4.5.2.2): a
/// scenario's events (surges, outages, handle-time changes, absence, key service days) applied
/// to the plan's simulation model, the scenario simulated against the baseline with common
/// random numbers, and an emergency staffing plan found by a simulation-guided search
/// (docs/methods.md, "What-if and emergency staffing").

#include <wfm/erlang/channel.hpp>
#include <wfm/plan/simulate.hpp>
#include <wfm/report/plan_report.hpp>
#include <wfm/schedule/config.hpp>

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace wfm::plan {

/// One event of a scenario. Times are seconds from the plan week's start (plan_model::start).
struct scenario_event {
    enum class kind { surge, outage, aht, absence, key_day };
    kind type = kind::surge;
    std::string path;        ///< JSON pointer of the event, for messages
    std::vector<int> queues; ///< indexes into plan_model::queues; empty: every queue
    int pool = -1;           ///< absence: index into plan_model::pools
    double begin_s = 0.0;
    double end_s = 0.0;
    double factor = 1.0;        ///< surge and key_day: volume; aht: handle time
    double share = 0.0;         ///< absence: share of the pool's agents on duty missing
    std::vector<int> lines;     ///< absence: schedule lines (numbers of schedule.csv) missing
    double retry_share = 0.0;   ///< outage: share of blocked contacts that call again
    double retry_delay_s = 0.0; ///< outage: mean (exponential) delay before they do
};

/// The emergency search's rules (the scenario file's `"emergency"` object).
struct emergency_rules {
    /// Most extra agents in one interval of one pool; < 0: half the pool's peak on duty (≥ 1).
    int max_extra_agents = -1;
    int max_overtime_minutes = 120; ///< a line's shift extended by at most this, before or after
    double overtime_premium = 1.5;  ///< overtime hours cost this × the template's hourly rate
    int search_replications = 40;   ///< per simulation inside the search
    int max_simulations = 400;      ///< the search's budget (adding and removing together)
    /// An interval is short when its SL is below min(target, baseline SL) by more than this.
    double tolerance = 0.02;
};

struct scenario {
    std::string name;
    std::string description;
    std::vector<scenario_event> events;
};

struct scenario_file {
    std::vector<scenario> scenarios;
    emergency_rules emergency;
};

/// Decodes a scenario file against the plan it will run on (queue, pool and line names, the
/// week). Throws wfm::config_error with the JSON path (docs/formats.md, "Scenario file").
[[nodiscard]] scenario_file decode_scenarios(const nlohmann::json& doc, const plan_model& plan,
                                             const std::vector<schedule_line>& lines);

/// What the scenario runs on: the plan as make_plan_model took it.
struct whatif_plan {
    const report::plan_report* report = nullptr;
    const std::vector<erlang::channel_settings>* channels = nullptr;
    const schedule::schedule_config* shifts = nullptr;
    const std::vector<schedule_line>* lines = nullptr;
    const plan_model* model = nullptr;
};

/// The plan's model with the scenario's events applied. A surge, AHT change or key day
/// scales each interval by the share of it the window covers; an outage blocks arrivals in its
/// window, and its share of the blocked contacts call again after its delay (the delay is the
/// queue's own when the plan already retries abandoned contacts); an
/// absence removes, at each interval start inside the window, round(share × agents on duty),
/// or the named lines for the window (their shrinkage with them).
[[nodiscard]] plan_model apply_scenario(const whatif_plan& plan, const scenario& s);

/// An extra shift or an overtime extension of the emergency plan.
struct emergency_shift {
    enum class kind { overtime_before, overtime_after, extra_shift };
    kind type = kind::extra_shift;
    int pool = 0;
    int line = 0;              ///< overtime: the schedule line extended
    std::string template_name; ///< the line's or the extra shift's template
    double begin_s = 0.0;      ///< from the week's start
    double end_s = 0.0;
    double hours = 0.0; ///< paid hours
    std::optional<double> cost;
};

/// The emergency staffing plan of one scenario.
struct emergency_plan {
    /// [pool][interval] extra agents (available, without shrinkage) of the week.
    std::vector<std::vector<int>> extra;
    std::vector<emergency_shift> shifts;
    double extra_agent_hours = 0.0;
    double overtime_hours = 0.0;
    double extra_shift_hours = 0.0;
    std::optional<double> cost; ///< empty when a template used has no hourly rate
    bool rescued = true;        ///< every interval back to its level within the limits
    /// Pool and interval (of the week) of each interval still short with the plan.
    std::vector<std::pair<int, int>> short_intervals;
    int simulations = 0; ///< simulations the search ran
    /// Intervals still short in the last check at the final replications (0 when rescued).
    int confirm_short = 0;
    int max_extra = 0; ///< the per-interval limit used (largest over pools)
};

/// The emergency search on the scenario's model (from apply_scenario), pool by pool over the
/// days the scenario changes for the pool (simulated from that first day's midnight, the
/// pool's agents on duty then joining at once): add agents where a queue's simulated SL is
/// short of min(target, baseline SL) − tolerance (intervals in an outage aside), re-simulate,
/// until none is short or the limits are reached; then remove, latest interval first, added
/// agents the level does not need; then repair at `confirm_replications` (one more agent where
/// that confirmation is short, up to four rounds). Deterministic: seeded, common random
/// numbers, a budget counted in simulations. The extra agents are then written as overtime of
/// the schedule's lines and extra shifts of the plan's templates.
[[nodiscard]] emergency_plan find_emergency_plan(const whatif_plan& plan,
                                                 const plan_model& scenario,
                                                 const emergency_rules& rules, std::uint64_t seed,
                                                 int confirm_replications);

/// The scenario's model with the emergency plan's extra agents added.
[[nodiscard]] plan_model with_extra_agents(const plan_model& m,
                                           const std::vector<std::vector<int>>& extra);

/// One scenario's outcome: baseline, scenario and scenario with the emergency plan, simulated
/// with the same seed (common random numbers).
struct scenario_outcome {
    std::string name;
    std::string description;
    std::vector<scenario_event> events;
    plan_simulation baseline;
    plan_simulation scenario;
    plan_simulation rescued;
    emergency_plan emergency;
    int first_day = 0; ///< days of the week the scenario touches, 0 = the first
    int last_day = 6;
};

/// Runs one scenario end to end: apply, search, then the three simulations at `options`
/// (the baseline's given when `baseline` is not null: simulate_plan of the plan at `options`).
[[nodiscard]] scenario_outcome run_scenario(const whatif_plan& plan, const scenario& s,
                                            const emergency_rules& rules,
                                            const sim::sim_options& options,
                                            const plan_simulation* baseline = nullptr);

} // namespace wfm::plan
