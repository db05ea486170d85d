#pragma once
/// The KPI CSVs written by `wfm kpi`: measured figures per period, and calls per agent-day; the
/// per-period KPI CSV's reader.

#include <wfm/io/csv.hpp>
#include <wfm/report/kpi.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace wfm::io {

/// `interval_start,offered,answered,abandoned,answered_within_t,answer_rate,sl,asa_s,aht_s`;
/// the first column is a timestamp per interval, a date per day, week or month, `total` for the
/// whole log; undefined rates are empty.
[[nodiscard]] std::string format_kpi_csv(const std::vector<report::kpi_row>& rows,
                                         report::kpi_period period);

/// Reads a KPI CSV written with `period` (`wfm kpi --by PERIOD`) back into rows; the rates are
/// empty where their cells are. Every error is a parse_error with file:line:column: a missing
/// column, a first column that is not a timestamp (interval), a date (day; a Monday for week, a
/// first of the month for month) or `total`, periods not in increasing order, a negative or
/// non-numeric count or rate.
[[nodiscard]] std::vector<report::kpi_row> read_kpi_csv(const std::filesystem::path& path,
                                                        report::kpi_period period);
/// Same from text already in memory; `path` is used in messages.
[[nodiscard]] std::vector<report::kpi_row>
parse_kpi_csv(std::string_view text, const std::string& path, report::kpi_period period);

/// Same from a table already parsed, data rows `rows` only (in that order; every row when
/// empty): the KPI rows of one queue of a file with several.
[[nodiscard]] std::vector<report::kpi_row> kpi_csv_rows(const csv_table& table,
                                                        report::kpi_period period,
                                                        const std::vector<std::size_t>& rows = {});

/// `date,agent,answered,handle_s,span_h,calls_per_agent_day`; calls per agent-day is empty
/// below the minimum working span (report::min_working_span).
[[nodiscard]] std::string format_agent_days_csv(const std::vector<report::agent_day>& days);

/// `queue,offered,abandoned,wait_s,patience_mle_s,patience_km_median_s`, one row per queue;
/// an undefined estimate is empty.
[[nodiscard]] std::string format_patience_csv(const std::vector<report::patience_estimate>& queues);

/// Plan-ready interval history: `interval_start` and `<queue>_volume,<queue>_aht_s,
/// <queue>_answered` per queue (the columns `wfm plan` reads by default); `aht_s` is empty where
/// nothing was answered. Throws invalid_argument for a queue name that cannot name a column
/// (1 to 40 characters from [A-Za-z0-9_.-]).
[[nodiscard]] std::string format_queue_history_csv(const std::vector<report::queue_kpis>& queues);

} // namespace wfm::io
