#pragma once
// Headless Chromium for the report rendering tests: one run of the browser on a page, its
// output and log beside it, and reading a file whole.

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

} // namespace wfm::test
