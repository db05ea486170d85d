// Plan against actual: accuracy, predicted against measured service, the SL miss decomposition
// and the anomalies of a reviewed week.
#include <wfm/core/error.hpp>
#include <wfm/plan/plan.hpp>
#include <wfm/plan/review.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>
#include <tuple>

namespace wfm::plan {
namespace {

std::optional<double> ratio(double num, double den) noexcept {
    return den > 0.0 ? std::optional<double>{num / den} : std::nullopt;
}

// Measured rows summed onto the plan's grid, keyed by interval start.
struct measured {
    double offered = 0, answered = 0, abandoned = 0, within = 0;
    double handle = 0, handle_weight = 0, wait = 0, wait_weight = 0;
};

std::map<timestamp, measured> on_plan_grid(const std::vector<report::kpi_row>& rows,
                                           const review_input& in, const std::string& queue) {
    const timestamp first = in.week_start;
    const timestamp end = first + std::chrono::days{7};
    const auto step = in.grid.step();
    std::map<timestamp, measured> out;
    auto finest = std::chrono::minutes{std::chrono::days{7}};
    for (std::size_t k = 0; k < rows.size(); ++k) {
        const auto& r = rows[k];
        if (r.start < first || r.start >= end) {
            continue;
        }
        if (k + 1 < rows.size()) {
            finest = std::min(finest, rows[k + 1].start - r.start);
        }
        auto& m = out[in.grid.floor(r.start)];
        m.offered += r.offered;
        m.answered += r.answered;
        m.abandoned += r.abandoned;
        m.within += r.answered_within_t;
        if (r.aht_s && r.answered > 0) {
            m.handle += *r.aht_s * r.answered;
            m.handle_weight += r.answered;
        }
        if (r.asa_s && r.answered > 0) {
            m.wait += *r.asa_s * r.answered;
            m.wait_weight += r.answered;
        }
    }
    if (out.size() > 1 && finest > step) {
        throw invalid_argument(fmt::format("review: {}: measured intervals of {} minutes are "
                                           "coarser than the plan's {}",
                                           queue, finest.count(), in.grid.name()));
    }
    return out;
}

// Measured SL by the queue's definition (`virtual` has no measured form: over offered).
std::optional<double> measured_sl(const measured& m, std::string_view variant) {
    return variant == "answered" ? ratio(m.within, m.answered) : ratio(m.within, m.offered);
}

// The queue model's SL at the plan's coverage for `volume` and `aht_s`.
std::optional<double> model_sl(const review_queue_input& q, const report::interval_outcome& o,
                               double volume, double aht_s, std::chrono::minutes step) {
    report::interval_outcome x;
    x.volume = volume;
    x.aht_s = aht_s;
    predict_interval(x, q.settings, o.scheduled * (1.0 - q.settings.shrinkage), step);
    return x.service_level;
}

review_interval review_one(const review_queue_input& q, const report::interval_outcome& o,
                           const measured& m, std::chrono::minutes step) {
    review_interval r;
    r.start = o.start;
    r.forecast = o.volume;
    r.lower = o.volume_lower;
    r.upper = o.volume_upper;
    r.offered = m.offered;
    r.answered = m.answered;
    r.abandoned = m.abandoned;
    r.aht_forecast = o.aht_s;
    r.aht_actual = ratio(m.handle, m.handle_weight);
    r.scheduled = o.scheduled;
    r.sl_predicted = o.service_level;
    r.sl_actual = measured_sl(m, q.plan.target.sl_variant);
    if (m.offered > 0.0) {
        r.sl_volume = model_sl(q, o, m.offered, o.aht_s, step).value_or(0.0);
        r.sl_aht = model_sl(q, o, m.offered, r.aht_actual.value_or(o.aht_s), step).value_or(0.0);
    }
    r.asa_predicted = o.asa_s;
    r.asa_actual = ratio(m.wait, m.wait_weight);
    r.abandon_predicted = o.abandon;
    r.abandon_actual = ratio(m.abandoned, m.offered);
    r.outside = m.offered > o.volume_upper ? 1 : m.offered < o.volume_lower ? -1 : 0;
    return r;
}

review_period starting(local_date d) {
    review_period p;
    p.start = d;
    return p;
}

review_period period_of(const review_interval& r) {
    review_period p;
    p.start = day_of(r.start);
    auto& a = p.accuracy;
    a.intervals = 1;
    a.forecast = r.forecast;
    a.actual = r.offered;
    a.abs_error = std::abs(r.forecast - r.offered);
    if (r.aht_actual) {
        a.aht_weight = r.answered;
        a.aht_forecast = r.answered * r.aht_forecast;
        a.aht_actual = r.answered * *r.aht_actual;
        a.aht_abs_error = r.answered * std::abs(r.aht_forecast - *r.aht_actual);
    }
    auto& s = p.outcome;
    if (r.sl_predicted) {
        const double ar = 1.0 - r.abandon_predicted.value_or(0.0);
        s.predicted_offered = r.forecast;
        s.predicted_sl = r.forecast * *r.sl_predicted;
        s.predicted_answered = r.forecast * ar;
        s.predicted_abandon = r.forecast * r.abandon_predicted.value_or(0.0);
        if (r.asa_predicted) {
            s.predicted_asa = r.forecast * ar * *r.asa_predicted;
            s.predicted_asa_weight = r.forecast * ar;
        }
    }
    s.offered = r.offered;
    s.answered = r.answered;
    s.abandoned = r.abandoned;
    s.actual_sl = r.offered * r.sl_actual.value_or(0.0);
    s.volume_sl = r.offered * r.sl_volume.value_or(0.0);
    s.aht_sl = r.offered * r.sl_aht.value_or(0.0);
    if (r.asa_actual) {
        s.actual_asa = r.answered * *r.asa_actual;
        s.asa_weight = r.answered;
    }
    p.lower = r.lower;
    p.upper = r.upper;
    return p;
}

void flag(review_period& p) {
    p.outside = p.accuracy.actual > p.upper ? 1 : p.accuracy.actual < p.lower ? -1 : 0;
}

review_queue review_channel(const review_queue_input& q, const review_input& in) {
    review_queue out;
    out.name = q.plan.name;
    out.target = q.plan.target;
    out.week.start = in.week_start;
    const auto grid = on_plan_grid(q.actuals, in, out.name);
    for (const auto& o : q.plan.intervals) {
        const auto m = grid.find(o.start);
        if (m == grid.end()) {
            continue;
        }
        if (!o.open) {
            out.offered_closed += m->second.offered;
            continue;
        }
        out.intervals.push_back(review_one(q, o, m->second, in.grid.step()));
        const review_period p = period_of(out.intervals.back());
        if (out.days.empty() || out.days.back().start != p.start) {
            out.days.push_back(starting(p.start));
        }
        out.days.back().add(p);
        out.week.add(p);
    }
    std::for_each(out.days.begin(), out.days.end(), flag);
    flag(out.week);
    out.worst.resize(out.intervals.size());
    std::iota(out.worst.begin(), out.worst.end(), std::size_t{0});
    const auto error = [&](std::size_t i) {
        return std::abs(out.intervals[i].offered - out.intervals[i].forecast);
    };
    std::stable_sort(out.worst.begin(), out.worst.end(),
                     [&](std::size_t a, std::size_t b) { return error(a) > error(b); });
    out.worst.resize(std::min(out.worst.size(), in.worst_count));
    return out;
}

// Slots of a queue flagged in the same direction on at least `min_days` days.
void find_recurring(const review_queue& q, const review_input& in,
                    std::vector<recurring_anomaly>& out) {
    std::map<std::pair<int, int>, recurring_anomaly> slots; // (minute, direction)
    std::map<std::pair<int, int>, std::pair<double, double>> sums;
    for (const auto& r : q.intervals) {
        if (r.outside == 0) {
            continue;
        }
        const int minute = minute_of_day(r.start);
        auto& a = slots[{minute, r.outside}];
        a.queue = q.name;
        a.minute = minute;
        a.direction = r.outside;
        a.days.push_back(day_of(r.start));
        auto& s = sums[{minute, r.outside}];
        s.first += r.offered - r.forecast;
        s.second += r.forecast;
    }
    for (auto& [key, a] : slots) {
        if (static_cast<int>(a.days.size()) >= in.recurrence_days) {
            const auto& s = sums[key];
            a.excess = s.second > 0.0 ? s.first / s.second : 0.0;
            out.push_back(std::move(a));
        }
    }
}

// One group of reviewed days (or intervals) sharing a weekday, day of month or slot.
struct recurrence_group {
    int reviewed = 0;
    std::map<int, std::vector<local_date>> flagged; // direction → days
    std::map<int, std::pair<double, double>> sums; // direction → Σ(offered − forecast), Σ forecast
    void add(local_date d, int outside, double offered, double forecast) {
        ++reviewed;
        if (outside != 0) {
            flagged[outside].push_back(d);
            sums[outside].first += offered - forecast;
            sums[outside].second += forecast;
        }
    }
};

using group_key = std::tuple<std::string, suggestion_kind, int>;

int distinct_weeks(const std::vector<local_date>& days) {
    std::set<local_date> weeks;
    for (const auto d : days) {
        weeks.insert(week_start(d));
    }
    return static_cast<int>(weeks.size());
}

void suggest(const group_key& key, const recurrence_group& g, const recurrence_rules& rules,
             std::vector<calendar_suggestion>& out) {
    const int min_days =
        std::get<1>(key) == suggestion_kind::slot ? rules.min_slot_days : rules.min_days;
    for (const auto& [direction, days] : g.flagged) {
        const int n = static_cast<int>(days.size());
        const auto& s = g.sums.at(direction);
        if (n < min_days || distinct_weeks(days) < 2 ||
            static_cast<double>(n) < rules.min_share * static_cast<double>(g.reviewed) ||
            s.second <= 0.0) {
            continue;
        }
        out.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), direction, days,
                       g.reviewed, distinct_weeks(days), s.first / s.second});
    }
}

} // namespace

std::vector<calendar_suggestion> find_recurrence(const std::vector<const review_result*>& weeks,
                                                 const recurrence_rules& rules) {
    using kind = suggestion_kind;
    std::map<group_key, recurrence_group> groups;
    std::set<std::pair<std::string, local_date>> seen; // a day reviewed twice counts once
    for (const auto* w : weeks) {
        for (const auto& q : w->queues) {
            for (const auto& d : q.days) {
                if (!seen.insert({q.name, d.start}).second) {
                    continue;
                }
                const double f = d.accuracy.forecast;
                const double a = d.accuracy.actual;
                groups[{q.name, kind::weekday, weekday_index(d.start)}].add(d.start, d.outside, a,
                                                                            f);
                const int mday = static_cast<int>(
                    static_cast<unsigned>(std::chrono::year_month_day{d.start}.day()));
                groups[{q.name, kind::day_of_month, mday}].add(d.start, d.outside, a, f);
            }
            for (const auto& x : q.intervals) {
                groups[{q.name, kind::slot, minute_of_day(x.start)}].add(day_of(x.start), x.outside,
                                                                         x.offered, x.forecast);
            }
        }
    }
    std::vector<calendar_suggestion> out;
    for (const auto& [key, g] : groups) {
        suggest(key, g, rules, out);
    }
    return out;
}

review_result review_week(const review_input& in) {
    review_result out;
    out.week_start = in.week_start;
    out.grid = in.grid;
    out.week.start = in.week_start;
    std::map<local_date, review_period> days;
    for (const auto& q : in.queues) {
        auto r = review_channel(q, in);
        for (const auto& d : r.days) {
            auto& all = days.try_emplace(d.start, starting(d.start)).first->second;
            all.add(d);
        }
        out.week.add(r.week);
        find_recurring(r, in, out.recurring);
        out.queues.push_back(std::move(r));
    }
    if (out.week.accuracy.intervals == 0) {
        throw invalid_argument(fmt::format("review: no measured interval of an open queue lies "
                                           "in the plan's week {} to {}",
                                           format_date(in.week_start),
                                           format_date(in.week_start + std::chrono::days{6})));
    }
    for (auto& [d, p] : days) {
        flag(p);
        out.days.push_back(p);
    }
    flag(out.week);
    return out;
}

} // namespace wfm::plan
