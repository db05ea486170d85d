// Intraday reforecast (see wfm/forecast/intraday.hpp): the day-ahead forecast times a shrunk,
// recency-weighted ratio of today's actuals to it; intervals from the day-ahead ones with their
// level part shrunk by the update's weight (docs/methods.md, "Intraday reforecast").
#include "intraday_svd.hpp"

#include <wfm/forecast/intraday.hpp>

#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

namespace wfm::forecast {
namespace {

// The intervals [now, end) of `full` (a forecast on the same grid).
time_series rest_of_day(const time_series& full, timestamp now, timestamp end) {
    const std::size_t n = static_cast<std::size_t>((end - now) / full.grid().step());
    time_series out(full.grid(), now, n);
    for (std::size_t i = 0; i < n; ++i) {
        const auto k = full.index_of(now + i * full.grid().step());
        if (!k || full.state(*k) == slot_state::missing) {
            continue;
        }
        if (full.observed(*k)) {
            out.set(i, full.value(*k));
        } else {
            out.set_closed(i);
        }
    }
    return out;
}

void check_options(const intraday_options& o) {
    auto bad = [](const char* name, double v) {
        throw invalid_argument(std::string{"reforecast_day: "} + name + " " + std::to_string(v) +
                               " is out of range");
    };
    if (!(o.prior_volume >= 0.0 && std::isfinite(o.prior_volume))) {
        bad("prior_volume", o.prior_volume);
    }
    if (!(o.prior_share >= 0.0 && std::isfinite(o.prior_share))) {
        bad("prior_share", o.prior_share);
    }
    if (!(o.half_life_hours > 0.0)) {
        bad("half_life_hours", o.half_life_hours);
    }
    if (!(o.lead_decay_hours > 0.0)) {
        bad("lead_decay_hours", o.lead_decay_hours);
    }
    if (o.calibration_days < 0 || o.calibration_days > 100) {
        bad("calibration_days", o.calibration_days);
    }
    if (!(o.noise_dispersion >= 0.0 && std::isfinite(o.noise_dispersion))) {
        bad("noise_dispersion", o.noise_dispersion);
    }
    if (!(o.shape_share >= 0.0 && o.shape_share <= 1.0)) {
        bad("shape_share", o.shape_share);
    }
    if (!(o.interval_scale >= 1.0 && o.interval_scale <= 10.0)) {
        bad("interval_scale", o.interval_scale);
    }
    if (o.svd_components < 0 || o.svd_components > 10) {
        bad("svd_components", o.svd_components);
    }
    if (!(o.svd_penalty > 0.0 && std::isfinite(o.svd_penalty))) {
        bad("svd_penalty", o.svd_penalty);
    }
    if (o.svd_days < 1 || o.svd_days > 1000) {
        bad("svd_days", o.svd_days);
    }
}

// The day-ahead forecast over [midnight, end): the precomputed one when it fits, else computed.
forecast_result day_ahead_forecast(const time_series& history, timestamp midnight, timestamp now,
                                   timestamp end, const intraday_options& o) {
    if (!o.precomputed) {
        forecast_options fo = o.day_ahead;
        fo.horizon = std::chrono::days{1};
        return forecast(history, midnight, fo);
    }
    const auto& p = *o.precomputed;
    const bool fits = p.point.grid() == history.grid() && p.point.start() <= now &&
                      p.point.end() >= end && p.lower.size() == p.point.size() &&
                      p.upper.size() == p.point.size() && p.lower.start() == p.point.start() &&
                      p.upper.start() == p.point.start();
    if (!fits) {
        throw invalid_argument("reforecast_day: the precomputed day-ahead forecast does not "
                               "cover " +
                               format_timestamp(now) + " to the end of the day on the " +
                               history.grid().name() + " grid");
    }
    return p;
}

struct day_ratio {
    double actual = 0.0;       // Σ w·A over today's open intervals before now
    double forecast = 0.0;     // Σ w·F over the same intervals
    double raw_forecast = 0.0; // Σ F (unweighted): the observed share's numerator
    double day_total = 0.0;    // Σ F over the whole day
    bool any = false;
};

day_ratio today_ratio(const time_series& history, const time_series& day, timestamp now,
                      double half_life_hours) {
    day_ratio r;
    const double step_h = static_cast<double>(history.grid().minutes()) / 60.0;
    for (std::size_t i = 0; i < day.size(); ++i) {
        if (!day.observed(i)) {
            continue;
        }
        const timestamp t = day.time_at(i);
        r.day_total += day.value(i);
        const auto k = history.index_of(t);
        if (t >= now || !k || !history.observed(*k)) {
            continue;
        }
        const double age_h = static_cast<double>((now - t) / history.grid().step()) * step_h;
        const double w = std::isinf(half_life_hours) ? 1.0 : std::exp2(-age_h / half_life_hours);
        r.actual += w * history.value(*k);
        r.forecast += w * day.value(i);
        r.raw_forecast += day.value(i);
        r.any = true;
    }
    return r;
}

// The factor at `now` faded with the lead of the interval starting at t.
double faded_factor(double factor, timestamp now, timestamp t, const intraday_options& o) {
    if (std::isinf(o.lead_decay_hours)) {
        return factor;
    }
    const double lead_h = std::chrono::duration<double, std::ratio<3600>>(t - now).count();
    return 1.0 + (factor - 1.0) * std::exp(-lead_h / o.lead_decay_hours);
}

// The shrunk factor of a day's ratio.
double shrunk_factor(const day_ratio& r, const intraday_options& o) {
    const double k = o.prior_volume + o.prior_share * r.day_total;
    return r.forecast + k > 0.0 ? (k + r.actual) / (k + r.forecast) : 1.0;
}

// Conformal calibration: replays the update at now's time of day on past days (the day-ahead
// method's point forecast from each midnight) and returns the c whose band
// P ± z·√(φ(P + 1) + c²P²) covers `level` of their rest-of-day actuals; negative when under 30
// intervals could be replayed.
double calibrate_band(const time_series& history, timestamp now, const forecast::method& m,
                      double z, const intraday_options& o) {
    const timestamp midnight{day_of(now).time_since_epoch()};
    const auto cut = now - midnight;
    std::vector<std::pair<double, double>> pairs; // {updated point, actual}
    int used = 0;
    for (int back = 1; back <= 3 * o.calibration_days && used < o.calibration_days; ++back) {
        const timestamp m_d = midnight - std::chrono::days{back};
        if (m_d < history.start() + std::chrono::days{14}) {
            break;
        }
        const auto at_cut = history.index_of(m_d + cut);
        if (!at_cut || !history.observed(*at_cut)) {
            continue; // a closed or missing day, or closed at this time of day
        }
        time_series past;
        if (o.precomputed_past && o.precomputed_past->grid() == history.grid() &&
            o.precomputed_past->start() <= m_d &&
            o.precomputed_past->end() >= m_d + std::chrono::days{1}) {
            past = rest_of_day(*o.precomputed_past, m_d, m_d + std::chrono::days{1});
        } else {
            try {
                past = point_forecast(history, m_d, std::chrono::days{1}, m, o.day_ahead.calendar);
            } catch (const invalid_argument&) {
                continue;
            }
        }
        const day_ratio r = today_ratio(history, past, m_d + cut, o.half_life_hours);
        if (!r.any) {
            continue;
        }
        const double factor = shrunk_factor(r, o);
        const std::size_t before = pairs.size();
        for (std::size_t i = 0; i < past.size(); ++i) {
            const timestamp t = past.time_at(i);
            const auto k = history.index_of(t);
            if (t < m_d + cut || !past.observed(i) || !k || !history.observed(*k)) {
                continue;
            }
            pairs.emplace_back(past.value(i) * faded_factor(factor, m_d + cut, t, o),
                               history.value(*k));
        }
        used += pairs.size() > before ? 1 : 0;
    }
    if (pairs.size() < 30) {
        return -1.0;
    }
    auto coverage = [&](double c) {
        std::size_t in = 0;
        for (const auto& [p, a] : pairs) {
            const double h = z * std::sqrt(o.noise_dispersion * (p + 1.0) + c * c * p * p);
            in += (a >= p - h && a <= p + h) ? 1 : 0;
        }
        return static_cast<double>(in) / static_cast<double>(pairs.size());
    };
    const double level = o.day_ahead.level;
    if (coverage(0.0) >= level) {
        return 0.0;
    }
    double lo = 0.0;
    double hi = 1.0;
    while (coverage(hi) < level && hi < 100.0) {
        hi *= 2.0;
    }
    for (int it = 0; it < 40; ++it) {
        const double mid = 0.5 * (lo + hi);
        (coverage(mid) < level ? lo : hi) = mid;
    }
    return hi;
}

// One side's half-width around the updated point p: Poisson-like noise at p plus the day-ahead
// half-width's remaining systematic part, scaled to p. `z2` is the squared normal quantile.
double half_width(double day_hw, double f, double p, double z2, double remaining,
                  const intraday_options& o) {
    const double noise_f = z2 * o.noise_dispersion * (f + 1.0);
    const double systematic = std::max(0.0, day_hw * day_hw - noise_f);
    const double scale = f > 0.0 ? p / f : 1.0;
    const double noise_p = z2 * o.noise_dispersion * (p + 1.0);
    const double model = std::sqrt(std::min(noise_p, day_hw * day_hw * scale * scale) +
                                   systematic * remaining * scale * scale);
    return o.interval_scale * std::min(model, day_hw * scale);
}

// The updated rest of the day: `updated` (the SVD update over the whole day) when given, else
// the day-ahead forecast × out.factor; intervals around it.
void update_rest(intraday_result& out, const forecast_result& day, timestamp now, timestamp end,
                 double weight, const intraday_options& o, const time_series* updated) {
    const double level = o.day_ahead.level;
    const boost::math::normal_distribution<double> normal;
    const double z = boost::math::quantile(normal, (1.0 + level) / 2.0);
    const double remaining = o.shape_share + (1.0 - o.shape_share) * (1.0 - weight);
    const time_series lo = rest_of_day(day.lower, now, end);
    const time_series hi = rest_of_day(day.upper, now, end);
    for (std::size_t i = 0; i < out.point.size(); ++i) {
        if (!out.day_ahead.observed(i)) {
            continue;
        }
        const double f = out.day_ahead.value(i);
        if (f == 0.0 && hi.value(i) == 0.0) {
            continue; // the zero rule's [0, 0] stays
        }
        const double p = updated != nullptr
                             ? updated->value(*updated->index_of(out.point.time_at(i)))
                             : f * faded_factor(out.factor, now, out.point.time_at(i), o);
        const double up = half_width(hi.value(i) - f, f, p, z * z, remaining, o);
        const double down = half_width(f - lo.value(i), f, p, z * z, remaining, o);
        out.point.set(i, p);
        out.upper.set(i, p + up);
        out.lower.set(i, std::clamp(p - down, 0.0, p));
    }
}

} // namespace

time_series past_day_aheads(const time_series& history, timestamp midnight,
                            const forecast::method& m, const intraday_options& options) {
    check_options(options);
    const auto day = std::chrono::days{1};
    const int back = 3 * options.calibration_days;
    timestamp first = midnight - day * back;
    while (first < history.start() + std::chrono::days{14} && first < midnight) {
        first += day;
    }
    const auto per_day = static_cast<std::size_t>(day / history.grid().step());
    time_series out(history.grid(), first,
                    static_cast<std::size_t>((midnight - first) / day) * per_day);
    for (timestamp m_d = first; m_d < midnight; m_d += day) {
        bool any = false;
        for (timestamp t = m_d; t < m_d + day && !any; t += history.grid().step()) {
            const auto k = history.index_of(t);
            any = k && history.observed(*k);
        }
        if (!any) {
            continue;
        }
        const auto f = point_forecast(history, m_d, day, m, options.day_ahead.calendar);
        for (std::size_t i = 0; i < f.size(); ++i) {
            const auto j = out.index_of(f.time_at(i));
            if (!j || f.state(i) == slot_state::missing) {
                continue;
            }
            if (f.observed(i)) {
                out.set(*j, f.value(i));
            } else {
                out.set_closed(*j);
            }
        }
    }
    return out;
}

intraday_result reforecast_day(const time_series& history, timestamp now,
                               const intraday_options& options) {
    const interval_grid grid = history.grid();
    if (!grid.on_grid(now)) {
        throw invalid_argument("reforecast_day: now " + format_timestamp(now) + " is not on the " +
                               grid.name() + " grid");
    }
    check_options(options);
    const timestamp midnight{day_of(now).time_since_epoch()};
    const timestamp end = midnight + std::chrono::days{1};
    const forecast_result day = day_ahead_forecast(history, midnight, now, end, options);
    intraday_result out;
    out.point = rest_of_day(day.point, now, end);
    out.lower = rest_of_day(day.lower, now, end);
    out.upper = rest_of_day(day.upper, now, end);
    out.day_ahead = out.point;
    out.method = day.method;
    const time_series today = rest_of_day(day.point, midnight, end);
    const day_ratio r = today_ratio(history, today, now, options.half_life_hours);
    if (!r.any) {
        return out;
    }
    out.observed_share = r.day_total > 0.0 ? r.raw_forecast / r.day_total : 0.0;
    const double k = options.prior_volume + options.prior_share * r.day_total;
    out.weight = r.forecast + k > 0.0 ? r.forecast / (r.forecast + k) : 0.0;
    out.factor = shrunk_factor(r, options);
    std::optional<time_series> updated;
    if (options.svd_components > 0) {
        updated = detail::svd_update(history, today, now, options.svd_components,
                                     options.svd_penalty, options.svd_days);
    }
    // The intervals narrow with the share of the day seen (unweighted): the recency weight
    // caps the point's weight, not what the day has shown.
    const double seen = r.raw_forecast / (r.raw_forecast + k);
    update_rest(out, day, now, end, seen, options, updated ? &*updated : nullptr);
    if (updated) {
        const double before = out.day_ahead.observed_sum();
        out.factor = before > 0.0 ? out.point.observed_sum() / before : 1.0;
    }
    if (options.calibration_days > 0) {
        const boost::math::normal_distribution<double> normal;
        const double z = boost::math::quantile(normal, (1.0 + options.day_ahead.level) / 2.0);
        out.calibration = calibrate_band(history, now, day.method, z, options);
        if (out.calibration >= 0.0) {
            const double c = out.calibration;
            for (std::size_t i = 0; i < out.point.size(); ++i) {
                if (!out.point.observed(i) ||
                    (out.day_ahead.value(i) == 0.0 && out.upper.value(i) == 0.0)) {
                    continue; // closed, or the zero rule's [0, 0]
                }
                const double p = out.point.value(i);
                const double h =
                    z * std::sqrt(options.noise_dispersion * (p + 1.0) + c * c * p * p);
                out.upper.set(i, p + h);
                out.lower.set(i, std::clamp(p - h, 0.0, p));
            }
        }
    }
    return out;
}

} // namespace wfm::forecast
