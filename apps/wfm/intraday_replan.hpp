#pragma once
// `wfm intraday --plan DIR`: the re-plan of the rest of the day from a published weekly plan
// (cmd_intraday.cpp parses the flags; intraday_replan.cpp does the work).

#include <wfm/core/time.hpp>

#include <optional>
#include <string>

namespace wfm::app {

/// The flags of `wfm intraday` that the re-plan needs.
struct replan_request {
    std::string history_path;                 ///< --history: everything observed up to `now`
    std::string column;                       ///< --column, empty: the plan config's columns
    timestamp now{};                          ///< --now
    std::string interval;                     ///< --interval, empty: the plan config's grid
    std::optional<std::string> calendar_path; ///< --calendar
    std::optional<double> level_pct;          ///< --level (percent), empty: the plan config's
    std::string plan_dir;                     ///< --plan: a `wfm plan --out` directory
    std::optional<std::string> config_path;   ///< --config: the plan.json behind `plan_dir`
    std::string out_dir;                      ///< -o: where the re-plan's files go
    bool verbose = false;
};

/// Re-plans the rest of `now`'s day and writes reforecast.csv, actions.csv, report.txt and
/// report.json into `out_dir` (all or nothing). Throws wfm errors, which main() maps to exit codes.
void run_replan(const replan_request& request);

} // namespace wfm::app
