#include <wfm/core/error.hpp>
#include <wfm/forecast/intraday.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>

using namespace std::chrono_literals;
namespace fc = wfm::forecast;
using wfm::timestamp;

namespace {

// Weekdays 08:00-20:00 on a 30-minute grid, Poisson counts around 200 × a two-peak shape,
// 10 weeks from Monday 2024-01-01, then `today` (Monday 2024-03-11) up to `now` at `factor` ×
// the same means from 08:00 (a day that runs high or low).
const wfm::local_date first_day{std::chrono::year{2024} / 1 / 1};
const timestamp today{wfm::local_date{std::chrono::year{2024} / 3 / 11}};

double mean_at(int slot) {
    return 200.0 * (1.0 + 0.4 * std::sin((slot - 16) * 0.35)) + 0.0;
}

wfm::time_series history(timestamp now, double factor, unsigned seed = 7) {
    const wfm::interval_grid grid{30min};
    const auto n = static_cast<std::size_t>((now - timestamp{first_day}) / grid.step());
    wfm::time_series s{grid, timestamp{first_day}, n};
    std::mt19937 rng{seed};
    for (std::size_t i = 0; i < n; ++i) {
        const timestamp t = s.time_at(i);
        const int slot = grid.slot_of_day(t);
        if (wfm::weekday_index(t) >= 5 || slot < 16 || slot >= 40) {
            s.set_closed(i);
            continue;
        }
        const double mean = mean_at(slot) * (t >= today ? factor : 1.0);
        s.set(i, static_cast<double>(std::poisson_distribution<int>{mean}(rng)));
    }
    return s;
}

double rest_sum(const wfm::time_series& s) {
    return s.observed_sum();
}

// (upper - lower) / point at `t`.
double relative_width(const fc::intraday_result& r, timestamp t) {
    const auto i = r.point.index_of(t);
    REQUIRE(i);
    return (r.upper.value(*i) - r.lower.value(*i)) / r.point.value(*i);
}

void require_bounds(const fc::intraday_result& r) {
    for (std::size_t i = 0; i < r.point.size(); ++i) {
        INFO(wfm::format_timestamp(r.point.time_at(i)));
        if (!r.point.observed(i)) {
            REQUIRE(r.point.value(i) == 0.0);
            REQUIRE(r.lower.value(i) == 0.0);
            REQUIRE(r.upper.value(i) == 0.0);
            continue;
        }
        REQUIRE(0.0 <= r.lower.value(i));
        REQUIRE(r.lower.value(i) <= r.point.value(i));
        REQUIRE(r.point.value(i) <= r.upper.value(i));
    }
}

} // namespace

TEST_CASE("intraday: a day 20% high from 08:00 is detected by 10:00", "[forecast][intraday]") {
    const timestamp now = today + 10h;
    const auto h = history(now, 1.2);
    const auto r = fc::reforecast_day(h, now, {});
    // The defaults (tuned on the US bank data, where a morning's deviation fades within the
    // day) move more than half of the way from the day-ahead forecast to 20% above it...
    CHECK(r.factor >= 1.0 + 0.55 * 0.2);
    CHECK(r.factor <= 1.3);
    // The factor fades with the lead: 1 + (factor - 1) · exp(-lead / 6 h).
    for (std::size_t i = 0; i < r.point.size(); ++i) {
        if (!r.point.observed(i)) {
            continue;
        }
        const double lead_h = static_cast<double>(i) * 0.5;
        const double f = 1.0 + (r.factor - 1.0) * std::exp(-lead_h / 6.0);
        REQUIRE(r.point.value(i) == Approx(f * r.day_ahead.value(i)).epsilon(1e-12));
    }
    // The next two hours still move more than half of the way (exp(-2/6) of the factor's).
    CHECK(r.point.value(4) >= r.day_ahead.value(4) * (1.0 + 0.55 * 0.2 * std::exp(-2.0 / 6.0)));
    // 08:00-10:00 is 4 of the 24 intervals, about 4/24 of the volume.
    CHECK(r.observed_share == Approx(4.0 / 24.0).margin(0.05));
    require_bounds(r);
    // ...and with the whole morning weighed alike at least 70% of the way.
    fc::intraday_options persistent;
    persistent.half_life_hours = std::numeric_limits<double>::infinity();
    persistent.lead_decay_hours = std::numeric_limits<double>::infinity();
    const auto p = fc::reforecast_day(h, now, persistent);
    CHECK(p.factor >= 1.0 + 0.7 * 0.2);
    CHECK(p.factor <= 1.3);
    // Without the fade the whole rest of the day moves by the factor.
    REQUIRE(rest_sum(p.point) == Approx(p.factor * rest_sum(p.day_ahead)).epsilon(1e-12));
}

TEST_CASE("intraday: a normal day is left nearly unchanged", "[forecast][intraday]") {
    for (const auto cut : {10h, 13h, 16h}) {
        const timestamp now = today + cut;
        const auto r = fc::reforecast_day(history(now, 1.0), now, {});
        INFO(wfm::format_timestamp(now));
        CHECK(std::abs(r.factor - 1.0) <= 0.04);
        require_bounds(r);
    }
}

TEST_CASE("intraday: nothing observed gives the day-ahead forecast exactly",
          "[forecast][intraday]") {
    for (const auto cut : {0h, 7h, 8h}) {
        const timestamp now = today + cut;
        const auto h = history(now, 1.5);
        const auto r = fc::reforecast_day(h, now, {});
        fc::forecast_options fo;
        fo.horizon = std::chrono::days{1};
        const auto day = fc::forecast(h, today, fo);
        INFO(wfm::format_timestamp(now));
        REQUIRE(r.factor == 1.0);
        REQUIRE(r.weight == 0.0);
        for (std::size_t i = 0; i < r.point.size(); ++i) {
            const auto k = day.point.index_of(r.point.time_at(i));
            REQUIRE(k);
            REQUIRE(r.point.state(i) == day.point.state(*k));
            REQUIRE(r.point.value(i) == day.point.value(*k)); // bit-equal
            REQUIRE(r.lower.value(i) == day.lower.value(*k));
            REQUIRE(r.upper.value(i) == day.upper.value(*k));
            REQUIRE(r.day_ahead.value(i) == day.point.value(*k));
        }
    }
}

TEST_CASE("intraday: closed intervals stay 0 and the rest of the day is on the grid",
          "[forecast][intraday]") {
    const timestamp now = today + 13h;
    const auto r = fc::reforecast_day(history(now, 1.3), now, {});
    REQUIRE(r.point.start() == now);
    REQUIRE(r.point.size() == 22);           // 13:00 to midnight
    REQUIRE(r.point.observed_count() == 14); // 13:00-20:00
    for (std::size_t i = 14; i < r.point.size(); ++i) {
        REQUIRE(r.point.state(i) == wfm::slot_state::closed);
        REQUIRE(r.upper.state(i) == wfm::slot_state::closed);
        REQUIRE(r.upper.value(i) == 0.0);
    }
    require_bounds(r);
}

TEST_CASE("intraday: intervals narrow as the day is observed", "[forecast][intraday]") {
    // Once anything is observed the band is the conformal one, calibrated on the same update
    // replayed on the last 15 days. Here the days are Poisson around a fixed level, so once the
    // morning is seen the band at 18:00 stays near the Poisson floor 2·z·√(P + 1) / P
    // (z = 1.2816, P ≈ 253): it cannot narrow further, and it does not widen by more than the
    // sampling noise of 15 days' coverage. (The day-ahead band here, 0.149, is below that
    // floor: its in-history calibration under-covers this Poisson day.)
    const timestamp late = today + 18h;
    auto width_at = [&](std::chrono::hours cut) {
        const timestamp now = today + cut;
        return relative_width(fc::reforecast_day(history(now, 1.0), now, {}), late);
    };
    const double floor = 2.0 * 1.2816 * std::sqrt(mean_at(36) + 1.0) / mean_at(36);
    INFO("Poisson floor " << floor);
    for (const auto cut : {10h, 13h, 16h}) {
        const double w = width_at(cut);
        INFO(cut.count() << ":00 " << w);
        CHECK(w >= 0.97 * floor);
        CHECK(w <= 1.15 * floor);
    }
}

TEST_CASE("intraday: bounds stay ordered on a day far below and far above the forecast",
          "[forecast][intraday]") {
    for (const double factor : {0.05, 0.5, 3.0}) {
        for (const auto cut : {9h, 12h, 19h}) {
            const timestamp now = today + cut;
            INFO(factor << " " << wfm::format_timestamp(now));
            const auto r = fc::reforecast_day(history(now, factor), now, {});
            CHECK((factor < 1.0 ? r.factor < 1.0 : r.factor > 1.0));
            require_bounds(r);
        }
    }
}

TEST_CASE("intraday: nothing at or after now is used, and a precomputed day-ahead gives the "
          "same result",
          "[forecast][intraday]") {
    const timestamp now = today + 11h;
    const auto h = history(now, 1.2);
    auto longer = history(today + 1h * 24, 1.2, 7);
    for (std::size_t i = *longer.index_of(now); i < longer.size(); ++i) {
        longer.set(i, 1e6); // after now: must be ignored
    }
    const auto a = fc::reforecast_day(h, now, {});
    const auto b = fc::reforecast_day(longer, now, {});
    fc::intraday_options o;
    o.day_ahead.horizon = std::chrono::days{1};
    o.precomputed = fc::forecast(h, today, o.day_ahead);
    const auto c = fc::reforecast_day(h, now, o);
    // The calibration's past forecasts made once a day give the same band.
    o.precomputed_past = fc::past_day_aheads(h, today, o.precomputed->method, o);
    const auto d = fc::reforecast_day(h, now, o);
    REQUIRE(a.calibration >= 0.0);
    REQUIRE(d.calibration == a.calibration);
    for (std::size_t i = 0; i < a.point.size(); ++i) {
        REQUIRE(a.point.value(i) == b.point.value(i));
        REQUIRE(a.upper.value(i) == c.upper.value(i));
        REQUIRE(a.point.value(i) == c.point.value(i));
        REQUIRE(a.upper.value(i) == d.upper.value(i));
        REQUIRE(a.lower.value(i) == d.lower.value(i));
    }
    // Without the calibration the band is the one derived from the day-ahead interval.
    fc::intraday_options old;
    old.calibration_days = 0;
    REQUIRE(fc::reforecast_day(h, now, old).calibration < 0.0);
}

TEST_CASE("intraday: bad now, options and precomputed forecasts throw", "[forecast][intraday]") {
    const timestamp now = today + 10h;
    const auto h = history(now, 1.0);
    REQUIRE_THROWS_AS(fc::reforecast_day(h, now + 10min, {}), wfm::invalid_argument);
    fc::intraday_options o;
    o.shape_share = 1.5;
    REQUIRE_THROWS_AS(fc::reforecast_day(h, now, o), wfm::invalid_argument);
    o = {};
    o.half_life_hours = 0.0;
    REQUIRE_THROWS_AS(fc::reforecast_day(h, now, o), wfm::invalid_argument);
    o = {};
    o.lead_decay_hours = 0.0;
    REQUIRE_THROWS_AS(fc::reforecast_day(h, now, o), wfm::invalid_argument);
    o = {};
    o.calibration_days = -1;
    REQUIRE_THROWS_AS(fc::reforecast_day(h, now, o), wfm::invalid_argument);
    o.calibration_days = 101;
    REQUIRE_THROWS_AS(fc::reforecast_day(h, now, o), wfm::invalid_argument);
    o = {};
    o.day_ahead.horizon = std::chrono::days{1};
    o.precomputed = fc::forecast(h, today - std::chrono::days{7}, o.day_ahead); // last week
    REQUIRE_THROWS_AS(fc::reforecast_day(h, now, o), wfm::invalid_argument);
}
