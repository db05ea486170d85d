// The config decoding helper: one message form, escaped pointers, values described, not dumped.
#include "../../src/core/json_decode.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace {

using nlohmann::json;
using wfm::decode::node;

template <class F> std::string error_of(F f) {
    try {
        f();
    } catch (const wfm::config_error& e) {
        return e.what();
    }
    return "no config_error";
}

enum class colour { red, green };

} // namespace

TEST_CASE("json decode: each kind of error has one exact message", "[core][json]") {
    const json doc = json::parse(R"({"n": 7, "s": "x", "a": [1, 2, 3], "o": {"k": 1}, "z": null,
                                     "f": 0.25, "big": 18446744073709551615})");
    const node root{doc, ""};
    CHECK(error_of([&] { (void)root.integer_at("missing", 1, 9); }) ==
          "/missing: expected an integer in 1..9, got nothing (required)");
    CHECK(error_of([&] { (void)root.integer_at("z", 1, 9); }) ==
          "/z: expected an integer in 1..9, got nothing (required)"); // null counts as absent
    CHECK(error_of([&] { (void)root.integer_at("n", 1, 5); }) ==
          "/n: expected an integer in 1..5, got 7");
    CHECK(error_of([&] { (void)root.integer_at("f", 0, 5); }) ==
          "/f: expected an integer in 0..5, got 0.25");
    CHECK(error_of([&] { (void)root.at("big", "x").integer_at_least(0); }) ==
          "/big: expected an integer >= 0, got 18446744073709551615");
    CHECK(error_of([&] { (void)root.number_at("n", 0.0, 1.0); }) ==
          "/n: expected a number in [0, 1], got 7");
    CHECK(error_of([&] { (void)root.at("f", "x").number_at_least(0.5); }) ==
          "/f: expected a number >= 0.5, got 0.25");
    CHECK(error_of([&] { (void)root.string_at("n"); }) == "/n: expected a string, got 7");
    CHECK(error_of([&] { (void)root.boolean_at("s"); }) == "/s: expected true or false, got \"x\"");
    CHECK(error_of([&] { (void)root.number_at("a", 0, 1); }) ==
          "/a: expected a number in [0, 1], got an array of 3 values");
    CHECK(error_of([&] { (void)root.string_at("o"); }) ==
          "/o: expected a string, got an object of 1 key");
    CHECK(error_of([&] { root.at("n", "x").keys({"k"}); }) == "/n: expected an object, got 7");
    CHECK(error_of([&] {
              root.keys({"n", "s", "a"});
          }) == "/big: expected one of the keys n, s, a, got an unknown key");
    CHECK(error_of([&] {
              (void)root.at("s", "x").choice<colour>(
                  {{"red", colour::red}, {"green", colour::green}});
          }) == "/s: expected \"red\" or \"green\", got \"x\"");
    CHECK(error_of([&] {
              (void)root.at("n", "x").choice<int>({{"a", 1}, {"b", 2}, {"c", 3}});
          }) == "/n: expected \"a\", \"b\" or \"c\", got 7");
    CHECK(error_of([&] { (void)root.at("a", "x").at(2).string(); }) ==
          "/a/2: expected a string, got 3");
    CHECK(error_of([] {
              node{json::array(), ""}.fail("an object");
          }) == "/: expected an object, got an empty array");
}

TEST_CASE("json decode: readers return values, defaults and choices", "[core][json]") {
    const json doc = json::parse(R"({"n": 7, "s": "green", "b": false, "x": 2.5, "z": null})");
    const node root{doc, ""};
    CHECK(root.integer_at("n", 1, 9) == 7);
    CHECK(root.integer_or("none", 1, 9, 4) == 4);
    CHECK(root.integer_or("z", 1, 9, 4) == 4);
    CHECK(root.number_or("x", 0, 3, 1.0) == 2.5);
    CHECK(root.boolean_or("b", true) == false);
    CHECK(root.string_or("none", "d") == "d");
    CHECK(root.at("s", "x").choice<colour>({{"red", colour::red}, {"green", colour::green}}) ==
          colour::green);
    CHECK(root.has("n"));
    CHECK_FALSE(root.has("z"));
}

TEST_CASE("json decode: pointers escape ~ and / (RFC 6901)", "[core][json]") {
    const json doc = json::parse(R"({"a/b": {"c~d": "x"}, "e~1": 1})");
    const node root{doc, ""};
    CHECK(error_of([&] { (void)root.at("a/b", "x").integer_at("c~d", 0, 1); }) ==
          "/a~1b/c~0d: expected an integer in 0..1, got \"x\"");
    CHECK(error_of([&] { root.keys({"a/b"}); }) ==
          "/e~01: expected one of the keys a/b, got an unknown key");
    CHECK(wfm::decode::pointer_token("~/~") == "~0~1~0");
}

TEST_CASE("json decode: a value in a message is cut, escaped and never serialised whole",
          "[core][json]") {
    std::string huge(10'000'000, 'a');
    const json doc = {{"s", huge}};
    const std::string message = error_of([&] { (void)node(doc, "").integer_at("s", 0, 1); });
    CHECK(message == "/s: expected an integer in 0..1, got \"" + std::string(60, 'a') +
                         "…\" (10000000 bytes)");
    const json controls = std::string{"a\0b\n\"\\\x7f", 7};
    CHECK(wfm::decode::describe(controls) == R"("a\u0000b\n\"\\\u007f")");
    // Never inside a UTF-8 sequence: 59 ASCII bytes then a two-byte 'é' is cut before the 'é'.
    const std::string accented = std::string(59, 'x') + "é";
    CHECK(wfm::decode::escaped_excerpt(accented) == std::string(59, 'x') + "…");
    CHECK(wfm::decode::escaped_excerpt("é") == "é");

    // 10,000 levels of arrays are described by their type: the serialiser is never called.
    json deep = json::array();
    for (int i = 0; i < 10'000; ++i) {
        deep = json::array({std::move(deep)});
    }
    const json wrapper = {{"channels", std::move(deep)}};
    CHECK(error_of([&] { (void)node(wrapper, "").string_at("channels"); }) ==
          "/channels: expected a string, got an array of 1 value");
}

TEST_CASE("json decode: rooted re-roots a sub-document's errors", "[core][json]") {
    const json doc = {{"k", "x"}};
    CHECK(error_of([&] {
              wfm::decode::rooted("/shifts", [&] { return node(doc, "").integer_at("k", 0, 1); });
          }) == "/shifts/k: expected an integer in 0..1, got \"x\"");
    CHECK(error_of([&] {
              wfm::decode::rooted("/shifts", [&] {
                  node(json(1), "").fail("an object");
                  return 0;
              });
          }) == "/shifts: expected an object, got 1");
}
