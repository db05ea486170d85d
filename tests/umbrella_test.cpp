// wfm/wfm.hpp includes every public header (detail/ headers aside), as its comment says.
#include <wfm/io/csv.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

TEST_CASE("umbrella: wfm/wfm.hpp includes every public module header", "[core]") {
    namespace fs = std::filesystem;
    const fs::path include_dir = fs::path{WFM_SOURCE_DIR} / "include";
    const std::string umbrella = wfm::io::read_file(include_dir / "wfm" / "wfm.hpp");
    std::size_t headers = 0;
    for (const auto& entry : fs::recursive_directory_iterator(include_dir / "wfm")) {
        const std::string rel = fs::relative(entry.path(), include_dir).generic_string();
        if (entry.path().extension() != ".hpp" || rel == "wfm/wfm.hpp" ||
            rel.find("/detail/") != std::string::npos) {
            continue;
        }
        CAPTURE(rel);
        CHECK(umbrella.find("#include <" + rel + ">") != std::string::npos);
        ++headers;
    }
    CHECK(headers >= 20);
}
