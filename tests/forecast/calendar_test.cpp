#include <wfm/core/error.hpp>
#include <wfm/forecast/calendar.hpp>

#include <catch2/catch.hpp>

namespace fc = wfm::forecast;

TEST_CASE("special_days: a date is listed once, an open day needs a label", "[forecast]") {
    fc::special_days days;
    days.add({wfm::parse_date("2024-02-01"), "x", false});
    REQUIRE_THROWS_AS(days.add({wfm::parse_date("2024-02-01"), "y", false}), wfm::invalid_argument);
    REQUIRE_THROWS_AS(days.add({wfm::parse_date("2024-02-02"), "", false}), wfm::invalid_argument);
    days.add({wfm::parse_date("2024-02-03"), "", true});
    REQUIRE(days.size() == 2);
    REQUIRE(days.closed(wfm::parse_date("2024-02-03")));
    REQUIRE(days.label(wfm::parse_date("2024-02-01")) == "x");
}
