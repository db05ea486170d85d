#pragma once
// The report's words in each language (one table per language, one renderer for all) and the
// display width of text for aligned terminal tables.

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace wfm::report::detail {

/// Every label the text and HTML renderers print. Members ending in `_f` are fmt format strings
/// (rendered with fmt::runtime); their arguments are listed beside them.
struct strings {
    std::string_view html_lang;               ///< `lang` attribute of the page
    std::array<std::string_view, 7> weekdays; ///< Monday first
    std::string_view all;                     ///< the all-channels row of the text tables
    std::string_view all_channels;            ///< the all-channels row of the HTML tables
    std::string_view interval_f;              ///< {minutes}
    std::string_view targets;                 ///< lead of the targets line
    std::string_view target_f; ///< {name} {SL %} {threshold s} {variant} {shrinkage %}
    std::string_view over_offered, over_answered, over_virtual; ///< SL variants
    // Table heads, shared by text and HTML.
    std::string_view fit_title, required_h, scheduled_h, fit, shortage, redundancy, covered;
    std::string_view within_5, within_10;
    std::string_view outcome_title, offered, answered, sl, target, met, answer_rate, abandon;
    std::string_view asa, occupancy, calls_per_agent_day;
    std::string_view per_day, day, channel, pool;
    std::string_view staff_title, agents, paid_h, fte, cost, on_duty_h, break_h, utilisation;
    std::string_view staff_note; ///< what utilisation and occupancy are
    std::string_view schedule_title, objective, bound, gap, solver_s, status, no_bound;
    std::string_view templates;  ///< lead of a schedule's template list
    std::string_view template_f; ///< {name} {headcount} {paid hours}
    std::string_view backtest_title, series, chosen, wape, mase, bias, coverage, others;
    // HTML only: the long forms of the text tables' abbreviations.
    std::string_view required_h_l, scheduled_h_l, redundancy_l, answer_rate_l, occupancy_l;
    std::string_view calls_per_agent_day_l, utilisation_l;
    std::string_view page_head_f; ///< {first day} {last day} {minutes} {channels} {pools}
    std::string_view glance, glance_lead, schedule_fit_label, sl_target_f; ///< {SL %} {s}
    std::string_view on_target;
    std::string_view coverage_title, coverage_lead, scheduled_legend, required_legend;
    std::string_view shortage_legend, agents_axis, hour_axis;
    std::string_view sl_title, sl_lead, sl_legend, target_legend, below_legend, sl_axis;
    std::string_view heatmap_title, heatmap_lead, under, over, gap_legend, closed_legend;
    std::string_view time_axis, nothing_scheduled, cell_f; ///< {required} {scheduled} {gap}
    std::string_view week_title, days_title, schedule_section, headcount_title, optimality;
    std::string_view total, no_schedule, backtest_lead, backtest_title_f; ///< {series} {origins}
    std::string_view mae, rmse, method, chosen_mark, no_backtest, notes, footer, queues_f;
};

/// The strings of `lang` (`en` or `zh-CN`); throws wfm::invalid_argument for any other.
[[nodiscard]] const strings& strings_for(std::string_view lang);

/// A service-level variant (`offered`, `answered`, `virtual`) in the report's language.
[[nodiscard]] std::string_view variant_name(const strings& s, std::string_view variant);

/// Columns `text` takes in a terminal: 2 for East Asian wide and full-width characters (CJK),
/// 1 for the others; UTF-8 input.
[[nodiscard]] std::size_t display_width(std::string_view text) noexcept;

/// `text` cut to at most `width` columns, whole characters only.
[[nodiscard]] std::string truncate_to_width(std::string_view text, std::size_t width);

/// `text` padded with spaces to `width` columns, on the right (`left_align`) or on the left.
[[nodiscard]] std::string pad(std::string_view text, std::size_t width, bool left_align);

} // namespace wfm::report::detail
