#include <wfm/core/error.hpp>
#include <wfm/core/time.hpp>

#include <catch2/catch.hpp>

using namespace std::chrono_literals;

TEST_CASE("time: timestamps parse and format round trip", "[core]") {
    const auto t = wfm::parse_timestamp("2003-03-03T07:05");
    CHECK(wfm::format_timestamp(t) == "2003-03-03T07:05");
    CHECK(wfm::format_timestamp(wfm::parse_timestamp("2003-03-03 23:55:00")) == "2003-03-03T23:55");
    CHECK(wfm::minute_of_day(t) == 7 * 60 + 5);
    CHECK(wfm::weekday_index(t) == 0);                             // 2003-03-03 was a Monday
    CHECK(wfm::weekday_index(wfm::parse_date("2026-11-29")) == 6); // a Sunday
    CHECK(wfm::format_date(wfm::week_start(wfm::parse_date("2026-11-29"))) == "2026-11-23");
}

TEST_CASE("time: invalid timestamps are rejected with the text in the message", "[core]") {
    for (const char* bad : {"2003-02-30T07:00", "2003-03-03T24:00", "2003-03-03T07:60",
                            "03-03-2003 07:00", "2003-03-03", "", "2003-03-03T07:00:61"}) {
        CAPTURE(bad);
        CHECK_FALSE(wfm::try_parse_local_seconds(bad).has_value());
        CHECK_THROWS_AS(wfm::parse_timestamp(bad), wfm::invalid_argument);
    }
    CHECK_THROWS_WITH(wfm::parse_timestamp("2003-03-03T07:00:30"),
                      Catch::Contains("not on a whole minute"));
    CHECK_THROWS_WITH(wfm::parse_date("2003-13-01"), Catch::Contains("'2003-13-01'"));
}

TEST_CASE("time: leap days and year ends are calendar-correct", "[core]") {
    CHECK(wfm::try_parse_date("2024-02-29").has_value());
    CHECK_FALSE(wfm::try_parse_date("2023-02-29").has_value());
    const auto t = wfm::parse_timestamp("2025-12-31T23:30") + 30min;
    CHECK(wfm::format_timestamp(t) == "2026-01-01T00:00");
}

TEST_CASE("time: interval grid slots and validation", "[core]") {
    const wfm::interval_grid g{15min};
    CHECK(g.slots_per_day() == 96);
    CHECK(g.slots_per_week() == 672);
    const auto t = wfm::parse_timestamp("2026-11-24T10:40"); // a Tuesday
    CHECK(g.slot_of_day(t) == 42);
    CHECK(g.slot_of_week(t) == 96 + 42);
    CHECK_FALSE(g.on_grid(t));
    CHECK(wfm::format_timestamp(g.floor(t)) == "2026-11-24T10:30");
    CHECK(wfm::interval_grid::parse("1h").minutes() == 60);
    CHECK(wfm::interval_grid::parse("30min").minutes() == 30);
    CHECK_THROWS_WITH(wfm::interval_grid::parse("20m"), Catch::Contains("got 20"));
    CHECK_THROWS_AS(wfm::interval_grid::parse("abc"), wfm::invalid_argument);
}

// The calendar arithmetic and the grid are constexpr: these hold at compile time.
static_assert(wfm::interval_grid{std::chrono::minutes{15}}.slots_per_week() == 672);
static_assert(wfm::weekday_name(6) == "Sun");
static_assert(wfm::weekday_index(wfm::local_date{std::chrono::year{2003} / 3 / 3}) == 0);
static_assert(wfm::interval_grid{std::chrono::minutes{30}}.slot_of_week(
                  wfm::local_date{std::chrono::year{2026} / 11 / 24} + std::chrono::hours{10} +
                  std::chrono::minutes{40}) == 48 + 21);

TEST_CASE("time: dates format zero-padded and weekday names reject other indices", "[core]") {
    CHECK(wfm::format_date(wfm::local_date{std::chrono::year{7} / 1 / 2}) == "0007-01-02");
    CHECK(wfm::format_date(wfm::local_date{std::chrono::year{-5} / 12 / 31}) == "-005-12-31");
    CHECK(wfm::format_timestamp(wfm::parse_timestamp("2026-03-02T00:05")) == "2026-03-02T00:05");
    CHECK(wfm::interval_grid{std::chrono::minutes{5}}.name() == "5m");
    CHECK_THROWS_WITH(wfm::weekday_name(7), "weekday_name: index 7 not in 0..6");
    CHECK_THROWS_WITH(wfm::interval_grid{std::chrono::minutes{-20}},
                      "interval_grid: step must be 5, 10, 15, 30 or 60 minutes, got -20");
}
