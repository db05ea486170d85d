#include <wfm/core/error.hpp>
#include <wfm/io/schedule_csv.hpp>
#include <wfm/schedule/solve.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cmath>
#include <numeric>
#include <string>
#include <tuple>
#include <vector>

namespace {

namespace io = wfm::io;
namespace ws = wfm::schedule;

// A week on a 30-minute grid: day, evening and night (past midnight) shifts with breaks.
ws::problem week(int start_band) {
    ws::problem p;
    p.interval_minutes = 30;
    p.cyclic = true;
    p.start_band = start_band;
    p.required.resize(static_cast<std::size_t>(p.intervals()));
    for (std::size_t t = 0; t < p.required.size(); ++t) {
        const double hour = static_cast<double>(t % 48) / 2.0;
        p.required[t] = std::max(0.0, 6.0 * std::sin((hour - 6.0) / 16.0 * 3.14159)) + 1.0 / 3.0;
    }
    ws::shift_template day{"day", 16, {12, 14, 16, 18}, 8.0, false, {}, {}, 0, std::nullopt};
    day.breaks = {{"lunch", 2, 6, 9, true}, {"rest", 1, 11, 13, true}};
    ws::shift_template eve{"evening", 12, {26, 28, 30}, 6.0, true, {}, {}, 0, std::nullopt};
    eve.breaks = {{"rest", 1, 4, 7, true}};
    ws::shift_template night{"night", 16, {42, 44}, 9.0, false, {}, {}, 0, std::nullopt};
    night.breaks = {{"meal", 2, 6, 9, false}};
    p.templates = {day, eve, night};
    p.patterns = ws::consecutive_days_off_patterns(7, 5, true);
    return p;
}

ws::solution solved(const ws::problem& p) {
    ws::solve_options o;
    o.max_iterations = 20000;
    o.compute_bound = false;
    o.start = ws::solve_options::start_kind::greedy;
    o.time_limit = std::chrono::milliseconds{60000};
    return ws::solve(p, o);
}

double written_6g(double v) {
    return std::stod(fmt::format("{:.6g}", v));
}

const std::string header = "line,template,working_days,Mon_start,Mon_breaks,Tue_start,Tue_breaks,"
                           "Wed_start,Wed_breaks,Thu_start,Thu_breaks,Fri_start,Fri_breaks,"
                           "Sat_start,Sat_breaks,Sun_start,Sun_breaks\n";

} // namespace

TEST_CASE("schedule csv: the solver's tours read back exactly, per pool", "[io]") {
    const ws::problem a = week(0);
    const ws::problem b = week(2);
    const ws::solution sa = solved(a);
    const ws::solution sb = solved(b);
    REQUIRE(sa.tours.size() > 10);
    REQUIRE(sb.tours.size() > 10);
    const std::string text =
        io::format_schedule_csv(a, sa, "A", true) + io::format_schedule_csv(b, sb, "B", false);

    for (const auto& [p, s, pool] : {std::tuple{&a, &sa, "A"}, std::tuple{&b, &sb, "B"}}) {
        const auto tours = io::parse_schedule_tours(text, "s.csv", *p, pool);
        REQUIRE(tours.size() == s->tours.size());
        for (std::size_t i = 0; i < tours.size(); ++i) {
            const auto& got = tours[i];
            const auto& want = s->tours[i];
            CHECK(got.template_index == want.template_index);
            CHECK(p->patterns[static_cast<std::size_t>(got.pattern_index)] ==
                  p->patterns[static_cast<std::size_t>(want.pattern_index)]);
            CHECK(got.starts == want.starts);
            CHECK(got.break_offsets == want.break_offsets);
            if (p->start_band == 0) {
                CHECK(got.reference_start == want.reference_start);
            }
        }
        CHECK(ws::validate(*p, tours).empty());
        CHECK(ws::coverage_of(*p, tours) == s->coverage);
    }

    const auto lines = io::parse_schedule_csv(text, "s.csv");
    REQUIRE(lines.size() == sa.tours.size() + sb.tours.size());
    const auto& first = lines.front();
    CHECK(first.pool == "A");
    CHECK(first.line == 1);
    CHECK(first.file_line == 2);
    CHECK(first.template_name ==
          a.templates[static_cast<std::size_t>(sa.tours[0].template_index)].name);
    for (std::size_t d = 0; d < 7; ++d) {
        const int start = sa.tours[0].starts[d];
        REQUIRE(first.days[d].has_value() == (start >= 0));
        if (start >= 0) {
            CHECK(first.days[d]->start_minute == start * 30);
            CHECK(first.days[d]->breaks.size() ==
                  a.templates[static_cast<std::size_t>(sa.tours[0].template_index)].breaks.size());
        }
    }
    CHECK(lines[sa.tours.size()].pool == "B");
    CHECK(lines[sa.tours.size()].line == 1);
    CHECK(lines.back().line == static_cast<int>(sb.tours.size()));
}

TEST_CASE("schedule csv: a night break after midnight reads back on the shift's day", "[io]") {
    const ws::problem p = week(0);
    const std::string text = header +
                             "1,night,Mon Tue Wed Thu Fri,22:00,meal 01:30,22:00,meal "
                             "02:00,21:00,meal 00:30,21:00,meal 01:00,22:00,meal 01:00,,,,\n";
    const auto tours = io::parse_schedule_tours(text, "s.csv", p);
    REQUIRE(tours.size() == 1);
    CHECK(tours[0].template_index == 2);
    CHECK(tours[0].starts == std::vector<int>{44, 44, 42, 42, 44, -1, -1});
    CHECK(tours[0].break_offsets == std::vector<std::vector<int>>{{7}, {8}, {7}, {8}, {6}, {}, {}});
    CHECK(tours[0].reference_start == 44);
}

TEST_CASE("schedule csv: bad input names file, line and column", "[io]") {
    using Catch::Contains;
    const ws::problem p = week(0);
    const std::string off = ",,,,";
    const auto row = [&](const std::string& cells) { return header + cells + "\n"; };
    CHECK_THROWS_WITH(
        io::parse_schedule_tours(row("1,bogus,Mon Tue Wed Thu Fri,06:00,lunch 09:00;rest 11:30,"
                                     "06:00,lunch 09:00;rest 11:30,06:00,lunch 09:00;rest 11:30,"
                                     "06:00,lunch 09:00;rest 11:30,06:00,lunch 09:00;rest 11:30" +
                                     off),
                                 "s.csv", p),
        "s.csv:2:3: field 'template': unknown template 'bogus' (templates: day, evening, night)");
    CHECK_THROWS_WITH(io::parse_schedule_csv(row("1,day,Mon,6:00,,,,,,,,,,,,,"), "s.csv"),
                      "s.csv:2:11: field 'Mon_start': expected a start time HH:MM or an empty "
                      "field, found '6:00'");
    CHECK_THROWS_WITH(io::parse_schedule_csv(row("x,day,Mon,06:00,,,,,,,,,,,,,"), "s.csv"),
                      "s.csv:2:1: field 'line': expected a positive line number, found 'x'");
    CHECK_THROWS_WITH(io::parse_schedule_csv(row("1,day,Mon,06:00,lunch,,,,,,,,,,,,"), "s.csv"),
                      "s.csv:2:17: field 'Mon_breaks': expected breaks as 'name HH:MM;…', "
                      "found 'lunch'");
    CHECK_THROWS_WITH(io::parse_schedule_csv(row("1,day,Mon Tue,06:00,,,,,,,,,,,,,"), "s.csv"),
                      "s.csv:2:7: field 'working_days': 'Mon Tue' but the days with a start are "
                      "'Mon'");
    CHECK_THROWS_WITH(io::parse_schedule_csv(row("1,day,,,lunch 09:00,,,,,,,,,,,,"), "s.csv"),
                      "s.csv:2:9: field 'Mon_breaks': breaks on a day off (the start is empty)");
    const std::string no_sun = header.substr(0, header.rfind(",Sun_breaks")) + "\n";
    CHECK_THROWS_WITH(io::parse_schedule_csv(no_sun + "1,day,,,,,,,,,,,,,,\n", "s.csv"),
                      Contains("s.csv:1:1: field 'Sun_breaks': missing column 'Sun_breaks'"));
    const std::string week_cells = "06:00,lunch 09:00;rest 11:30,06:00,lunch 09:00;rest 11:30,"
                                   "06:00,lunch 09:00;rest 11:30,";
    CHECK_THROWS_WITH(
        io::parse_schedule_tours(row("1,day,Mon Tue Wed Thu Fri,06:10,lunch 09:00;rest 11:30," +
                                     week_cells + "06:00,lunch 09:00;rest 11:30" + off),
                                 "s.csv", p),
        "s.csv:2:27: field 'Mon_start': 06:10 is not on the 30-minute grid");
    CHECK_THROWS_WITH(
        io::parse_schedule_tours(row("1,day,Mon Tue Wed Thu Fri,06:00,rest 11:30;lunch 09:00," +
                                     week_cells + "06:00,lunch 09:00;rest 11:30" + off),
                                 "s.csv", p),
        "s.csv:2:33: field 'Mon_breaks': template 'day' takes the breaks 'lunch;rest' in this "
        "order");
    CHECK_THROWS_WITH(io::parse_schedule_tours(
                          row("1,day,Mon,06:00,lunch 09:00;rest 11:30,,,,,,,,,,,,"), "s.csv", p),
                      "s.csv:2:7: field 'working_days': no days-off pattern of the problem works "
                      "on 'Mon'");
    CHECK_THROWS_WITH(io::parse_schedule_tours(row("1,day,,,,,,,,,,,,,,,"), "s.csv", p, "A"),
                      "s.csv:1:1: pool 'A' asked for but the file has no pool column");
}

TEST_CASE("coverage csv: required and scheduled read back per pool", "[io]") {
    const ws::problem a = week(0);
    const ws::problem b = week(2);
    const ws::solution sa = solved(a);
    const ws::solution sb = solved(b);
    const auto monday = wfm::parse_date("2026-09-14");
    const std::string text = io::format_coverage_csv(a, sa, monday, "A", true) +
                             io::format_coverage_csv(b, sb, monday, "B", false);
    const auto table = io::parse_coverage_csv(text, "c.csv");
    CHECK(table.grid.minutes() == 30);
    REQUIRE(table.pools.size() == 2);
    for (std::size_t k = 0; k < 2; ++k) {
        const auto& p = k == 0 ? a : b;
        const auto& s = k == 0 ? sa : sb;
        const auto& c = table.pools[k];
        CHECK(c.pool == (k == 0 ? "A" : "B"));
        CHECK(c.required.start() == wfm::timestamp{monday.time_since_epoch()});
        REQUIRE(c.required.size() == p.required.size());
        REQUIRE(c.scheduled.size() == p.required.size());
        for (std::size_t t = 0; t < p.required.size(); ++t) {
            CHECK(c.required.value(t) == written_6g(p.required[t]));
            CHECK(c.scheduled.value(t) == static_cast<double>(s.coverage[t]));
        }
    }
    const auto single = io::parse_coverage_csv(io::format_coverage_csv(a, sa, monday), "c.csv");
    REQUIRE(single.pools.size() == 1);
    CHECK(single.pools[0].pool.empty());
    CHECK(single.pools[0].scheduled.observed_sum() ==
          static_cast<double>(std::accumulate(sa.coverage.begin(), sa.coverage.end(), 0)));
}

TEST_CASE("coverage csv: bad input names file, line and column", "[io]") {
    using Catch::Contains;
    const std::string head = "interval_start,required,scheduled,diff\n";
    CHECK_THROWS_WITH(io::parse_coverage_csv(head + "2026-09-14T00:00,1,1,0\n"
                                                    "2026-09-14T25:00,1,1,0\n",
                                             "c.csv"),
                      "c.csv:3:1: field 'interval_start': expected a timestamp YYYY-MM-DDTHH:MM, "
                      "found '2026-09-14T25:00'");
    CHECK_THROWS_WITH(io::parse_coverage_csv(head + "2026-09-14T00:00,1,x,0\n", "c.csv"),
                      "c.csv:2:20: field 'scheduled': expected a number, found 'x'");
    CHECK_THROWS_WITH(io::parse_coverage_csv(head + "2026-09-14T00:00,-1,1,2\n", "c.csv"),
                      "c.csv:2:18: field 'required': expected a non-negative number, found '-1'");
    CHECK_THROWS_WITH(io::parse_coverage_csv(head + "2026-09-14T00:00,1,1,0\n"
                                                    "2026-09-14T00:30,1,1,0\n"
                                                    "2026-09-14T01:30,1,1,0\n",
                                             "c.csv"),
                      "c.csv:4:1: field 'interval_start': expected 2026-09-14T01:00 (one interval "
                      "after the previous row of this pool)");
    CHECK_THROWS_WITH(io::parse_coverage_csv("interval_start,required,scheduled\n"
                                             "2026-09-14T00:00,1,1\n",
                                             "c.csv"),
                      Contains("c.csv:1:1: field 'diff': missing column 'diff'"));
    CHECK_THROWS_WITH(io::parse_coverage_csv(head, "c.csv"), "c.csv:1:1: no coverage rows");
}
