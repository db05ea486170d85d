#pragma once
/// The weekly plan report: a plain data struct that `wfm plan` fills, the figures derived from
/// it (fit, predicted outcome, calls per agent-day per day and week) and three renderers
/// (terminal text, JSON, one self-contained HTML page with inline SVG charts).

#include <wfm/core/time.hpp>
#include <wfm/report/fit.hpp>

#include <nlohmann/json_fwd.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wfm::report {

/// A channel's service targets (docs/domain.md: SL over offered, 80 % in 20 s, by default).
struct service_target {
    double service_level = 0.80;         ///< share answered within `threshold`
    std::chrono::seconds threshold{20};  ///< t of SL(t)
    std::string sl_variant = "offered";  ///< `offered`, `answered` or `virtual`
    std::optional<double> max_abandon;   ///< share of offered
    std::optional<double> max_asa_s;     ///< seconds
    std::optional<double> max_occupancy; ///< share of staffed time
};

/// One interval of one channel: forecast, requirement, coverage and predicted outcome.
struct interval_outcome {
    timestamp start;
    double volume = 0.0;              ///< forecast contacts reaching agents (after self-service)
    double volume_lower = 0.0;        ///< prediction interval, lower end
    double volume_upper = 0.0;        ///< prediction interval, upper end
    double aht_s = 0.0;               ///< forecast AHT, seconds
    double required = 0.0;            ///< r(i): agents needed on the schedule (after shrinkage)
    double required_fractional = 0.0; ///< r(i) before rounding up
    double scheduled = 0.0;           ///< c(i): scheduled agents on duty and not on break
    /// Predicted outcome of c(i) after shrinkage under the staffing model; empty when the
    /// interval has no contacts (or no prediction was made).
    std::optional<double> service_level; ///< share, per the channel's `sl_variant`
    std::optional<double> asa_s;         ///< mean wait of answered contacts, seconds
    std::optional<double> abandon;       ///< share of offered that abandon
    std::optional<double> answer_rate;   ///< answered / offered
    std::optional<double> occupancy;     ///< busy / staffed
    /// Inside the queue's opening hours. A closed interval has zero forecast and requirement and
    /// is out of the report's scope (not counted, not charted as shortage).
    bool open = true;
};

/// One channel of the plan.
struct channel_plan {
    std::string name;    ///< the queue's name, e.g. `cards-voice`
    std::string channel; ///< `voice`, `text` or `video` (empty = same as name)
    std::string pool;    ///< name of the pool whose schedule covers it (empty = its own)
    service_target target;
    double shrinkage = 0.0; ///< share of paid time not available for contacts
    double self_service_rate = 0.0;
    int concurrency = 1;                     ///< sessions an agent may hold (text)
    std::vector<interval_outcome> intervals; ///< ascending start, on the report's grid
};

/// Use of one shift template in a schedule.
struct template_usage {
    std::string name;           ///< e.g. `early 07:00 8h`
    int headcount = 0;          ///< agents (tours) assigned to it over the week
    double paid_hours = 0.0;    ///< paid hours over the week
    std::optional<double> cost; ///< paid hours × the template's hourly rate, when it has one
};

/// One schedule (per channel, or a blended pool) and its optimality.
struct schedule_summary {
    std::string pool;               ///< channel name or e.g. `voice+video`
    std::string status = "optimal"; ///< solver status as words
    std::vector<template_usage> templates;
    std::optional<double> objective;   ///< value of the schedule's objective
    std::optional<double> lower_bound; ///< a proven bound (e.g. LP relaxation); empty = none
    std::string objective_unit = "paid hours";
    std::optional<double> solver_seconds;
    double on_duty_hours = 0.0; ///< Σ shift lengths (breaks and meals included) over the week
    double break_hours = 0.0;   ///< Σ break and meal time over the week

    /// (objective − lower bound) / objective; empty when either is unknown or objective ≤ 0.
    [[nodiscard]] std::optional<double> gap() const noexcept;
    /// Σ template headcount.
    [[nodiscard]] int headcount() const noexcept;
    /// Σ template paid hours over the week.
    [[nodiscard]] double paid_hours() const noexcept;
    /// Paid hours / contract hours per week (full-time equivalents); empty when hours ≤ 0.
    [[nodiscard]] std::optional<double> fte(double contract_hours_per_week) const noexcept;
    /// Σ template cost; empty unless every template carries a cost.
    [[nodiscard]] std::optional<double> cost() const noexcept;
    /// 座席利用率 from the schedule (standard §4.4.2 b): 1 − break hours / on-duty hours;
    /// empty without on-duty hours.
    [[nodiscard]] std::optional<double> utilisation() const noexcept;
};

/// Forecast accuracy of one method in a rolling-origin backtest (docs/domain.md metrics).
struct accuracy_row {
    std::string method;
    double mae = 0.0;
    double rmse = 0.0;
    double wape = 0.0;              ///< Σ|e| / Σ actual
    std::optional<double> mase;     ///< against the weekly seasonal naive
    double bias = 0.0;              ///< Σe / Σ actual
    std::optional<double> coverage; ///< share of actuals inside the prediction interval
};

/// A channel's backtest table and the method the plan uses.
struct backtest_table {
    std::string channel;
    std::string series = "volume"; ///< what was forecast (`volume`, `aht`)
    std::string chosen_method;
    int origins = 0; ///< rolling origins evaluated
    std::vector<accuracy_row> rows;
};

/// Everything the report shows. Fill it, then render with render_text / to_json / render_html.
/// One figure of the simulation check: the simulation's mean and 95 % half-width beside the
/// plan's Erlang prediction (empty: none).
struct simulated_figure {
    std::optional<double> mean; ///< empty: no contacts
    double ci = 0.0;
    std::optional<double> erlang;
    bool flagged = false; ///< the prediction lies outside the interval
};

/// A day or the week of one queue in the simulation check.
struct simulated_period {
    local_date day; ///< the week's first day for the week row
    double offered = 0.0;
    simulated_figure service_level, answer_rate, abandon;
};

/// One queue of the simulation check.
struct simulated_queue {
    std::string name;
    int flagged_intervals = 0; ///< open intervals with any figure flagged
    int open_intervals = 0;
    std::vector<simulated_period> days;
    simulated_period week;
};

/// plan.json's `"simulate"`: the discrete-event check of the plan (as `wfm simulate --plan`).
struct simulation_check {
    int replications = 0;
    std::uint64_t seed = 0;
    std::vector<simulated_queue> queues;
};

struct plan_report {
    std::string title = "Weekly plan";
    local_date week_start; ///< first day of the planning week
    interval_grid grid{std::chrono::minutes{15}};
    std::chrono::minutes standard_working_day{8 * 60}; ///< for calls per agent-day
    std::vector<channel_plan> channels;
    std::vector<schedule_summary> schedules;
    std::vector<backtest_table> backtests;
    std::vector<std::string> notes; ///< free text lines shown at the end (e.g. input files)
    std::string lang = "en";        ///< language of render_text / render_html: `en` or `zh-CN`
    double contract_hours_per_week = 40.0;      ///< FTE = paid hours / contract hours per week
    std::optional<simulation_check> simulation; ///< plan.json `"simulate"`; empty: not run
};

/// Predicted outcome summed over a set of intervals.
struct outcome_totals {
    std::size_t intervals = 0;      ///< intervals with a prediction and contacts
    std::size_t meeting_target = 0; ///< of those, predicted SL ≥ target
    double offered = 0.0;           ///< Σ forecast volume (all intervals)
    double answered = 0.0;          ///< Σ volume × answer rate (predicted intervals)
    double scheduled_hours = 0.0;   ///< Σ c(i) × interval length: agent working time
    double required_hours = 0.0;    ///< Σ r(i) × interval length
    double predicted_offered = 0.0; ///< Σ volume over predicted intervals
    double sl_weighted = 0.0;       ///< Σ volume × SL
    double abandon_weighted = 0.0;  ///< Σ volume × abandon
    double asa_weighted = 0.0;      ///< Σ answered × ASA
    double busy_weighted = 0.0;     ///< Σ c × occupancy
    double occupancy_weight = 0.0;  ///< Σ c over intervals with an occupancy

    /// Adds one interval; `step` is the interval length, `target` the channel's SL target.
    void add(const interval_outcome& interval, std::chrono::minutes step, double target);
    /// Adds another set of intervals (another day or channel).
    outcome_totals& operator+=(const outcome_totals& other) noexcept;

    /// Offered-weighted service level; empty without predicted contacts.
    [[nodiscard]] std::optional<double> service_level() const noexcept;
    /// Σ answered / Σ offered over predicted intervals.
    [[nodiscard]] std::optional<double> answer_rate() const noexcept;
    /// Offered-weighted abandonment.
    [[nodiscard]] std::optional<double> abandon() const noexcept;
    /// Answered-weighted ASA, seconds.
    [[nodiscard]] std::optional<double> asa_s() const noexcept;
    /// Coverage-weighted occupancy.
    [[nodiscard]] std::optional<double> occupancy() const noexcept;
    /// Share of predicted intervals whose SL meets the target.
    [[nodiscard]] std::optional<double> target_met_share() const noexcept;
    /// answered / (scheduled hours / standard working day hours) (docs/domain.md).
    [[nodiscard]] std::optional<double>
    calls_per_agent_day(std::chrono::minutes standard_day) const noexcept;
};

/// Figures of one period (day or week) for one channel, or for all channels together.
struct period_summary {
    local_date start; ///< the day, or the first day of the week
    fit_totals fit;
    outcome_totals outcome;
};

/// A channel's figures: the whole week and each day.
struct channel_summary {
    std::string name;
    period_summary week;
    std::vector<period_summary> days; ///< in date order, days with intervals only
};

/// A pool's figures: its channels' intervals added together, and its schedule.
struct pool_summary : channel_summary {
    std::vector<std::size_t> channels;   ///< indexes into plan_report::channels, in order
    std::optional<std::size_t> schedule; ///< index into plan_report::schedules (same name)
};

/// Derived figures of a report. `all_channels` adds the channels together (fit over every
/// channel-interval; outcome totals summed, so SL is offered-weighted over channels). Only open
/// intervals count; `days` hold only days with an open interval, so the days a report shows
/// are `all_channels.days`.
struct plan_summary {
    std::vector<channel_summary> channels;
    std::vector<pool_summary> pools; ///< in order of first appearance among the channels
    channel_summary all_channels;
    schedule_summary all_schedules; ///< every schedule's templates and hours added together
};

/// The pool a channel belongs to: channel_plan::pool, or its own name when that is empty.
[[nodiscard]] const std::string& pool_name(const channel_plan& channel) noexcept;

/// Checks the report (finite, non-negative, shares in [0, 1], ascending on-grid timestamps,
/// break hours ≤ on-duty hours, lang `en` or `zh-CN`, contract hours > 0); throws
/// wfm::invalid_argument naming the channel, interval and field.
void validate(const plan_report& report);

/// Computes the derived figures; validates first.
[[nodiscard]] plan_summary summarise(const plan_report& report);

/// Terminal report with aligned tables (week summary, per day, staff, schedules, backtests), in
/// `report.lang`; under 60 lines for three channels and a few templates per pool.
[[nodiscard]] std::string render_text(const plan_report& report);

/// Every input and derived figure; undefined values are null.
[[nodiscard]] nlohmann::json to_json(const plan_report& report);

/// One self-contained HTML page in `report.lang`, grouped by pool with per-queue small
/// multiples: inline CSS and SVG, no network, one tiny inline script that marks
/// `<body data-ok="1">` when every chart is present (and `data-charts` with their number).
[[nodiscard]] std::string render_html(const plan_report& report);

} // namespace wfm::report
