#include "cli.hpp"

#include <wfm/io/csv.hpp>

#include <catch2/catch.hpp>

#include <filesystem>

#ifdef WFM_CLI_PATH
namespace {

namespace fs = std::filesystem;
using wfm::test::fresh_dir;
using wfm::test::run_wfm;

std::string fixture(const std::string& name) {
    return std::string{WFM_TEST_DATA_DIR} + "/kpi/" + name;
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
    CHECK(agents.find("TOVA") != std::string::npos);
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
#endif
