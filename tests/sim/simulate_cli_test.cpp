#include "cli.hpp"
#include "sim_reference.hpp"

#include <wfm/io/csv.hpp>

#include <catch2/catch.hpp>

#include <boost/math/distributions/students_t.hpp>
#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#ifdef WFM_CLI_PATH
namespace {

namespace fs = std::filesystem;
using wfm::test::run_wfm;

void write_text(const fs::path& p, const std::string& text) {
    std::ofstream(p) << text;
}

// forecast.csv and coverage.csv of a reference case on 2026-03-02 from 08:00 (15-minute grid);
// the volume is λ × interval length.
void write_case(const wfm::test::transient_case& c, const fs::path& dir) {
    std::string forecast = "interval_start,volume\n";
    std::string coverage = "interval_start,agents\n";
    for (std::size_t i = 0; i < c.rows.size(); ++i) {
        const auto at = fmt::format("2026-03-02T{:02}:{:02}", 8 + i / 4, 15 * (i % 4));
        forecast += fmt::format("{},{}\n", at, c.rows[i].arrivals);
        coverage += fmt::format("{},{}\n", at, c.rows[i].agents);
    }
    write_text(dir / "forecast.csv", forecast);
    write_text(dir / "coverage.csv", coverage);
}

std::string simulate_args(const fs::path& dir, double aht, double patience, int reps) {
    return fmt::format("simulate --forecast {0}/forecast.csv --coverage {0}/coverage.csv "
                       "--aht-s {1} --patience-s {2} --replications {3} -o {0}/sim.csv",
                       dir.string(), aht, patience, reps);
}

} // namespace

TEST_CASE("simulate cli: the second form matches the transient reference within its 99 % CI",
          "[sim][cli]") {
    const auto dir = wfm::test::fresh_dir("wfm_simulate_cli");
    const auto cases =
        wfm::test::read_transient_cases(WFM_TEST_DATA_DIR "/sim/transient_vectors.csv");
    const auto& c = cases.at(1); // surge: 15-minute intervals, a tripled rate in the third
    write_case(c, dir);
    const int reps = 300;
    const auto r = run_wfm(simulate_args(dir, c.rows[0].aht_s, c.rows[0].patience_s, reps));
    REQUIRE(r.status == 0);
    const auto t = wfm::io::read_csv(dir / "sim.csv");
    REQUIRE(t.rows() == c.rows.size());
    CHECK(t.header().size() == 23);
    CHECK(t.field(0, 0) == "2026-03-02T08:00");
    // The file's half-widths are 95 %; widened to 99 % with the same Student t.
    const boost::math::students_t_distribution<double> student{reps - 1.0};
    const double widen =
        boost::math::quantile(student, 0.995) / boost::math::quantile(student, 0.975);
    for (std::size_t i = 0; i < c.rows.size(); ++i) {
        const auto& e = c.rows[i];
        const std::pair<const char*, double> figures[] = {
            {"starts", e.starts}, {"abandonments", e.abandonments},     {"busy_agents", e.busy},
            {"p_wait", e.p_wait}, {"waiting_at_end", e.waiting_at_end}, {"offered", e.arrivals}};
        for (const auto& [name, want] : figures) {
            const double got = t.number(i, t.column(name));
            const double ci = t.number(i, t.column(std::string{name} + "_ci"));
            CAPTURE(i, name, want, got, ci);
            CHECK(std::abs(got - want) <= ci * widen);
        }
        const double sl = t.number(i, t.column("sl"));
        CHECK(sl >= 0.0);
        CHECK(sl <= 1.0);
    }
}

TEST_CASE("simulate cli: bad files and flags exit with a located line and write nothing",
          "[sim][cli]") {
    const auto dir = wfm::test::fresh_dir("wfm_simulate_cli_bad");
    const auto cases =
        wfm::test::read_transient_cases(WFM_TEST_DATA_DIR "/sim/transient_vectors.csv");
    write_case(cases.at(0), dir);
    const auto ok = simulate_args(dir, 180, 120, 2);
    write_text(dir / "coverage.csv", "interval_start,agents\n2026-03-02T08:00,3\n"
                                     "2026-03-02T08:15,2.5\n");
    auto r = run_wfm(ok);
    CHECK(r.status == 3);
    CHECK_THAT(r.err, Catch::Contains("coverage.csv:3:18: ") &&
                          Catch::Contains("expected a whole number of agents, got '2.5'"));
    CHECK(!fs::exists(dir / "sim.csv"));
    write_text(dir / "coverage.csv", "interval_start,agents\n2026-03-02T08:00,3\n"
                                     "2026-03-02T09:00,3\n");
    r = run_wfm(ok);
    CHECK(r.status == 3);
    CHECK_THAT(r.err, Catch::Contains("60-minute grid, the forecast on a 15-minute grid"));
    write_text(dir / "forecast.csv", "interval_start,volume\n2026-03-02T08:00,NA\n");
    r = run_wfm(ok);
    CHECK(r.status == 3);
    CHECK_THAT(r.err, Catch::Contains("forecast.csv:2:18: "));
    // Eight years of 15-minute intervals from two rows: refused before anything is sized by it.
    write_text(dir / "forecast.csv", "interval_start,volume\n2026-03-02T08:15,1\n"
                                     "2034-03-02T08:30,1\n");
    write_text(dir / "coverage.csv", "interval_start,agents\n2026-03-02T08:15,1\n");
    r = run_wfm(ok);
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("at most 250000 queue intervals"));
    r = run_wfm(simulate_args(dir, 180, 120, 1));
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("--replications: expected a whole number in 2..100000"));
    r = run_wfm(simulate_args(dir, 0, 120, 2));
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("--aht-s: expected a finite number in (0, 86400]"));
    r = run_wfm("simulate --forecast " + (dir / "none.csv").string() + " --coverage x.csv " +
                "--aht-s 1 --patience-s 1 -o " + (dir / "sim.csv").string());
    CHECK(r.status == 4);
    CHECK(!fs::exists(dir / "sim.csv"));
}
#endif
