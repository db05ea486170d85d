#pragma once
// Headless Chromium for the report rendering tests: one run of the browser on a page, its
// output and log beside it, reading a file whole, and the checks every report page passes.

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace wfm::test {

constexpr const char* chromium_path = "/usr/bin/chromium";

/// The file's bytes ("" when it cannot be read).
inline std::string slurp_file(const std::filesystem::path& path) {
    std::ifstream in{path, std::ios::binary};
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// Runs Chromium headless on `page` with `action` (`--dump-dom`, `--screenshot=…`) in a
/// 1280 × 3000 window, a profile of its own under `dir`, standard output to `dir/NAME.out` and
/// the log to `dir/NAME.err`; returns the shell's status (60 s at most).
inline int run_chromium(const std::filesystem::path& dir, const std::filesystem::path& page,
                        const std::string& action, const std::string& name) {
    const std::string command = fmt::format(
        "timeout 60 {} --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
        "--disable-background-networking --disable-component-update --disable-sync "
        "--hide-scrollbars --enable-logging=stderr --v=0 --user-data-dir='{}' "
        "--window-size=1280,3000 {} 'file://{}' > '{}' 2> '{}'",
        chromium_path, (dir / ("profile-" + name)).string(), action, page.string(),
        (dir / (name + ".out")).string(), (dir / (name + ".err")).string());
    return std::system(command.c_str());
}

/// Renders `dir/report.html` and returns its DOM, checking what every report page must pass: no
/// script error, the self-check script marked every chart drawn, nothing wider than the
/// 1280-pixel window (a copy of the page with a probe script records it), and a screenshot
/// that is not blank (a blank page compresses to a few kB).
inline std::string render_report_page(const std::filesystem::path& dir) {
    std::string page = slurp_file(dir / "report.html");
    REQUIRE_FALSE(page.empty());
    page.insert(page.rfind("</body>"),
                "<script>addEventListener('load',()=>{const e=document.documentElement;"
                "document.body.dataset.overflow=String(e.scrollWidth>window.innerWidth);});"
                "</script>");
    std::ofstream(dir / "probe.html") << page;
    REQUIRE(run_chromium(dir, dir / "probe.html", "--dump-dom", "dom") == 0);
    const std::string dom = slurp_file(dir / "dom.out");
    const std::string log = slurp_file(dir / "dom.err");
    INFO("chromium stderr: " << log);
    CHECK(log.find("Uncaught") == std::string::npos);
    CHECK_THAT(dom, Catch::Contains("data-ok=\"1\""));
    CHECK_THAT(dom, Catch::Contains("data-overflow=\"false\""));
    const std::filesystem::path png = dir / "report.png";
    REQUIRE(run_chromium(dir, dir / "report.html", fmt::format("--screenshot='{}'", png.string()),
                         "shot") == 0);
    REQUIRE(std::filesystem::exists(png));
    CHECK(std::filesystem::file_size(png) > 50'000);
    return dom;
}

} // namespace wfm::test
