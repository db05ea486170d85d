#pragma once
/// The CSV files of `wfm plan --out DIR`: forecast.csv, requirements.csv, schedule.csv and
/// coverage.csv, from a plan::plan_result.

#include <wfm/plan/plan.hpp>

#include <string>

namespace wfm::io {

/// `interval_start,channel,volume,lower,upper,aht_s`: one row per open channel-interval.
[[nodiscard]] std::string format_plan_forecast_csv(const plan::plan_result& plan);

/// The requirements CSV (as `wfm staff`), one row per open channel-interval.
[[nodiscard]] std::string format_plan_requirements_csv(const plan::plan_result& plan);

/// The schedule CSV with a leading `pool` column, the pools one after the other.
[[nodiscard]] std::string format_plan_schedule_csv(const plan::plan_result& plan);

/// `interval_start,pool,required,scheduled,diff` for every interval of the week, per pool.
[[nodiscard]] std::string format_plan_coverage_csv(const plan::plan_result& plan);

} // namespace wfm::io
