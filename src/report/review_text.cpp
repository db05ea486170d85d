// The review report as terminal text and as JSON.
#include "format.hpp"
#include "review_strings.hpp"

#include <wfm/report/review.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace wfm::report {
namespace {

using detail::number;
using detail::pad;
using detail::percent;
using json = nlohmann::json;

std::string points(const std::optional<double>& v) {
    return v ? fmt::format("{:+.1f}", *v * 100.0) : std::string{"n/a"};
}

std::string row(const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        out += pad(cells[i], i == 0 ? 14 : 11, i == 0);
    }
    return out + "\n";
}

std::string period_label(const detail::review_strings& w, const review_period& p, bool week) {
    return week ? std::string{w.week}
                : fmt::format("{} {}",
                              w.base.weekdays[static_cast<std::size_t>(weekday_index(p.start))],
                              format_date(p.start).substr(5));
}

std::string periods(const detail::review_strings& w, const std::vector<review_period>& days,
                    const review_period& week) {
    std::string out = row(detail::review_head_cells(w));
    for (const auto& d : days) {
        out += row(detail::review_period_cells(w, d, false));
    }
    return out + row(detail::review_period_cells(w, week, true));
}

std::string anomalies(const detail::review_strings& w, const review_queue& q) {
    std::string out = detail::review_outside_summary(w, q) + "\n";
    out += std::string{w.worst_title} + ":\n";
    for (const auto i : q.worst) {
        const auto& x = q.intervals[i];
        out += "  " +
               fmt::format(fmt::runtime(w.worst_f), format_timestamp(x.start), x.forecast,
                           x.offered, percent(detail::relative_error(x))) +
               "\n";
    }
    if (q.offered_closed > 0) {
        out += fmt::format(fmt::runtime(w.closed_f), q.offered_closed) + "\n";
    }
    return out;
}

} // namespace

namespace detail {

std::string slot_label(int minute) {
    return fmt::format("{:02}:{:02}", minute / 60, minute % 60);
}

std::vector<std::string> review_head_cells(const review_strings& w) {
    return {std::string{w.base.day},      std::string{w.actual},     std::string{w.forecast},
            std::string{w.wape},          std::string{w.bias},       std::string{w.aht_bias},
            std::string{w.sl_predicted},  std::string{w.sl_actual},  std::string{w.miss},
            std::string{w.volume_part},   std::string{w.aht_part},   std::string{w.execution},
            std::string{w.answer_actual}, std::string{w.asa_actual}, std::string{w.abandon_actual},
            std::string{w.band}};
}

std::vector<std::string> review_period_cells(const review_strings& w, const review_period& p,
                                             bool week) {
    const auto& a = p.accuracy;
    const auto& o = p.outcome;
    const auto d = decompose(o);
    const auto part = [&](double sl_decomposition::*m) {
        return d ? std::optional<double>{(*d).*m} : std::nullopt;
    };
    return {period_label(w, p, week),
            number(a.actual, 0),
            number(a.forecast, 0),
            percent(a.wape()),
            percent(a.bias()),
            percent(a.aht_bias()),
            percent(o.sl_predicted()),
            percent(o.sl_actual()),
            points(d ? std::optional<double>{d->total()} : std::nullopt),
            points(part(&sl_decomposition::volume)),
            points(part(&sl_decomposition::aht)),
            points(part(&sl_decomposition::remainder)),
            percent(o.answer_rate_actual()),
            number(o.asa_actual()),
            percent(o.abandon_actual()),
            p.outside > 0   ? "+"
            : p.outside < 0 ? "-"
                            : ""};
}

std::string review_outside_summary(const review_strings& w, const review_queue& q) {
    int above = 0;
    int below = 0;
    for (const auto& x : q.intervals) {
        above += x.outside > 0 ? 1 : 0;
        below += x.outside < 0 ? 1 : 0;
    }
    std::string days;
    for (const auto& d : q.days) {
        if (d.outside != 0) {
            days += fmt::format("{}{} {}", days.empty() ? "" : ", ", format_date(d.start),
                                d.outside > 0 ? w.high : w.low);
        }
    }
    return fmt::format(fmt::runtime(w.outside_f), above + below, q.intervals.size(), above, below) +
           fmt::format("; {}{}", w.days_outside, days.empty() ? std::string{w.none} : days);
}

std::optional<double> relative_error(const review_interval& x) noexcept {
    return x.forecast > 0 ? std::optional<double>{(x.offered - x.forecast) / x.forecast}
                          : std::nullopt;
}

std::string review_recurring_line(const review_strings& w, const recurring_anomaly& a) {
    std::vector<std::string> days;
    for (const auto d : a.days) {
        days.emplace_back(w.base.weekdays[static_cast<std::size_t>(weekday_index(d))]);
    }
    return fmt::format(fmt::runtime(w.recurring_f), a.queue, slot_label(a.minute),
                       percent(std::abs(a.excess), 0), a.direction > 0 ? w.high : w.low,
                       a.days.size(), fmt::join(days, " "));
}

std::string review_suggestion_line(const review_strings& w, const calendar_suggestion& s) {
    using kind = suggestion_kind;
    const std::string what =
        s.kind == kind::weekday        ? fmt::format(fmt::runtime(w.weekday_f),
                                                     w.base.weekdays[static_cast<std::size_t>(s.key)])
        : s.kind == kind::day_of_month ? fmt::format(fmt::runtime(w.day_of_month_f), s.key)
                                       : fmt::format(fmt::runtime(w.slot_f), slot_label(s.key));
    const std::string_view hint = s.kind == kind::weekday        ? w.weekday_hint
                                  : s.kind == kind::day_of_month ? w.day_of_month_hint
                                                                 : w.slot_hint;
    return fmt::format(fmt::runtime(w.suggestion_f), s.queue, what, percent(std::abs(s.effect), 0),
                       s.direction > 0 ? w.high : w.low, s.days.size(), s.occurrences, s.weeks,
                       hint);
}

std::string_view suggestion_kind_name(const calendar_suggestion& s) noexcept {
    using kind = suggestion_kind;
    return s.kind == kind::weekday        ? "weekday"
           : s.kind == kind::day_of_month ? "day_of_month"
                                          : "slot";
}

} // namespace detail

namespace {

json json_or_null(const std::optional<double>& v) {
    return v ? json(*v) : json(nullptr);
}

json period_json(const review_period& p) {
    const auto& a = p.accuracy;
    const auto& o = p.outcome;
    const auto d = decompose(o);
    return json{{"start", format_date(p.start)},
                {"intervals", a.intervals},
                {"offered", a.actual},
                {"forecast", a.forecast},
                {"band_lower", p.lower},
                {"band_upper", p.upper},
                {"outside_band", p.outside},
                {"wape", json_or_null(a.wape())},
                {"bias", json_or_null(a.bias())},
                {"aht_wape", json_or_null(a.aht_wape())},
                {"aht_bias", json_or_null(a.aht_bias())},
                {"sl_predicted", json_or_null(o.sl_predicted())},
                {"sl_actual", json_or_null(o.sl_actual())},
                {"answer_rate_predicted", json_or_null(o.answer_rate_predicted())},
                {"answer_rate_actual", json_or_null(o.answer_rate_actual())},
                {"asa_predicted_s", json_or_null(o.asa_predicted())},
                {"asa_actual_s", json_or_null(o.asa_actual())},
                {"abandon_predicted", json_or_null(o.abandon_predicted())},
                {"abandon_actual", json_or_null(o.abandon_actual())},
                {"sl_miss", d ? json{{"total", d->total()},
                                     {"volume", d->volume},
                                     {"aht", d->aht},
                                     {"execution", d->remainder}}
                              : json(nullptr)}};
}

json interval_json(const review_interval& x) {
    return json{{"start", format_timestamp(x.start)},
                {"forecast", x.forecast},
                {"lower", x.lower},
                {"upper", x.upper},
                {"offered", x.offered},
                {"answered", x.answered},
                {"abandoned", x.abandoned},
                {"aht_forecast_s", x.aht_forecast},
                {"aht_actual_s", json_or_null(x.aht_actual)},
                {"scheduled", x.scheduled},
                {"sl_predicted", json_or_null(x.sl_predicted)},
                {"sl_actual", json_or_null(x.sl_actual)},
                {"sl_at_actual_volume", json_or_null(x.sl_volume)},
                {"sl_at_actual_volume_aht", json_or_null(x.sl_aht)},
                {"outside_band", x.outside}};
}

json periods_json(const std::vector<review_period>& days) {
    json out = json::array();
    for (const auto& d : days) {
        out.push_back(period_json(d));
    }
    return out;
}

json dates_json(const std::vector<local_date>& days) {
    json out = json::array();
    for (const auto d : days) {
        out.push_back(format_date(d));
    }
    return out;
}

json recurring_json(const review_result& r) {
    json out = json::array();
    for (const auto& a : r.recurring) {
        out.push_back(json{{"queue", a.queue},
                           {"slot", detail::slot_label(a.minute)},
                           {"direction", a.direction},
                           {"days", dates_json(a.days)},
                           {"excess", a.excess}});
    }
    return out;
}

json suggestions_json(const review_result& r) {
    json out = json::array();
    for (const auto& s : r.suggestions) {
        out.push_back(json{{"queue", s.queue},
                           {"kind", detail::suggestion_kind_name(s)},
                           {"key", s.key},
                           {"direction", s.direction},
                           {"days", dates_json(s.days)},
                           {"occurrences", s.occurrences},
                           {"weeks", s.weeks},
                           {"effect", s.effect}});
    }
    return out;
}

} // namespace

std::string render_review_text(const review_result& r, std::string_view lang) {
    const auto w = detail::review_strings_for(lang);
    std::string out =
        fmt::format("{}: {}\n{}\n", w.title,
                    fmt::format(fmt::runtime(w.head_f), format_date(r.week_start),
                                format_date(r.week_start + std::chrono::days{6}), r.grid.minutes()),
                    w.decomposition_lead);
    for (const auto& q : r.queues) {
        out += "\n" +
               fmt::format(fmt::runtime(w.queue_f), q.name, q.target.service_level * 100.0,
                           q.target.threshold.count(), variant_name(w.base, q.target.sl_variant)) +
               "\n";
        out += periods(w, q.days, q.week) + anomalies(w, q);
    }
    if (r.queues.size() > 1) {
        out += fmt::format("\n{}\n", w.all_queues) + periods(w, r.days, r.week);
    }
    out += fmt::format("\n{}:\n", w.recurring_title);
    for (const auto& a : r.recurring) {
        out += "  " + detail::review_recurring_line(w, a) + "\n";
    }
    if (r.recurring.empty()) {
        out += fmt::format("  {}\n", w.none);
    }
    out += "\n" + fmt::format(fmt::runtime(w.suggestions_f), r.weeks_reviewed) + ":\n";
    for (const auto& s : r.suggestions) {
        out += "  " + detail::review_suggestion_line(w, s) + "\n";
    }
    if (r.suggestions.empty()) {
        out += fmt::format("  {}\n", w.none);
    }
    return out;
}

nlohmann::json review_to_json(const review_result& r) {
    json queues = json::array();
    for (const auto& q : r.queues) {
        json intervals = json::array();
        for (const auto& x : q.intervals) {
            intervals.push_back(interval_json(x));
        }
        json worst = json::array();
        for (const auto i : q.worst) {
            worst.push_back(format_timestamp(q.intervals[i].start));
        }
        queues.push_back(json{{"name", q.name},
                              {"sl_variant", q.target.sl_variant},
                              {"sl_target", q.target.service_level},
                              {"threshold_s", q.target.threshold.count()},
                              {"week", period_json(q.week)},
                              {"days", periods_json(q.days)},
                              {"worst_intervals", std::move(worst)},
                              {"offered_while_closed", q.offered_closed},
                              {"intervals", std::move(intervals)}});
    }
    return json{{"week_start", format_date(r.week_start)},
                {"week_end", format_date(r.week_start + std::chrono::days{6})},
                {"interval_minutes", r.grid.minutes()},
                {"queues", std::move(queues)},
                {"all_queues", json{{"week", period_json(r.week)}, {"days", periods_json(r.days)}}},
                {"recurring_anomalies", recurring_json(r)},
                {"weeks_reviewed", r.weeks_reviewed},
                {"calendar_suggestions", suggestions_json(r)}};
}

} // namespace wfm::report
