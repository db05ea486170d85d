// Skips are skips (tests/shared_data.hpp): a [shared] test whose data is absent, or a [chromium]
// test without the browser, exits with the skip code under CTest, WARNs and passes by hand, and the
// helpers refuse tests without the tag.
// The probes are hidden test cases run in a child process of this same binary.
#include "shared_data.hpp"

#include <wfm/io/csv.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

struct probe_result {
    int status = -1;
    std::string output;
};

/// Runs the hidden test case `name` of this binary with the environment prefix `env`.
probe_result run_probe(const std::string& env, const std::string& name) {
    const fs::path self = fs::read_symlink("/proc/self/exe");
    const fs::path out = fs::temp_directory_path() / fmt::format("wfm_skip_probe_{}", ::getpid());
    const int st = std::system(
        fmt::format("{} '{}' '{}' >'{}' 2>&1", env, self.string(), name, out.string()).c_str());
    probe_result r{WIFEXITED(st) ? WEXITSTATUS(st) : -1, wfm::io::read_file(out)};
    fs::remove(out);
    return r;
}

const fs::path absent = wfm::test::shared_path("no such directory/absent.csv");

} // namespace

TEST_CASE("skip probe: a shared test whose file is absent", "[.][shared]") {
    WFM_REQUIRE_SHARED(absent);
    FAIL("not reached: the file is absent");
}

TEST_CASE("skip probe: an untagged test that uses the shared-data helper", "[.]") {
    WFM_REQUIRE_SHARED(absent);
}

TEST_CASE("test set-up: a shared test without its data is reported as skipped", "[core]") {
    const auto ctest =
        run_probe("env WFM_SKIP_EXIT=77", "skip probe: a shared test whose file is absent");
    CHECK(ctest.status == 77);
    CHECK_THAT(ctest.output,
               Catch::Contains("skipped: ") && Catch::Contains("absent.csv not found"));
    const auto by_hand =
        run_probe("env -u WFM_SKIP_EXIT", "skip probe: a shared test whose file is absent");
    CHECK(by_hand.status == 0);
    CHECK_THAT(by_hand.output,
               Catch::Contains("skipped: ") && Catch::Contains("test cases: 1 | 1 passed"));
}

TEST_CASE("skip probe: a chromium test without the browser", "[.][chromium]") {
    WFM_REQUIRE_CHROMIUM("/no such directory/chromium");
    FAIL("not reached: the browser is absent");
}

TEST_CASE("test set-up: a Chromium test without the browser is reported as skipped", "[core]") {
    const auto ctest =
        run_probe("env WFM_SKIP_EXIT=77", "skip probe: a chromium test without the browser");
    CHECK(ctest.status == 77);
    CHECK_THAT(ctest.output, Catch::Contains("skipped: ") &&
                                 Catch::Contains("chromium not found (Chromium is not installed)"));
    // CTest knows the skip code of every [chromium] test (tests/CMakeLists.txt).
    const fs::path self = fs::read_symlink("/proc/self/exe");
    const fs::path out = fs::temp_directory_path() / fmt::format("wfm_skip_ctest_{}", ::getpid());
    const int st = std::system(fmt::format("ctest --test-dir '{}' --show-only=json-v1 >'{}'",
                                           self.parent_path().parent_path().string(), out.string())
                                   .c_str());
    REQUIRE(st == 0);
    const auto json = nlohmann::json::parse(wfm::io::read_file(out));
    fs::remove(out);
    std::size_t chromium_tests = 0;
    for (const auto& test : json.at("tests")) {
        if (test.at("name").get<std::string>().find("Chromium") == std::string::npos ||
            test.at("name").get<std::string>().starts_with("test set-up")) {
            continue;
        }
        ++chromium_tests;
        bool skip_code = false;
        for (const auto& property : test.value("properties", nlohmann::json::array())) {
            skip_code = skip_code ||
                        (property.at("name") == "SKIP_RETURN_CODE" && property.at("value") == 77);
        }
        CAPTURE(test.at("name").get<std::string>());
        CHECK(skip_code);
    }
    CHECK(chromium_tests >= 5);
}

TEST_CASE("test set-up: the shared-data helper fails in a test without the shared tag", "[core]") {
    const auto r = run_probe("env WFM_SKIP_EXIT=77",
                             "skip probe: an untagged test that uses the shared-data helper");
    CHECK(r.status == 1);
    CHECK_THAT(r.output, Catch::Contains("without the [shared] tag"));
}

TEST_CASE("test set-up: only tests/shared_data.hpp names the shared directory", "[core]") {
    const fs::path tests = fs::path{WFM_SOURCE_DIR} / "tests";
    const std::string needle = std::string{"WFM_SHARED"} + "_DIR";
    for (const auto& entry : fs::recursive_directory_iterator(tests)) {
        const auto ext = entry.path().extension();
        if (!entry.is_regular_file() || (ext != ".cpp" && ext != ".hpp") ||
            entry.path().filename() == "shared_data.hpp") {
            continue;
        }
        // Use wfm::test::shared_path and WFM_REQUIRE_SHARED, so that CTest reports the skip.
        INFO(fs::relative(entry.path(), tests).string());
        CHECK(wfm::io::read_file(entry.path()).find(needle) == std::string::npos);
    }
}
