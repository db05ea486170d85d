#include <wfm/core/error.hpp>
#include <wfm/io/forecast_csv.hpp>

#include <catch2/catch.hpp>

#include <string>

namespace {

using namespace std::chrono_literals;

// Four 30-minute intervals; the last one has no forecast (missing) and is not written.
wfm::forecast::forecast_result three_intervals() {
    const wfm::interval_grid grid{30min};
    const auto start = wfm::parse_timestamp("2026-03-02 08:00");
    wfm::forecast::forecast_result r;
    r.point = wfm::time_series(grid, start, 4);
    r.lower = wfm::time_series(grid, start, 4);
    r.upper = wfm::time_series(grid, start, 4);
    const double point[] = {12.25, 2.5, 7.0};
    for (std::size_t i = 0; i < 4; ++i) {
        if (i == 3) {
            r.point.set_missing(i);
            r.lower.set_missing(i);
            r.upper.set_missing(i);
            continue;
        }
        r.point.set(i, point[i]);
        r.lower.set(i, point[i] - 2.5);
        r.upper.set(i, point[i] + 3.125);
    }
    return r;
}

} // namespace

TEST_CASE("forecast csv: written rows read back with volume and AHT", "[io]") {
    const auto r = three_intervals();
    wfm::time_series aht(r.point.grid(), r.point.start(), 4);
    aht.set(0, 181.25);
    aht.set(1, 90.0);
    aht.set_missing(2);
    const std::string text = wfm::io::format_forecast_csv(r, &aht);
    CHECK(text == "interval_start,volume,lower,upper,aht_s\n"
                  "2026-03-02T08:00,12.250,9.750,15.375,181.2\n"
                  "2026-03-02T08:30,2.500,0.000,5.625,90.0\n"
                  "2026-03-02T09:00,7.000,4.500,10.125,\n");
    const auto back = wfm::io::parse_forecast_csv(text, "f.csv");
    CHECK(back.grid.minutes() == 30);
    REQUIRE(back.aht_s.has_value());
    const auto k = back.volume.index_of(wfm::parse_timestamp("2026-03-02 08:00"));
    REQUIRE(k.has_value());
    CHECK(back.volume.value(*k) == 12.25);
    CHECK(back.aht_s->value(*k) == Approx(181.2));
    const auto last = back.volume.index_of(wfm::parse_timestamp("2026-03-02 09:00"));
    REQUIRE(last.has_value());
    CHECK(back.volume.value(*last) == 7.0);
    CHECK_FALSE(back.aht_s->observed(*last));
}

TEST_CASE("forecast csv: without AHT there is no aht_s column, the reader needs volume", "[io]") {
    const std::string text = wfm::io::format_forecast_csv(three_intervals());
    CHECK(text.rfind("interval_start,volume,lower,upper\n", 0) == 0);
    CHECK_FALSE(wfm::io::parse_forecast_csv(text, "f.csv").aht_s.has_value());
    CHECK_THROWS_WITH(
        wfm::io::parse_forecast_csv("interval_start,calls\n2026-03-02T08:00,1\n", "f.csv"),
        Catch::StartsWith("f.csv:1:") && Catch::Contains("volume"));
}

namespace {

// The message of the parse_error a forecast text raises ("(nothing thrown)" when none).
std::string forecast_error(const std::string& rows, const std::string& header) {
    try {
        (void)wfm::io::parse_forecast_csv(header + rows, "f.csv");
    } catch (const wfm::io::parse_error& e) {
        return e.what();
    }
    return "(nothing thrown)";
}

const std::string with_aht = "interval_start,volume,lower,upper,aht_s\n";
const std::string good_row = "2026-03-02T08:00,10,8,12,180\n";

} // namespace

TEST_CASE("forecast csv: a handle time outside 0 to 86400 s is located at file:line:column",
          "[io]") {
    // Line 3, column 26 is the aht_s field of the second data row.
    CHECK(forecast_error(good_row + "2026-03-02T08:30,10,8,12,0\n", with_aht) ==
          "f.csv:3:26: field 'aht_s': expected seconds in (0, 86400], found '0'");
    CHECK(forecast_error(good_row + "2026-03-02T08:30,10,8,12,86400.5\n", with_aht) ==
          "f.csv:3:26: field 'aht_s': expected seconds in (0, 86400], found '86400.5'");
    CHECK_THAT(forecast_error(good_row + "2026-03-02T08:30,10,8,12,1e308\n", with_aht),
               Catch::StartsWith("f.csv:3:26: "));
    CHECK_THAT(forecast_error(good_row + "2026-03-02T08:30,10,8,12,-5\n", with_aht),
               Catch::StartsWith("f.csv:3:26: "));
    CHECK_THAT(forecast_error(good_row + "2026-03-02T08:30,10,8,12,nan\n", with_aht),
               Catch::StartsWith("f.csv:3:26: "));
    // The ends of the range and an empty (missing) handle time are accepted.
    CHECK(forecast_error("2026-03-02T08:00,10,8,12,86400\n2026-03-02T08:30,10,8,12,0.001\n"
                         "2026-03-02T09:00,10,8,12,\n",
                         with_aht) == "(nothing thrown)");
}

TEST_CASE("forecast csv: a volume that is not finite, negative or over 1e9 is located", "[io]") {
    const std::string header = "interval_start,volume,lower,upper\n";
    const std::string first = "2026-03-02T08:00,10,8,12\n";
    for (const char* v : {"1e308", "1000000001", "-1", "inf", "nan"}) {
        INFO(v);
        CHECK_THAT(forecast_error(first + "2026-03-02T08:30," + v + ",8,12\n", header),
                   Catch::StartsWith("f.csv:3:18: field 'volume'"));
    }
    CHECK(forecast_error(first + "2026-03-02T08:30,1000000000,8,12\n", header) ==
          "(nothing thrown)");
}
