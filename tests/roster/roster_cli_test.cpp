#include "cli.hpp"

#include <wfm/core/time.hpp>
#include <wfm/io/csv.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#ifdef WFM_CLI_PATH

namespace {

const std::string roster_example = std::string{WFM_SOURCE_DIR} + "/data/examples/roster/";

std::string roster_args(const std::filesystem::path& out) {
    return fmt::format("roster --requirements {0}requirements.csv --config {0}schedule.json "
                       "--agents {0}agents.csv --leave {0}leave.csv --iterations 30000 -o {1}",
                       roster_example, out.string());
}

int clock_minutes(std::string_view hhmm) {
    return std::stoi(std::string{hhmm.substr(0, 2)}) * 60 + std::stoi(std::string{hhmm.substr(3)});
}

} // namespace

TEST_CASE("wfm roster: coverage.csv equals the coverage recomputed from roster.csv", "[roster]") {
    const auto dir = wfm::test::fresh_dir("wfm_roster_cover");
    const auto r = wfm::test::run_wfm(roster_args(dir));
    REQUIRE(r.status == 0);
    CHECK(r.out.find("rule checks: every rule holds") != std::string::npos);
    // each roster row: on shift from start to end (next day when end <= start), minus breaks
    std::map<std::string, int> counted; // "pool interval_start" → agents
    const auto roster = wfm::io::read_csv(dir / "roster.csv");
    for (std::size_t row = 0; row < roster.rows(); ++row) {
        const std::string date{roster.field(row, 1)};
        const int start = clock_minutes(roster.field(row, 2));
        int end = clock_minutes(roster.field(row, 3));
        end += end <= start ? 1440 : 0;
        std::vector<std::pair<int, int>> breaks;
        std::string_view b = roster.field(row, 6);
        while (!b.empty()) {
            const auto sep = b.find(';');
            const auto part = b.substr(0, sep);
            const auto space = part.rfind(' ');
            breaks.emplace_back(clock_minutes(part.substr(space + 1, 5)),
                                clock_minutes(part.substr(space + 7, 5)));
            b = sep == std::string_view::npos ? std::string_view{} : b.substr(sep + 1);
        }
        const auto day = wfm::parse_date(date);
        for (int m = start; m < end; m += 30) {
            bool on_break = false;
            for (const auto& [from, to] : breaks) {
                on_break = on_break || (m >= from && m < to);
            }
            if (!on_break) {
                const auto t = wfm::timestamp{std::chrono::duration_cast<std::chrono::minutes>(
                                   day.time_since_epoch())} +
                               std::chrono::minutes{m};
                ++counted[std::string{roster.field(row, 5)} + " " + wfm::format_timestamp(t)];
            }
        }
    }
    const auto coverage = wfm::io::read_csv(dir / "coverage.csv");
    long total = 0;
    for (std::size_t row = 0; row < coverage.rows(); ++row) {
        const std::string key =
            std::string{coverage.field(row, 1)} + " " + std::string{coverage.field(row, 0)};
        INFO(key);
        CHECK(std::stoi(std::string{coverage.field(row, 3)}) == counted[key]);
        total += std::stoi(std::string{coverage.field(row, 3)});
    }
    CHECK(total > 0);
}

TEST_CASE("wfm roster: the iCalendar files parse with python3-icalendar, one event per shift",
          "[roster]") {
    const auto dir = wfm::test::fresh_dir("wfm_roster_ics");
    REQUIRE(wfm::test::run_wfm(roster_args(dir)).status == 0);
    // fails loudly (not skipped) when the icalendar module is missing
    const std::string script = fmt::format(
        "import sys, glob, csv, icalendar\n"
        "rows = list(csv.DictReader(open('{0}/roster.csv')))\n"
        "for path in sorted(glob.glob('{0}/ics/*.ics')):\n"
        "    raw = open(path, 'rb').read()\n"
        "    lines = raw.split(b'\\r\\n')\n"
        "    assert all(len(l) <= 75 for l in lines), path\n"
        "    assert b'\\n' not in raw.replace(b'\\r\\n', b''), path\n"
        "    cal = icalendar.Calendar.from_ical(raw)\n"
        "    agent = path.split('/')[-1][:-4]\n"
        "    events = [e for e in cal.walk('VEVENT')]\n"
        "    mine = [r for r in rows if r['agent'] == agent]\n"
        "    assert len(events) == len(mine), (path, len(events), len(mine))\n"
        "    for e, r in zip(events, mine):\n"
        "        assert e['UID'] and e['DTSTAMP']\n"
        "        assert e.decoded('DTSTART').strftime('%Y-%m-%d %H:%M') == r['date'] + ' ' + "
        "r['start'], (e.decoded('DTSTART'), r)\n"
        "        assert e.decoded('DTEND').strftime('%H:%M') == r['end']\n"
        "        assert ('none' if not r['breaks'] else r['breaks'].split(';')[0]) in "
        "str(e['DESCRIPTION'])\n"
        "print('ok', len(rows))\n",
        dir.string());
    const auto py = dir / "check.py";
    wfm::io::write_file_atomic(py, script);
    const int status = std::system(
        fmt::format("/usr/bin/python3 {} >{}/py.out 2>&1", py.string(), dir.string()).c_str());
    INFO(wfm::io::read_file(dir / "py.out"));
    CHECK(status == 0);
}

TEST_CASE("wfm roster: agent names appear only in roster.csv, agents_summary.csv and .ics",
          "[roster]") {
    const auto dir = wfm::test::fresh_dir("wfm_roster_privacy");
    const auto r = wfm::test::run_wfm(roster_args(dir));
    REQUIRE(r.status == 0);
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file()) {
            continue;
        }
        const auto name = entry.path().filename().string();
        const bool allowed = name == "roster.csv" || name == "agents_summary.csv" ||
                             entry.path().extension() == ".ics";
        if (!allowed) {
            INFO(name);
            CHECK(wfm::io::read_file(entry.path()).find("Ana Silva") == std::string::npos);
        }
    }
    CHECK(r.out.find("Ana Silva") == std::string::npos);
    CHECK(wfm::io::read_file(dir / "roster.csv").find("Ana Silva") != std::string::npos);
}

TEST_CASE("wfm roster: when the agents cannot cover, exit 6 names where and writes the roster",
          "[roster]") {
    const auto dir = wfm::test::fresh_dir("wfm_roster_short");
    // everyone on leave on the first Monday: that day's shifts cannot be covered
    std::string leave = "agent,date\n";
    for (int a = 1; a <= 10; ++a) {
        leave += fmt::format("a{:02},2026-01-05\n", a);
    }
    wfm::io::write_file_atomic(dir / "leave.csv", leave);
    const auto r = wfm::test::run_wfm(
        fmt::format("roster --requirements {0}requirements.csv --config {0}schedule.json --agents "
                    "{0}agents.csv --leave {1}/leave.csv -o {1}/out",
                    roster_example, dir.string()));
    CHECK(r.status == 6);
    CHECK(r.err.find("the agents cannot cover") != std::string::npos);
    CHECK(r.err.find("first: 2026-01-05") != std::string::npos);
    CHECK(std::filesystem::exists(dir / "out" / "roster.csv"));
    const auto shortfall = wfm::io::read_csv(dir / "out" / "shortfall.csv");
    REQUIRE(shortfall.rows() > 0);
    CHECK(shortfall.field(0, 1) == "2026-01-05");
}

TEST_CASE("wfm roster: a bad agents row exits 3 with file:line:column", "[roster]") {
    const auto dir = wfm::test::fresh_dir("wfm_roster_bad");
    wfm::io::write_file_atomic(dir / "agents.csv", "agent,skills,max_days_week\na1,sales,8\n");
    const auto r = wfm::test::run_wfm(
        fmt::format("roster --requirements {0}requirements.csv --config {0}schedule.json --agents "
                    "{1}/agents.csv -o {1}/out",
                    roster_example, dir.string()));
    CHECK(r.status == 3);
    CHECK(r.err.find("agents.csv:2:10: field 'max_days_week'") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "out"));
}

TEST_CASE(
    "wfm plan --agents --leave --weeks 2: plans two weeks and rosters them beside the plan files",
    "[roster]") {
    const auto dir = wfm::test::fresh_dir("wfm_plan_roster");
    const std::string source{WFM_SOURCE_DIR};
    // p001 is on leave the whole first week (the sample's history ends on Sunday 2026-11-01)
    std::string leave = "agent,date\n";
    for (int d = 2; d <= 8; ++d) {
        leave += fmt::format("p001,2026-11-{:02d}\n", d);
    }
    std::ofstream{dir / "leave.csv"} << leave;
    const auto r =
        wfm::test::run_wfm(fmt::format("plan -q --start greedy --config {0}/data/plan.json "
                                       "--agents {0}/data/examples/plan_agents.csv "
                                       "--leave {1}/leave.csv --weeks 2 --out {1}/out",
                                       source, dir.string()));
    INFO(r.err);
    REQUIRE(r.status == 0);
    const auto out = dir / "out";
    // each week's plan in its own directory, the weeks' requirements together
    std::vector<std::string> weeks;
    for (const auto& e : std::filesystem::directory_iterator(out)) {
        if (e.is_directory() && e.path().filename().string().rfind("week-", 0) == 0) {
            weeks.push_back(e.path().filename().string());
        }
    }
    std::sort(weeks.begin(), weeks.end());
    REQUIRE(weeks.size() == 2);
    const auto first = wfm::parse_date(weeks[0].substr(5));
    CHECK(wfm::parse_date(weeks[1].substr(5)) == first + std::chrono::days{7});
    std::size_t week_rows = 0;
    for (const auto& w : weeks) {
        for (const char* f : {"forecast.csv", "requirements.csv", "schedule.csv", "coverage.csv",
                              "report.txt", "report.json", "report.html"}) {
            INFO(w << "/" << f);
            CHECK(std::filesystem::exists(out / w / f));
        }
        week_rows += wfm::io::read_csv(out / w / "requirements.csv").rows();
    }
    CHECK(wfm::io::read_csv(out / "requirements.csv").rows() == week_rows);
    // the roster over both weeks: every rule holds, every shift has an agent
    const auto roster = wfm::io::read_csv(out / "roster.csv");
    REQUIRE(roster.rows() > 0);
    std::set<std::string> dates;
    for (std::size_t row = 0; row < roster.rows(); ++row) {
        dates.emplace(roster.field(row, 1));
    }
    REQUIRE(wfm::format_date(first) == "2026-11-02");
    std::size_t p001_first_week = 0;
    std::size_t p001_second_week = 0;
    for (std::size_t row = 0; row < roster.rows(); ++row) {
        if (roster.field(row, 0) == "p001") {
            ++(roster.field(row, 1) <= "2026-11-08" ? p001_first_week : p001_second_week);
        }
    }
    CHECK(p001_first_week == 0); // the leave holds
    CHECK(p001_second_week > 0); // and the agent works when not on leave
    CHECK(*dates.begin() >= wfm::format_date(first));
    CHECK(*dates.rbegin() > wfm::format_date(first + std::chrono::days{7}));
    CHECK(*dates.rbegin() < wfm::format_date(first + std::chrono::days{14}));
    const std::string report = wfm::io::read_file(out / "roster_report.txt");
    CHECK(report.find("rule checks: every rule holds") != std::string::npos);
    CHECK(wfm::io::read_csv(out / "shortfall.csv").rows() == 0);
    for (const char* f : {"agents_summary.csv", "roster_coverage.csv", "ics/p001.ics"}) {
        INFO(f);
        CHECK(std::filesystem::exists(out / f));
    }
    // names only in the roster's files
    for (const auto& entry : std::filesystem::recursive_directory_iterator(out)) {
        const auto name = entry.path().filename().string();
        if (entry.is_regular_file() && name != "roster.csv" && name != "agents_summary.csv" &&
            entry.path().extension() != ".ics") {
            INFO(name);
            CHECK(wfm::io::read_file(entry.path()).find("Agent 001") == std::string::npos);
        }
    }
}

TEST_CASE("wfm plan --agents: a bad agents row writes nothing; --leave needs --agents",
          "[roster]") {
    const auto dir = wfm::test::fresh_dir("wfm_plan_roster_bad");
    const std::string source{WFM_SOURCE_DIR};
    wfm::io::write_file_atomic(dir / "agents.csv", "agent,skills,max_hours_week\np1,voice,-4\n");
    const auto r = wfm::test::run_wfm(fmt::format(
        "plan -q --start greedy --config {0}/data/plan.json --agents {1}/agents.csv --weeks 1 "
        "--out {1}/out",
        source, dir.string()));
    CHECK(r.status == 3);
    CHECK(r.err.find("agents.csv:2:") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "out")); // all-or-nothing: no plan file either
    const auto usage = wfm::test::run_wfm(fmt::format(
        "plan -q --start greedy --config {0}/data/plan.json --leave {1}/leave.csv --out {1}/out2",
        source, dir.string()));
    CHECK(usage.status == 2);
    CHECK(usage.err.find("--agents") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "out2"));
}

#endif
