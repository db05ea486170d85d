// Intraday reforecast (see wfm/forecast/intraday.hpp). Placeholder of the interface commit: the
// day-ahead forecast, unchanged; the updating method replaces it (issue 14).
#include <wfm/forecast/intraday.hpp>

namespace wfm::forecast {
namespace {

time_series rest_of_day(const time_series& full, timestamp now, timestamp end) {
    const auto first = full.index_of(now);
    const std::size_t n = static_cast<std::size_t>((end - now) / full.grid().step());
    time_series out(full.grid(), now, n);
    for (std::size_t i = 0; i < n && first; ++i) {
        const std::size_t k = *first + i;
        if (full.observed(k)) {
            out.set(i, full.value(k));
        }
    }
    return out;
}

} // namespace

intraday_result reforecast_day(const time_series& history, timestamp now,
                               const intraday_options& options) {
    const interval_grid grid = history.grid();
    if (!grid.on_grid(now)) {
        throw invalid_argument("reforecast_day: now " + format_timestamp(now) + " is not on the " +
                               grid.name() + " grid");
    }
    const timestamp midnight{day_of(now).time_since_epoch()};
    const timestamp end = midnight + std::chrono::days{1};
    forecast_options fo = options.day_ahead;
    fo.horizon = std::chrono::days{1};
    const forecast_result day = forecast(history, midnight, fo);
    intraday_result out;
    out.point = rest_of_day(day.point, now, end);
    out.lower = rest_of_day(day.lower, now, end);
    out.upper = rest_of_day(day.upper, now, end);
    out.day_ahead = out.point;
    out.method = day.method;
    return out;
}

} // namespace wfm::forecast
