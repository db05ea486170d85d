// Renders the HTML report in headless Chromium: the page loads, its self-check script finds every
// chart, and the tables are in the DOM. Skips (with a warning) when Chromium is not installed.
// Set WFM_KEEP_RENDER=1 to keep the page, DOM and screenshot in the temporary directory.
#include "cli.hpp"
#include "report/example_report.hpp"
#include "shared_data.hpp"
#include "text_util.hpp"

#include <wfm/report/plan_report.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

constexpr const char* chromium = "/usr/bin/chromium";

std::string slurp(const fs::path& path) {
    std::ifstream in{path, std::ios::binary};
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

using wfm::test::count;

/// A fresh directory under the system temp directory, removed on destruction.
class temp_dir {
public:
    temp_dir() {
        std::random_device seed;
        path_ = fs::temp_directory_path() / fmt::format("wfm-report-{:x}", seed());
        fs::create_directories(path_);
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
    ~temp_dir() {
        if (std::getenv("WFM_KEEP_RENDER") == nullptr) {
            std::error_code ignored;
            fs::remove_all(path_, ignored);
        }
    }
    [[nodiscard]] const fs::path& path() const noexcept { return path_; }

private:
    fs::path path_;
};

/// Runs Chromium headless on `page` (bounded by `timeout 60`); returns its exit status.
int run_chromium(const temp_dir& dir, const fs::path& page, const std::string& action,
                 const std::string& name) {
    const std::string command = fmt::format(
        "timeout 60 {} --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
        "--disable-background-networking --disable-component-update --disable-sync "
        "--hide-scrollbars --enable-logging=stderr --v=0 --user-data-dir='{}' {} 'file://{}' "
        "> '{}' 2> '{}'",
        chromium, (dir.path() / ("profile-" + name)).string(), action, page.string(),
        (dir.path() / (name + ".out")).string(), (dir.path() / (name + ".err")).string());
    return std::system(command.c_str());
}

/// Charts a rendered page must hold.
struct expected_charts {
    std::size_t coverage;
    std::size_t service_level;
    std::size_t heatmap;
};

/// Renders `report` in headless Chromium: the page logs nothing, its self-check script finds
/// every chart, the tables are in the DOM, and a `height`-pixel screenshot is not blank.
/// Returns the DOM.
std::string render_in_chromium(const wfm::report::plan_report& report, const std::string& name,
                               expected_charts charts, int height) {
    const temp_dir dir;
    const fs::path page = dir.path() / (name + ".html");
    std::ofstream{page} << wfm::report::render_html(report);

    REQUIRE(run_chromium(dir, page, "--dump-dom", "dom") == 0);
    const std::string dom = slurp(dir.path() / "dom.out");
    const std::string log = slurp(dir.path() / "dom.err");
    INFO("chromium stderr: " << log);
    REQUIRE_FALSE(dom.empty());
    // The page logs nothing: no script error, no failed resource load.
    CHECK(log.find(":CONSOLE") == std::string::npos);
    CHECK(log.find("Uncaught") == std::string::npos);
    // The page's script ran and found every chart with content.
    const std::size_t total = charts.coverage + charts.service_level + charts.heatmap;
    CHECK_THAT(dom, Catch::Contains("data-ok=\"1\""));
    CHECK_THAT(dom, Catch::Contains(fmt::format("data-charts=\"{}\"", total)));
    CHECK(count(dom, "<svg class=\"chart coverage\"") == charts.coverage);
    CHECK(count(dom, "<svg class=\"chart service-level\"") == charts.service_level);
    CHECK(count(dom, "<svg class=\"chart heatmap\"") == charts.heatmap);
    for (const char* id : {"table-week-fit", "table-week-outcome", "table-days", "table-staff",
                           "table-templates", "table-optimality", "table-backtest"}) {
        CHECK(dom.find(fmt::format("id=\"{}\"", id)) != std::string::npos);
    }

    const fs::path png = dir.path() / (name + ".png");
    REQUIRE(
        run_chromium(dir, page,
                     fmt::format("--window-size=1280,{} --screenshot='{}'", height, png.string()),
                     "shot") == 0);
    REQUIRE(fs::exists(png));
    CHECK(fs::file_size(png) > 50'000); // a blank page compresses to a few kB
    return dom;
}

} // namespace

TEST_CASE("html report: renders in headless Chromium with every chart and table",
          "[report][chromium]") {
    WFM_REQUIRE_CHROMIUM(chromium);
    // 3 queues × (coverage + SL) and a heat map for each of the 2 pools.
    (void)render_in_chromium(wfm::test::example_report(), "report", {3, 3, 2}, 5200);
}

TEST_CASE("html report: a 12-queue, 3-pool report renders in Chromium with small multiples",
          "[report][chromium]") {
    WFM_REQUIRE_CHROMIUM(chromium);
    const std::string dom =
        render_in_chromium(wfm::test::twelve_queue_report(), "twelve", {12, 12, 3}, 7000);
    CHECK(count(dom, "<h3 class=\"pool\">") == 9);
    CHECK(dom.find(">Sat") == std::string::npos); // a weekday-only centre: no weekend panels
    CHECK(dom.find("wealth-video") != std::string::npos);
}

TEST_CASE("html report: the Chinese report renders in Chromium with a CJK font",
          "[report][chromium]") {
    WFM_REQUIRE_CHROMIUM(chromium);
    // Without a CJK font Chromium draws boxes (tofu): Debian's fonts-noto-cjk provides one.
    REQUIRE(std::system("fc-list :lang=zh-cn family | grep -q .") == 0);
    auto r = wfm::test::example_report();
    r.lang = "zh-CN";
    const std::string dom = render_in_chromium(r, "zh", {3, 3, 2}, 5200);
    CHECK_THAT(dom, Catch::Contains("lang=\"zh-CN\"") && Catch::Contains("座席利用率") &&
                        Catch::Contains("排班拟合度"));
}

#ifdef WFM_CLI_PATH
// Issue 13, "done when": the bundled 12-queue, 3-pool example plans, and its report (in Chinese
// here) renders with every chart: 12 coverage + 12 SL small multiples and a heat map per pool.
TEST_CASE("html report: the 12-queue example's plan renders in Chromium", "[report][chromium]") {
    WFM_REQUIRE_CHROMIUM(chromium);
    const temp_dir dir;
    const auto r = wfm::test::run_wfm("plan -q --start greedy --lang zh-CN --config " WFM_SOURCE_DIR
                                      "/data/examples/bank12.json --out " +
                                      (dir.path() / "out").string());
    INFO(r.err);
    REQUIRE(r.status == 0);
    const fs::path page = dir.path() / "out" / "report.html";
    REQUIRE(run_chromium(dir, page, "--dump-dom", "dom") == 0);
    const std::string dom = slurp(dir.path() / "dom.out");
    CHECK_THAT(dom, Catch::Contains("data-ok=\"1\"") && Catch::Contains("data-charts=\"27\""));
    CHECK(count(dom, "<svg class=\"chart coverage\"") == 12);
    CHECK(count(dom, "<svg class=\"chart heatmap\"") == 3);
    CHECK_THAT(dom, Catch::Contains("排班拟合度") && Catch::Contains("wealth-en-voice"));
}
#endif

TEST_CASE("html report: the self-check fails in Chromium when a chart is missing",
          "[report][chromium]") {
    WFM_REQUIRE_CHROMIUM(chromium);
    // Break one chart the way a renderer bug would: its SVG loses its id.
    std::string html = wfm::report::render_html(wfm::test::example_report());
    const std::string id = "id=\"chart-sl-1\"";
    const auto pos = html.find(id);
    REQUIRE(pos != std::string::npos);
    html.replace(pos, id.size(), "id=\"renamed\"");
    const temp_dir dir;
    const fs::path page = dir.path() / "broken.html";
    std::ofstream{page} << html;
    REQUIRE(run_chromium(dir, page, "--dump-dom", "dom") == 0);
    const std::string dom = slurp(dir.path() / "dom.out");
    REQUIRE_FALSE(dom.empty());
    CHECK_THAT(dom, Catch::Contains("data-ok=\"0\""));

    // And a script error is seen in the log.
    const fs::path faulty = dir.path() / "faulty.html";
    std::ofstream{faulty} << "<!DOCTYPE html><html><body><script>missing_function();</script>"
                             "</body></html>";
    REQUIRE(run_chromium(dir, faulty, "--dump-dom", "faulty") == 0);
    CHECK_THAT(slurp(dir.path() / "faulty.err"), Catch::Contains("Uncaught"));
}
