#include <wfm/core/error.hpp>
#include <wfm/core/series.hpp>

#include <catch2/catch.hpp>

using namespace std::chrono_literals;

namespace {
wfm::time_series five_minute_hour() {
    wfm::time_series s{wfm::interval_grid{5min}, wfm::parse_timestamp("2026-03-02T08:00"), 12};
    for (std::size_t i = 0; i < s.size(); ++i) {
        s.set(i, static_cast<double>(i + 1));
    }
    return s;
}
} // namespace

TEST_CASE("series: aggregation sums counts and conserves the total", "[core]") {
    const auto s = five_minute_hour();
    const auto h = wfm::aggregate_sum(s, wfm::interval_grid{30min});
    REQUIRE(h.size() == 2);
    CHECK(h.value(0) == 21.0); // 1+…+6
    CHECK(h.value(1) == 57.0); // 7+…+12
    CHECK(h.observed_sum() == s.observed_sum());
}

TEST_CASE("series: a missing input makes the coarse interval missing, closed ones count 0",
          "[core]") {
    auto s = five_minute_hour();
    s.set_missing(2);
    s.set_closed(8);
    const auto h = wfm::aggregate_sum(s, wfm::interval_grid{30min});
    CHECK(h.state(0) == wfm::slot_state::missing);
    CHECK(h.value(1) == 57.0 - 9.0);
}

TEST_CASE("series: weighted mean weights AHT by answered", "[core]") {
    wfm::time_series aht{wfm::interval_grid{15min}, wfm::parse_timestamp("2026-03-02T08:00"), 2};
    wfm::time_series answered = aht;
    aht.set(0, 100.0);
    answered.set(0, 3.0);
    aht.set(1, 200.0);
    answered.set(1, 1.0);
    const auto m = wfm::aggregate_weighted_mean(aht, answered, wfm::interval_grid{30min});
    CHECK(m.value(0) == Approx(125.0));
}

TEST_CASE("series: clipping keeps states and timestamps, not positions", "[core]") {
    const auto s = five_minute_hour();
    const auto c = wfm::clip(s, wfm::parse_timestamp("2026-03-02T08:20"),
                             wfm::parse_timestamp("2026-03-02T09:30"));
    CHECK(wfm::format_timestamp(c.start()) == "2026-03-02T08:20");
    CHECK(c.value(0) == 5.0);
    CHECK(c.observed_count() == 8);
    CHECK(c.state(c.size() - 1) == wfm::slot_state::closed);
    CHECK(c.index_of(wfm::parse_timestamp("2026-03-02T08:25")) == std::optional<std::size_t>{1});
    CHECK_FALSE(c.index_of(wfm::parse_timestamp("2026-03-02T08:27")).has_value());
}

TEST_CASE("series: rejects a start off the grid and non-finite values", "[core]") {
    CHECK_THROWS_AS(
        (wfm::time_series{wfm::interval_grid{15min}, wfm::parse_timestamp("2026-03-02T08:05"), 1}),
        wfm::invalid_argument);
    auto s = five_minute_hour();
    CHECK_THROWS_AS(s.set(0, std::numeric_limits<double>::quiet_NaN()), wfm::invalid_argument);
}

namespace {
// Five-minute rows 07:05-21:00 on 2026-03-02 (the day's open span is 07:05-21:05), 1 call each,
// and a hole (no rows) at 12:00-12:10.
wfm::time_series five_minute_day() {
    const auto first = wfm::parse_timestamp("2026-03-02T07:05");
    wfm::time_series s{wfm::interval_grid{5min}, first, 14 * 12};
    for (std::size_t i = 0; i < s.size(); ++i) {
        const int minute = wfm::minute_of_day(s.time_at(i));
        if (minute < 12 * 60 || minute >= 12 * 60 + 10) {
            s.set(i, 1.0);
        }
    }
    return s;
}
} // namespace

TEST_CASE("series: partial edge intervals are scaled to the full-interval rate and listed",
          "[core][partial]") {
    const auto s = five_minute_day();
    const auto a = wfm::aggregate_counts(s, wfm::interval_grid{15min});
    const auto value_at = [&](const char* t) {
        return a.series.value(*a.series.index_of(wfm::parse_timestamp(t)));
    };
    REQUIRE(a.partial.size() == 2);
    CHECK(wfm::format_timestamp(a.partial[0].start) == "2026-03-02T07:00");
    CHECK(a.partial[0].open_minutes == 10);
    CHECK(wfm::format_timestamp(a.partial[1].start) == "2026-03-02T21:00");
    CHECK(a.partial[1].open_minutes == 5);
    CHECK(value_at("2026-03-02T07:00") == Approx(3.0)); // 2 calls in 10 minutes, × 15 / 10
    CHECK(value_at("2026-03-02T21:00") == Approx(3.0)); // 1 call in 5 minutes, × 3
    CHECK(value_at("2026-03-02T12:00") == 1.0); // a hole inside the day is a gap, not an edge
    CHECK(value_at("2026-03-02T15:00") == 3.0);
    // Full intervals are aggregate_sum's.
    const auto plain = wfm::aggregate_sum(s, wfm::interval_grid{15min});
    CHECK(a.series.observed_sum() ==
          Approx(plain.observed_sum() - 2.0 - 1.0 + 3.0 + 3.0).epsilon(1e-12));
}

TEST_CASE("series: on its own grid or at whole edges nothing is partial", "[core][partial]") {
    const auto s = five_minute_hour(); // 08:00-09:00
    CHECK(wfm::aggregate_counts(s, wfm::interval_grid{5min}).partial.empty());
    const auto a = wfm::aggregate_counts(s, wfm::interval_grid{30min});
    CHECK(a.partial.empty());
    CHECK(a.series.observed_sum() == s.observed_sum());
    // A missing edge interval stays missing, unscaled and unlisted.
    auto m = s;
    m.set_closed(11);
    m.set_missing(10);
    const auto b = wfm::aggregate_counts(m, wfm::interval_grid{30min});
    CHECK(b.series.state(1) == wfm::slot_state::missing);
    CHECK(b.partial.empty());
}

TEST_CASE("series: partial interval warnings group days by time of day", "[core][partial]") {
    const wfm::interval_grid q{15min};
    const std::vector<wfm::partial_interval> p{
        {wfm::parse_timestamp("2026-03-02T21:00"), 5},
        {wfm::parse_timestamp("2026-03-03T21:00"), 5},
        {wfm::parse_timestamp("2026-03-04T07:00"), 10},
    };
    const auto lines = wfm::partial_interval_warnings(p, q, "h.csv");
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == "h.csv: the 15m interval at 07:00 is open 10 of 15 minutes on 2026-03-04; "
                      "its volume is scaled to the full-interval rate (× 1.5)");
    CHECK(lines[1] == "h.csv: the 15m interval at 21:00 is open 5 of 15 minutes on 2 days "
                      "(2026-03-02 … 2026-03-03); its volume is scaled to the full-interval rate "
                      "(× 3)");
}
