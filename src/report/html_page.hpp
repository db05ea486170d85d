#pragma once
// The HTML report's page under construction and its chart sections (html_charts.cpp).

#include "strings.hpp"

#include <wfm/report/plan_report.hpp>
#include <wfm/report/whatif.hpp>

#include <fmt/format.h>

#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace wfm::report::html {

using out_it = std::back_insert_iterator<std::string>;

/// The page, the report's words and derived figures, and the chart ids registered for the
/// self-check script.
struct page {
    const detail::strings& words;
    const plan_summary& summary;
    std::string html;
    std::vector<std::string> chart_ids;
    out_it out() { return std::back_inserter(html); }
};

/// The report page's style sheet (html.cpp), shared by the plan and review pages.
extern const std::string_view css;
/// Opens a report page: the doctype, `<html lang>`, the head with `<title>TITLE · WEEK</title>`
/// and the style sheet, the header with TITLE and SUBTITLE (both escaped here), then `<main>`.
void page_start(std::string& html, std::string_view html_lang, std::string_view title,
                local_date week_start, std::string_view subtitle);
/// The tiny inline script that marks `<body data-ok="1">` when every chart id is a drawn SVG.
void self_check_script(std::string& html, const std::vector<std::string>& chart_ids);
/// Upper end of a 0-based axis holding `max`, a whole number of nice steps, and the step.
[[nodiscard]] std::pair<double, double> nice_axis(double max, int ticks = 4);
/// An axis tick's label: whole numbers without decimals.
[[nodiscard]] std::string tick_label(double v);

/// A full-width chart (the page's 1120 px column), wide enough to read a week of days and of
/// intervals: the review's and the what-if page's charts.
struct wide_frame {
    static constexpr double w = 1040, h = 260, left = 48, right = 12, top = 12, bottom = 30;
    double ymax = 1;
    [[nodiscard]] double y(double v) const { return top + (h - top - bottom) * (1 - v / ymax); }
};
/// Grid lines and labels of a wide chart's y axis from 0 to ymax by `step` (percent labels
/// for shares).
void wide_y_axis(std::string& html, const wide_frame& f, double step, bool percent_axis);
/// Day separators and weekday-and-date labels under a wide chart whose intervals start at
/// `starts`, each `dx` wide.
void wide_days(std::string& html, const wide_frame& f, const std::vector<timestamp>& starts,
               double dx, const detail::strings& words);
/// A captioned table of already formatted cells with the given id (`compact` style).
void data_table(std::string& html, const whatif_table& t, const std::string& id);
/// The SVG path through a wide chart's values, one point at each interval's centre; an empty
/// value lifts the pen.
template <class Value>
[[nodiscard]] std::string wide_path(const std::vector<Value>& v, const wide_frame& f, double dx) {
    std::string d;
    bool pen = false;
    for (std::size_t i = 0; i < v.size(); ++i) {
        const std::optional<double> x = v[i];
        if (!x) {
            pen = false;
            continue;
        }
        fmt::format_to(std::back_inserter(d), "{}{:.1f},{:.1f} ", pen ? "L" : "M",
                       wide_frame::left + dx * (static_cast<double>(i) + 0.5), f.y(*x));
        pen = true;
    }
    return d;
}

/// Required vs scheduled agents: one compact week chart per queue, grouped by pool.
void coverage_section(page& p, const plan_report& r);
/// Predicted service level against the target: one compact week chart per queue, by pool.
void sl_section(page& p, const plan_report& r);
/// Over and under staffing by weekday and time of day, one heat map per pool.
void heatmap_section(page& p, const plan_report& r);

} // namespace wfm::report::html
