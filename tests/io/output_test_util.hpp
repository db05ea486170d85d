#pragma once
// Helpers of the output-set tests: fresh directories, whole trees as maps, sets written by
// output_files, and runs killed at a hook step.
#include <wfm/io/csv.hpp>

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <sys/wait.h>
#include <unistd.h>

namespace wfm_test {
namespace fs = std::filesystem;
using file_set = std::map<std::string, std::string>; // relative path → content, or "<dir>"

inline fs::path fresh_dir(const std::string& name) {
    const auto dir =
        fs::temp_directory_path() / ("wfm_out_" + name + "_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

// Every entry under `dir`, directories as "<dir>", symlinks as "-> target".
inline file_set contents(const fs::path& dir) {
    file_set s;
    for (const auto& f : fs::recursive_directory_iterator(dir)) {
        const std::string name = f.path().lexically_relative(dir).string();
        s[name] = fs::is_symlink(f.symlink_status()) ? "-> " + fs::read_symlink(f.path()).string()
                  : f.is_directory()                 ? std::string{"<dir>"}
                                                     : wfm::io::read_file(f.path());
    }
    return s;
}

// Writes the files of `s` (not its "<dir>" entries) below `dir` as one output set.
inline void write_set(const fs::path& dir, const file_set& s) {
    wfm::io::output_files out;
    for (const auto& [name, text] : s) {
        if (text != "<dir>") {
            out.add(dir / name, text);
        }
    }
    out.commit();
}

// Runs `run` in a child ended (_exit 9) at hook step `kill_at`, or whose hook throws at the
// `fail_at`-th step named `fail_what`; true if it was ended.
inline bool killed_run(const std::function<void()>& run, int kill_at,
                       std::string_view fail_what = {}, int fail_at = -1) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        int seen = 0;
        wfm::io::detail::set_output_hook([&](int step, std::string_view what) {
            if (what == fail_what && seen++ == fail_at) {
                throw std::runtime_error("injected");
            }
            if (step == kill_at) {
                ::_exit(9);
            }
        });
        try {
            run();
        } catch (const wfm::io::file_error&) {
            ::_exit(4);
        }
        ::_exit(0);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 9;
}

} // namespace wfm_test
