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

std::string review_slurp(const fs::path& path) {
    return wfm::test::slurp_file(path);
}

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

int review_run_chromium(const fs::path& dir, const fs::path& page, const std::string& action,
                        const std::string& name) {
    return wfm::test::run_chromium(dir, page, action, name);
}

/// Renders `dir/report.html`; returns the DOM. A copy of the page with a probe script records
/// whether the document is wider than the window.
std::string review_render(const fs::path& dir) {
    std::string page = review_slurp(dir / "report.html");
    REQUIRE_FALSE(page.empty());
    const std::string probe =
        "<script>addEventListener('load',()=>{const e=document.documentElement;"
        "document.body.dataset.overflow=String(e.scrollWidth>window.innerWidth);});</script>";
    page.insert(page.rfind("</body>"), probe);
    std::ofstream(dir / "probe.html") << page;
    REQUIRE(review_run_chromium(dir, dir / "probe.html", "--dump-dom", "dom") == 0);
    const std::string dom = review_slurp(dir / "dom.out");
    const std::string log = review_slurp(dir / "dom.err");
    INFO("chromium stderr: " << log);
    CHECK(log.find("Uncaught") == std::string::npos);
    CHECK_THAT(dom, Catch::Contains("data-ok=\"1\""));
    CHECK_THAT(dom, Catch::Contains("data-overflow=\"false\""));
    const fs::path png = dir / "report.png";
    REQUIRE(review_run_chromium(dir, dir / "report.html",
                                fmt::format("--screenshot='{}'", png.string()), "shot") == 0);
    REQUIRE(fs::exists(png));
    CHECK(fs::file_size(png) > 50'000); // a blank page compresses to a few kB
    return dom;
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
    REQUIRE(run_wfm("plan -q --out " + plan.string()).status == 0);
    const auto actuals = review_render_actuals(plan, dir);
    const auto doc = nlohmann::json::parse(std::ifstream(plan / "report.json"));
    const std::size_t queues = doc["channels"].size();
    for (const char* lang : {"en", "zh-CN"}) {
        INFO("lang " << lang);
        const auto out = dir / lang;
        REQUIRE(run_wfm(fmt::format("review -q --lang {} --plan {} --actuals {} -o {}", lang,
                                    plan.string(), actuals.string(), out.string()))
                    .status == 0);
        const std::string dom = review_render(out);
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
