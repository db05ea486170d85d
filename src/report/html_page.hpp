#pragma once
// The HTML report's page under construction and its chart sections (html_charts.cpp).

#include <wfm/report/plan_report.hpp>

#include <iterator>
#include <string>
#include <vector>

namespace wfm::report::html {

using out_it = std::back_insert_iterator<std::string>;

/// Chart ids registered for the self-check script.
struct page {
    std::string html;
    std::vector<std::string> chart_ids;
    out_it out() { return std::back_inserter(html); }
};

/// Required vs scheduled agents: small multiples per channel and day.
void coverage_section(page& p, const plan_report& r);
/// Predicted service level per interval against the target, one chart per channel.
void sl_section(page& p, const plan_report& r);
/// Over and under staffing by weekday and time of day, one heat map per channel.
void heatmap_section(page& p, const plan_report& r);

} // namespace wfm::report::html
