#pragma once
/// Intraday re-plan: the rest of one day of a published weekly plan, given a reforecast per
/// queue. Recomputes each queue's requirement, predicts SL, answer rate, ASA and abandonment per
/// interval under the published shifts, and proposes actions inside those shifts (pool moves,
/// break moves, overtime, voluntary time off), each with the pool's predicted rest-of-day SL
/// before and after it. Reads and writes no file: a service can call replan_day() every
/// interval (docs/methods.md, "Intraday re-plan").

#include <wfm/core/time.hpp>
#include <wfm/erlang/channel.hpp>
#include <wfm/plan/config.hpp>
#include <wfm/report/plan_report.hpp>
#include <wfm/schedule/config.hpp>
#include <wfm/schedule/problem.hpp>
#include <wfm/schedule/solve.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace wfm::plan {

/// One break of a published shift-day; every time in intervals from the day's 00:00.
struct intraday_break {
    std::string name;
    int start = 0;    ///< first interval of the break
    int length = 1;   ///< intervals
    int earliest = 0; ///< earliest start allowed by the template's window (inclusive)
    int latest = 0;   ///< latest start allowed (inclusive)
};

/// One published agent line on the day: on duty [start, end) minus its breaks.
struct intraday_line {
    std::string pool;
    int line = 0; ///< the schedule's line number within the pool (1, 2, …)
    std::string template_name;
    int start = 0; ///< first interval on duty (0 … periods per day − 1)
    int end = 0;   ///< one past the last interval on duty (at most the day's end)
    std::vector<intraday_break> breaks;
    std::optional<double> hourly_rate; ///< the template's `hourly_rate`, to price overtime
};

/// One queue of the re-planned day: its model, its pool and its reforecast.
struct intraday_queue {
    erlang::channel_settings settings;
    std::string pool;
    /// Per interval of the day (size periods per day): offered volume before self-service (the
    /// reforecast from `now`; earlier intervals are ignored), AHT in seconds, open by the plan.
    std::vector<double> volume;
    std::vector<double> aht_s;
    std::vector<bool> open;
    /// The published plan's requirement per interval of the day (requirements.csv): the
    /// published split of a blended pool's agents is in proportion to it. Empty = the new
    /// requirement (no pool move can then help).
    std::vector<double> planned_required;
};

/// Everything replan_day() needs.
struct intraday_input {
    local_date day;
    std::chrono::minutes step{15}; ///< the plan's grid
    int now = 0;                   ///< first interval to re-plan (interval of the day)
    std::vector<intraday_line> lines;
    std::vector<intraday_queue> queues;
    intraday_rules rules;
};

/// One queue's rest of day: per interval from `now`, before and after the actions.
struct intraday_queue_result {
    std::string name;
    std::string pool;
    double target = 0.0; ///< the queue's SL target (0 without one)
    /// interval_outcome per interval [now, end of day): `required` is the new requirement,
    /// `scheduled` the queue's share of the pool's agents.
    std::vector<report::interval_outcome> before;
    std::vector<report::interval_outcome> after;
    report::outcome_totals totals_before;
    report::outcome_totals totals_after;
};

/// What an action does.
enum class action_kind { pool_move, break_move, overtime, vto };

/// Name of an action kind as written in actions.csv: pool_move, break_move, overtime, vto.
[[nodiscard]] const char* action_name(action_kind k) noexcept;

/// One proposed change. The SL figures are the pool's predicted rest-of-day service level
/// (offered-weighted over its queues) with the actions before this one applied, then with this
/// one too; actions are listed in the order they are applied.
struct intraday_action {
    action_kind kind = action_kind::break_move;
    std::string pool;
    std::vector<int> lines;     ///< line numbers changed (empty for a pool move: any blended agent)
    int first = 0;              ///< first interval changed (interval of the day)
    int last = 0;               ///< one past the last interval changed
    double agent_minutes = 0.0; ///< agent time added (overtime), removed (VTO) or moved
    std::optional<double> cost; ///< overtime cost: hours × hourly rate × premium, when priced
    std::string detail;         ///< what changes, in words (e.g. `lunch 12:00 → 12:30`)
    double sl_before = 0.0;
    double sl_after = 0.0;
};

/// The rest-of-day result: requirement and predictions per queue, the actions, the new lines.
struct intraday_result {
    std::vector<intraday_queue_result> queues; ///< in input order
    std::vector<intraday_action> actions;
    std::vector<intraday_line> lines_after; ///< the published lines with the actions applied
    report::outcome_totals totals_before;   ///< all queues together
    report::outcome_totals totals_after;
    /// Offered-weighted SL target over the queues with a target (0 without any).
    double target = 0.0;
};

/// Re-plans [now, end of day). Throws wfm::invalid_argument naming the field when the input is
/// inconsistent (sizes, a line or break outside the day, a queue whose pool has no line …).
[[nodiscard]] intraday_result replan_day(const intraday_input& input);

/// The lines of `pool`'s schedule working on day `day` (0 = the problem's first day), with the
/// break windows of their templates; `config` gives the templates' hourly rates (by name).
[[nodiscard]] std::vector<intraday_line> published_lines(const schedule::problem& p,
                                                         const std::vector<schedule::tour>& tours,
                                                         const schedule::schedule_config& config,
                                                         int day, const std::string& pool);

} // namespace wfm::plan
