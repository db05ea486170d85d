#include <wfm/core/error.hpp>
#include <wfm/io/special_days_csv.hpp>

#include <catch2/catch.hpp>

namespace io = wfm::io;

TEST_CASE("special days csv: parses dates, labels and the closed flag", "[io]") {
    const auto days = io::parse_special_days_csv("\xEF\xBB\xBF"
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
    const auto two = io::parse_special_days_csv("date,label\n2024-01-31,month end\n", "c.csv");
    REQUIRE(two.label(wfm::parse_date("2024-01-31")) == "month end");
    REQUIRE(io::parse_special_days_csv("Date,Label,Closed\n", "c.csv").empty());
}

TEST_CASE("special days csv: bad input names file, line and column", "[io]") {
    using Catch::Contains;
    REQUIRE_THROWS_WITH(io::parse_special_days_csv("day,label\n", "c.csv"),
                        Contains("c.csv:1:1: expected the header"));
    REQUIRE_THROWS_WITH(io::parse_special_days_csv("", "c.csv"), Contains("c.csv:1:1: empty"));
    REQUIRE_THROWS_WITH(io::parse_special_days_csv("date,label\n2024-02-30,x\n", "c.csv"),
                        Contains("c.csv:2:1: field 'date': expected a date YYYY-MM-DD, got "
                                 "'2024-02-30'"));
    REQUIRE_THROWS_WITH(io::parse_special_days_csv(
                            "date,label,closed\n2024-02-01,x,1\n2024-02-02,y,maybe\n", "c.csv"),
                        Contains("c.csv:3:14: field 'closed': expected 0/1"));
    REQUIRE_THROWS_WITH(
        io::parse_special_days_csv("date,label\n2024-02-01,x\n\n2024-02-01,y\n", "c.csv"),
        Contains("c.csv:4:1: field 'date': 2024-02-01 is listed twice"));
    REQUIRE_THROWS_WITH(io::parse_special_days_csv("date,label\n2024-02-01,x,1\n", "c.csv"),
                        Contains("c.csv:2:14: expected 2 fields as in the header, found 3"));
    REQUIRE_THROWS_WITH(io::parse_special_days_csv("date,label\n2024-02-01,\"x\n", "c.csv"),
                        Contains("c.csv:2:12: unterminated quoted field"));
    REQUIRE_THROWS_WITH(io::parse_special_days_csv("date,label\n2024-02-01,\n", "c.csv"),
                        Contains("c.csv:2:12: field 'label': an open special day needs a label"));
}

TEST_CASE("special days csv: what wfm sample writes reads back", "[io]") {
    std::vector<wfm::sim::special_day> written{
        {wfm::parse_date("2026-12-25"), "Christmas", true, 1.0},
        {wfm::parse_date("2026-12-24"), "eve, \"half\" day", false, 0.6},
        {wfm::parse_date("2026-09-30"), "month end", false, 1.3}};
    const std::string text = io::format_special_days_csv(written);
    const auto days = io::parse_special_days_csv(text, "s.csv");
    REQUIRE(days.size() == written.size());
    for (const auto& w : written) {
        const auto* d = days.find(w.date);
        REQUIRE(d != nullptr);
        CHECK(d->label == w.label);
        CHECK(d->closed == w.closed);
    }
}
