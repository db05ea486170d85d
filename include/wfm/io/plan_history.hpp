#pragma once
/// The history a plan.json names, from an interval table: which columns to read, and each
/// queue's volume and AHT series (used by `wfm plan` and the Python package).

#include <wfm/io/series_csv.hpp>
#include <wfm/plan/config.hpp>
#include <wfm/plan/plan.hpp>

#include <map>
#include <string>

namespace wfm::io {

/// Read options for the history of `config`: its time column, every queue's volume column
/// (required) and AHT column (optional), each once when queues share a column.
[[nodiscard]] series_read_options plan_history_options(const plan::plan_config& config);

/// Each queue's history from a table read with plan_history_options(config).
[[nodiscard]] std::map<std::string, plan::channel_history>
plan_histories(const series_table& table, const plan::plan_config& config);

} // namespace wfm::io
