// The one duration parser: units per call site, an explicit meaning for a bare number, ranges.
#include <wfm/core/duration.hpp>
#include <wfm/core/error.hpp>
#include <wfm/core/time.hpp>
#include <wfm/forecast/forecast.hpp>

#include <catch2/catch.hpp>

#include <string>

namespace {

using namespace std::chrono_literals;
using wfm::duration_unit;

const wfm::duration_syntax any_unit{.context = "test",
                                    .expected = "a duration",
                                    .units = {duration_unit::milliseconds, duration_unit::seconds,
                                              duration_unit::minutes, duration_unit::hours,
                                              duration_unit::days, duration_unit::weeks},
                                    .min = 0ms,
                                    .max = std::chrono::weeks{1000}};

double ms(const std::string& text, std::optional<duration_unit> bare = std::nullopt) {
    return wfm::parse_duration(text, bare, any_unit).count();
}

std::string error_of(const std::string& text, std::optional<duration_unit> bare = std::nullopt) {
    try {
        (void)wfm::parse_duration(text, bare, any_unit);
    } catch (const wfm::invalid_argument& e) {
        return e.what();
    }
    return "no error";
}

} // namespace

TEST_CASE("duration: every unit, and a bare number only in the unit the caller names", "[core]") {
    CHECK(ms("500ms") == 500.0);
    CHECK(ms("1.5s") == 1500.0);
    CHECK(ms("2m") == 120000.0);
    CHECK(ms("90min") == 5400000.0);
    CHECK(ms("36h") == 36 * 3600000.0);
    CHECK(ms("7d") == 7 * 86400000.0);
    CHECK(ms("1w") == 604800000.0);
    CHECK(ms("30", duration_unit::seconds) == 30000.0);
    CHECK(ms("30", duration_unit::minutes) == 1800000.0);
    CHECK(error_of("30") == "test: expected a duration, got '30'");
}

TEST_CASE("duration: malformed, out-of-range and unlisted units have one exact message", "[core]") {
    CHECK(error_of("") == "test: expected a duration, got ''");
    CHECK(error_of("-5s") == "test: expected a duration, got '-5s'");
    CHECK(error_of("5 s") == "test: expected a duration, got '5 s'");
    CHECK(error_of("1e3s") == "test: expected a duration, got '1e3s'");
    CHECK(error_of("1.2.3s") == "test: expected a duration, got '1.2.3s'");
    CHECK(error_of("infs") == "test: expected a duration, got 'infs'");
    CHECK(error_of("5y") == "test: expected a duration, got '5y'");
    CHECK(error_of("1001w") == "test: expected a duration, got '1001w'");
    CHECK(error_of(std::string{"5\0s", 3}) == "test: expected a duration, got '5\\u0000s'");
    CHECK(error_of(std::string(100, '9') + "s") ==
          "test: expected a duration, got '" + std::string(60, '9') + "…'");
    const wfm::duration_syntax whole{.context = "c",
                                     .expected = "whole hours",
                                     .units = {duration_unit::hours},
                                     .whole_numbers = true,
                                     .min = 1h,
                                     .max = 48h};
    CHECK(wfm::parse_duration("2h", std::nullopt, whole) == 2h);
    CHECK_THROWS_WITH(wfm::parse_duration("1.5h", std::nullopt, whole),
                      "c: expected whole hours, got '1.5h'");
    CHECK_THROWS_WITH(wfm::parse_duration("90m", std::nullopt, whole),
                      "c: expected whole hours, got '90m'");
    CHECK_THROWS_WITH(wfm::parse_duration("0h", std::nullopt, whole),
                      "c: expected whole hours, got '0h'");
}

TEST_CASE("duration: the interval, horizon and time-limit call sites keep their documented "
          "meanings",
          "[core]") {
    // --interval / "interval": a bare number is minutes; m, min and h.
    CHECK(wfm::interval_grid::parse("30").minutes() == 30);
    CHECK(wfm::interval_grid::parse("15m").minutes() == 15);
    CHECK(wfm::interval_grid::parse("1h").minutes() == 60);
    CHECK_THROWS_WITH(wfm::interval_grid::parse("30s"),
                      "interval: expected e.g. 15m, 30m or 1h, got '30s'");
    CHECK_THROWS_WITH(wfm::interval_grid::parse("0.5h"),
                      "interval: expected e.g. 15m, 30m or 1h, got '0.5h'");
    // --horizon: a unit is required; d, h, m and min.
    CHECK(wfm::forecast::parse_horizon("5d") == std::chrono::minutes{5 * 1440});
    CHECK(wfm::forecast::parse_horizon("90min") == std::chrono::minutes{90});
    CHECK_THROWS_WITH(wfm::forecast::parse_horizon("7"),
                      "forecast: expected a horizon like 7d, 36h or 90m, got '7'");
    CHECK_THROWS_WITH(wfm::forecast::parse_horizon("0d"),
                      "forecast: expected a horizon like 7d, 36h or 90m, got '0d'");
}
