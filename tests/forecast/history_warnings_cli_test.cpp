// Gap and partial-interval warnings of `wfm forecast`, `backtest` and `plan`.
#include "cli.hpp"

#include <wfm/core/time.hpp>
#include <wfm/io/csv.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <sstream>

#ifdef WFM_CLI_PATH
namespace {

namespace fs = std::filesystem;

// Three weeks of weekday five-minute rows 08:00-17:00 (open until 17:05), 2 calls each; no rows
// on Wednesday 2024-01-10.
std::string five_minute_history() {
    std::string out = "interval_start,calls\n";
    const wfm::local_date first{std::chrono::year{2024} / 1 / 1};
    for (int d = 0; d < 21; ++d) {
        const auto day = first + std::chrono::days{d};
        if (wfm::weekday_index(day) >= 5 || d == 9) {
            continue;
        }
        for (int m = 8 * 60; m <= 17 * 60; m += 5) {
            out += fmt::format(
                "{},2\n", wfm::format_timestamp(wfm::timestamp{day} + std::chrono::minutes{m}));
        }
    }
    return out;
}

} // namespace

TEST_CASE("forecast cli: history gaps and partial edge intervals are warnings",
          "[forecast][cli][gaps]") {
    const auto dir = wfm::test::fresh_dir("wfm_history_warnings_cli");
    const auto h = (dir / "h.csv").string();
    wfm::io::write_file_atomic(h, five_minute_history());
    const auto r = wfm::test::run_wfm("forecast --history " + h +
                                      " --interval 15m --method snaive --horizon 7d -o " +
                                      (dir / "f.csv").string());
    REQUIRE(r.status == 0);
    CHECK_THAT(r.err, Catch::Contains("wfm: warning: " + h + ": no rows on 2024-01-10 (Wed)\n"));
    CHECK_THAT(r.err, Catch::Contains("wfm: warning: " + h +
                                      ": the 15m interval at 17:00 is open 5 of 15 minutes on "
                                      "14 days (2024-01-01 … 2024-01-19); its volume is scaled "
                                      "to the full-interval rate (× 3)\n"));
    // The 17:00 interval forecasts the full-interval rate: 2 calls per 5 minutes = 6.
    const auto table = wfm::io::read_csv(dir / "f.csv");
    std::size_t at_five = 0;
    for (std::size_t row = 0; row < table.rows(); ++row) {
        const auto t = wfm::parse_timestamp(table.field(row, 0));
        CHECK(table.number(row, 1) == Approx(6.0));
        at_five += wfm::minute_of_day(t) == 17 * 60 ? 1U : 0U;
    }
    CHECK(at_five == 5);
    const auto b = wfm::test::run_wfm("backtest --history " + h +
                                      " --interval 15m --origins 1 --horizon 1d -o " +
                                      (dir / "b.txt").string());
    REQUIRE(b.status == 0);
    CHECK_THAT(b.err, Catch::Contains("no rows on 2024-01-10 (Wed)"));
    fs::remove_all(dir);
}

TEST_CASE("plan cli: a day removed from the history is a warning and a report note",
          "[plan][cli][gaps]") {
    const auto dir = wfm::test::fresh_dir("wfm_plan_gap_cli");
    const fs::path data{std::string{WFM_SOURCE_DIR} + "/data"};
    std::istringstream in{wfm::io::read_file(data / "sample_history.csv")};
    std::string kept;
    for (std::string line; std::getline(in, line);) {
        if (!line.starts_with("2026-10-14")) {
            kept += line + "\n";
        }
    }
    wfm::io::write_file_atomic(dir / "h.csv", kept);
    const auto r = wfm::test::run_wfm(
        "plan --quiet --start greedy --config " + (data / "plan.json").string() + " --history " +
        (dir / "h.csv").string() + " --out " + (dir / "out").string());
    REQUIRE(r.status == 0);
    const std::string line = (dir / "h.csv").string() + ": no rows on 2026-10-14 (Wed)";
    CHECK_THAT(r.err, Catch::Contains("wfm: warning: " + line + "\n"));
    const auto report = nlohmann::json::parse(wfm::io::read_file(dir / "out" / "report.json"));
    const auto notes = report.at("notes").dump();
    CHECK_THAT(notes, Catch::Contains("warning: " + line));
    // The bundled sample itself has no gap.
    const auto clean =
        wfm::test::run_wfm("plan --quiet --start greedy --config " + (data / "plan.json").string() +
                           " --out " + (dir / "out2").string());
    REQUIRE(clean.status == 0);
    CHECK(clean.err.find("warning") == std::string::npos);
    fs::remove_all(dir);
}
#endif
