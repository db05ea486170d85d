#include <wfm/core/error.hpp>
#include <wfm/io/kpi_csv.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace {

namespace io = wfm::io;
namespace rp = wfm::report;
using rp::kpi_period;

// Three weeks of calls across a month end, with answered, abandoned and slow answers.
std::vector<wfm::call_record> calls() {
    std::vector<wfm::call_record> out;
    const auto origin =
        std::chrono::local_seconds{wfm::parse_date("2026-09-21").time_since_epoch()};
    for (int i = 0; i < 3000; ++i) {
        wfm::call_record c;
        c.arrival = origin + std::chrono::seconds{i * 571 + (i * i) % 97};
        c.answered = i % 7 != 0;
        c.wait_s = static_cast<double>((i * 13) % 45) + 0.25;
        c.handle_s = c.answered ? 120.0 + static_cast<double>((i * 31) % 400) : 0.0;
        out.push_back(c);
    }
    return out;
}

std::optional<double> written(const std::optional<double>& v, const char* spec) {
    return v ? std::optional<double>{std::stod(fmt::format(fmt::runtime(spec), *v))} : v;
}

void check_round_trip(const std::vector<rp::kpi_row>& rows, kpi_period period) {
    const auto back = io::parse_kpi_csv(io::format_kpi_csv(rows, period), "k.csv", period);
    REQUIRE(back.size() == rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (period != kpi_period::total) {
            CHECK(back[i].start == rows[i].start);
        }
        CHECK(back[i].offered == rows[i].offered);
        CHECK(back[i].answered == rows[i].answered);
        CHECK(back[i].abandoned == rows[i].abandoned);
        CHECK(back[i].answered_within_t == rows[i].answered_within_t);
        CHECK(back[i].answer_rate == written(rows[i].answer_rate, "{:.6f}"));
        CHECK(back[i].sl == written(rows[i].sl, "{:.6f}"));
        CHECK(back[i].asa_s == written(rows[i].asa_s, "{:.3f}"));
        CHECK(back[i].aht_s == written(rows[i].aht_s, "{:.3f}"));
    }
}

const std::string head = "interval_start,offered,answered,abandoned,answered_within_t,"
                         "answer_rate,sl,asa_s,aht_s\n";

} // namespace

TEST_CASE("kpi csv: every period's rows read back as written", "[io]") {
    const auto intervals = rp::interval_kpis(calls(), wfm::interval_grid{std::chrono::minutes{30}},
                                             std::chrono::seconds{20});
    REQUIRE(intervals.size() == 20 * 48);
    // Zero-call intervals have no rates: they read back empty.
    CHECK(std::any_of(intervals.begin(), intervals.end(), [](const auto& r) { return !r.sl; }));
    check_round_trip(intervals, kpi_period::interval);
    for (const auto period :
         {kpi_period::day, kpi_period::week, kpi_period::month, kpi_period::total}) {
        const auto rows = rp::period_kpis(intervals, period);
        REQUIRE(!rows.empty());
        check_round_trip(rows, period);
    }
    CHECK(rp::period_kpis(intervals, kpi_period::month).size() == 2);
}

TEST_CASE("kpi csv: bad input names file, line and column", "[io]") {
    using Catch::Contains;
    CHECK_THROWS_WITH(io::parse_kpi_csv(head + "2026-09-21 09:00,3,2,1,2,0.666667,0.666667,4.0,"
                                               "100.0\n",
                                        "k.csv", kpi_period::day),
                      "k.csv:2:1: field 'interval_start': expected a date YYYY-MM-DD, found "
                      "'2026-09-21 09:00'");
    CHECK_THROWS_WITH(
        io::parse_kpi_csv(head + "2026-09-21T9:00,3,2,1,2,,,,\n", "k.csv", kpi_period::interval),
        "k.csv:2:1: field 'interval_start': expected a timestamp "
        "YYYY-MM-DDTHH:MM, found '2026-09-21T9:00'");
    CHECK_THROWS_WITH(io::parse_kpi_csv(head + "2026-09-21T09:00,3,2,1,2,0.5,abc,,\n", "k.csv",
                                        kpi_period::interval),
                      "k.csv:2:30: field 'sl': expected a number, found 'abc'");
    CHECK_THROWS_WITH(
        io::parse_kpi_csv(head + "2026-09-22,3,2,1,2,,,,\n", "k.csv", kpi_period::week),
        "k.csv:2:1: field 'interval_start': 2026-09-22 is not a Monday");
    CHECK_THROWS_WITH(io::parse_kpi_csv(head + "2026-09-21T09:30,3,2,1,2,,,,\n"
                                               "2026-09-21T09:00,3,2,1,2,,,,\n",
                                        "k.csv", kpi_period::interval),
                      "k.csv:3:1: field 'interval_start': not after the previous row's period");
    CHECK_THROWS_WITH(io::parse_kpi_csv("interval_start,offered,answered,abandoned\n"
                                        "2026-09-21T09:00,3,2,1\n",
                                        "k.csv", kpi_period::interval),
                      Contains("k.csv:1:1: field 'answered_within_t': missing column"));
}
