// `wfm staff` on a forecast with an impossible volume or handle time: exit 3 with the file, line
// and column of the value, no output; never "0 agents" and exit 0.
#include "cli.hpp"

#include <wfm/io/output_files.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#ifdef WFM_CLI_PATH
namespace {

using wfm::test::fresh_dir;
using wfm::test::run_wfm;

struct staff_case {
    std::string row;      // the second data row of the forecast
    std::string location; // where the error must point
};

} // namespace

TEST_CASE("staff cli: an impossible forecast volume or AHT is located, exit 3", "[app][cli]") {
    const auto dir = fresh_dir("wfm_staff_forecast_limits");
    const std::string header = "interval_start,volume,lower,upper,aht_s\n";
    const std::string first = "2026-03-02T08:00,100,90,110,180\n";
    const staff_case cases[] = {
        {"2026-03-02T08:30,1e308,90,110,180\n", ":3:18: field 'volume'"},
        {"2026-03-02T08:30,100,90,110,1e308\n", ":3:29: field 'aht_s'"},
        {"2026-03-02T08:30,100,90,110,0\n", ":3:29: field 'aht_s'"},
        {"2026-03-02T08:30,-3,90,110,180\n", ":3:18: field 'volume'"},
    };
    for (const auto& c : cases) {
        INFO(c.row);
        const auto csv = dir / "f.csv";
        wfm::io::write_file_atomic(csv, header + first + c.row);
        const auto out = dir / "req.csv";
        const auto r =
            run_wfm("staff --forecast " + csv.string() + " --target-sl 0.8 -o " + out.string());
        CHECK(r.status == 3);
        CHECK_THAT(r.err, Catch::StartsWith("wfm: error: " + csv.string() + c.location));
        CHECK_FALSE(std::filesystem::exists(out));
    }
    // The same file with possible values staffs: the check is not a blanket rejection.
    const auto csv = dir / "f.csv";
    wfm::io::write_file_atomic(csv, header + first + "2026-03-02T08:30,100,90,110,86400\n");
    CHECK(run_wfm("staff --forecast " + csv.string() + " --target-sl 0.8").status == 0);
    std::filesystem::remove_all(dir);
}
#endif
