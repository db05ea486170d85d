#pragma once
// The review report's words in each language (the plan report's shared words come from
// strings.hpp).

#include "strings.hpp"

#include <wfm/report/review.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wfm::report::detail {

/// Labels of the review renderers; `_f` members are fmt format strings, arguments beside them.
struct review_strings {
    const strings& base; ///< weekdays, SL variants, `offered`, `answered`, `SL`, …
    std::string_view title;
    std::string_view head_f;  ///< {first day} {last day} {minutes}
    std::string_view queue_f; ///< {name} {SL %} {threshold s} {variant}
    std::string_view all_queues, week, forecast, actual, wape, bias, aht_wape, aht_bias;
    std::string_view sl_predicted, sl_actual, miss, volume_part, aht_part, execution;
    std::string_view answer_predicted, answer_actual, asa_predicted, asa_actual;
    std::string_view abandon_predicted, abandon_actual, band;
    std::string_view accuracy_title, outcome_title, decomposition_lead;
    std::string_view worst_title, worst_f; ///< {time} {forecast} {actual} {error %}
    std::string_view outside_f;            ///< {n} {of} {above} {below}
    std::string_view days_outside, none, high, low;
    std::string_view recurring_title, recurring_f; ///< {queue} {time} {pct} {high/low} {n} {days}
    std::string_view closed_f;                     ///< {offered}
    /// Calendar suggestions across weeks: title {weeks}; line {queue} {what} {pct} {high/low}
    /// {n} {of} {weeks} {hint}; `what` of a weekday {name}, a day of month {day}, a slot {time}.
    std::string_view suggestions_f, suggestion_f, weekday_f, day_of_month_f, slot_f;
    std::string_view weekday_hint, day_of_month_hint, slot_hint;
    std::string_view volume_chart_title, volume_chart_lead, band_legend, forecast_legend;
    std::string_view actual_legend, sl_chart_title, sl_chart_lead, predicted_legend;
    std::string_view footer;
};

/// The review words of `lang` (`en` or `zh-CN`); throws wfm::invalid_argument otherwise.
[[nodiscard]] review_strings review_strings_for(std::string_view lang);

/// The cells of one row of the day/week table, shared by the text and HTML renderers
/// (review_text.cpp): the heads, and one period's figures (`week` labels it as the week).
[[nodiscard]] std::vector<std::string> review_head_cells(const review_strings& w);
[[nodiscard]] std::vector<std::string> review_period_cells(const review_strings& w,
                                                           const review_period& p, bool week);
/// "n of m intervals outside the band (a above, b below); days outside: …", one line.
[[nodiscard]] std::string review_outside_summary(const review_strings& w, const review_queue& q);
/// (offered − forecast) / forecast; empty without a forecast.
[[nodiscard]] std::optional<double> relative_error(const review_interval& x) noexcept;
/// A time slot `HH:MM` from minutes after midnight.
[[nodiscard]] std::string slot_label(int minute);
/// One calendar suggestion across weeks as a sentence.
[[nodiscard]] std::string review_suggestion_line(const review_strings& w,
                                                 const calendar_suggestion& s);
/// `weekday`, `day_of_month` or `slot`: the JSON name of a suggestion's kind.
[[nodiscard]] std::string_view suggestion_kind_name(const calendar_suggestion& s) noexcept;
/// One recurring anomaly as a sentence, with its suggested calendar label.
[[nodiscard]] std::string review_recurring_line(const review_strings& w,
                                                const recurring_anomaly& a);

} // namespace wfm::report::detail
