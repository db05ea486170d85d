#define CATCH_CONFIG_RUNNER
#include "shared_data.hpp"

// Catch2's exit code is the number of failed assertions: a count equal to the skip code
// (tests/shared_data.hpp) must not read as a skip.
int main(int argc, char* argv[]) {
    const int result = Catch::Session().run(argc, argv);
    const auto skip = wfm::test::skip_exit_code();
    return skip && result == *skip ? result + 1 : result;
}
