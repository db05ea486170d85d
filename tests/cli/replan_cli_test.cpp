// `wfm intraday --plan DIR`: the re-plan of the rest of a day from `wfm plan --out DIR` on the
// bundled sample. The flags are parsed by cmd_intraday.cpp (branch `intraday`): these cases pass
// once both branches are merged ([replan-cli]).
#include "cli.hpp"

#include <wfm/io/csv.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace {

namespace fs = std::filesystem;
using wfm::test::run_wfm;

const fs::path data_dir{std::string{WFM_SOURCE_DIR} + "/data"};

// `wfm intraday --plan` exists (a missing command would print the top-level help and pass).
bool intraday_command_built() {
    const auto r = run_wfm("intraday --help");
    REQUIRE(r.status == 0);
    REQUIRE(r.out.find("--plan") != std::string::npos);
    return true;
}

// The sample's plan (week of 2026-11-02), made once.
const fs::path& sample_plan_dir() {
    static const fs::path dir = [] {
        const auto d = wfm::test::fresh_dir("wfm_replan_cli_plan");
        const auto r = run_wfm(fmt::format("plan --start greedy --config {} --out {} -q",
                                           (data_dir / "plan.json").string(), d.string()));
        REQUIRE(r.status == 0);
        return d;
    }();
    return dir;
}

std::string replan_args(const std::string& now, const fs::path& plan, const fs::path& out,
                        const fs::path& config = data_dir / "plan.json") {
    return fmt::format("intraday --history {} --now {} --plan {} --config {} -o {}",
                       (data_dir / "sample_history.csv").string(), now, plan.string(),
                       config.string(), out.string());
}

} // namespace

TEST_CASE("replan cli: writes the reforecast, the actions and the reports", "[replan-cli]") {
    if (!intraday_command_built()) {
        return;
    }
    const auto out = wfm::test::fresh_dir("wfm_replan_cli_out") / "day";
    const auto r = run_wfm(replan_args("2026-11-02T10:00", sample_plan_dir(), out));
    INFO(r.err);
    REQUIRE(r.status == 0);
    for (const char* f : {"reforecast.csv", "actions.csv", "report.txt", "report.json"}) {
        CHECK(fs::exists(out / f));
    }
    const auto reforecast = wfm::io::read_csv(out / "reforecast.csv");
    CHECK(reforecast.header().at(0) == "interval_start");
    REQUIRE(reforecast.rows() > 0);
    CHECK(reforecast.field(0, 0) >= std::string_view{"2026-11-02T10:00"});
    CHECK(reforecast.field(reforecast.rows() - 1, 0) < std::string_view{"2026-11-03T00:00"});
    const auto actions = wfm::io::read_file(out / "actions.csv");
    CHECK(actions.rfind("action,pool,lines,start,end,agent_minutes,cost,sl_before,sl_after,", 0) ==
          0);
    const auto doc = nlohmann::json::parse(wfm::io::read_file(out / "report.json"));
    CHECK(doc.at("day") == "2026-11-02");
    CHECK(doc.at("queues").size() == 3);
    CHECK(doc.at("after").at("service_level").get<double>() >=
          doc.at("before").at("service_level").get<double>() - 1e-9);
    CHECK_THAT(wfm::io::read_file(out / "report.txt"), Catch::Contains("rest of day"));
}

TEST_CASE("replan cli: now off the grid or outside the plan's week writes nothing",
          "[replan-cli]") {
    if (!intraday_command_built()) {
        return;
    }
    const auto out = wfm::test::fresh_dir("wfm_replan_cli_bad") / "day";
    auto r = run_wfm(replan_args("2026-11-02T10:07", sample_plan_dir(), out));
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("--now 2026-11-02T10:07: not on the plan's 15-minute grid"));
    CHECK_FALSE(fs::exists(out));
    r = run_wfm(replan_args("2026-11-09T10:00", sample_plan_dir(), out));
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("outside the week of the plan"));
    CHECK_FALSE(fs::exists(out));
}

TEST_CASE("replan cli: a plan dir missing a file or bad rules write nothing", "[replan-cli]") {
    if (!intraday_command_built()) {
        return;
    }
    const auto base = wfm::test::fresh_dir("wfm_replan_cli_missing");
    const auto plan = base / "plan";
    fs::create_directories(plan);
    for (const char* f : {"forecast.csv", "requirements.csv", "coverage.csv", "report.json"}) {
        fs::copy_file(sample_plan_dir() / f, plan / f);
    }
    auto r = run_wfm(replan_args("2026-11-02T10:00", plan, base / "out"));
    CHECK(r.status == 4);
    CHECK_THAT(r.err, Catch::Contains("schedule.csv"));
    CHECK_FALSE(fs::exists(base / "out"));
    auto config = nlohmann::json::parse(wfm::io::read_file(data_dir / "plan.json"));
    config["intraday"] = {{"max_overtime_minutes", 600}};
    config["history"]["file"] = (data_dir / "sample_history.csv").string();
    config["special_days"] = (data_dir / "sample_special_days.csv").string();
    const auto bad = base / "plan.json";
    {
        std::FILE* f = std::fopen(bad.string().c_str(), "w");
        REQUIRE(f != nullptr);
        std::fputs(config.dump(2).c_str(), f);
        std::fclose(f);
    }
    r = run_wfm(replan_args("2026-11-02T10:00", sample_plan_dir(), base / "out", bad));
    CHECK(r.status == 5);
    CHECK_THAT(r.err, Catch::Contains("/intraday/max_overtime_minutes: expected an integer in "
                                      "0..240"));
    CHECK_FALSE(fs::exists(base / "out"));
}
