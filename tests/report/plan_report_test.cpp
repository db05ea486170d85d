#include "report/example_report.hpp"
#include "text_util.hpp"

#include <wfm/core/error.hpp>
#include <wfm/report/plan_report.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>
#include <string>

namespace {

using namespace std::chrono;

wfm::timestamp at(unsigned d, int hour, int minute) {
    return wfm::timestamp{wfm::local_date{year{2026} / 11 / day{d}}} + hours{hour} +
           minutes{minute};
}

/// One voice channel, two predicted intervals on Monday and one idle interval on Tuesday.
wfm::report::plan_report small_report() {
    wfm::report::plan_report r;
    r.week_start = wfm::local_date{year{2026} / 11 / 2};
    wfm::report::channel_plan c;
    c.name = "voice";
    c.shrinkage = 0.3;
    wfm::report::interval_outcome a;
    a.start = at(2, 9, 0);
    a.volume = 100;
    a.required = 10;
    a.scheduled = 12;
    a.service_level = 0.9;
    a.asa_s = 10;
    a.abandon = 0.02;
    a.answer_rate = 0.98;
    a.occupancy = 0.7;
    wfm::report::interval_outcome b = a;
    b.start = at(2, 9, 15);
    b.volume = 50;
    b.scheduled = 8;
    b.service_level = 0.6;
    b.asa_s = 40;
    b.abandon = 0.1;
    b.answer_rate = 0.9;
    b.occupancy = 0.95;
    wfm::report::interval_outcome idle;
    idle.start = at(3, 9, 0);
    idle.scheduled = 2;
    c.intervals = {a, b, idle};
    r.channels.push_back(c);
    return r;
}

using wfm::test::count;

} // namespace

TEST_CASE("plan_report: week and day figures of a hand-computed report", "[report]") {
    const auto s = wfm::report::summarise(small_report());
    REQUIRE(s.channels.size() == 1);
    const auto& w = s.channels[0].week;
    // Σr = 20, Σ|c − r| = 2 + 2 + 2 → fit 0.7; shortage 2/20, redundancy 4/20.
    CHECK(*w.fit.fit() == Approx(0.7));
    CHECK(*w.fit.shortage_ratio() == Approx(0.1));
    CHECK(*w.fit.redundancy_ratio() == Approx(0.2));
    CHECK(*w.fit.covered_share() == Approx(2.0 / 3.0));
    // SL offered-weighted: (100·0.9 + 50·0.6) / 150 = 0.8; one of two intervals meets 80 %.
    CHECK(*w.outcome.service_level() == Approx(0.8));
    CHECK(*w.outcome.target_met_share() == Approx(0.5));
    CHECK(w.outcome.answered == Approx(143.0));
    CHECK(*w.outcome.answer_rate() == Approx(143.0 / 150.0));
    CHECK(*w.outcome.abandon() == Approx(7.0 / 150.0));
    CHECK(*w.outcome.asa_s() == Approx(2780.0 / 143.0));
    CHECK(*w.outcome.occupancy() == Approx(0.8));
    // Agent working time (12 + 8 + 2) × 0.25 h = 5.5 h = 0.6875 agent-days of 8 h.
    CHECK(w.outcome.scheduled_hours == Approx(5.5));
    CHECK(w.outcome.required_hours == Approx(5.0));
    CHECK(*w.outcome.calls_per_agent_day(minutes{480}) == Approx(143.0 / 0.6875));
    REQUIRE(s.channels[0].days.size() == 2);
    CHECK(*s.channels[0].days[0].fit.fit() == Approx(0.8));
    CHECK_FALSE(s.channels[0].days[1].fit.fit().has_value());
    CHECK_FALSE(s.channels[0].days[1].outcome.service_level().has_value());
    CHECK(s.all_channels.week.fit.required == 20.0);
}

TEST_CASE("plan_report: channels, days and the week add up", "[report]") {
    const auto r = wfm::test::example_report();
    const auto s = wfm::report::summarise(r);
    REQUIRE(s.channels.size() == 3);
    double required = 0.0;
    double answered = 0.0;
    for (const auto& c : s.channels) {
        CHECK(c.days.size() == 7);
        double day_required = 0.0;
        double day_offered = 0.0;
        for (const auto& d : c.days) {
            day_required += d.fit.required;
            day_offered += d.outcome.offered;
        }
        CHECK(day_required == Approx(c.week.fit.required));
        CHECK(day_offered == Approx(c.week.outcome.offered));
        CHECK(*c.week.fit.fit() ==
              Approx(1.0 - *c.week.fit.shortage_ratio() - *c.week.fit.redundancy_ratio()));
        // The smoothed schedule is short at peaks and over in troughs: both ratios positive.
        CHECK(*c.week.fit.shortage_ratio() > 0.0);
        CHECK(*c.week.fit.redundancy_ratio() > 0.0);
        CHECK(*c.week.fit.fit() > 0.6);
        CHECK(*c.week.outcome.service_level() > 0.0);
        CHECK(*c.week.outcome.service_level() <= 1.0);
        required += c.week.fit.required;
        answered += c.week.outcome.answered;
    }
    CHECK(s.all_channels.week.fit.required == Approx(required));
    CHECK(s.all_channels.week.outcome.answered == Approx(answered));
    // The schedule gap: (2080 − 2051.5) / 2080; none without a bound.
    CHECK(*r.schedules[0].gap() == Approx(28.5 / 2080.0));
    CHECK_FALSE(r.schedules[1].gap().has_value());
}

TEST_CASE("plan_report: bad figures are rejected naming channel, interval and field", "[report]") {
    auto r = small_report();
    r.channels[0].intervals[1].scheduled = -1.0;
    CHECK_THROWS_AS(wfm::report::summarise(r), wfm::invalid_argument);
    CHECK_THROWS_WITH(wfm::report::summarise(r),
                      Catch::Contains("'voice'") && Catch::Contains("interval 1") &&
                          Catch::Contains("2026-11-02T09:15") && Catch::Contains("scheduled"));
    r = small_report();
    r.channels[0].intervals[0].service_level = 1.5;
    CHECK_THROWS_WITH(wfm::report::to_json(r),
                      Catch::Contains("service_level") && Catch::Contains("[0, 1]"));
    r = small_report();
    std::swap(r.channels[0].intervals[0], r.channels[0].intervals[2]);
    CHECK_THROWS_WITH(wfm::report::render_text(r), Catch::Contains("ascending"));
    r = small_report();
    r.channels[0].intervals[0].start += minutes{7};
    CHECK_THROWS_WITH(wfm::report::render_html(r), Catch::Contains("15m grid"));
    r = small_report();
    r.channels[0].intervals[0].occupancy = std::nan("");
    CHECK_THROWS_WITH(wfm::report::summarise(r), Catch::Contains("occupancy"));
}

TEST_CASE("plan_report: JSON carries every figure, undefined ones as null", "[report]") {
    const auto j = wfm::report::to_json(small_report());
    CHECK(j.at("week_start") == "2026-11-02");
    CHECK(j.at("week_end") == "2026-11-08");
    CHECK(j.at("interval_minutes") == 15);
    const auto& c = j.at("channels").at(0);
    CHECK(c.at("name") == "voice");
    CHECK(c.at("target").at("threshold_s") == 20);
    CHECK(c.at("week").at("fit").get<double>() == Approx(0.7));
    CHECK(c.at("week").at("service_level").get<double>() == Approx(0.8));
    CHECK(c.at("week").at("calls_per_agent_day").get<double>() == Approx(143.0 / 0.6875));
    CHECK(c.at("days").size() == 2);
    CHECK(c.at("days").at(1).at("fit").is_null());
    CHECK(c.at("intervals").size() == 3);
    CHECK(c.at("intervals").at(1).at("gap") == -2.0);
    CHECK(c.at("intervals").at(1).at("covered") == false);
    CHECK(c.at("intervals").at(2).at("service_level").is_null());
    CHECK(j.at("all_channels").at("week").at("fit").get<double>() == Approx(0.7));

    const auto e = wfm::report::to_json(wfm::test::example_report());
    CHECK(e.at("schedules").at(0).at("headcount") == 52);
    CHECK(e.at("schedules").at(0).at("gap").get<double>() == Approx(28.5 / 2080.0));
    CHECK(e.at("schedules").at(1).at("gap").is_null());
    CHECK(e.at("backtests").at(2).at("methods").at(2).at("wape").get<double>() == Approx(0.083));
    CHECK(e.at("channels").at(1).at("intervals").size() == 7u * 96u);
}

TEST_CASE("plan_report: the text report is compact and shows the week's figures", "[report]") {
    const auto r = wfm::test::example_report();
    const std::string text = wfm::report::render_text(r);
    const auto lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    CHECK(lines < 60);
    CHECK(lines > 25);
    const auto s = wfm::report::summarise(r);
    std::istringstream in{text};
    std::string line;
    bool found_voice_fit = false;
    const std::string fit = fmt::format("{:.1f}%", *s.channels[0].week.fit.fit() * 100.0);
    while (std::getline(in, line)) {
        CHECK(line.size() <= 130); // UTF-8 bytes; about 100 columns
        if (line.rfind("voice ", 0) == 0 && line.find(fit) != std::string::npos) {
            found_voice_fit = true;
        }
    }
    CHECK(found_voice_fit);
    CHECK_THAT(text, Catch::Contains("Mon 2026-11-02") && Catch::Contains("Sun 2026-11-08") &&
                         Catch::Contains("no bound") && Catch::Contains("1.37%") &&
                         Catch::Contains("four_week_average 9.4%"));
}

TEST_CASE("plan_report: the HTML page is self-contained, balanced and escapes text", "[report]") {
    auto r = wfm::test::example_report();
    r.title = R"(Plan <b>"A&B"</b>)";
    r.channels[0].name = "voice<script>";
    r.notes.push_back("<img src=x onerror=alert(1)> & 'q'");
    const std::string html = wfm::report::render_html(r);
    CHECK_THAT(html, Catch::Contains("Plan &lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;"));
    CHECK_THAT(html, Catch::Contains("voice&lt;script&gt;"));
    CHECK_THAT(html, Catch::Contains("&lt;img src=x onerror=alert(1)&gt; &amp; &#39;q&#39;"));
    CHECK(html.find("<img") == std::string::npos);
    CHECK(count(html, "<script") == 1); // only the page's own self-check
    // Nothing fetched: no external resources of any kind.
    CHECK(html.find("http://") == std::string::npos);
    CHECK(html.find("https://") == std::string::npos);
    CHECK(html.find("src=\"") == std::string::npos);
    CHECK(html.find("<link") == std::string::npos);
    CHECK(html.find("@import") == std::string::npos);
    // 3 queues × (coverage + SL small multiple) + a heat map for each of the 2 pools.
    CHECK(count(html, "<svg class=\"chart") == 8);
    CHECK(count(html, "<svg") == count(html, "</svg>"));
    CHECK(count(html, "<table") == count(html, "</table>"));
    CHECK(count(html, "<section") == count(html, "</section>"));
    CHECK(count(html, "<tr") == count(html, "</tr>"));
    for (const char* id : {"table-week-fit", "table-week-outcome", "table-days", "table-templates",
                           "table-optimality", "table-backtest", "chart-sl-2", "chart-heatmap-1",
                           "chart-coverage-1", "table-staff"}) {
        CHECK(html.find(fmt::format("id=\"{}\"", id)) != std::string::npos);
    }
    CHECK(html.find("nan") == std::string::npos);
    CHECK(html.find("inf<") == std::string::npos);
}

TEST_CASE("plan_report: empty and all-closed reports render without NaN", "[report]") {
    wfm::report::plan_report empty;
    empty.week_start = wfm::local_date{year{2026} / 11 / 2};
    const std::string text = wfm::report::render_text(empty);
    CHECK(text.find("nan") == std::string::npos);
    const auto j = wfm::report::to_json(empty);
    CHECK(j.at("channels").empty());
    CHECK(j.at("all_channels").at("week").at("fit").is_null());
    CHECK_NOTHROW(wfm::report::render_html(empty));

    // A channel that is closed all week: every interval r = c = 0, no predictions.
    wfm::report::plan_report closed = empty;
    wfm::report::channel_plan c;
    c.name = "video";
    for (int i = 0; i < 7 * 96; ++i) {
        wfm::report::interval_outcome x;
        x.start = wfm::timestamp{empty.week_start} + minutes{15 * i};
        c.intervals.push_back(x);
    }
    closed.channels.push_back(c);
    const auto s = wfm::report::summarise(closed);
    CHECK(s.channels[0].week.fit.intervals == 0);
    CHECK_FALSE(s.channels[0].week.outcome.service_level().has_value());
    CHECK_FALSE(s.channels[0].week.outcome.calls_per_agent_day(minutes{480}).has_value());
    const std::string html = wfm::report::render_html(closed);
    CHECK(count(html, "<svg class=\"chart") == 3);
    CHECK(html.find("nan") == std::string::npos);
    CHECK(wfm::report::render_text(closed).find("n/a") != std::string::npos);
    CHECK(wfm::report::to_json(closed).at("channels").at(0).at("week").at("fit").is_null());
}

TEST_CASE("plan_report: a 100,000-agent interval keeps exact sums", "[report]") {
    auto r = small_report();
    r.channels[0].intervals[0].required = 100000;
    r.channels[0].intervals[0].scheduled = 99999;
    const auto s = wfm::report::summarise(r);
    CHECK(s.channels[0].week.fit.required == 100010.0);
    CHECK(s.channels[0].week.fit.shortage == 3.0);
    CHECK(s.channels[0].week.fit.redundancy == 2.0);
    CHECK(*s.channels[0].week.fit.fit() == Approx(1.0 - 5.0 / 100010.0));
}
