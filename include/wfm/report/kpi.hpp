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

/// Answered per agent and day, and calls per agent-day (docs/domain.md): answered per day /
/// (working time per day / standard working day). The log has no login times, so working time
/// is estimated as the span from the agent's first answer to the end of the last handled call.
struct agent_day {
    local_date date{};
    std::string agent;
    double answered = 0;
    double handle_s = 0;
    double span_s = 0;
    double calls_per_agent_day = 0; ///< answered / (span / standard day); 0 when span is 0
};
[[nodiscard]] std::vector<agent_day> agent_days(const std::vector<call_record>& calls,
                                                std::chrono::seconds standard_day);

} // namespace wfm::report
