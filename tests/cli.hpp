#pragma once
// Runs the built `wfm` tool for end-to-end tests of the command line.

#ifdef WFM_CLI_PATH
#include <wfm/io/csv.hpp>

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace wfm::test {

/// Exit status and captured output of one `wfm` run.
struct cli_result {
    int status = -1;
    std::string out;
    std::string err;
};

/// Runs `wfm ARGS` (ARGS as a shell would split it) and captures stdout and stderr.
inline cli_result run_wfm(const std::string& args) {
    static int counter = 0;
    const auto base = std::filesystem::temp_directory_path() /
                      fmt::format("wfm_cli_{}_{}", static_cast<long>(::getpid()), counter++);
    const auto out = base.string() + ".out";
    const auto err = base.string() + ".err";
    const int st = std::system(fmt::format("{} {} >{} 2>{}", WFM_CLI_PATH, args, out, err).c_str());
    cli_result r;
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    r.out = io::read_file(out);
    r.err = io::read_file(err);
    std::filesystem::remove(out);
    std::filesystem::remove(err);
    return r;
}

/// A fresh, empty directory under the system temp directory.
inline std::filesystem::path fresh_dir(const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

} // namespace wfm::test
#endif
