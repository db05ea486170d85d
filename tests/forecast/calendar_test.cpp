#include <wfm/core/error.hpp>
#include <wfm/forecast/calendar.hpp>

#include <catch2/catch.hpp>

namespace fc = wfm::forecast;

TEST_CASE("special_days: parses dates, labels and the closed flag", "[forecast]") {
    const auto days = fc::parse_special_days_csv("\xEF\xBB\xBF"
                                                 "date,label,closed\r\n"
                                                 "2024-12-25,Christmas,1\r\n"
                                                 "2024-12-24,\"eve, half day\",\r\n"
                                                 "2024-11-29,pay day,no\r\n",
                                                 "cal.csv");
    REQUIRE(days.size() == 3);
    REQUIRE(days.closed(wfm::parse_date("2024-12-25")));
    REQUIRE(days.label(wfm::parse_date("2024-12-25")).empty()); // closed days carry no effect
    REQUIRE(days.label(wfm::parse_date("2024-12-24")) == "eve, half day");
    REQUIRE_FALSE(days.closed(wfm::parse_date("2024-12-24")));
    REQUIRE(days.label(wfm::parse_date("2024-11-29")) == "pay day");
    REQUIRE(days.find(wfm::parse_date("2024-11-30")) == nullptr);
    REQUIRE(days.entries().front().date == wfm::parse_date("2024-11-29"));
    const auto two = fc::parse_special_days_csv("date,label\n2024-01-31,month end\n", "c.csv");
    REQUIRE(two.label(wfm::parse_date("2024-01-31")) == "month end");
}

TEST_CASE("special_days: bad input names file, line and column", "[forecast]") {
    using Catch::Contains;
    REQUIRE_THROWS_WITH(fc::parse_special_days_csv("day,label\n", "c.csv"),
                        Contains("c.csv:1:1: expected the header"));
    REQUIRE_THROWS_WITH(fc::parse_special_days_csv("", "c.csv"), Contains("c.csv:1:1: empty"));
    REQUIRE_THROWS_WITH(fc::parse_special_days_csv("date,label\n2024-02-30,x\n", "c.csv"),
                        Contains("c.csv:2:1: field 'date': expected a date YYYY-MM-DD, got "
                                 "'2024-02-30'"));
    REQUIRE_THROWS_WITH(fc::parse_special_days_csv(
                            "date,label,closed\n2024-02-01,x,1\n2024-02-02,y,maybe\n", "c.csv"),
                        Contains("c.csv:3:14: field 'closed': expected 0/1"));
    REQUIRE_THROWS_WITH(
        fc::parse_special_days_csv("date,label\n2024-02-01,x\n\n2024-02-01,y\n", "c.csv"),
        Contains("c.csv:4:1: field 'date': 2024-02-01 is listed twice"));
    REQUIRE_THROWS_WITH(fc::parse_special_days_csv("date,label\n2024-02-01,x,1\n", "c.csv"),
                        Contains("c.csv:2:14: expected 2 fields, got 3"));
    REQUIRE_THROWS_WITH(fc::parse_special_days_csv("date,label\n2024-02-01,\"x\n", "c.csv"),
                        Contains("c.csv:2:12: unterminated quote"));
    REQUIRE_THROWS_WITH(fc::parse_special_days_csv("date,label\n2024-02-01,\n", "c.csv"),
                        Contains("c.csv:2:12: field 'label': an open special day needs a label"));
    fc::special_days days;
    days.add({wfm::parse_date("2024-02-01"), "x", false});
    REQUIRE_THROWS_AS(days.add({wfm::parse_date("2024-02-01"), "y", false}), wfm::invalid_argument);
}
