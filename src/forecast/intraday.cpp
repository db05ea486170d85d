// Intraday reforecast (see wfm/forecast/intraday.hpp): the day-ahead forecast times a shrunk,
// recency-weighted ratio of today's actuals to it; intervals from the day-ahead ones with their
// level part shrunk by the update's weight (docs/methods.md, "Intraday reforecast").
#include "intraday_svd.hpp"

#include <wfm/forecast/intraday.hpp>

#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <cmath>
#include <string>

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
                             : f * out.factor;
        const double up = half_width(hi.value(i) - f, f, p, z * z, remaining, o);
        const double down = half_width(f - lo.value(i), f, p, z * z, remaining, o);
        out.point.set(i, p);
        out.upper.set(i, p + up);
        out.lower.set(i, std::clamp(p - down, 0.0, p));
    }
}

} // namespace

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
    out.factor = r.forecast + k > 0.0 ? (k + r.actual) / (k + r.forecast) : 1.0;
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
    return out;
}

} // namespace wfm::forecast
