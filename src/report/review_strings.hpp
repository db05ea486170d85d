#pragma once
// The review report's words in each language (the plan report's shared words come from
// strings.hpp).

#include "strings.hpp"

#include <string_view>

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
    std::string_view volume_chart_title, volume_chart_lead, band_legend, forecast_legend;
    std::string_view actual_legend, sl_chart_title, sl_chart_lead, predicted_legend;
    std::string_view footer;
};

/// The review words of `lang` (`en` or `zh-CN`); throws wfm::invalid_argument otherwise.
[[nodiscard]] review_strings review_strings_for(std::string_view lang);

} // namespace wfm::report::detail
