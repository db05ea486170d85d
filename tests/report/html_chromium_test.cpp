// Renders the HTML report in headless Chromium: the page loads, its self-check script finds every
// chart, and the tables are in the DOM. Skips (with a warning) when Chromium is not installed.
// Set WFM_KEEP_RENDER=1 to keep the page, DOM and screenshot in the temporary directory.
#include "report/example_report.hpp"

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

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) {
        ++n;
    }
    return n;
}

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

} // namespace

TEST_CASE("html report: renders in headless Chromium with every chart and table",
          "[report][chromium]") {
    if (!fs::exists(chromium)) {
        WARN("chromium is not installed at /usr/bin/chromium: HTML rendering test skipped");
        return;
    }
    const temp_dir dir;
    const fs::path page = dir.path() / "report.html";
    std::ofstream{page} << wfm::report::render_html(wfm::test::example_report());

    REQUIRE(run_chromium(dir, page, "--dump-dom", "dom") == 0);
    const std::string dom = slurp(dir.path() / "dom.out");
    const std::string log = slurp(dir.path() / "dom.err");
    INFO("chromium stderr: " << log);
    REQUIRE_FALSE(dom.empty());
    // The page logs nothing: no script error, no failed resource load.
    CHECK(log.find(":CONSOLE") == std::string::npos);
    CHECK(log.find("Uncaught") == std::string::npos);
    // The page's script ran and found all 27 charts (3 channels × 9) with content.
    CHECK_THAT(dom, Catch::Contains("data-ok=\"1\""));
    CHECK_THAT(dom, Catch::Contains("data-charts=\"27\""));
    CHECK(count(dom, "<svg class=\"chart coverage\"") == 21);
    CHECK(count(dom, "<svg class=\"chart service-level\"") == 3);
    CHECK(count(dom, "<svg class=\"chart heatmap\"") == 3);
    for (const char* id : {"table-week-fit", "table-week-outcome", "table-days", "table-templates",
                           "table-optimality", "table-backtest"}) {
        CHECK(dom.find(fmt::format("<table id=\"{}\"", id)) != std::string::npos);
    }

    const fs::path png = dir.path() / "report.png";
    REQUIRE(run_chromium(dir, page,
                         fmt::format("--window-size=1280,5200 --screenshot='{}'", png.string()),
                         "shot") == 0);
    REQUIRE(fs::exists(png));
    CHECK(fs::file_size(png) > 50'000); // a blank page compresses to a few kB
}

TEST_CASE("html report: the self-check fails in Chromium when a chart is missing",
          "[report][chromium]") {
    if (!fs::exists(chromium)) {
        WARN("chromium is not installed at /usr/bin/chromium: HTML rendering test skipped");
        return;
    }
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
