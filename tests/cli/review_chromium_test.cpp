// `wfm review`'s report.html rendered in headless Chromium (en and zh-CN): the self-check script
// finds every chart, the figures are real tables (no preformatted text), nothing overflows a
// 1280-pixel window, and a screenshot is not blank. Skips when Chromium is not installed.
// Set WFM_KEEP_RENDER=1 to keep the pages and screenshots under the test's directory.
#include "chromium.hpp"
#include "cli.hpp"
#include "shared_data.hpp"
#include "text_util.hpp"

#ifdef WFM_CLI_PATH
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

namespace fs = std::filesystem;
using wfm::test::fresh_dir;
using wfm::test::run_wfm;

constexpr const char* review_chromium = wfm::test::chromium_path;

// Actuals for every queue of the sample plan: as forecast, but Wednesday 30 % high, 88 % within t.
fs::path review_render_actuals(const fs::path& plan, const fs::path& dir) {
    const auto doc = nlohmann::json::parse(std::ifstream(plan / "report.json"));
    std::string csv =
        "queue,interval_start,offered,answered,abandoned,answered_within_t,answer_rate,sl,asa_s,"
        "aht_s\n";
    for (const auto& ch : doc["channels"]) {
        for (const auto& x : ch["intervals"]) {
            const std::string start = x["start"].get<std::string>();
            const double lift = start.substr(0, 10) == "2026-11-04" ? 1.3 : 1.0;
            const double v = std::round(lift * x["volume"].get<double>());
            csv += fmt::format("{},{},{},{},0,{},,,12,{}\n", ch["name"].get<std::string>(), start,
                               v, v, std::floor(0.88 * v), x["aht_s"].get<double>());
        }
    }
    std::ofstream(dir / "actuals.csv") << csv;
    return dir / "actuals.csv";
}

void review_check_dom(const std::string& dom, std::size_t queues) {
    using wfm::test::count;
    CHECK(count(dom, "class=\"chart review-volume\"") == queues);
    CHECK(count(dom, "class=\"chart review-sl\"") == queues);
    CHECK_THAT(dom, Catch::Contains(fmt::format("data-charts=\"{}\"", 2 * queues)));
    CHECK(count(dom, "<table id=\"table-days-") == queues + (queues > 1 ? 1 : 0));
    CHECK(dom.find("<pre") == std::string::npos);
    CHECK(dom.find("id=\"recurring\"") != std::string::npos);
}

} // namespace

TEST_CASE("wfm review report.html renders in Chromium with wide charts and real tables",
          "[review][cli][chromium]") {
    WFM_REQUIRE_CHROMIUM(review_chromium);
    // Without a CJK font Chromium draws boxes (tofu): Debian's fonts-noto-cjk provides one.
    REQUIRE(std::system("fc-list :lang=zh-cn family | grep -q .") == 0);
    const auto dir = fresh_dir("wfm_review_chromium");
    const auto plan = dir / "plan";
    REQUIRE(run_wfm("plan -q --start greedy --out " + plan.string()).status == 0);
    const auto actuals = review_render_actuals(plan, dir);
    const auto doc = nlohmann::json::parse(std::ifstream(plan / "report.json"));
    const std::size_t queues = doc["channels"].size();
    for (const char* lang : {"en", "zh-CN"}) {
        INFO("lang " << lang);
        const auto out = dir / lang;
        REQUIRE(run_wfm(fmt::format("review -q --lang {} --plan {} --actuals {} -o {}", lang,
                                    plan.string(), actuals.string(), out.string()))
                    .status == 0);
        const std::string dom = wfm::test::render_report_page(out);
        review_check_dom(dom, queues);
        if (std::string{lang} == "zh-CN") {
            CHECK_THAT(dom, Catch::Contains("lang=\"zh-CN\"") && Catch::Contains("计划复盘") &&
                                Catch::Contains("实际服务水平"));
        }
    }
    if (std::getenv("WFM_KEEP_RENDER") == nullptr) {
        std::error_code ignored;
        fs::remove_all(dir, ignored);
    }
}
#endif
