// plan.json's "simulate": `wfm plan` runs the discrete-event check itself and reports the same
// figures as `wfm simulate --plan` on the written plan; bad values name their JSON path.
#include "cli.hpp"

#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#ifdef WFM_CLI_PATH
namespace {

namespace fs = std::filesystem;

// data/plan.json with `extra` merged in, its files made absolute, written into `dir`.
fs::path psk_config(const fs::path& dir, const nlohmann::json& extra) {
    auto doc = nlohmann::json::parse(std::ifstream(WFM_SOURCE_DIR "/data/plan.json"));
    doc["history"]["file"] = WFM_SOURCE_DIR "/data/sample_history.csv";
    doc["special_days"] = WFM_SOURCE_DIR "/data/sample_special_days.csv";
    doc.merge_patch(extra);
    const auto path = dir / "plan.json";
    std::ofstream(path) << doc.dump(1);
    return path;
}

std::string psk_slurp(const fs::path& p) {
    std::ifstream in(p);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

TEST_CASE("plan.json simulate: the plan's report carries the simulation check, equal to "
          "simulate --plan on the written plan",
          "[sim][cli][plan]") {
    const auto dir = wfm::test::fresh_dir("wfm_plan_simulate_key");
    const auto config = psk_config(dir, {{"simulate", {{"replications", 12}, {"seed", 7}}}});
    auto r = wfm::test::run_wfm(fmt::format("plan --start greedy --config {} --out {} -q",
                                            config.string(), (dir / "plan").string()));
    REQUIRE(r.status == 0);
    const auto plan = nlohmann::json::parse(std::ifstream(dir / "plan" / "report.json"));
    REQUIRE(plan.contains("simulation"));
    const auto& check = plan["simulation"];
    CHECK(check["replications"] == 12);
    CHECK(check["seed"] == 7);
    r = wfm::test::run_wfm(fmt::format("simulate --plan {} --replications 12 --seed 7 -o {}",
                                       (dir / "plan").string(), (dir / "sim").string()));
    REQUIRE(r.status == 0);
    const auto sim = nlohmann::json::parse(std::ifstream(dir / "sim" / "report.json"));
    REQUIRE(check["queues"].size() == sim["queues"].size());
    for (std::size_t q = 0; q < sim["queues"].size(); ++q) {
        const auto& a = check["queues"][q];
        const auto& b = sim["queues"][q];
        INFO(a["name"]);
        CHECK(a["name"] == b["name"]);
        // The same model and seed: the same numbers, exactly.
        CHECK(a["week"]["service_level"]["mean"] == b["week"]["sl"]["mean"]);
        CHECK(a["week"]["service_level"]["ci"] == b["week"]["sl"]["ci"]);
        CHECK(a["week"]["answer_rate"]["mean"] == b["week"]["answer_rate"]["mean"]);
        CHECK(a["week"]["abandon"]["mean"] == b["week"]["abandon"]["mean"]);
        CHECK(a["week"]["service_level"]["erlang"] == b["week"]["sl"]["erlang"]);
        REQUIRE(a["days"].size() == 7);
        for (std::size_t d = 0; d < 7; ++d) {
            CHECK(a["days"][d]["service_level"]["mean"] == b["days"][d]["sl"]["mean"]);
        }
        int flagged = 0;
        for (const auto& i : b["intervals"]) {
            flagged += i["open"].get<bool>() && i["flagged"].get<bool>() ? 1 : 0;
        }
        CHECK(a["flagged_intervals"] == flagged);
    }
    const std::string text = psk_slurp(dir / "plan" / "report.txt");
    CHECK_THAT(text, Catch::Contains("Simulation check (12 replications, seed 7)"));
    const std::string html = psk_slurp(dir / "plan" / "report.html");
    CHECK_THAT(html, Catch::Contains("<section id=\"simulation\">") &&
                         Catch::Contains("<table id=\"table-simulation\""));
    // Without the key nothing changes: no simulation in the report.
    const auto plain = psk_config(dir, {{"simulate", nullptr}});
    r = wfm::test::run_wfm(fmt::format("plan --start greedy --config {} --out {} -q",
                                       plain.string(), (dir / "plain").string()));
    REQUIRE(r.status == 0);
    CHECK_FALSE(
        nlohmann::json::parse(std::ifstream(dir / "plain" / "report.json")).contains("simulation"));
    CHECK(psk_slurp(dir / "plain" / "report.txt").find("Simulation check") == std::string::npos);
}

TEST_CASE("plan.json simulate: bad values exit 5 with their JSON path and write nothing",
          "[sim][cli][plan]") {
    const auto dir = wfm::test::fresh_dir("wfm_plan_simulate_key_bad");
    const std::pair<nlohmann::json, const char*> cases[] = {
        {{{"simulate", {{"replications", 1}}}},
         "/simulate/replications: expected an integer in 2..100000, got 1"},
        {{{"simulate", {{"replications", 10}, {"reps", 3}}}},
         "/simulate/reps: expected one of the keys replications, seed, got an unknown key"},
        {{{"simulate", {{"seed", 3}}}}, "/simulate/replications: expected"},
        {{{"simulate", 100}}, "/simulate: expected"},
    };
    for (const auto& [extra, message] : cases) {
        const auto config = psk_config(dir, extra);
        const auto r = wfm::test::run_wfm(fmt::format("plan --start greedy --config {} --out {} -q",
                                                      config.string(), (dir / "out").string()));
        CAPTURE(extra.dump());
        CHECK(r.status == 5);
        CHECK_THAT(r.err, Catch::Contains(message));
        CHECK_FALSE(fs::exists(dir / "out"));
    }
}
#endif
