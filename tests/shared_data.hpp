#pragma once
// Tests that read the real data in ../shared (WFM_SHARED_DIR) skip themselves when it is absent,
// and tests that render in Chromium ([chromium]) when it is not installed.
//
//     TEST_CASE("kpi: ...", "[kpi][shared]") {
//         const auto file = wfm::test::shared_path("data/anonymous_bank_1999_02_calls.tsv");
//         WFM_REQUIRE_SHARED(file);
//         ...
//
// Under CTest (tests/CMakeLists.txt discovers the `[shared]` tests with SKIP_RETURN_CODE and sets
// WFM_SKIP_EXIT) a missing file prints "skipped: ..." and ends the process with that code, so
// CTest reports the test as skipped, not passed. Run by hand, the test WARNs and returns. A test
// that uses the macro without the `[shared]` tag fails, data or not: CTest would count its skip as
// a failure.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

namespace wfm::test {

/// The exit code that CTest reads as "skipped" (the environment's WFM_SKIP_EXIT), if set.
inline std::optional<int> skip_exit_code() {
    const char* code = std::getenv("WFM_SKIP_EXIT");
    if (code == nullptr || *code == '\0') {
        return std::nullopt;
    }
    return std::atoi(code);
}

/// `relative` under the shared directory (../shared beside the source tree).
inline std::filesystem::path shared_path(const std::filesystem::path& relative) {
    return std::filesystem::path{WFM_SHARED_DIR} / relative;
}

/// True when the running test case carries `tag` (lower case, without brackets).
inline bool current_test_has_tag(const std::string& tag) {
    const std::string name = Catch::getResultCapture().getCurrentTestName();
    const auto& tests = Catch::getRegistryHub().getTestCaseRegistry().getAllTests();
    const auto it = std::find_if(tests.begin(), tests.end(),
                                 [&](const Catch::TestCase& t) { return t.name == name; });
    return it != tests.end() &&
           std::find(it->lcaseTags.begin(), it->lcaseTags.end(), tag) != it->lcaseTags.end();
}

/// Reports why the running test is skipped: under CTest it prints the reason and exits with the
/// skip code, run by hand it WARNs. Only tests tagged `tag` may skip (CTest discovers those with
/// SKIP_RETURN_CODE); any other test fails here.
inline void report_skip(const std::string& tag, const std::string& why) {
    if (!current_test_has_tag(tag)) {
        FAIL("a skip in a test without the [" + tag +
             "] tag: add it, or CTest reports the skip as "
             "a failure");
    }
    if (const auto code = skip_exit_code()) {
        std::printf("skipped: %s\n", why.c_str());
        std::fflush(stdout);
        std::_Exit(*code);
    }
    WARN("skipped: " + why);
}

/// True when `file` exists; otherwise reports the skip (and, under CTest, exits with the skip
/// code).
inline bool shared_data_present(const std::filesystem::path& file) {
    if (!current_test_has_tag("shared")) {
        FAIL("WFM_REQUIRE_SHARED in a test without the [shared] tag: add it, or CTest reports "
             "the skip as a failure");
    }
    if (std::filesystem::exists(file)) {
        return true;
    }
    report_skip("shared", file.string() + " not found (shared data is absent)");
    return false;
}

/// True when the browser `program` exists; otherwise reports the skip of a `[chromium]` test.
inline bool chromium_present(const std::filesystem::path& program) {
    if (std::filesystem::exists(program)) {
        return true;
    }
    report_skip("chromium", program.string() + " not found (Chromium is not installed)");
    return false;
}

} // namespace wfm::test

/// Skips the running test unless the Chromium binary `program` exists. Only in `[chromium]` tests.
#define WFM_REQUIRE_CHROMIUM(program)                                                              \
    do {                                                                                           \
        if (!::wfm::test::chromium_present(program)) {                                             \
            return;                                                                                \
        }                                                                                          \
    } while (false)

/// Skips the running test (see above) unless `file` exists. Only in `[shared]` tests.
#define WFM_REQUIRE_SHARED(file)                                                                   \
    do {                                                                                           \
        if (!::wfm::test::shared_data_present(file)) {                                             \
            return;                                                                                \
        }                                                                                          \
    } while (false)
