#pragma once
/// The KPI CSVs written by `wfm kpi`: measured figures per period, and calls per agent-day.

#include <wfm/report/kpi.hpp>

#include <string>
#include <vector>

namespace wfm::io {

/// `interval_start,offered,answered,abandoned,answered_within_t,answer_rate,sl,asa_s,aht_s`;
/// the first column is a timestamp per interval, a date per day, week or month, `total` for the
/// whole log; undefined rates are empty.
[[nodiscard]] std::string format_kpi_csv(const std::vector<report::kpi_row>& rows,
                                         report::kpi_period period);

/// `date,agent,answered,handle_s,span_h,calls_per_agent_day`.
[[nodiscard]] std::string format_agent_days_csv(const std::vector<report::agent_day>& days);

} // namespace wfm::io
