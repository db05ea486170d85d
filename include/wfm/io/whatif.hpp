#pragma once
/// Files of `wfm whatif`: report.txt (English or Simplified Chinese), report.json and
/// whatif.csv (docs/cli.md, "wfm whatif"; docs/formats.md, "whatif.csv").

#include <wfm/plan/whatif.hpp>
#include <wfm/report/whatif.hpp>

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace wfm::io {

/// whatif.csv: one row per scenario, queue and interval of the days the scenario touches:
/// `scenario,queue,pool,interval_start,forecast`, then for each of baseline, scenario and
/// emergency (the scenario with the emergency plan) the offered contacts, SL, answer rate,
/// abandonment and backlog at the interval's end, each SL with its `_ci`, and the pool's
/// `extra_agents`. An undefined ratio is an empty cell.
[[nodiscard]] std::string format_whatif_csv(const std::vector<plan::scenario_outcome>& s,
                                            const plan::plan_model& model);

/// report.json: the run and, per scenario, its days' and week's figures per queue (baseline,
/// scenario, emergency), the emergency plan (extra agents per pool and interval as runs,
/// overtime and extra shifts, hours, cost) and whether it rescues the scenario.
[[nodiscard]] nlohmann::json whatif_json(const std::vector<plan::scenario_outcome>& s,
                                         const plan::plan_model& model);

/// report.txt in `lang` ("en" or "zh-CN").
[[nodiscard]] std::string render_whatif_text(const std::vector<plan::scenario_outcome>& s,
                                             const plan::plan_model& model,
                                             const std::string& lang);

/// report.html's data: per scenario the series of the days it touches and the text report's
/// figures and emergency plan as tables, in `lang`.
[[nodiscard]] report::whatif_page whatif_page_of(const std::vector<plan::scenario_outcome>& s,
                                                 const plan::plan_model& model,
                                                 const std::string& lang);

} // namespace wfm::io
