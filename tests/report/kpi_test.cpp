#include "shared_data.hpp"

#include <wfm/io/call_log.hpp>
#include <wfm/report/kpi.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>

using namespace std::chrono_literals;

namespace {

std::string kpi_fixture(const std::string& name) {
    return std::string{WFM_TEST_DATA_DIR} + "/kpi/" + name;
}

const wfm::report::kpi_row& row_at(const std::vector<wfm::report::kpi_row>& rows,
                                   const char* when) {
    const auto t = wfm::parse_timestamp(when);
    for (const auto& r : rows) {
        if (r.start == t) {
            return r;
        }
    }
    FAIL("no row at " << when);
    return rows.front();
}

} // namespace

TEST_CASE("kpi: anonymous-bank rules on a hand-counted log", "[kpi]") {
    // anon_small.tsv: 7 rows; an IVR-only hang-up and a PHANTOM are not offered; one call leaves
    // the IVR after midnight. Hand count: offered 5, answered 4, abandoned 1, within 20 s 3.
    const auto calls = wfm::io::read_call_log(kpi_fixture("anon_small.tsv"),
                                              wfm::io::call_log_format::anonymous_bank);
    REQUIRE(calls.size() == 5);
    const auto rows = wfm::report::interval_kpis(calls, wfm::interval_grid{30min}, 20s);
    CHECK(rows.size() == 96); // 1999-02-01 and 1999-02-02, every 30-minute interval
    const auto& r0700 = row_at(rows, "1999-02-01T07:00");
    CHECK(r0700.offered == 2);
    CHECK(r0700.answered == 1);
    CHECK(r0700.abandoned == 1);
    CHECK(*r0700.sl == 0.5);
    const auto& r0730 = row_at(rows, "1999-02-01T07:30");
    CHECK(r0730.answered_within_t == 1); // waits 25 s and 20 s: 20 s counts as within
    CHECK(*r0730.asa_s == 22.5);
    CHECK(*r0730.aht_s == 150.0);
    CHECK(row_at(rows, "1999-02-02T00:00").offered == 1);
    CHECK_FALSE(row_at(rows, "1999-02-01T12:00").sl.has_value()); // nothing offered: no rate

    const auto total = wfm::report::period_kpis(rows, wfm::report::kpi_period::total);
    REQUIRE(total.size() == 1);
    CHECK(total[0].offered == 5);
    CHECK(total[0].answered == 4);
    CHECK(total[0].abandoned == 1);
    CHECK(*total[0].sl == 0.6);
    CHECK(*total[0].answer_rate == 0.8);
    CHECK(*total[0].asa_s == 12.5);
    CHECK(*total[0].aht_s == 131.5);
    const auto days = wfm::report::period_kpis(rows, wfm::report::kpi_period::day);
    REQUIRE(days.size() == 2);
    CHECK(days[0].offered == 4);
    CHECK(days[1].offered == 1);
}

TEST_CASE("kpi: calls per agent-day from answered calls and the working span", "[kpi]") {
    const auto calls = wfm::io::read_call_log(kpi_fixture("anon_small.tsv"),
                                              wfm::io::call_log_format::anonymous_bank);
    const auto days = wfm::report::agent_days(calls, 8h);
    REQUIRE(days.size() == 2); // NO_SERVER is not an agent
    const auto& tova = days[1].agent == "TOVA" ? days[1] : days[0];
    CHECK(tova.answered == 2);
    CHECK(tova.span_s == 1384.0); // 07:40:35 to 08:03:39
    CHECK(tova.calls_per_agent_day == Approx(2.0 / (1384.0 / 28800.0)));
}

TEST_CASE("kpi: the generic log format with queue entry and answer times", "[kpi]") {
    auto calls =
        wfm::io::read_call_log(kpi_fixture("generic_small.csv"), wfm::io::call_log_format::generic);
    REQUIRE(calls.size() == 4); // the call that never reached the queue is dropped
    std::erase_if(calls, [](const auto& c) { return c.channel != "voice"; });
    const auto rows = wfm::report::interval_kpis(calls, wfm::interval_grid{30min}, 20s);
    const auto& r = row_at(rows, "2026-03-02T09:00");
    CHECK(r.offered == 3);
    CHECK(r.answered == 2);
    CHECK(r.answered_within_t == 1);
    CHECK(*r.asa_s == 22.5);
    CHECK(*r.aht_s == 210.0);
}

TEST_CASE("kpi: bad log rows are rejected with file, line, column and field", "[kpi]") {
    CHECK_THROWS_WITH(wfm::io::read_call_log(kpi_fixture("anon_bad_outcome.tsv"),
                                             wfm::io::call_log_format::anonymous_bank),
                      Catch::EndsWith("anon_bad_outcome.tsv:3:62: field 'outcome': expected AGENT, "
                                      "HANG or PHANTOM, found 'MAYBE'"));
    CHECK_THROWS_WITH(wfm::io::read_call_log(kpi_fixture("anon_bad_clock.tsv"),
                                             wfm::io::call_log_format::anonymous_bank),
                      Catch::EndsWith("anon_bad_clock.tsv:2:32: field 'vru_exit': expected a clock "
                                      "time h:mm:ss, found '7:2:56'"));
}

// Independent recount of the shared February 1999 log: a plain tab split and the counting rules
// written out again, compared with the library per 30-minute interval and for the month.
TEST_CASE("kpi: the Anonymous Bank month matches an independent recount", "[kpi][shared]") {
    const auto path = wfm::test::shared_path("data/anonymous_bank_1999_02_calls.tsv");
    WFM_REQUIRE_SHARED(path);
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    std::map<std::string, std::array<double, 3>> by_slot; // "yymmdd hh:mm" → offered, answered, ≤20
    std::array<double, 4> month{};                        // offered, answered, within, handle
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        std::vector<std::string> f;
        std::stringstream ss(line);
        for (std::string x; std::getline(ss, x, '\t');) {
            f.push_back(x);
        }
        REQUIRE(f.size() == 17);
        const bool answered = f[12] == "AGENT";
        const bool offered = answered || (f[12] == "HANG" && f[9] != "0:00:00");
        if (!offered) {
            continue;
        }
        const int h = std::stoi(f[7].substr(0, f[7].find(':')));
        const int m = std::stoi(f[7].substr(f[7].find(':') + 1, 2));
        const bool within = answered && std::stod(f[11]) <= 20.0;
        const std::string key = f[5] + " " + std::to_string(h * 60 + m / 30 * 30);
        auto& s = by_slot[key];
        s[0] += 1;
        s[1] += answered ? 1 : 0;
        s[2] += within ? 1 : 0;
        month[0] += 1;
        month[1] += answered ? 1 : 0;
        month[2] += within ? 1 : 0;
        month[3] += answered ? std::stod(f[15]) : 0.0;
    }
    const auto calls = wfm::io::read_call_log(path, wfm::io::call_log_format::anonymous_bank);
    const auto rows = wfm::report::interval_kpis(calls, wfm::interval_grid{30min}, 20s);
    std::size_t compared = 0;
    for (const auto& r : rows) {
        if (r.offered == 0) {
            continue;
        }
        const auto ymd = std::chrono::year_month_day{wfm::day_of(r.start)};
        const std::string key =
            fmt::format("{:02d}{:02d}{:02d} {}", static_cast<int>(ymd.year()) % 100,
                        static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                        wfm::minute_of_day(r.start));
        const auto it = by_slot.find(key);
        REQUIRE(it != by_slot.end());
        CHECK(r.offered == it->second[0]);
        CHECK(r.answered == it->second[1]);
        CHECK(r.answered_within_t == it->second[2]);
        ++compared;
    }
    CHECK(compared == by_slot.size());
    const auto total = wfm::report::period_kpis(rows, wfm::report::kpi_period::month);
    REQUIRE(total.size() == 1);
    CHECK(total[0].offered == month[0]);
    CHECK(total[0].answered == month[1]);
    CHECK(total[0].answered_within_t == month[2]);
    CHECK(*total[0].aht_s == Approx(month[3] / month[1]).epsilon(1e-12));
}
