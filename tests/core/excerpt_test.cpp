#include "../../src/core/excerpt.hpp"

#include <catch2/catch.hpp>

#include <string>

using wfm::detail::excerpt;
using wfm::detail::excerpt_style;

TEST_CASE("excerpt: raw text escapes controls and invalid UTF-8 as \\xNN and keeps quotes",
          "[core]") {
    using namespace std::string_literals;
    CHECK(excerpt("a\"b\\c\td\re\nf\0g\x7f"s, 60, excerpt_style::text) ==
          R"(a"b\\c\td\re\nf\x00g\x7F)");
    // A lone lead byte, a stray continuation byte and an encoded surrogate are not UTF-8.
    CHECK(excerpt("\xc3x\x80\xed\xa0\x80", 60, excerpt_style::text) == R"(\xC3x\x80\xED\xA0\x80)");
    CHECK(excerpt("\u00e9\u20ac\U0001F600", 60, excerpt_style::text) == "\u00e9\u20ac\U0001F600");
}

TEST_CASE("excerpt: raw text counts characters, a JSON string counts bytes", "[core]") {
    const std::string accents = "\u00e9\u00e9\u00e9"; // three characters, six bytes
    CHECK(excerpt(accents, 3, excerpt_style::text) == accents);
    CHECK(excerpt(accents, 2, excerpt_style::text) == "\u00e9\u00e9\u2026");
    CHECK(excerpt(accents, 3, excerpt_style::json) == "\u00e9\u2026"); // never half an 'é'
    CHECK(excerpt(accents, 6, excerpt_style::json) == accents);
    CHECK(excerpt("abc", 0, excerpt_style::text) == "\u2026");
    CHECK(excerpt("", 0, excerpt_style::json).empty());
    // The limit counts input, not the escapes written for it.
    CHECK(excerpt(std::string(3, '\0'), 2, excerpt_style::text) == "\\x00\\x00\u2026");
    CHECK(excerpt(std::string(3, '\0'), 2, excerpt_style::json) == "\\u0000\\u0000\u2026");
}

TEST_CASE("excerpt: a JSON string escapes quotes and controls as \\u00XX, other bytes unchanged",
          "[core]") {
    using namespace std::string_literals;
    CHECK(excerpt("a\"b\\c\td\re\nf\0g\x7f\x1f"s, 60, excerpt_style::json) ==
          R"(a\"b\\c\td\re\nf\u0000g\u007f\u001f)");
    CHECK(excerpt("\xc3x\xff", 60, excerpt_style::json) == "\xc3x\xff");
}
