#pragma once
// The plan report's simulation-check section (plan.json `"simulate"`), in text, JSON and HTML.

#include <wfm/report/plan_report.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace wfm::report::detail {

/// Appends the section to report.txt (nothing when the check did not run).
void simulation_text(std::string& out, const plan_report& r);
/// report.json's `"simulation"`: null when the check did not run.
[[nodiscard]] nlohmann::json simulation_json(const plan_report& r);
/// Appends the section to report.html (nothing when the check did not run).
void simulation_html(std::string& html, const plan_report& r);

} // namespace wfm::report::detail
