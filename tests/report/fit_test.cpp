#include <wfm/core/error.hpp>
#include <wfm/report/fit.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <vector>

namespace {

using namespace std::chrono;

wfm::timestamp at(int y, unsigned m, unsigned d, int hour, int minute) {
    return wfm::timestamp{wfm::local_date{year{y} / month{m} / day{d}}} + hours{hour} +
           minutes{minute};
}

} // namespace

TEST_CASE("fit: hand-computed totals, ratios and shares", "[report][fit]") {
    // r: 10 20 0 0 5, c: 11 19 0 2 5. In scope: all but the third (r = c = 0).
    // Σr = 35, shortage = 1 (second), redundancy = 1 + 2 = 3, fit = 1 − 4/35 = 31/35.
    // covered: first, fourth, fifth; within 5 %: second (|−1| ≤ 1) and fifth;
    // within 10 %: first (1 ≤ 1), second, fifth.
    const std::vector<double> r{10, 20, 0, 0, 5};
    const std::vector<double> c{11, 19, 0, 2, 5};
    const auto t = wfm::report::fit_of(r, c);
    CHECK(t.intervals == 4);
    CHECK(t.required == 35.0);
    CHECK(t.scheduled == 37.0);
    CHECK(t.shortage == 1.0);
    CHECK(t.redundancy == 3.0);
    CHECK(*t.fit() == Approx(31.0 / 35.0));
    CHECK(*t.shortage_ratio() == Approx(1.0 / 35.0));
    CHECK(*t.redundancy_ratio() == Approx(3.0 / 35.0));
    CHECK(*t.covered_share() == Approx(0.75));
    CHECK(*t.within_5_share() == Approx(0.5));
    CHECK(*t.within_10_share() == Approx(0.75));
}

TEST_CASE("fit: intervals with nothing required follow the documented rules", "[report][fit]") {
    const auto closed = wfm::report::fit_interval(0.0, 0.0);
    CHECK_FALSE(closed.in_scope);
    CHECK_FALSE(closed.covered);
    const auto idle = wfm::report::fit_interval(0.0, 3.0);
    CHECK(idle.in_scope);
    CHECK(idle.covered);
    CHECK_FALSE(idle.within_5);
    CHECK_FALSE(idle.within_10);
    CHECK(idle.gap == 3.0);
    const auto exact = wfm::report::fit_interval(7.5, 7.5);
    CHECK(exact.covered);
    CHECK(exact.within_5);

    // Only idle intervals: shares defined, ratios over Σr = 0 are not.
    const auto t = wfm::report::fit_of(std::vector<double>{0, 0}, std::vector<double>{0, 2});
    CHECK(t.intervals == 1);
    CHECK_FALSE(t.fit().has_value());
    CHECK_FALSE(t.shortage_ratio().has_value());
    CHECK(*t.covered_share() == 1.0);
    const auto none = wfm::report::fit_of(std::vector<double>{}, std::vector<double>{});
    CHECK_FALSE(none.covered_share().has_value());
    CHECK_FALSE(none.fit().has_value());
}

TEST_CASE("fit: fit = 1 − shortage − redundancy and Σc − Σr = redundancy − shortage",
          "[report][fit]") {
    std::mt19937 engine{12345};
    std::uniform_int_distribution<int> agents{0, 40};
    std::bernoulli_distribution closed{0.2};
    for (int trial = 0; trial < 50; ++trial) {
        std::vector<double> r(96);
        std::vector<double> c(96);
        for (std::size_t i = 0; i < r.size(); ++i) {
            r[i] = closed(engine) ? 0.0 : agents(engine) + 0.5;
            c[i] = closed(engine) ? 0.0 : agents(engine);
        }
        const auto t = wfm::report::fit_of(r, c);
        CHECK(*t.fit() == Approx(1.0 - *t.shortage_ratio() - *t.redundancy_ratio()));
        CHECK(t.scheduled - t.required == Approx(t.redundancy - t.shortage).margin(1e-9));
        double abs_gap = 0.0;
        for (std::size_t i = 0; i < r.size(); ++i) {
            abs_gap += std::abs(c[i] - r[i]);
        }
        CHECK(*t.fit() == Approx(1.0 - abs_gap / t.required));
        CHECK(t.within_5 <= t.within_10);
        CHECK(t.within_10 <= t.intervals);
        CHECK(t.covered <= t.intervals);
    }
}

TEST_CASE("fit: day and ISO-week groups add up to the whole", "[report][fit]") {
    // Sunday 2026-11-01 23:30 … Monday 2026-11-02 00:30 crosses a day and an ISO week.
    const std::vector<wfm::timestamp> times{at(2026, 11, 1, 23, 30), at(2026, 11, 1, 23, 45),
                                            at(2026, 11, 2, 0, 0), at(2026, 11, 2, 0, 15),
                                            at(2026, 11, 3, 9, 0)};
    const std::vector<double> r{4, 4, 2, 2, 10};
    const std::vector<double> c{5, 3, 2, 0, 10};
    const auto days = wfm::report::fit_by_day(times, r, c);
    REQUIRE(days.size() == 3);
    CHECK(days[0].start == wfm::local_date{year{2026} / 11 / 1});
    CHECK(*days[0].totals.fit() == Approx(1.0 - 2.0 / 8.0));
    CHECK(*days[1].totals.fit() == Approx(0.5));
    CHECK(*days[2].totals.fit() == Approx(1.0));
    const auto weeks = wfm::report::fit_by_week(times, r, c);
    REQUIRE(weeks.size() == 2);
    CHECK(weeks[0].start == wfm::local_date{year{2026} / 10 / 26});
    CHECK(weeks[1].start == wfm::local_date{year{2026} / 11 / 2});
    CHECK(weeks[1].totals.required == 14.0);
    CHECK(weeks[1].totals.shortage == 2.0);

    wfm::report::fit_totals sum;
    for (const auto& d : days) {
        sum += d.totals;
    }
    const auto all = wfm::report::fit_of(r, c);
    CHECK(sum.required == all.required);
    CHECK(sum.shortage == all.shortage);
    CHECK(sum.redundancy == all.redundancy);
    CHECK(sum.intervals == all.intervals);
    CHECK(sum.within_10 == all.within_10);
}

TEST_CASE("fit: bad values and size mismatches are rejected with the index", "[report][fit]") {
    CHECK_THROWS_AS(wfm::report::fit_of(std::vector<double>{1, 2}, std::vector<double>{1}),
                    wfm::invalid_argument);
    CHECK_THROWS_WITH(wfm::report::fit_of(std::vector<double>{1, -2}, std::vector<double>{1, 1}),
                      Catch::Contains("interval 1") && Catch::Contains("-2"));
    CHECK_THROWS_WITH(
        wfm::report::fit_of(std::vector<double>{1, 2}, std::vector<double>{1, std::nan("")}),
        Catch::Contains("scheduled") && Catch::Contains("nan"));
    const std::vector<wfm::timestamp> one{at(2026, 11, 2, 9, 0)};
    CHECK_THROWS_WITH(
        wfm::report::fit_by_day(one, std::vector<double>{1, 2}, std::vector<double>{1, 2}),
        Catch::Contains("fit_by_day") && Catch::Contains("1 timestamps"));
}
