#include <wfm/core/error.hpp>
#include <wfm/forecast/backtest.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace wfm::forecast {

namespace {

using std::chrono::days;
using std::chrono::minutes;

struct sums {
    double abs = 0.0;
    double sq = 0.0;
    double err = 0.0;
    double actual = 0.0;
    double scaled = 0.0;
    std::size_t covered = 0;
    std::size_t n = 0;

    void add(double f, double a, double lo, double hi, double scale) {
        const double e = f - a;
        abs += std::abs(e);
        sq += e * e;
        err += e;
        actual += a;
        scaled += scale > 0.0 ? std::abs(e) / scale : 0.0;
        covered += a >= lo && a <= hi ? 1U : 0U;
        ++n;
    }

    [[nodiscard]] accuracy result() const {
        accuracy r;
        r.points = n;
        if (n == 0) {
            const double nan = std::numeric_limits<double>::quiet_NaN();
            r.mae = r.rmse = r.wape = r.mase = r.bias = r.coverage = nan;
            return r;
        }
        const auto dn = static_cast<double>(n);
        r.mae = abs / dn;
        r.rmse = std::sqrt(sq / dn);
        r.wape = actual > 0.0 ? abs / actual : std::numeric_limits<double>::quiet_NaN();
        r.bias = actual > 0.0 ? err / actual : std::numeric_limits<double>::quiet_NaN();
        r.mase = scaled / dn;
        r.coverage = static_cast<double>(covered) / dn;
        return r;
    }
};

// In-sample MAE of the weekly seasonal naive before `origin` (the MASE scale).
double naive_scale(const time_series& h, timestamp origin) {
    const auto lag = static_cast<std::size_t>(h.grid().slots_per_week());
    double sum = 0.0;
    std::size_t n = 0;
    for (std::size_t i = lag; i < h.size() && h.time_at(i) < origin; ++i) {
        if (h.observed(i) && h.observed(i - lag)) {
            sum += std::abs(h.value(i) - h.value(i - lag));
            ++n;
        }
    }
    return n > 0 ? sum / static_cast<double>(n) : 0.0;
}

} // namespace

backtest_result backtest(const time_series& history, std::span<const timestamp> origins,
                         const backtest_options& options) {
    if (origins.empty()) {
        throw invalid_argument("backtest: no origins");
    }
    std::vector<method> methods{method{method_kind::snaive, 1}, method{method_kind::average, 4}};
    for (const auto& m : options.methods) {
        if (std::find(methods.begin(), methods.end(), m) == methods.end()) {
            methods.push_back(m);
        }
    }
    const auto lead_days = static_cast<std::size_t>((options.horizon + days{1} - minutes{1}) /
                                                    std::chrono::duration_cast<minutes>(days{1}));
    std::vector<sums> overall(methods.size());
    std::vector<std::vector<sums>> by_lead(methods.size(), std::vector<sums>(lead_days));
    std::vector<double> seconds(methods.size(), 0.0);

    forecast_options fo;
    fo.horizon = options.horizon;
    fo.level = options.level;
    fo.calendar = options.calendar;
    fo.calibration_weeks = options.calibration_weeks;
    for (const timestamp origin : origins) {
        const double scale = naive_scale(history, origin);
        for (std::size_t m = 0; m < methods.size(); ++m) {
            fo.method = methods[m];
            const auto t0 = std::chrono::steady_clock::now();
            const auto r = forecast(history, origin, fo);
            seconds[m] +=
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            for (std::size_t i = 0; i < r.point.size(); ++i) {
                const timestamp t = r.point.time_at(i);
                const auto j = history.index_of(t);
                if (!j || !history.observed(*j)) {
                    continue;
                }
                const double f = r.point.value(i);
                const double a = history.value(*j);
                const double lo = r.point.observed(i) ? r.lower.value(i) : 0.0;
                const double hi = r.point.observed(i) ? r.upper.value(i) : 0.0;
                const auto lead = static_cast<std::size_t>((t - origin) / days{1});
                overall[m].add(f, a, lo, hi, scale);
                by_lead[m][std::min(lead, lead_days - 1)].add(f, a, lo, hi, scale);
            }
        }
    }
    backtest_result out;
    out.origins.assign(origins.begin(), origins.end());
    for (std::size_t m = 0; m < methods.size(); ++m) {
        method_accuracy ma;
        ma.method = methods[m];
        ma.overall = overall[m].result();
        for (const auto& s : by_lead[m]) {
            ma.by_lead_day.push_back(s.result());
        }
        ma.fit_seconds = seconds[m] / static_cast<double>(origins.size());
        out.methods.push_back(std::move(ma));
    }
    return out;
}

std::vector<timestamp> weekly_origins(const time_series& history, int count, minutes horizon) {
    if (count < 1 || history.empty()) {
        throw invalid_argument(
            fmt::format("weekly_origins: need a non-empty history and count ≥ 1, got {}", count));
    }
    const local_date end_day = day_of(history.time_at(history.size() - 1)) + days{1};
    const auto span_days = std::chrono::ceil<days>(horizon);
    const timestamp last = timestamp{end_day - span_days};
    std::vector<timestamp> out;
    for (int k = count - 1; k >= 0; --k) {
        const timestamp o = last - days{7 * k};
        if (o > history.start()) {
            out.push_back(o);
        }
    }
    if (out.empty()) {
        throw invalid_argument("weekly_origins: the history is shorter than the horizon");
    }
    return out;
}

} // namespace wfm::forecast
