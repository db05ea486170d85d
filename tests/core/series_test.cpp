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
