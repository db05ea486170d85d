// History gaps: missing days and missing intervals inside usual opening hours.
#include "dates.hpp"
#include "shared_data.hpp"
#include <wfm/forecast/gaps.hpp>
#include <wfm/io/series_csv.hpp>

#include <catch2/catch.hpp>

#include <filesystem>

using namespace std::chrono_literals;
namespace fc = wfm::forecast;
using wfm::local_date;
using wfm::timestamp;
using wfm::test::monday_2024_01_01;

namespace {

// Five weeks of weekdays 08:00-17:00, hourly; no weekend rows.
wfm::time_series weekday_history() {
    const wfm::interval_grid grid{60min};
    wfm::time_series s{grid, timestamp{monday_2024_01_01}, 35 * 24};
    for (std::size_t i = 0; i < s.size(); ++i) {
        const timestamp t = s.time_at(i);
        const int slot = grid.slot_of_day(t);
        if (wfm::weekday_index(t) < 5 && slot >= 8 && slot < 17) {
            s.set(i, 10.0);
        }
    }
    return s;
}

void close_day(wfm::time_series& s, local_date d) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (wfm::day_of(s.time_at(i)) == d) {
            s.set_closed(i);
        }
    }
}

} // namespace

TEST_CASE("gaps: missing weekdays and intervals are found with their dates", "[forecast][gaps]") {
    auto s = weekday_history();
    const auto day = [](int d) { return monday_2024_01_01 + std::chrono::days{d}; };
    close_day(s, day(9));  // Wednesday of week 2
    close_day(s, day(15)); // Tuesday and Wednesday of week 3: one run
    close_day(s, day(16));
    close_day(s, day(0)); // the first Monday: no earlier Monday, no gap
    s.set_closed(*s.index_of(timestamp{day(10)} + 12h)); // Thursday 12:00-14:00 without rows
    s.set_missing(*s.index_of(timestamp{day(10)} + 13h));
    s.set_closed(*s.index_of(timestamp{day(10)} + 16h)); // and 16:00-17:00
    const auto gaps = fc::find_gaps(s);
    REQUIRE(gaps.size() == 3);
    CHECK(gaps[0].what == fc::history_gap::kind::days);
    CHECK(gaps[0].first == day(9));
    CHECK(gaps[0].count == 1);
    CHECK(gaps[1].what == fc::history_gap::kind::intervals);
    CHECK(gaps[1].first == day(10));
    CHECK(gaps[1].count == 3);
    REQUIRE(gaps[1].ranges.size() == 2);
    CHECK(gaps[2].first == day(15));
    CHECK(gaps[2].last == day(16));
    CHECK(gaps[2].count == 2);
    const auto lines = fc::gap_warnings(gaps, "h.csv");
    REQUIRE(lines.size() == 3);
    CHECK(lines[0] == "h.csv: no rows on 2024-01-10 (Wed)");
    CHECK(lines[1] == "h.csv: 2024-01-11 (Thu): 3 missing intervals 12:00–14:00, 16:00–17:00");
    CHECK(lines[2] == "h.csv: no rows on 2024-01-16 (Tue) … 2024-01-17 (Wed) (2 days)");
    CHECK(fc::gap_warnings(gaps, "h.csv", 1) ==
          std::vector<std::string>{lines[0], "h.csv: … and 2 more gaps"});
}

TEST_CASE("gaps: weekends never open, calendar-closed days and complete histories are no gaps",
          "[forecast][gaps]") {
    auto s = weekday_history();
    CHECK(fc::find_gaps(s).empty());
    const local_date wednesday = monday_2024_01_01 + std::chrono::days{9};
    close_day(s, wednesday);
    fc::special_days calendar;
    calendar.add({wednesday, "holiday", true});
    CHECK(fc::find_gaps(s, calendar).empty());
    CHECK(fc::find_gaps(s).size() == 1);
}

TEST_CASE("gaps: a history that begins or ends mid-day has no gap outside its span",
          "[forecast][gaps]") {
    const auto full = weekday_history();
    // Today's actuals up to 12:00 on the last Friday (day 32), from 10:00 on the first Monday.
    const timestamp begin = timestamp{monday_2024_01_01} + 10h;
    const timestamp now = timestamp{monday_2024_01_01 + std::chrono::days{32}} + 12h;
    const auto n = static_cast<std::size_t>((now - begin) / 1h);
    wfm::time_series cut{full.grid(), begin, n};
    for (std::size_t i = 0; i < n; ++i) {
        const auto k = *full.index_of(cut.time_at(i));
        if (full.observed(k)) {
            cut.set(i, full.value(k));
        }
    }
    CHECK(fc::find_gaps(cut).empty());
    // A hole inside the span of the cut day is still a gap.
    cut.set_missing(*cut.index_of(now - 2h));
    const auto gaps = fc::find_gaps(cut);
    REQUIRE(gaps.size() == 1);
    CHECK(fc::gap_warnings(gaps, "h.csv") ==
          std::vector<std::string>{"h.csv: 2024-02-02 (Fri): 1 missing interval 10:00–11:00"});
}

TEST_CASE("gaps: the US bank's four missing weekdays", "[forecast][gaps][shared]") {
    const auto file = wfm::test::shared_path("data/us_bank_2003_5min.csv");
    WFM_REQUIRE_SHARED(file);
    wfm::io::series_read_options ro;
    ro.columns = {"calls"};
    const auto calls = wfm::io::read_series_csv(file, ro).at("calls");
    std::vector<std::string> days;
    for (const auto& g : fc::find_gaps(calls)) {
        if (g.what == fc::history_gap::kind::days) {
            REQUIRE(g.count == 1);
            days.push_back(wfm::format_date(g.first));
        }
    }
    CHECK(days == std::vector<std::string>{"2003-04-04", "2003-04-07", "2003-05-26", "2003-07-04"});
}
