#include "dates.hpp"

#include <wfm/core/error.hpp>
#include <wfm/forecast/forecast.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <limits>

using namespace std::chrono_literals;
namespace fc = wfm::forecast;
using wfm::local_date;
using wfm::timestamp;
using wfm::test::monday_2024_01_01;

namespace {

constexpr std::array<double, 5> weekday_mix{1.3, 1.0, 0.9, 0.95, 1.05};

using day_fn = std::function<double(local_date)>;

double shape(int slot) {
    return 1.0 + 0.5 * std::sin((slot - 8) * 0.6);
}

// Weekdays 08:00-18:00 on a 60-minute grid: day total × a fixed intraday shape that sums to 1;
// weekends have no rows.
wfm::time_series weekday_series(int days, const day_fn& total) {
    double shape_sum = 0.0;
    for (int slot = 8; slot < 18; ++slot) {
        shape_sum += shape(slot);
    }
    const wfm::interval_grid grid{60min};
    wfm::time_series s{grid, timestamp{monday_2024_01_01}, static_cast<std::size_t>(days) * 24};
    for (std::size_t i = 0; i < s.size(); ++i) {
        const timestamp t = s.time_at(i);
        const int slot = grid.slot_of_day(t);
        const local_date d = wfm::day_of(t);
        if (wfm::weekday_index(d) < 5 && slot >= 8 && slot < 18) {
            s.set(i, total(d) * shape(slot) / shape_sum);
        }
    }
    return s;
}

double ordinary_total(local_date d) {
    return 10000.0 * weekday_mix[static_cast<std::size_t>(wfm::weekday_index(d))];
}

// The forecast's total on date `d`.
double day_total(const wfm::time_series& f, local_date d) {
    double sum = 0.0;
    for (std::size_t i = 0; i < f.size(); ++i) {
        if (wfm::day_of(f.time_at(i)) == d && f.observed(i)) {
            sum += f.value(i);
        }
    }
    return sum;
}

local_date date(int month, int day) {
    return local_date{std::chrono::year{2024} / month / day};
}

const fc::method regression = fc::method::parse("regression");

} // namespace

TEST_CASE("regression: a pure multiplicative weekday × slot pattern is recovered exactly",
          "[forecast][regression]") {
    const auto history = weekday_series(12 * 7, ordinary_total);
    const auto truth = weekday_series(13 * 7, ordinary_total);
    const timestamp origin{monday_2024_01_01 + std::chrono::days{12 * 7}};
    const auto f = fc::point_forecast(history, origin, std::chrono::days{7}, regression);
    std::size_t open = 0;
    for (std::size_t i = 0; i < f.size(); ++i) {
        const auto j = truth.index_of(f.time_at(i));
        REQUIRE(j);
        INFO(wfm::format_timestamp(f.time_at(i)));
        REQUIRE(f.observed(i) == truth.observed(*j));
        if (f.observed(i)) {
            REQUIRE(f.value(i) == Approx(truth.value(*j)).epsilon(1e-6));
            ++open;
        }
    }
    REQUIRE(open == 5 * 10);
}

TEST_CASE("regression: month-start and mid-month effects are recovered, shrunk by one pseudo-day",
          "[forecast][regression]") {
    // 26 weeks with the first business day of each month 25% high and the first business day
    // from the 15th 10% high: six of each in the history. The ridge of one pseudo-day at effect
    // 0 shrinks a log effect seen on n = 6 days by about n / (n + 1); the week intercepts take a
    // little more (a week with an effect day has a higher intercept), so the recovered effect
    // lies between e^(6/8) and e^(6/7).
    auto total = [](local_date d) {
        const std::chrono::year_month_day ymd{d};
        const auto day = static_cast<unsigned>(ymd.day());
        const bool monday = wfm::weekday_index(d) == 0;
        // First business day: the 1st on a weekday, else the Monday after (2nd or 3rd).
        const bool first = day == 1 || (monday && day <= 3);
        const bool mid = day == 15 || (monday && day >= 16 && day <= 17);
        return ordinary_total(d) * (first ? 1.25 : 1.0) * (mid ? 1.10 : 1.0);
    };
    const auto history = weekday_series(26 * 7, total);
    const timestamp origin{date(7, 1)}; // Monday, the first business day of July
    const auto f = fc::point_forecast(history, origin, std::chrono::days{21}, regression);
    const double ordinary = day_total(f, date(7, 8)); // a Monday with no effect
    REQUIRE(ordinary == Approx(ordinary_total(date(7, 8))).epsilon(0.01));
    for (const auto& [d, effect] : {std::pair{date(7, 1), 1.25}, std::pair{date(7, 15), 1.10}}) {
        INFO(wfm::format_timestamp(timestamp{d}));
        const double ratio = day_total(f, d) / ordinary;
        REQUIRE(ratio > std::pow(effect, 6.0 / 8.0));
        REQUIRE(ratio < std::pow(effect, 6.0 / 7.0));
    }
    // A day with no effect in the truth keeps factor 1 (the 2nd business day of July).
    REQUIRE(day_total(f, date(7, 2)) == Approx(ordinary_total(date(7, 2))).epsilon(0.01));
}

TEST_CASE("regression: the level follows a step within weeks and one outlier day moves it little",
          "[forecast][regression]") {
    const timestamp origin{monday_2024_01_01 + std::chrono::days{16 * 7}};
    const local_date monday = wfm::day_of(origin);
    // A 10% step six weeks before the origin: the smoothed level has caught up.
    const auto stepped = weekday_series(16 * 7, [&](local_date d) {
        return ordinary_total(d) * (d >= monday - std::chrono::days{42} ? 1.1 : 1.0);
    });
    const auto f = fc::point_forecast(stepped, origin, std::chrono::days{1}, regression);
    REQUIRE(day_total(f, monday) == Approx(1.1 * ordinary_total(monday)).epsilon(0.01));
    // The Friday before the origin twice as busy: with a clip of 0.08 the level's step is cut to
    // 0.3 × 0.08 on the log scale (2.4%); the least-squares effects (that week's intercept, the
    // weekday effects) still feel the day a little, so Monday rises by under 5%.
    const auto outlier = weekday_series(16 * 7, [&](local_date d) {
        return ordinary_total(d) * (d == monday - std::chrono::days{3} ? 2.0 : 1.0);
    });
    const fc::regression_tuning clipped{0.3, 0.08};
    const auto g =
        fc::point_forecast(outlier, origin, std::chrono::days{1}, regression, {}, clipped);
    const double rise = day_total(g, monday) / ordinary_total(monday) - 1.0;
    REQUIRE(rise > 0.0);
    REQUIRE(rise < 0.05);
    // With the default clip of 1 (chosen on validation weeks) the same day moves the level by
    // alpha × log 2: Monday rises by about 2^0.3 − 1 ≈ 23%.
    const auto h = fc::point_forecast(outlier, origin, std::chrono::days{1}, regression);
    REQUIRE(day_total(h, monday) / ordinary_total(monday) ==
            Approx(std::pow(2.0, 0.3)).epsilon(0.02));
}

TEST_CASE("regression: the name parses, zero histories give zero, bad tuning or margin is rejected",
          "[forecast][regression]") {
    REQUIRE(regression.name() == "regression");
    REQUIRE(regression.kind == fc::method_kind::regression);
    const auto zeros = weekday_series(6 * 7, [](local_date) { return 0.0; });
    fc::forecast_options options;
    options.method = regression;
    const auto r = fc::forecast(zeros, zeros.end(), options);
    for (std::size_t i = 0; i < r.point.size(); ++i) {
        if (r.point.observed(i)) {
            REQUIRE(r.point.value(i) == 0.0);
            REQUIRE(r.upper.value(i) == 0.0);
        }
    }
    const auto history = weekday_series(6 * 7, ordinary_total);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (const auto t :
         {fc::regression_tuning{0.0, 0.08}, fc::regression_tuning{1.5, 0.08},
          fc::regression_tuning{0.3, 0.0}, fc::regression_tuning{nan, 0.08},
          fc::regression_tuning{0.3, nan}, fc::regression_tuning{0.3, 1.0, -0.1, 0.9},
          fc::regression_tuning{0.3, 1.0, 1.5, 0.9}, fc::regression_tuning{0.3, 1.0, nan, 0.9},
          fc::regression_tuning{0.3, 1.0, 0.5, 0.0}, fc::regression_tuning{0.3, 1.0, 0.5, 1.5},
          fc::regression_tuning{0.3, 1.0, 0.5, nan}}) {
        REQUIRE_THROWS_AS(
            fc::point_forecast(history, history.end(), std::chrono::days{1}, regression, {}, t),
            wfm::invalid_argument);
    }
    for (double margin : {-0.1, 1.0, nan}) {
        fc::forecast_options bad;
        bad.auto_margin = margin;
        REQUIRE_THROWS_WITH(fc::forecast(history, history.end(), bad),
                            Catch::Contains("auto_margin must be in [0, 1)"));
    }
}

TEST_CASE("regression: a damped trend follows growth and its daily step shrinks by the damping",
          "[forecast][regression]") {
    const timestamp origin{monday_2024_01_01 + std::chrono::days{16 * 7}};
    const local_date monday = wfm::day_of(origin);
    const auto days = [&](local_date d) { return (d - monday_2024_01_01).count(); };
    // 16 weeks growing 0.2% a calendar day (1.4% a week).
    const auto growing = [&](local_date d) {
        return ordinary_total(d) * std::exp(0.002 * days(d));
    };
    const auto history = weekday_series(16 * 7, growing);
    const auto week = std::chrono::days{7};
    const fc::regression_tuning level{0.3, 1.0, 0.0, 0.8};
    const fc::regression_tuning trend{0.3, 1.0, 0.5, 0.8};
    const auto none = fc::point_forecast(history, origin, week, regression, {}, level);
    const auto damped = fc::point_forecast(history, origin, week, regression, {}, trend);
    // Without a trend the level lags the growth; the trend forecast is above it and nearer the
    // continued growth on every day of the week.
    for (int k = 0; k < 5; ++k) {
        const local_date d = monday + std::chrono::days{k};
        INFO(wfm::format_timestamp(timestamp{d}));
        REQUIRE(day_total(damped, d) > day_total(none, d));
        REQUIRE(std::abs(day_total(damped, d) - growing(d)) <
                std::abs(day_total(none, d) - growing(d)));
    }
    // log(total + 1) is level + effects + (φ + … + φʰ)·b at h business days, and the no-trend
    // forecast has the same effects and a level constant in h, so the day-to-day steps of the
    // difference of the two log totals are b·φʰ: each is φ times the one before.
    std::vector<double> gap;
    for (int k = 0; k < 5; ++k) {
        const local_date d = monday + std::chrono::days{k};
        gap.push_back(std::log(day_total(damped, d) + 1.0) - std::log(day_total(none, d) + 1.0));
    }
    for (std::size_t k = 2; k < gap.size(); ++k) {
        REQUIRE((gap[k] - gap[k - 1]) / (gap[k - 1] - gap[k - 2]) == Approx(0.8).epsilon(1e-6));
    }
    // β = 0 is the level alone, whatever the damping.
    const auto flat = fc::point_forecast(history, origin, week, regression, {},
                                         fc::regression_tuning{0.3, 1.0, 0.0, 0.5});
    for (std::size_t i = 0; i < flat.size(); ++i) {
        REQUIRE(flat.value(i) == none.value(i));
    }
}
