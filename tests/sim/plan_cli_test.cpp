// `wfm simulate --plan DIR`: the bundled sample plan end to end, and its errors.
#include "cli.hpp"
#include "text_util.hpp"

#include <wfm/io/csv.hpp>

#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#ifdef WFM_CLI_PATH
namespace {

namespace fs = std::filesystem;

// The bundled sample planned once per test run (the plan takes a few seconds).
const fs::path& sp_plan_dir() {
    static const fs::path dir = [] {
        const auto d = wfm::test::fresh_dir("wfm_simulate_plan_sample");
        const auto r = wfm::test::run_wfm(
            fmt::format("plan --start greedy --config {}/data/plan.json --out {} -q",
                        WFM_SOURCE_DIR, (d / "plan").string()));
        REQUIRE(r.status == 0);
        return d / "plan";
    }();
    return dir;
}

} // namespace

TEST_CASE("simulate --plan: the sample plan's week beside its Erlang prediction", "[sim][cli]") {
    const auto& plan = sp_plan_dir();
    const auto out = plan.parent_path() / "sim";
    const auto r = wfm::test::run_wfm(fmt::format(
        "simulate --plan {} --replications 30 --seed 1 -o {}", plan.string(), out.string()));
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("30 replications (seed 1)"));
    for (const char* f : {"simulation.csv", "report.json", "report.txt"}) {
        CHECK(fs::exists(out / f));
    }
    std::ifstream in(out / "report.json");
    const auto j = nlohmann::json::parse(in);
    REQUIRE(j["queues"].size() == 3);
    for (const auto& q : j["queues"]) {
        INFO(q["name"]);
        REQUIRE(q["intervals"].size() == 448); // the open intervals report.json holds
        REQUIRE(q["days"].size() == 7);
        const auto& w = q["week"];
        const double sim_sl = w["sl"]["mean"];
        const double erl_sl = w["sl"]["erlang"];
        // The plan meets its 80 % target on the week, and so does the simulation; every queue
        // agrees within 2 points (seed 1, 30 replications: voice 86.5 vs 87.1, text 91.8 vs
        // 91.6 with its sessions slowed by AHT·k/c(k), video 88.1 vs 89.3).
        CHECK(erl_sl > 0.8);
        CHECK(sim_sl > 0.8);
        CHECK(std::abs(sim_sl - erl_sl) < 0.02);
        // The simulation offers what the plan forecast (Poisson: within 1 %).
        CHECK(w["offered"]["mean"].get<double>() ==
              Approx(w["forecast"].get<double>()).epsilon(0.01));
        const double ar = w["answer_rate"]["mean"];
        const double ab = w["abandon"]["mean"];
        CHECK(ar + ab == Approx(1.0).margin(1e-6)); // everyone is answered or abandons
    }
    const auto t = wfm::io::read_csv(out / "simulation.csv");
    CHECK(t.rows() == 3 * (1 + 7 + 448));
    CHECK(t.field(0, 0) == "voice");
    CHECK(t.field(0, 1) == "week");
    // The same seed gives the same files.
    const auto again = plan.parent_path() / "sim2";
    REQUIRE(wfm::test::run_wfm(fmt::format("simulate --plan {} --replications 30 -o {}",
                                           plan.string(), again.string()))
                .status == 0);
    CHECK(wfm::io::read_file(again / "simulation.csv") ==
          wfm::io::read_file(out / "simulation.csv"));
}

TEST_CASE("simulate --plan: report.html marks the intervals report.json flags, in en and zh-CN",
          "[sim][cli]") {
    const auto& plan = sp_plan_dir();
    for (const char* lang : {"en", "zh-CN"}) {
        INFO("lang " << lang);
        const auto out = plan.parent_path() / fmt::format("sim-html-{}", lang);
        const auto r = wfm::test::run_wfm(fmt::format("simulate --plan {} --replications 20 "
                                                      "--lang {} -o {}",
                                                      plan.string(), lang, out.string()));
        REQUIRE(r.status == 0);
        const std::string html = wfm::io::read_file(out / "report.html");
        std::ifstream in(out / "report.json");
        const auto j = nlohmann::json::parse(in);
        REQUIRE(j["queues"].size() == 3);
        CHECK(wfm::test::count(html, "class=\"chart sim-sl\"") == 3);
        CHECK(wfm::test::count(html, "class=\"chart sim-backlog\"") == 3);
        for (std::size_t q = 0; q < 3; ++q) {
            const auto& queue = j["queues"][q];
            INFO(queue["name"]);
            int flagged = 0;
            for (const auto& iv : queue["intervals"]) {
                flagged += iv["open"].get<bool>() && iv["flagged"].get<bool>() ? 1 : 0;
            }
            const auto from = html.find(fmt::format("<svg id=\"sim-sl-{}\"", q));
            REQUIRE(from != std::string::npos);
            const std::string chart = html.substr(from, html.find("</svg>", from) - from);
            // One red tick per flagged interval, one band per run of intervals with contacts,
            // the simulated and the Erlang series drawn.
            CHECK(wfm::test::count(chart, "class=\"sim-flag\"") == flagged);
            CHECK(flagged > 0);
            CHECK(flagged < 448);
            CHECK(wfm::test::count(chart, "class=\"sim-band\"") >= 1);
            CHECK(wfm::test::count(chart, "class=\"sim-mean\" d=\"M") == 1);
            CHECK(wfm::test::count(chart, "class=\"sim-erlang\" d=\"M") == 1);
        }
        // The week and day figures as tables, one per queue, 1 + 7 rows each.
        CHECK(wfm::test::count(html, "<table id=\"sim-table-") == 3);
        CHECK(wfm::test::count(html, "<tr>") == 3 * (1 + 8));
        if (std::string{lang} == "zh-CN") {
            CHECK_THAT(html, Catch::Contains("lang=\"zh-CN\"") && Catch::Contains("排班仿真复核"));
            CHECK_THAT(r.out, Catch::Contains("当周排班仿真") && Catch::Contains("服务水平"));
        } else {
            CHECK_THAT(r.out, Catch::Contains("Simulation of the plan for the week of"));
        }
    }
    // --lang belongs to the plan form.
    const auto r = wfm::test::run_wfm("simulate --lang zh-CN --forecast f.csv --coverage c.csv "
                                      "--aht-s 100 --patience-s 100 -o x.csv");
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("--lang needs --plan"));
}

TEST_CASE("simulate --plan: bad plan directories and flags exit with one line", "[sim][cli]") {
    const auto& plan = sp_plan_dir();
    const auto dir = wfm::test::fresh_dir("wfm_simulate_plan_bad");
    auto r = wfm::test::run_wfm(
        fmt::format("simulate --plan {} -o {}", dir.string(), (dir / "out").string()));
    CHECK(r.status == 4);
    CHECK_THAT(r.err, Catch::Contains("not a `wfm plan --out` directory: no forecast.csv"));
    r = wfm::test::run_wfm(fmt::format("simulate --plan {} --config {} -o {}", plan.string(),
                                       (dir / "none.json").string(), (dir / "out").string()));
    CHECK(r.status == 4);
    std::ofstream(dir / "bad.json") << R"({"channels": [{"name": "voice", "aht_s": -1}]})";
    r = wfm::test::run_wfm(fmt::format("simulate --plan {} --config {} -o {}", plan.string(),
                                       (dir / "bad.json").string(), (dir / "out").string()));
    CHECK(r.status == 5);
    CHECK_THAT(r.err, Catch::StartsWith("wfm: error: " + (dir / "bad.json").string() + ": /"));
    r = wfm::test::run_wfm(
        fmt::format("simulate --plan {} --aht-s 100 -o {}", plan.string(), (dir / "out").string()));
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("--plan takes the forecast, AHT, patience and coverage"));
    r = wfm::test::run_wfm(fmt::format("simulate --plan {} --replications 1", plan.string()));
    CHECK(r.status == 2);
    CHECK(!fs::exists(dir / "out"));
}
#endif
