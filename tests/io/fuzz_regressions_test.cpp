// Every input a fuzzer once broke the readers with, kept in tests/data/fuzz/<target>/ and run
// through the same target function as the libFuzzer harness (fuzz/targets.hpp), from a heap
// buffer of exactly its size so that an over-read shows under AddressSanitizer.
#include "../../fuzz/targets.hpp"

#include <wfm/io/csv.hpp>

#include <catch2/catch.hpp>

#include <cstring>
#include <filesystem>
#include <memory>

TEST_CASE("fuzz regressions: every kept reproducer is read or rejected with a wfm error",
          "[io][fuzz]") {
    const std::filesystem::path root = std::string{WFM_TEST_DATA_DIR} + "/fuzz";
    std::size_t files = 0;
    for (const auto& t : wfm::fuzz::targets) {
        const auto dir = root / std::string{t.name};
        REQUIRE(std::filesystem::is_directory(dir));
        for (const auto& f : std::filesystem::directory_iterator(dir)) {
            const std::string text = wfm::io::read_file(f.path());
            const auto exact = std::make_unique<char[]>(text.size());
            std::memcpy(exact.get(), text.data(), text.size());
            INFO(f.path().string());
            CHECK_NOTHROW(t.run(std::string_view{exact.get(), text.size()}));
            ++files;
        }
    }
    CHECK(files >= wfm::fuzz::targets.size()); // at least one reproducer per target
}
