#include "training.hpp"
#include <wfm/core/duration.hpp>
#include <wfm/core/error.hpp>
#include <wfm/forecast/forecast.hpp>

#include <boost/math/distributions/normal.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>

namespace wfm::forecast {

namespace {

using std::chrono::days;
using std::chrono::minutes;

constexpr int max_average_weeks = 52;
constexpr std::size_t min_calibration_points = 30;

int parse_int(std::string_view text) {
    int v = 0;
    const auto* end = text.data() + text.size();
    const auto [p, ec] = std::from_chars(text.data(), end, v);
    return ec == std::errc{} && p == end && !text.empty() ? v : -1;
}

// Same slot on earlier weeks, before `origin`, observed: the value `weeks` back in turn.
template <class Visit>
void same_slot_history(const time_series& h, timestamp t, timestamp origin,
                       const special_days& calendar, Visit visit) {
    for (timestamp u = t - days{7}; u >= h.start(); u -= days{7}) {
        if (u >= origin || calendar.closed(day_of(u))) {
            continue;
        }
        const auto i = h.index_of(u);
        if (i && h.observed(*i) && !visit(h.value(*i))) {
            return;
        }
    }
}

double baseline_value(const time_series& h, timestamp t, timestamp origin, const method& m,
                      const special_days& calendar) {
    const int k = m.kind == method_kind::snaive ? 1 : m.weeks;
    double sum = 0.0;
    int n = 0;
    same_slot_history(h, t, origin, calendar, [&](double v) {
        sum += v;
        return ++n < k;
    });
    return n > 0 ? sum / n : 0.0;
}

struct interval_model {
    double a = 1.0; // variance = a·(f + 1) + b·f²
    double b = 0.0;
    double z_lo = 0.0;
    double z_hi = 0.0;
    [[nodiscard]] double sd(double f) const { return std::sqrt(a * (f + 1.0) + b * f * f); }
};

struct pair_fa {
    double f;
    double a;
};

double quantile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    const double pos = p * static_cast<double>(v.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const auto hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

// Variance a·(f+1) + b·f² fitted by least squares to squared errors (Poisson part plus a
// multiplicative day-level part), then empirical quantiles of the standardised errors.
interval_model calibrate(const std::vector<pair_fa>& pairs, double level) {
    interval_model m;
    double s11 = 0.0;
    double s12 = 0.0;
    double s22 = 0.0;
    double r1 = 0.0;
    double r2 = 0.0;
    for (const auto& p : pairs) {
        const double e2 = (p.a - p.f) * (p.a - p.f);
        const double x1 = p.f + 1.0;
        const double x2 = p.f * p.f;
        s11 += x1 * x1;
        s12 += x1 * x2;
        s22 += x2 * x2;
        r1 += x1 * e2;
        r2 += x2 * e2;
    }
    const double det = s11 * s22 - s12 * s12;
    double a = det > 0.0 ? (r1 * s22 - r2 * s12) / det : -1.0;
    double b = det > 0.0 ? (r2 * s11 - r1 * s12) / det : -1.0;
    if (a < 0.0 || b < 0.0) {
        const double a_only = s11 > 0.0 ? r1 / s11 : 0.0;
        const double b_only = s22 > 0.0 ? r2 / s22 : 0.0;
        // Keep whichever one-term fit leaves the smaller residual.
        auto sse = [&](double aa, double bb) {
            double s = 0.0;
            for (const auto& p : pairs) {
                const double e2 = (p.a - p.f) * (p.a - p.f);
                const double r = e2 - aa * (p.f + 1.0) - bb * p.f * p.f;
                s += r * r;
            }
            return s;
        };
        if (sse(a_only, 0.0) <= sse(0.0, b_only)) {
            a = a_only;
            b = 0.0;
        } else {
            a = 0.0;
            b = b_only;
        }
    }
    m.a = std::max(a, 1e-9);
    m.b = std::max(b, 0.0);
    std::vector<double> z;
    z.reserve(pairs.size());
    for (const auto& p : pairs) {
        z.push_back((p.a - p.f) / m.sd(p.f));
    }
    m.z_lo = quantile(z, (1.0 - level) / 2.0);
    m.z_hi = quantile(z, (1.0 + level) / 2.0);
    return m;
}

void check_options(const time_series& history, timestamp origin, minutes horizon) {
    if (history.observed_count() == 0) {
        throw invalid_argument("forecast: the history has no observed interval");
    }
    if (!history.grid().on_grid(origin)) {
        throw invalid_argument(fmt::format("forecast: origin {} is not on the {} grid",
                                           format_timestamp(origin), history.grid().name()));
    }
    if (origin <= history.start()) {
        throw invalid_argument(fmt::format("forecast: origin {} is not after the history start {}",
                                           format_timestamp(origin),
                                           format_timestamp(history.start())));
    }
    if (origin > history.end() + days{366}) {
        throw invalid_argument(
            fmt::format("forecast: origin {} is more than a year after the history end {}",
                        format_timestamp(origin), format_timestamp(history.end())));
    }
    if (horizon < history.grid().step() || horizon > days{366}) {
        throw invalid_argument(fmt::format(
            "forecast: horizon must be between one interval and 366 days, got {} minutes",
            horizon.count()));
    }
}

// Day-level rows (slot values, 0 where closed) for `dates`; none for the baseline methods.
std::vector<std::vector<double>> day_rows(const detail::training& tr,
                                          std::span<const local_date> dates, method_kind kind,
                                          const regression_tuning& tuning) {
    std::vector<std::vector<double>> rows;
    if (kind == method_kind::regression) {
        rows = detail::regression_days(tr, dates,
                                       {tuning.alpha, tuning.clip, tuning.trend, tuning.damping});
    } else if (kind == method_kind::topdown) {
        rows = detail::topdown_days(tr, dates);
    } else if (kind == method_kind::svd) {
        rows = detail::svd_days(tr, dates);
    } else if (kind == method_kind::ensemble) {
        // Equal-weight mean of topdown and regression: the combination with the lowest MAE on
        // the validation weeks (bm_forecast_accuracy, docs/methods.md).
        rows = detail::topdown_days(tr, dates);
        const auto other = detail::regression_days(
            tr, dates, {tuning.alpha, tuning.clip, tuning.trend, tuning.damping});
        for (std::size_t i = 0; i < rows.size(); ++i) {
            for (std::size_t s = 0; s < rows[i].size(); ++s) {
                rows[i][s] = (rows[i][s] + other[i][s]) / 2.0;
            }
        }
    }
    return rows;
}

// Every observed value must be a count the maths handles: finite, ≥ 0 and at most
// max_history_value (so no sum, square or interval bound overflows).
void check_history_values(const time_series& history) {
    for (std::size_t i = 0; i < history.size(); ++i) {
        if (!history.observed(i)) {
            continue;
        }
        const double v = history.value(i);
        if (!(v >= 0.0 && v <= max_history_value)) {
            throw invalid_argument(
                fmt::format("forecast: history value at {} is {}; expected a count in [0, {:g}]",
                            format_timestamp(history.time_at(i)), v, max_history_value));
        }
    }
}

// The methods to run: the candidates without `auto` for `auto`, else the one method.
std::vector<method> candidate_methods(const forecast_options& options) {
    std::vector<method> candidates;
    if (options.method.kind == method_kind::automatic) {
        for (const auto& c : options.candidates) {
            if (c.kind != method_kind::automatic) {
                candidates.push_back(c);
            }
        }
        if (candidates.empty()) {
            throw invalid_argument("forecast: 'auto' needs at least one candidate method");
        }
    } else {
        candidates.push_back(options.method);
    }
    return candidates;
}

// Rolling-origin backtest inside the history: weekly origins before `origin`, each with at
// least two weeks of history, horizon cut so it never reaches `origin`. Per candidate, the
// (forecast, actual) pairs.
std::vector<std::vector<pair_fa>> in_history_pairs(const time_series& history, timestamp origin,
                                                   const forecast_options& options,
                                                   const std::vector<method>& candidates) {
    std::vector<std::vector<pair_fa>> pairs(candidates.size());
    for (int k = 1; k <= options.calibration_weeks; ++k) {
        const timestamp o = origin - days{7 * k};
        if (o - history.start() < days{14}) {
            break;
        }
        const minutes h =
            std::min(options.horizon, std::chrono::duration_cast<minutes>(origin - o));
        for (std::size_t c = 0; c < candidates.size(); ++c) {
            const auto f = point_forecast(history, o, h, candidates[c], options.calendar);
            for (std::size_t i = 0; i < f.size(); ++i) {
                const auto j = history.index_of(f.time_at(i));
                if (j && history.observed(*j) && f.observed(i)) {
                    pairs[c].push_back({f.value(i), history.value(*j)});
                }
            }
        }
    }
    return pairs;
}

// Scores every candidate (appended to `scores`) and returns the index of the one to use.
std::size_t choose(const time_series& history, timestamp origin, double auto_margin,
                   const std::vector<method>& candidates,
                   const std::vector<std::vector<pair_fa>>& pairs,
                   std::vector<method_score>& scores) {
    std::size_t chosen = 0;
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t c = 0; c < candidates.size(); ++c) {
        method_score score{candidates[c], 0.0, pairs[c].size()};
        for (const auto& p : pairs[c]) {
            score.mae += std::abs(p.f - p.a);
        }
        score.mae = score.points > 0 ? score.mae / static_cast<double>(score.points)
                                     : std::numeric_limits<double>::quiet_NaN();
        if (score.points > 0 && score.mae < best) {
            best = score.mae;
            chosen = c;
        }
        scores.push_back(score);
    }
    // The ensemble wins on average, and 8 in-history weeks are noisy evidence: another
    // candidate replaces it only when its in-history MAE is clearly lower.
    const auto ens =
        std::find(candidates.begin(), candidates.end(), method{method_kind::ensemble, 4});
    if (ens != candidates.end() && !std::isinf(best)) {
        const auto e = static_cast<std::size_t>(ens - candidates.begin());
        if (scores[e].points > 0 && scores[chosen].mae > (1.0 - auto_margin) * scores[e].mae) {
            chosen = e;
        }
    }
    if (std::isinf(best) && candidates.size() > 1) {
        // No evidence yet (short history): the ensemble if offered and two weeks of history
        // feed its day-level members, else the 4-week average if offered, else the first.
        const auto avg4 =
            std::find(candidates.begin(), candidates.end(), method{method_kind::average, 4});
        const auto it =
            ens != candidates.end() && origin - history.start() >= days{14} ? ens : avg4;
        chosen = it == candidates.end() ? 0 : static_cast<std::size_t>(it - candidates.begin());
    }
    return chosen;
}

// Poisson intervals (variance f + 1) at the normal quantiles of `level`.
interval_model poisson_intervals(double level) {
    interval_model im;
    const boost::math::normal_distribution<double> normal;
    im.a = 1.0;
    im.z_hi = boost::math::quantile(normal, (1.0 + level) / 2.0);
    im.z_lo = -im.z_hi;
    return im;
}

// Lower and upper bounds of every forecast interval: f + z·sd(f), the lower bound clamped to
// [0, f] and the upper one to at least f (calibrated quantiles of one sign, after a level
// shift, would otherwise put the point outside its own interval). A slot `zero(t)` says the
// zero rule set keeps [0, 0].
template <class Zero>
void set_intervals(forecast_result& result, const interval_model& im, Zero zero) {
    result.lower = result.point;
    result.upper = result.point;
    for (std::size_t i = 0; i < result.point.size(); ++i) {
        if (!result.point.observed(i)) {
            continue;
        }
        const double f = result.point.value(i);
        if (f == 0.0 && zero(result.point.time_at(i))) {
            continue;
        }
        const double lo = std::min(f, std::max(0.0, f + im.z_lo * im.sd(f)));
        const double hi = std::max(f, f + im.z_hi * im.sd(f));
        result.lower.set(i, lo);
        result.upper.set(i, hi);
    }
}

// The zero rule's window: the method's weeks, at least zero_rule_min_weeks.
int zero_window(const method& m) {
    return std::max(zero_rule_min_weeks, m.weeks);
}

// The zero rule: true when none of the last `weeks` same-weekday dates in the history before
// `origin` has a positive value at t's time of day, and at least one of them is observed or
// closed (in the history or by the calendar): a window of missing data says nothing.
bool zero_by_history(const time_series& h, timestamp t, timestamp origin, int weeks,
                     const special_days& calendar) {
    bool informed = false;
    int dates = 0;
    for (timestamp u = t - days{7}; u >= h.start() && dates < weeks; u -= days{7}) {
        if (u >= origin || u >= h.end()) {
            continue;
        }
        ++dates;
        const auto i = h.index_of(u);
        if (calendar.closed(day_of(u)) || (i && h.state(*i) == slot_state::closed)) {
            informed = true;
        } else if (i && h.observed(*i)) {
            if (h.value(*i) > 0.0) {
                return false;
            }
            informed = true;
        }
    }
    return informed;
}

// Weighted sums Σw and Σw·x of handle times.
struct weighted_sum {
    double w = 0.0;
    double wx = 0.0;
    void add(double weight, double x) {
        w += weight;
        wx += weight * x;
    }
};

// Handle-time sums by slot of week and slot of day over the window, and overall.
struct aht_window {
    interval_grid grid{minutes{60}};
    std::vector<weighted_sum> week;
    std::vector<weighted_sum> day;
    weighted_sum all;
};

aht_window aht_sums_before(const time_series& aht, const time_series& weights, timestamp origin,
                           int weeks) {
    const auto grid = aht.grid();
    aht_window s{grid,
                 std::vector<weighted_sum>(static_cast<std::size_t>(grid.slots_per_week())),
                 std::vector<weighted_sum>(static_cast<std::size_t>(grid.slots_per_day())),
                 {}};
    const timestamp from = origin - days{7 * weeks};
    for (std::size_t i = 0; i < aht.size(); ++i) {
        const timestamp t = aht.time_at(i);
        if (t < from || t >= origin || !aht.observed(i) || !weights.observed(i) ||
            weights.value(i) <= 0.0) {
            continue;
        }
        const double w = weights.value(i);
        s.week[static_cast<std::size_t>(grid.slot_of_week(t))].add(w, aht.value(i));
        s.day[static_cast<std::size_t>(grid.slot_of_day(t))].add(w, aht.value(i));
        s.all.add(w, aht.value(i));
    }
    return s;
}

// Empirical-Bayes mean: the sample mean weighted n / (n + k), the prior k / (n + k).
double shrink(const weighted_sum& s, double prior) {
    return (s.wx + aht_prior_contacts * prior) / (s.w + aht_prior_contacts);
}

// The slot's handle time shrunk towards the time-of-day profile (this and the neighbouring slot
// of day on each side, all weekdays), itself shrunk towards the overall mean.
double shrunk_aht(const aht_window& s, timestamp t) {
    const int spd = s.grid.slots_per_day();
    const int sd = s.grid.slot_of_day(t);
    weighted_sum profile;
    for (int d = std::max(0, sd - 1); d <= std::min(spd - 1, sd + 1); ++d) {
        profile.w += s.day[static_cast<std::size_t>(d)].w;
        profile.wx += s.day[static_cast<std::size_t>(d)].wx;
    }
    const double prior = shrink(profile, s.all.wx / s.all.w);
    return shrink(s.week[static_cast<std::size_t>(s.grid.slot_of_week(t))], prior);
}

} // namespace

method method::parse(std::string_view name) {
    if (name == "snaive") {
        return {method_kind::snaive, 1};
    }
    if (name == "topdown") {
        return {method_kind::topdown, 4};
    }
    if (name == "svd") {
        return {method_kind::svd, 4};
    }
    if (name == "ensemble") {
        return {method_kind::ensemble, 4};
    }
    if (name == "regression") {
        return {method_kind::regression, 4};
    }
    if (name == "auto") {
        return {method_kind::automatic, 4};
    }
    if (name.starts_with("avg")) {
        const int k = parse_int(name.substr(3));
        if (k >= 1 && k <= max_average_weeks) {
            return {method_kind::average, k};
        }
    }
    throw invalid_argument(fmt::format("forecast: unknown method '{}' (expected snaive, avgK with "
                                       "K in 1..52, topdown, svd, ensemble, regression or auto)",
                                       name));
}

std::string method::name() const {
    switch (kind) {
    case method_kind::snaive:
        return "snaive";
    case method_kind::average:
        return fmt::format("avg{}", weeks);
    case method_kind::topdown:
        return "topdown";
    case method_kind::svd:
        return "svd";
    case method_kind::ensemble:
        return "ensemble";
    case method_kind::regression:
        return "regression";
    case method_kind::automatic:
        break;
    }
    return "auto";
}

std::vector<method> default_methods() {
    return {method{method_kind::snaive, 1}, method{method_kind::average, 4},
            method{method_kind::topdown, 4}, method{method_kind::svd, 4},
            method{method_kind::ensemble, 4}};
}

minutes parse_horizon(std::string_view text) {
    // A unit is required: `7` could mean days, hours or minutes.
    static const duration_syntax syntax{
        .context = "forecast",
        .expected = "a horizon like 7d, 36h or 90m",
        .units = {duration_unit::days, duration_unit::hours, duration_unit::minutes},
        .whole_numbers = true,
        .min = minutes{1},
        .max = minutes{std::numeric_limits<int>::max()}};
    const auto d = parse_duration(text, std::nullopt, syntax);
    return minutes{std::llround(d.count() / 60000.0)};
}

time_series point_forecast(const time_series& history, timestamp origin, minutes horizon, method m,
                           const special_days& calendar) {
    return point_forecast(history, origin, horizon, m, calendar, regression_tuning{});
}

time_series point_forecast(const time_series& history, timestamp origin, minutes horizon, method m,
                           const special_days& calendar, const regression_tuning& tuning) {
    if (!(tuning.alpha > 0.0 && tuning.alpha <= 1.0 && tuning.clip > 0.0 && tuning.trend >= 0.0 &&
          tuning.trend <= 1.0 && tuning.damping > 0.0 && tuning.damping <= 1.0)) {
        throw invalid_argument(fmt::format(
            "forecast: regression tuning needs alpha in (0, 1], clip > 0, trend in [0, 1] and "
            "damping in (0, 1], got alpha {}, clip {}, trend {} and damping {}",
            tuning.alpha, tuning.clip, tuning.trend, tuning.damping));
    }
    check_options(history, origin, horizon);
    check_history_values(history);
    if (m.kind == method_kind::automatic) {
        throw invalid_argument("point_forecast: method 'auto' needs forecast()");
    }
    const auto step = history.grid().step();
    const auto n = static_cast<std::size_t>((horizon + step - minutes{1}) / step);
    time_series out{history.grid(), origin, n};
    const auto tr = detail::make_training(history, day_of(origin), calendar);

    // Day-level rows for each day the horizon touches.
    std::vector<local_date> dates;
    for (local_date d = day_of(origin); d <= day_of(out.time_at(n - 1)); d += days{1}) {
        dates.push_back(d);
    }
    const auto rows = day_rows(tr, dates, m.kind, tuning);
    const bool baseline = m.kind == method_kind::snaive || m.kind == method_kind::average;
    std::map<std::string, double, std::less<>> effects;
    for (std::size_t i = 0; i < n; ++i) {
        const timestamp t = out.time_at(i);
        const local_date d = day_of(t);
        const int s = history.grid().slot_of_day(t);
        if (!tr.is_open(d, s)) {
            continue;
        }
        if (zero_by_history(history, t, origin, zero_window(m), calendar)) {
            out.set(i, 0.0);
            continue;
        }
        if (baseline) {
            out.set(i, baseline_value(history, t, origin, m, calendar));
            continue;
        }
        double v = rows[static_cast<std::size_t>((d - dates.front()).count())]
                       [static_cast<std::size_t>(s)];
        if (const auto label = calendar.label(d); !label.empty()) {
            auto it = effects.find(label);
            if (it == effects.end()) {
                it = effects.emplace(std::string{label}, detail::label_effect(tr, label)).first;
            }
            v *= it->second;
        }
        out.set(i, v);
    }
    return out;
}

forecast_result forecast(const time_series& history, timestamp origin,
                         const forecast_options& options) {
    check_options(history, origin, options.horizon);
    check_history_values(history);
    if (!(options.level > 0.0 && options.level < 1.0)) {
        throw invalid_argument(
            fmt::format("forecast: level must be in (0, 1), got {}", options.level));
    }
    if (!(options.auto_margin >= 0.0 && options.auto_margin < 1.0)) {
        throw invalid_argument(
            fmt::format("forecast: auto_margin must be in [0, 1), got {}", options.auto_margin));
    }
    const auto candidates = candidate_methods(options);
    const auto pairs = in_history_pairs(history, origin, options, candidates);
    forecast_result result;
    const std::size_t chosen =
        choose(history, origin, options.auto_margin, candidates, pairs, result.scores);
    result.method = candidates[chosen];
    result.point =
        point_forecast(history, origin, options.horizon, result.method, options.calendar);
    result.calibrated = pairs[chosen].size() >= min_calibration_points;
    const auto im = result.calibrated ? calibrate(pairs[chosen], options.level)
                                      : poisson_intervals(options.level);
    set_intervals(result, im, [&](timestamp t) {
        return zero_by_history(history, t, origin, zero_window(result.method), options.calendar);
    });
    return result;
}

time_series forecast_aht(const time_series& aht, const time_series& weights, timestamp origin,
                         minutes horizon, int weeks) {
    if (aht.size() != weights.size() || aht.start() != weights.start() ||
        aht.grid() != weights.grid()) {
        throw invalid_argument("forecast_aht: handle times and weights differ in frame");
    }
    check_options(aht, origin, horizon);
    if (weeks < 1) {
        throw invalid_argument(fmt::format("forecast_aht: weeks must be ≥ 1, got {}", weeks));
    }
    const auto grid = aht.grid();
    const auto n = static_cast<std::size_t>((horizon + grid.step() - minutes{1}) / grid.step());
    time_series out{grid, origin, n};
    const auto sums = aht_sums_before(aht, weights, origin, weeks);
    if (sums.all.w <= 0.0) {
        for (std::size_t i = 0; i < n; ++i) {
            out.set_missing(i);
        }
        return out;
    }
    for (std::size_t i = 0; i < n; ++i) {
        out.set(i, shrunk_aht(sums, out.time_at(i)));
    }
    return out;
}

} // namespace wfm::forecast
