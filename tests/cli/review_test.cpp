// `wfm review` end to end on the bundled sample plan, and its bad inputs: one located line, a
// distinct exit code, nothing written.
#include "cli.hpp"

#ifdef WFM_CLI_PATH
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

namespace {

namespace fs = std::filesystem;
using wfm::test::fresh_dir;
using wfm::test::run_wfm;

constexpr const char* header =
    "interval_start,offered,answered,abandoned,answered_within_t,answer_rate,sl,asa_s,aht_s\n";

// The bundled sample's plan, made once per run.
const fs::path& sample_plan() {
    static const fs::path dir = [] {
        const auto d = fresh_dir("wfm_review_cli") / "plan";
        REQUIRE(run_wfm("plan -q --start greedy --out " + d.string()).status == 0);
        return d;
    }();
    return dir;
}

void review_write(const fs::path& p, const std::string& text) {
    std::ofstream(p) << text;
}

// The voice queue's actuals: each interval of the plan as forecast, 90 % within t.
fs::path voice_actuals(const fs::path& dir) {
    const auto doc = nlohmann::json::parse(std::ifstream(sample_plan() / "report.json"));
    std::string csv = header;
    for (const auto& x : doc["channels"][0]["intervals"]) {
        const double v = std::round(x["volume"].get<double>());
        csv += fmt::format("{},{},{},0,{},,,10,{}\n", x["start"].get<std::string>(), v, v,
                           std::floor(0.9 * v), x["aht_s"].get<double>());
    }
    review_write(dir / "voice.csv", csv);
    return dir / "voice.csv";
}

} // namespace

TEST_CASE("wfm review writes report files whose SL miss parts add up", "[review][cli]") {
    const auto dir = fresh_dir("wfm_review_ok");
    const auto r =
        run_wfm(fmt::format("review -q --plan {} --actuals {} -o {}", sample_plan().string(),
                            voice_actuals(dir).string(), (dir / "out").string()));
    REQUIRE(r.status == 0);
    for (const char* f : {"report.txt", "report.json", "report.html"}) {
        CHECK(fs::exists(dir / "out" / f));
    }
    const auto doc = nlohmann::json::parse(std::ifstream(dir / "out" / "report.json"));
    const auto& q = doc["queues"][0];
    CHECK(q["name"] == "voice");
    const auto& m = q["week"]["sl_miss"];
    CHECK(m["volume"].get<double>() + m["aht"].get<double>() + m["execution"].get<double>() ==
          Approx(m["total"].get<double>()).margin(1e-9));
    CHECK(q["week"]["sl_actual"].get<double>() > 0.85);
    CHECK(q["week"]["sl_actual"].get<double>() <= 0.9);
    const auto zh = run_wfm(fmt::format("review -q --lang zh-CN --plan {} --actuals {} -o {}",
                                        sample_plan().string(), (dir / "voice.csv").string(),
                                        (dir / "zh").string()));
    REQUIRE(zh.status == 0);
    CHECK(wfm::io::read_file(dir / "zh" / "report.txt").find("服务水平") != std::string::npos);
}

TEST_CASE("wfm review bad inputs give one located line an exit code and no files",
          "[review][cli]") {
    const auto dir = fresh_dir("wfm_review_bad");
    review_write(dir / "other_week.csv",
                 std::string{header} + "2020-01-06T09:00,5,5,0,5,,,1,100\n");
    review_write(dir / "no_sl.csv", "interval_start,offered,answered,abandoned,answered_within_t\n"
                                    "2026-11-02T09:00,5,5,0,5\n");
    const auto broken = dir / "broken_plan";
    fs::create_directories(broken);
    for (const auto& e : fs::directory_iterator(sample_plan())) {
        if (e.path().filename() != "coverage.csv") {
            fs::copy_file(e.path(), broken / e.path().filename());
        }
    }
    struct bad {
        std::string plan, actuals, where;
        int status;
    };
    const std::vector<bad> cases{
        {sample_plan().string(), "voice=" + (dir / "other_week.csv").string(),
         (dir / "other_week.csv").string() + ":2:1: ", 3},
        {sample_plan().string(), "voice=" + (dir / "no_sl.csv").string(),
         (dir / "no_sl.csv").string() + ":1:", 3},
        {broken.string(), "voice=" + (dir / "other_week.csv").string(), "no coverage.csv", 4},
        {sample_plan().string(), (dir / "no_sl.csv").string(), "which queue?", 2},
    };
    for (const auto& c : cases) {
        const auto out = dir / "out";
        const auto r = run_wfm(
            fmt::format("review --plan {} --actuals {} -o {}", c.plan, c.actuals, out.string()));
        INFO(r.err);
        CHECK(r.status == c.status);
        CHECK(r.err.find(c.where) != std::string::npos);
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
        CHECK(!fs::exists(out));
    }
}

TEST_CASE("wfm review --past reads earlier reviews back; a bad one is located, nothing written",
          "[review][cli]") {
    const auto dir = fresh_dir("wfm_review_past");
    const auto args = fmt::format("review -q --plan {} --actuals {}", sample_plan().string(),
                                  voice_actuals(dir).string());
    REQUIRE(run_wfm(args + " -o " + (dir / "first").string()).status == 0);
    // The same week again: a day reviewed twice counts once, so nothing recurs across weeks.
    REQUIRE(
        run_wfm(args + " --past " + (dir / "first").string() + " -o " + (dir / "again").string())
            .status == 0);
    const auto doc = nlohmann::json::parse(std::ifstream(dir / "again" / "report.json"));
    CHECK(doc["weeks_reviewed"] == 1);
    CHECK(doc["calendar_suggestions"].empty());

    auto bad = nlohmann::json::parse(std::ifstream(dir / "first" / "report.json"));
    bad["queues"][0]["days"][2]["offered"] = "many";
    fs::create_directories(dir / "bad");
    review_write(dir / "bad" / "report.json", bad.dump());
    struct past_case {
        fs::path past;
        std::string where;
        int status;
    };
    for (const auto& c : {past_case{dir / "none", "not a `wfm review -o` directory", 4},
                          past_case{dir / "bad", "report.json: /queues/0/days/2/offered: ", 5}}) {
        const auto out = dir / "out";
        const auto r = run_wfm(fmt::format("review --plan {} --actuals {} --past {} -o {}",
                                           sample_plan().string(), (dir / "voice.csv").string(),
                                           c.past.string(), out.string()));
        INFO(r.err);
        CHECK(r.status == c.status);
        CHECK(r.err.find(c.where) != std::string::npos);
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
        CHECK(!fs::exists(out));
    }
}
#endif
