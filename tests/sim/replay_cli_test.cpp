// `wfm replay` on the tiny known-answer log, and its bad input.
#include "cli.hpp"

#include <wfm/io/csv.hpp>

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <filesystem>

#ifdef WFM_CLI_PATH
namespace {

std::string replay_tiny_args(const std::filesystem::path& dir, const std::string& extra) {
    return fmt::format(
        "replay {}/sim/replay_tiny.csv --agent-interval-s 0 --patience km --replications 10 "
        "--evaluate-from 1999-02-02 {} -o {}",
        WFM_TEST_DATA_DIR, extra, dir.string());
}

} // namespace

TEST_CASE("replay cli: per-day simulated and actual SL of a known-answer log", "[sim][cli]") {
    const auto dir = wfm::test::fresh_dir("wfm_replay_cli");
    const auto r = wfm::test::run_wfm(replay_tiny_args(dir / "out", ""));
    REQUIRE(r.status == 0);
    const auto days = wfm::io::read_csv(dir / "out" / "replay_days.csv");
    REQUIRE(days.rows() == 2);
    CHECK(days.field(0, 0) == "1999-02-01");
    CHECK(days.field(0, days.column("actual_sl")) == "66.67");
    CHECK(days.field(0, days.column("sim_sl")) == "66.67");
    CHECK(days.field(1, days.column("sim_sl")) == "50.00");
    CHECK(days.field(1, days.column("sl_difference")) == "0.00");
    const auto summary = wfm::io::read_csv(dir / "out" / "replay_summary.csv");
    REQUIRE(summary.rows() == 3);
    CHECK(summary.field(0, 0) == "fit");
    CHECK(summary.field(1, 0) == "evaluation");
    CHECK(summary.field(2, 0) == "all");
    CHECK(summary.field(2, summary.column("days")) == "2");
    CHECK(summary.field(2, summary.column("mean_abs_sl_difference")) == "0.00");
}

TEST_CASE("replay cli: a bad month or an empty selection is one line and exit 2", "[sim][cli]") {
    const auto dir = wfm::test::fresh_dir("wfm_replay_cli_bad");
    const auto month = wfm::test::run_wfm(replay_tiny_args(dir, "--month 1999-13"));
    CHECK(month.status == 2);
    CHECK(month.err.find("--month: expected YYYY-MM, got '1999-13'") != std::string::npos);
    const auto none = wfm::test::run_wfm(replay_tiny_args(dir, "--month 1999-03"));
    CHECK(none.status == 2);
    CHECK(none.err.find("replay: no offered calls in") != std::string::npos);
    CHECK(none.err.find("in 1999-03") != std::string::npos);
    const auto queue = wfm::test::run_wfm(replay_tiny_args(dir, "--queue nosuch"));
    CHECK(queue.status == 2);
    CHECK(queue.err.find("of queue 'nosuch'") != std::string::npos);
    const auto reps = wfm::test::run_wfm(replay_tiny_args(dir, "--sl-time -1"));
    CHECK(reps.status == 2);
    CHECK(reps.err.find("--sl-time") != std::string::npos);
}
#endif
