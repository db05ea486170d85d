#define CATCH_CONFIG_RUNNER
#include "shared_data.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include <unistd.h>

namespace {

// Every run gets a temporary directory of its own (TMPDIR, inherited by the `wfm` processes the
// CLI tests start), so tests with fixed file names do not collide across users or parallel runs.
class private_tmpdir {
public:
    private_tmpdir() {
        const char* base = std::getenv("TMPDIR");
        dir_ = std::filesystem::path{base != nullptr && *base != '\0' ? base : "/tmp"} /
               fmt::format("wfm-tests-{}-{}", static_cast<long>(::getuid()),
                           static_cast<long>(::getpid()));
        std::filesystem::create_directories(dir_);
        ::setenv("TMPDIR", dir_.c_str(), 1);
    }
    private_tmpdir(const private_tmpdir&) = delete;
    private_tmpdir& operator=(const private_tmpdir&) = delete;
    ~private_tmpdir() {
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }

private:
    std::filesystem::path dir_;
};

} // namespace

// Catch2's exit code is the number of failed assertions: a count equal to the skip code
// (tests/shared_data.hpp) must not read as a skip.
int main(int argc, char* argv[]) {
    const private_tmpdir tmp;
    const int result = Catch::Session().run(argc, argv);
    const auto skip = wfm::test::skip_exit_code();
    return skip && result == *skip ? result + 1 : result;
}
