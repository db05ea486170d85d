#pragma once
/// Plan against actual (复盘, standard §4.5.2.3): a published weekly plan reviewed against the
/// week's measured interval KPIs, per queue — forecast accuracy (volume and AHT), predicted
/// against actual service figures, the SL miss split into volume, AHT and execution parts, and
/// the days and intervals outside the prediction interval. Reads and writes no file.

#include <wfm/core/time.hpp>
#include <wfm/erlang/channel.hpp>
#include <wfm/report/kpi.hpp>
#include <wfm/report/plan_report.hpp>
#include <wfm/report/review.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace wfm::plan {

/// One queue to review: its model, its part of the plan and its measured intervals.
struct review_queue_input {
    erlang::channel_settings settings; ///< the queue model the plan used (plan config)
    report::channel_plan plan;         ///< forecast, coverage and predicted outcome (report.json)
    /// Measured intervals (`wfm kpi --by interval`) on the plan's grid or a finer one that
    /// divides it; rows outside the plan's week are ignored, plan intervals without a row are
    /// not reviewed.
    std::vector<report::kpi_row> actuals;
};

/// What review_week() reviews.
struct review_input {
    local_date week_start;
    interval_grid grid{std::chrono::minutes{15}};
    std::vector<review_queue_input> queues;
    /// A time slot flagged in the same direction on at least this many days is recurring.
    int recurrence_days = 3;
    /// Intervals listed as the worst per queue (largest absolute volume error).
    std::size_t worst_count = 5;
};

using report::accuracy_totals;
using report::calendar_suggestion;
using report::decompose;
using report::outcome_sums;
using report::recurring_anomaly;
using report::review_interval;
using report::review_period;
using report::review_queue;
using report::review_result;
using report::sl_decomposition;
using report::suggestion_kind;

/// When a recurring effect is suggested as a calendar label (find_recurrence()).
struct recurrence_rules {
    /// At least this many flagged days, in the same direction, in at least two distinct weeks…
    int min_days = 2;
    /// …and at least this share of the reviewed days of that weekday / day of month / slot.
    double min_share = 0.6;
    /// A slot needs more flagged days than a day (slots are many, so chance repeats are too).
    int min_slot_days = 3;
};

/// Recurrence across weeks: groups the days (and intervals) of `weeks` — the same queue by
/// name — by weekday, by day of the month and by time slot, and suggests a calendar label for
/// each group flagged outside the band often enough (`rules`), with the measured effect. A
/// week's days and intervals need only start, forecast, offered and the band flag (past
/// reviews read back from report.json suffice). Ascending by queue, kind and key.
[[nodiscard]] std::vector<calendar_suggestion>
find_recurrence(const std::vector<const review_result*>& weeks, const recurrence_rules& rules = {});

/// Reviews every queue. Throws wfm::invalid_argument when no queue has a measured interval in
/// the plan's week, or a queue's measured grid does not divide the plan's.
[[nodiscard]] review_result review_week(const review_input& input);

} // namespace wfm::plan
