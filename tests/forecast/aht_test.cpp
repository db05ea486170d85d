// forecast_aht's empirical-Bayes shrinkage: sparse slots follow the time-of-day profile,
// well-observed slots keep their own mean.
#include "dates.hpp"

#include <wfm/forecast/forecast.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>

using namespace std::chrono_literals;
namespace fc = wfm::forecast;
using wfm::local_date;
using wfm::timestamp;
using wfm::test::monday_2024_01_01;

namespace {

// Eight weeks, 30-minute grid, every day 08:00-18:00; value(day, slot) per open interval.
wfm::time_series eight_weeks(const std::function<double(local_date, int)>& value) {
    const wfm::interval_grid grid{30min};
    wfm::time_series s{grid, timestamp{monday_2024_01_01}, 8 * 7 * 48};
    for (std::size_t i = 0; i < s.size(); ++i) {
        const timestamp t = s.time_at(i);
        const int slot = grid.slot_of_day(t);
        if (slot >= 16 && slot < 36) {
            s.set(i, value(wfm::day_of(t), slot));
        }
    }
    return s;
}

// Largest jump between adjacent open slots of one day.
double largest_jump(const wfm::time_series& f) {
    double jump = 0.0;
    for (std::size_t i = 1; i < f.size(); ++i) {
        const int slot = f.grid().slot_of_day(f.time_at(i));
        if (slot > 16 && slot < 36) {
            jump = std::max(jump, std::abs(f.value(i) - f.value(i - 1)));
        }
    }
    return jump;
}

} // namespace

TEST_CASE("forecast_aht: a jagged low-volume series gives a smooth forecast", "[forecast][aht]") {
    // Alternating 150 s and 250 s slots with one answered contact each per week: the slot means
    // jump by 100 s, which is noise at 8 contacts a slot.
    const auto aht =
        eight_weeks([](local_date, int slot) { return slot % 2 == 0 ? 150.0 : 250.0; });
    const auto answered = eight_weeks([](local_date, int) { return 1.0; });
    const timestamp origin = aht.end();
    const auto f = fc::forecast_aht(aht, answered, origin, std::chrono::days{7});
    REQUIRE(f.observed_count() == f.size());
    REQUIRE(largest_jump(f) < 15.0); // 100 s without the shrinkage
    for (std::size_t i = 0; i < f.size(); ++i) {
        REQUIRE(f.value(i) > 150.0);
        REQUIRE(f.value(i) < 250.0);
    }
}

TEST_CASE("forecast_aht: high-volume slots keep their own weekday-and-slot mean",
          "[forecast][aht]") {
    // 2000 answered per slot and week (a large centre); Monday 10:00 runs at 300 s, Tuesday
    // 10:30 at 120 s, everything else at 200 s. The prior moves a slot by k / (n + k) of its
    // distance to the profile: 0.6% of it here.
    auto mean = [](local_date d, int slot) {
        const int w = wfm::weekday_index(d);
        return w == 0 && slot == 20 ? 300.0 : w == 1 && slot == 21 ? 120.0 : 200.0;
    };
    const auto aht = eight_weeks(mean);
    const auto answered = eight_weeks([](local_date, int) { return 2000.0; });
    const timestamp origin = aht.end();
    const auto f = fc::forecast_aht(aht, answered, origin, std::chrono::days{7});
    for (std::size_t i = 0; i < f.size(); ++i) {
        const timestamp t = f.time_at(i);
        INFO(wfm::format_timestamp(t));
        REQUIRE(f.value(i) == Approx(mean(wfm::day_of(t), f.grid().slot_of_day(t))).epsilon(0.005));
    }
}

TEST_CASE("forecast_aht: the shrinkage formula with its documented prior weight",
          "[forecast][aht]") {
    // Two weeks on a 60-minute grid. Monday 09:00: 100 s over 1 call, then 200 s over 3 calls.
    // Wednesday 10:00: 50 s over 1 call each week. Nothing else.
    const wfm::interval_grid grid{60min};
    auto pick = [&](double first, double second, double wednesday) {
        wfm::time_series s{grid, timestamp{monday_2024_01_01}, 14 * 24};
        s.set(9, first);
        s.set(7 * 24 + 9, second);
        s.set(2 * 24 + 10, wednesday);
        s.set(9 * 24 + 10, wednesday);
        return s;
    };
    const auto aht = pick(100.0, 200.0, 50.0);
    const auto answered = pick(1.0, 3.0, 1.0);
    const timestamp origin = aht.end();
    const auto f = fc::forecast_aht(aht, answered, origin, std::chrono::days{7});
    auto at = [&](int day, std::chrono::hours h) {
        return f.value(*f.index_of(origin + std::chrono::days{day} + h));
    };
    const double k = fc::aht_prior_contacts;
    const double overall = (100.0 + 600.0 + 50.0 + 50.0) / 6.0;
    // Slot-of-day profiles over the slot and its neighbours: 08-10 h holds all 6 contacts.
    const double profile9 = (800.0 + k * overall) / (6.0 + k);
    const double profile11 = (100.0 + k * overall) / (2.0 + k); // slots 10-12 h
    REQUIRE(at(0, 9h) == Approx((700.0 + k * profile9) / (4.0 + k)));
    REQUIRE(at(1, 9h) == Approx(profile9)); // no Tuesday data: the profile
    REQUIRE(at(2, 10h) == Approx((100.0 + k * profile9) / (2.0 + k)));
    REQUIRE(at(1, 11h) == Approx(profile11));
    REQUIRE(at(1, 15h) == Approx(overall)); // no data nearby: the overall mean
}
