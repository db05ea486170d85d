#include "cli.hpp"

#include <wfm/core/time.hpp>
#include <wfm/io/csv.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

#include <fmt/format.h>

#ifdef WFM_CLI_PATH
namespace {

namespace fs = std::filesystem;
using wfm::test::fresh_dir;
using wfm::test::run_wfm;

std::string fixture(const std::string& name) {
    return std::string{WFM_TEST_DATA_DIR} + "/kpi/" + name;
}

// Three weeks of a generic log: a call every 10 minutes from 08:00 to 18:00, every fifth one
// abandoned.
std::string three_weeks_log() {
    std::string log = "arrival,wait_s,answered,handle_s\n";
    const auto first = wfm::parse_date("2026-03-02");
    for (int day = 0; day < 21; ++day) {
        const std::string date = wfm::format_date(first + std::chrono::days{day});
        for (int k = 0; k < 60; ++k) {
            const bool answered = k % 5 != 0;
            log += fmt::format("{}T{:02d}:{:02d}:30,{},{},{}\n", date, 8 + k / 6, k % 6 * 10,
                               k % 40, answered ? 1 : 0, answered ? 150 + k : 0);
        }
    }
    return log;
}

} // namespace

TEST_CASE("kpi cli: writes the interval CSV and never customer identifiers", "[kpi][cli]") {
    const auto dir = fresh_dir("wfm_kpi_cli");
    const auto r =
        run_wfm("kpi --format anonymous-bank " + fixture("anon_small.tsv") + " --by day -o " +
                (dir / "kpi.csv").string() + " --agents " + (dir / "agents.csv").string());
    REQUIRE(r.status == 0);
    const std::string out = wfm::io::read_file(dir / "kpi.csv");
    CHECK(out == "interval_start,offered,answered,abandoned,answered_within_t,answer_rate,sl,"
                 "asa_s,aht_s\n"
                 "1999-02-01,4,3,1,2,0.750000,0.500000,15.000,155.333\n"
                 "1999-02-02,1,1,0,1,1.000000,1.000000,5.000,60.000\n");
    const std::string agents = wfm::io::read_file(dir / "agents.csv");
    // Both agents worked less than the minimum span (1 h): calls per agent-day is n/a (empty).
    CHECK(agents == "date,agent,answered,handle_s,span_h,calls_per_agent_day\n"
                    "1999-02-01,DORIT,1,166,0.046,\n"
                    "1999-02-01,TOVA,2,300,0.384,\n");
    for (const char* id : {"12345678", "87654321", "55555555"}) {
        CHECK(out.find(id) == std::string::npos);
        CHECK(agents.find(id) == std::string::npos);
    }
    fs::remove_all(dir);
}

TEST_CASE("kpi cli: bad input exits non-zero with the location and writes nothing", "[kpi][cli]") {
    const auto dir = fresh_dir("wfm_kpi_cli_bad");
    const std::string out = " -o " + (dir / "kpi.csv").string();
    const auto bad =
        run_wfm("kpi --format anonymous-bank " + fixture("anon_bad_outcome.tsv") + out);
    CHECK(bad.status == 3);
    CHECK_THAT(bad.err, Catch::Contains("anon_bad_outcome.tsv:3:62: field 'outcome'"));
    CHECK_FALSE(fs::exists(dir / "kpi.csv"));
    const auto mixed = run_wfm("kpi " + fixture("generic_small.csv") + out);
    CHECK(mixed.status == 2); // two channels and no --channel
    CHECK_THAT(mixed.err, Catch::Contains("choose one with --channel"));
    CHECK_FALSE(fs::exists(dir / "kpi.csv"));
    CHECK(run_wfm("kpi " + fixture("generic_small.csv") + " --channel voice" + out).status == 0);
    CHECK(fs::exists(dir / "kpi.csv"));
    fs::remove_all(dir);
}

TEST_CASE("kpi cli: the patience per queue and a plan-ready history", "[kpi][cli][patience]") {
    const auto dir = fresh_dir("wfm_kpi_cli_patience");
    const auto patience = dir / "patience.csv";
    const auto r =
        run_wfm("kpi " + fixture("patience_small.csv") + " --patience " + patience.string());
    REQUIRE(r.status == 0);
    CHECK(r.out.empty()); // the KPI CSV goes to standard output only when nothing else is asked
    CHECK(wfm::io::read_file(patience) ==
          "queue,offered,abandoned,wait_s,patience_mle_s,patience_km_median_s\n"
          "cards,9,4,225,56.250,40.000\n"
          "retail,3,1,45,45.000,\n"
          "wealth,2,0,11,,\n");
    const auto history = dir / "history.csv";
    const auto h = run_wfm("kpi --format anonymous-bank " + fixture("anon_small.tsv") +
                           " --interval 60m --plan-history " + history.string() + " -o " +
                           (dir / "kpi.csv").string());
    REQUIRE(h.status == 0);
    const std::string text = wfm::io::read_file(history);
    CHECK(text.starts_with("interval_start,NW_volume,NW_aht_s,NW_answered,PS_volume,PS_aht_s,"
                           "PS_answered\n"
                           "1999-02-01T00:00,0,,0,0,,0\n"));
    // 07:00: NW answered after 25 and 20 s (100 and 200 s handled); PS one answer, one abandon.
    CHECK_THAT(text, Catch::Contains("\n1999-02-01T07:00,2,150.000,2,2,166.000,1\n"));
    CHECK(std::count(text.begin(), text.end(), '\n') == 1 + 48);
    CHECK(fs::exists(dir / "kpi.csv"));
    // A queue name that cannot name a column: exit 2, nothing written.
    const auto odd = dir / "odd.csv";
    {
        std::ofstream f(odd);
        f << "arrival,wait_s,answered,handle_s,queue\n2026-03-02T09:00:00,5,1,60,card loans\n";
    }
    const auto bad =
        run_wfm("kpi " + odd.string() + " --plan-history " + (dir / "h2.csv").string());
    CHECK(bad.status == 2);
    CHECK_THAT(bad.err, Catch::Contains("'card loans' cannot name a column"));
    CHECK_FALSE(fs::exists(dir / "h2.csv"));
    fs::remove_all(dir);
}

TEST_CASE("kpi cli: --queue keeps one queue of the log, as the plan history counts it",
          "[kpi][cli]") {
    const auto dir = fresh_dir("wfm_kpi_cli_queue");
    std::map<std::string, std::string> at_seven;
    for (const char* queue : {"NW", "PS"}) {
        const auto out = dir / (std::string{queue} + ".csv");
        const auto r = run_wfm("kpi --format anonymous-bank " + fixture("anon_small.tsv") +
                               " --interval 60m --queue " + queue + " -o " + out.string());
        REQUIRE(r.status == 0);
        const auto csv = wfm::io::parse_csv(wfm::io::read_file(out), out.string());
        for (std::size_t i = 0; i < csv.rows(); ++i) {
            if (csv.field(i, csv.column("interval_start")) == "1999-02-01T07:00") {
                at_seven[queue] = std::string(csv.field(i, csv.column("offered"))) + "," +
                                  std::string(csv.field(i, csv.column("answered"))) + "," +
                                  std::string(csv.field(i, csv.column("abandoned")));
            }
        }
    }
    // The plan history's 07:00 row (test above): NW 2 offered, 2 answered; PS 2 offered, 1
    // answered, 1 abandoned.
    CHECK(at_seven["NW"] == "2,2,0");
    CHECK(at_seven["PS"] == "2,1,1");
    const auto bad = run_wfm("kpi --format anonymous-bank " + fixture("anon_small.tsv") +
                             " --queue TT -o " + (dir / "tt.csv").string());
    CHECK(bad.status == 2);
    CHECK_THAT(bad.err, Catch::Contains("no calls of queue 'TT'"));
    CHECK(std::count(bad.err.begin(), bad.err.end(), '\n') == 1);
    CHECK_FALSE(fs::exists(dir / "tt.csv"));
    fs::remove_all(dir);
}

TEST_CASE("kpi cli: kpi's output is forecast and backtest history without flags, on 15 minutes",
          "[kpi][cli]") {
    // Finding 13: forecast read `calls` on 30 minutes by default while kpi wrote `offered`.
    const auto dir = fresh_dir("wfm_kpi_cli_conventions");
    {
        std::ofstream f(dir / "log.csv");
        f << three_weeks_log();
    }
    const auto kpi = dir / "kpi.csv";
    REQUIRE(run_wfm("kpi " + (dir / "log.csv").string() + " -o " + kpi.string()).status == 0);
    const std::string history = wfm::io::read_file(kpi);
    CHECK_THAT(history, Catch::Contains("\n2026-03-02T08:15,")); // kpi's default grid: 15m
    const auto fc = dir / "forecast.csv";
    const auto f =
        run_wfm("forecast --history " + kpi.string() + " --horizon 1d -o " + fc.string());
    REQUIRE(f.status == 0);
    const std::string forecast = wfm::io::read_file(fc);
    CHECK(forecast.starts_with("interval_start,volume,lower,upper,aht_s\n"));
    CHECK_THAT(forecast, Catch::Contains("\n2026-03-23T08:15,")); // forecast's default: 15m
    const auto b = run_wfm("backtest --history " + kpi.string() + " --origins 1 --horizon 1d");
    CHECK(b.status == 0);
    CHECK_THAT(b.out, Catch::Contains("coverage of 80% intervals"));
    // Neither column: one located line naming both defaults.
    {
        std::ofstream h(dir / "other.csv");
        h << "interval_start,volume\n2026-03-02T08:00,3\n";
    }
    const auto none = run_wfm("forecast --history " + (dir / "other.csv").string());
    CHECK(none.status == 3);
    CHECK_THAT(none.err, Catch::Contains("other.csv:1:1: field 'calls': missing column"));
    CHECK_THAT(none.err, Catch::Contains("'offered'"));
    fs::remove_all(dir);
}
#endif
