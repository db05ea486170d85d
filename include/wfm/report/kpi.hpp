#pragma once
/// The remote-banking service standard's metrics measured from per-call logs.

#include <wfm/core/call.hpp>
#include <wfm/core/series.hpp>
#include <wfm/core/time.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace wfm::report {

/// Measured figures of one period (interval, day, week, month or whole log). Rates are empty
/// when their denominator is 0.
struct kpi_row {
    timestamp start{};
    double offered = 0;
    double answered = 0;
    double abandoned = 0;
    double answered_within_t = 0;
    std::optional<double> answer_rate; ///< answered / offered
    std::optional<double> sl;          ///< answered within t / offered
    std::optional<double> asa_s;       ///< mean wait of answered contacts
    std::optional<double> aht_s;       ///< mean handle time of answered contacts
};

/// Periods for totals.
enum class kpi_period { interval, day, week, month, total };

/// Parses `interval|day|week|month|total`; throws wfm::invalid_argument otherwise.
[[nodiscard]] kpi_period parse_kpi_period(std::string_view name);

/// Every interval from the first call's day 00:00 to the last call's day 24:00 (zero-call
/// intervals included: a log records that nobody called). A call is answered within t when
/// its wait is ≤ t seconds.
[[nodiscard]] std::vector<kpi_row> interval_kpis(const std::vector<call_record>& calls,
                                                 interval_grid grid, std::chrono::seconds sl_time);

/// Totals per day, ISO week (from Monday), calendar month or the whole log, from interval rows.
[[nodiscard]] std::vector<kpi_row> period_kpis(const std::vector<kpi_row>& intervals,
                                               kpi_period period);

/// Offered volume and AHT as series (the history format for forecasting).
struct kpi_series {
    time_series offered;
    time_series aht_s; ///< missing where nothing was answered
};
[[nodiscard]] kpi_series to_series(const std::vector<kpi_row>& intervals, interval_grid grid);

/// The shortest working span for which calls per agent-day is defined: below it (e.g. one
/// call in 18 seconds) the ratio would extrapolate a moment to a whole day.
inline constexpr std::chrono::seconds min_working_span{3600};

/// Answered per agent and day, and calls per agent-day (docs/domain.md): answered per day /
/// (working time per day / standard working day). The log has no login times, so working time
/// is estimated as the span from the agent's first answer to the end of the last handled call.
struct agent_day {
    local_date date{};
    std::string agent;
    double answered = 0;
    double handle_s = 0;
    double span_s = 0;
    /// answered / (span / standard day); empty when the span is below the minimum working span
    std::optional<double> calls_per_agent_day;
};
/// Per agent and day; calls per agent-day is left empty below `min_span` (default 1 hour).
[[nodiscard]] std::vector<agent_day> agent_days(const std::vector<call_record>& calls,
                                                std::chrono::seconds standard_day,
                                                std::chrono::seconds min_span = min_working_span);

/// The queue a contact is counted in: its `queue`, else its channel.
[[nodiscard]] const std::string& queue_of(const call_record& c) noexcept;

/// Interval rows per queue (sorted by name), every queue on the same span: the days of the
/// first and the last call of the whole log (see interval_kpis).
struct queue_kpis {
    std::string queue;
    std::vector<kpi_row> intervals;
};
[[nodiscard]] std::vector<queue_kpis> interval_kpis_by_queue(const std::vector<call_record>& calls,
                                                             interval_grid grid,
                                                             std::chrono::seconds sl_time);

/// One step of the Kaplan–Meier estimate of the patience survival S(t) = P(patience > t):
/// abandons are events at their wait, answered contacts are censored at theirs (an answered
/// caller was willing to wait at least that long); at a tie events come first (Kaplan & Meier
/// 1958). `survival` is S just after `t_s`.
struct survival_step {
    double t_s = 0;
    double at_risk = 0; ///< offered contacts still waiting just before t
    double events = 0;  ///< abandons at t
    double survival = 1;
};
/// The Kaplan–Meier curve of the offered contacts' patience, one step per distinct abandon time.
[[nodiscard]] std::vector<survival_step> patience_survival(const std::vector<call_record>& calls);

/// Patience of one queue's offered contacts, to set `patience_s` of a queue model from data.
struct patience_estimate {
    std::string queue;
    double offered = 0;
    double abandoned = 0;
    double wait_s = 0; ///< seconds waited by all offered contacts (answered and abandoned)
    /// Exponential MLE of the mean patience 1/θ̂ = wait_s / abandoned (each abandon an event,
    /// each answered wait censored); empty when nobody abandoned.
    std::optional<double> mean_mle_s;
    /// Kaplan–Meier median patience: the first abandon time with S(t) ≤ 0.5; empty when the
    /// estimate stays above 0.5 (too few abandons before the last wait).
    std::optional<double> median_km_s;
};
/// Patience of the offered contacts among `calls` (all counted as one queue, named `queue`).
[[nodiscard]] patience_estimate estimate_patience(const std::vector<call_record>& calls,
                                                  std::string queue = {});
/// Patience per queue (queue_of), sorted by queue name.
[[nodiscard]] std::vector<patience_estimate>
patience_by_queue(const std::vector<call_record>& calls);

} // namespace wfm::report
