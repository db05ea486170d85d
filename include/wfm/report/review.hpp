#pragma once
/// The data of a plan-against-actual review (复盘, standard §4.5.2.3), which plan::review_week()
/// computes, and its renderers: terminal text, JSON and one self-contained HTML page.

#include <wfm/core/time.hpp>
#include <wfm/report/plan_report.hpp>

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace wfm::report {

/// Forecast against actual volume and AHT, summed over a set of reviewed intervals.
struct accuracy_totals {
    std::size_t intervals = 0;
    double forecast = 0.0;      ///< Σ forecast volume
    double actual = 0.0;        ///< Σ offered
    double abs_error = 0.0;     ///< Σ |forecast − offered|
    double aht_weight = 0.0;    ///< Σ answered over intervals with a measured AHT
    double aht_forecast = 0.0;  ///< Σ answered × forecast AHT
    double aht_actual = 0.0;    ///< Σ answered × measured AHT
    double aht_abs_error = 0.0; ///< Σ answered × |forecast AHT − measured AHT|

    void add(const accuracy_totals& other) noexcept;
    /// Σ|e| / Σ actual; empty when nothing was offered.
    [[nodiscard]] std::optional<double> wape() const noexcept;
    /// Σ(forecast − actual) / Σ actual: positive when the forecast ran high.
    [[nodiscard]] std::optional<double> bias() const noexcept;
    /// Answered-weighted WAPE and bias of the AHT; empty without a measured AHT.
    [[nodiscard]] std::optional<double> aht_wape() const noexcept;
    [[nodiscard]] std::optional<double> aht_bias() const noexcept;
};

/// Predicted against measured service figures over a set of reviewed intervals, and the sums
/// behind the SL decomposition. The plan's figures weight by forecast volume (as the plan
/// report does), the measured and re-evaluated ones by offered contacts (the standard's SL:
/// Σ answered within t / Σ offered).
struct outcome_sums {
    double predicted_offered = 0.0;  ///< Σ forecast over intervals with a prediction
    double predicted_sl = 0.0;       ///< Σ forecast × predicted SL
    double predicted_answered = 0.0; ///< Σ forecast × predicted answer rate
    double predicted_abandon = 0.0;  ///< Σ forecast × predicted abandonment
    double predicted_asa = 0.0;      ///< Σ forecast × answer rate × ASA
    double predicted_asa_weight = 0.0;
    double offered = 0.0;    ///< Σ offered
    double answered = 0.0;   ///< Σ answered
    double abandoned = 0.0;  ///< Σ abandoned
    double actual_sl = 0.0;  ///< Σ offered × measured SL (the queue's SL definition)
    double actual_asa = 0.0; ///< Σ answered × ASA
    double asa_weight = 0.0; ///< Σ answered over intervals with an ASA
    double volume_sl = 0.0;  ///< Σ offered × SL(scheduled coverage, actual volume, plan AHT)
    double aht_sl = 0.0;     ///< Σ offered × SL(scheduled coverage, actual volume, actual AHT)

    void add(const outcome_sums& other) noexcept;
    [[nodiscard]] std::optional<double> sl_predicted() const noexcept;
    [[nodiscard]] std::optional<double> sl_actual() const noexcept;
    [[nodiscard]] std::optional<double> answer_rate_predicted() const noexcept;
    [[nodiscard]] std::optional<double> answer_rate_actual() const noexcept;
    [[nodiscard]] std::optional<double> abandon_predicted() const noexcept;
    [[nodiscard]] std::optional<double> abandon_actual() const noexcept;
    [[nodiscard]] std::optional<double> asa_predicted() const noexcept;
    [[nodiscard]] std::optional<double> asa_actual() const noexcept;
};

/// The SL miss (actual − predicted) in three parts that add up to it exactly:
/// volume = SL_v − predicted, aht = SL_va − SL_v, remainder (execution) = actual − SL_va, where
/// SL_v re-evaluates the queue model at the scheduled coverage with the actual volume and the
/// plan's AHT, SL_va also with the actual AHT.
struct sl_decomposition {
    double predicted = 0.0;
    double actual = 0.0;
    double volume = 0.0;
    double aht = 0.0;
    double remainder = 0.0;
    [[nodiscard]] double total() const noexcept { return actual - predicted; }
};
/// The decomposition of a period's sums; empty without a prediction or without offered contacts.
[[nodiscard]] std::optional<sl_decomposition> decompose(const outcome_sums& s) noexcept;

/// One reviewed interval of one queue.
struct review_interval {
    timestamp start;
    double forecast = 0.0; ///< forecast volume reaching agents
    double lower = 0.0;    ///< prediction interval of `forecast`
    double upper = 0.0;
    double offered = 0.0; ///< measured
    double answered = 0.0;
    double abandoned = 0.0;
    double aht_forecast = 0.0;
    std::optional<double> aht_actual;
    double scheduled = 0.0;             ///< c(i) of the plan, before shrinkage
    std::optional<double> sl_predicted; ///< the plan's
    std::optional<double> sl_actual;    ///< measured, the queue's SL definition
    std::optional<double> sl_volume;    ///< model at c(i), actual volume, plan AHT
    std::optional<double> sl_aht;       ///< model at c(i), actual volume and AHT
    std::optional<double> asa_predicted, asa_actual;
    std::optional<double> abandon_predicted, abandon_actual;
    /// +1 when offered > upper, −1 when offered < lower, else 0.
    int outside = 0;
};

/// Figures of one day (or the week) of one queue or of all queues.
struct review_period {
    local_date start;
    accuracy_totals accuracy;
    outcome_sums outcome;
    double lower = 0.0; ///< Σ interval lower ends (a conservative band for the period)
    double upper = 0.0;
    int outside = 0; ///< +1 / −1 when the period's offered lies above / below [lower, upper]
    void add(const review_period& other) noexcept;
};

/// One queue's review.
struct review_queue {
    std::string name;
    report::service_target target;
    std::vector<review_interval> intervals; ///< the reviewed intervals, ascending
    std::vector<review_period> days;        ///< days with a reviewed interval
    review_period week;
    std::vector<std::size_t> worst; ///< indexes into `intervals`, largest |error| first
    double offered_closed = 0.0;    ///< offered in intervals the plan had closed (not reviewed)
};

/// A time slot of a queue flagged in the same direction on several days.
struct recurring_anomaly {
    std::string queue;
    int minute = 0;    ///< start of the slot, minutes after midnight
    int direction = 0; ///< +1 above the band, −1 below
    std::vector<local_date> days;
    double excess = 0.0; ///< Σ(offered − forecast) / Σ forecast over those intervals
};

/// A calendar effect that recurs across the reviewed weeks (plan::find_recurrence()): a weekday,
/// a day of the month or a time slot whose volume lies outside the prediction band in the same
/// direction again and again, with the measured effect.
enum class suggestion_kind { weekday, day_of_month, slot };
struct calendar_suggestion {
    std::string queue;
    suggestion_kind kind = suggestion_kind::weekday;
    int key = 0;       ///< weekday index (Monday 0), day of the month (1–31) or slot minute
    int direction = 0; ///< +1 above the band, −1 below
    std::vector<local_date> days; ///< the flagged days (ascending)
    int occurrences = 0;          ///< days of that weekday / day of month / slot reviewed
    int weeks = 0;                ///< distinct weeks among `days`
    double effect = 0.0;          ///< Σ(offered − forecast) / Σ forecast over the flagged days
};

/// What review_week() gives.
struct review_result {
    local_date week_start;
    interval_grid grid{std::chrono::minutes{15}};
    std::vector<review_queue> queues;
    std::vector<review_period> days; ///< all queues added together
    review_period week;
    std::vector<recurring_anomaly> recurring;
    /// Weeks behind `suggestions` (this one and the past reviews given), and the suggestions.
    int weeks_reviewed = 1;
    std::vector<calendar_suggestion> suggestions;
};

/// Terminal report in `lang` (`en` or `zh-CN`): per queue the week and each day's accuracy,
/// predicted against actual service and the SL decomposition; the worst intervals; anomalies.
[[nodiscard]] std::string render_review_text(const review_result& review, std::string_view lang);

/// Every figure; undefined values are null; keys do not depend on the language.
[[nodiscard]] nlohmann::json review_to_json(const review_result& review);

/// One self-contained HTML page in `lang` in the plan report's style, with per queue a chart of
/// forecast (with its band) against actual per day, and predicted against actual SL per
/// interval; `<body data-ok="1">` when every chart is present.
[[nodiscard]] std::string render_review_html(const review_result& review, std::string_view lang);

} // namespace wfm::report
