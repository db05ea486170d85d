// Issue 13: the bundled sample's plan is reproducible, and every pool's reported gap is <= 3 %.
#include "cli.hpp"

#include <wfm/io/csv.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

const fs::path sample_gap_config{std::string{WFM_SOURCE_DIR} + "/data/plan.json"};

} // namespace

TEST_CASE("plan cli: two runs of the bundled sample give the same schedules and bounds",
          "[plan][cli][gap]") {
    const auto dir = wfm::test::fresh_dir("wfm_sample_gap");
    for (const char* run : {"a", "b"}) {
        const auto r = wfm::test::run_wfm("plan --quiet --config " + sample_gap_config.string() +
                                          " --out " + (dir / run).string());
        REQUIRE(r.status == 0);
    }
    for (const char* f : {"schedule.csv", "coverage.csv", "requirements.csv"}) {
        CAPTURE(f);
        CHECK(wfm::io::read_file(dir / "a" / f) == wfm::io::read_file(dir / "b" / f));
    }
    const auto a = json::parse(wfm::io::read_file(dir / "a" / "report.json")).at("schedules");
    const auto b = json::parse(wfm::io::read_file(dir / "b" / "report.json")).at("schedules");
    REQUIRE(a.size() == 3);
    for (std::size_t p = 0; p < a.size(); ++p) {
        const std::string pool = a[p].at("pool");
        CAPTURE(pool);
        CHECK(a[p].at("lower_bound").get<double>() == b[p].at("lower_bound").get<double>());
        CHECK(a[p].at("objective").get<double>() == b[p].at("objective").get<double>());
        const double gap = a[p].at("gap");
        // Issue 13: every pool's reported gap is at most 3 %. The bundled config asks for the
        // LP-guided start (`"start": "lp"`), whose bound with branching on tour and day counts
        // gives 1.07 / 1.50 / 2.92 % (docs/performance.md); the greedy start's Lagrangian bound
        // gave 6.5–13 %.
        CHECK(gap <= 0.03);
        CHECK(a[p].at("lower_bound").get<double>() <= a[p].at("objective").get<double>());
        CHECK(gap >= 0.0);
    }
    // `--start greedy` overrides the config's LP start: the Lagrangian bound it leaves is
    // weaker than the LP-and-branching bound on every pool, so its gaps are larger.
    REQUIRE(wfm::test::run_wfm("plan --quiet --start greedy --config " +
                               sample_gap_config.string() + " --out " + (dir / "g").string())
                .status == 0);
    const auto g = json::parse(wfm::io::read_file(dir / "g" / "report.json")).at("schedules");
    REQUIRE(g.size() == 3);
    for (std::size_t p = 0; p < g.size(); ++p) {
        CAPTURE(g[p].at("pool"));
        CHECK(g[p].at("lower_bound").get<double>() < a[p].at("lower_bound").get<double>());
        CHECK(g[p].at("gap").get<double>() > a[p].at("gap").get<double>());
    }
    fs::remove_all(dir);
}
