// `wfm whatif`'s report.html rendered in headless Chromium (en and zh-CN): the self-check script
// finds every chart, the figures are real tables, nothing overflows a 1280-pixel window, and a
// screenshot is not blank. Skips when Chromium is not installed. WFM_KEEP_RENDER=1 keeps the
// pages and screenshots under the test's directory.
#include "chromium.hpp"
#include "cli.hpp"
#include "shared_data.hpp"
#include "text_util.hpp"

#ifdef WFM_CLI_PATH
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {
namespace fs = std::filesystem;
} // namespace

TEST_CASE("wfm whatif report.html renders in Chromium with its charts and tables",
          "[whatif][cli][chromium]") {
    WFM_REQUIRE_CHROMIUM(wfm::test::chromium_path);
    REQUIRE(std::system("fc-list :lang=zh-cn family | grep -q .") == 0);
    const auto dir = wfm::test::fresh_dir("wfm_whatif_chromium");
    const auto plan = dir / "plan";
    REQUIRE(wfm::test::run_wfm("plan -q --start greedy --out " + plan.string()).status == 0);
    std::ofstream(dir / "s.json") << R"({"emergency": {"search_replications": 10},
        "scenarios": [{"name": "outage", "events": [{"type": "outage", "queue": "voice",
        "day": "Tue", "from": "10:00", "to": "11:00", "retry_share": 0.7}]}]})";
    for (const char* lang : {"en", "zh-CN"}) {
        INFO("lang " << lang);
        const auto out = dir / lang;
        const auto r = wfm::test::run_wfm(
            fmt::format("whatif --lang {} --plan {} --scenario {} --replications 10 -o {}", lang,
                        plan.string(), (dir / "s.json").string(), out.string()));
        REQUIRE(r.status == 0);
        const std::string dom = wfm::test::render_report_page(out);
        CHECK(wfm::test::count(dom, "class=\"chart whatif-sl\"") == 3);
        CHECK(wfm::test::count(dom, "class=\"chart whatif-backlog\"") == 3);
        CHECK(wfm::test::count(dom, "class=\"series-1\"") == 6);
        CHECK(wfm::test::count(dom, "<table id=\"table-0-") == 2);
        CHECK(dom.find("<pre") == std::string::npos);
        if (std::string{lang} == "zh-CN") {
            CHECK_THAT(dom, Catch::Contains("lang=\"zh-CN\"") &&
                                Catch::Contains("情景推演与应急预案") &&
                                Catch::Contains("各时段服务水平"));
        }
    }
    if (std::getenv("WFM_KEEP_RENDER") == nullptr) {
        std::error_code ignored;
        fs::remove_all(dir, ignored);
    }
}
#endif
