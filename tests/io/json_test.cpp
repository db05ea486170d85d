// The strict JSON reader: every problem located as file:line:column, exit code 3, no crash.
#include <wfm/core/error.hpp>
#include <wfm/io/csv.hpp>
#include <wfm/io/json.hpp>

#include "cli.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace {

namespace fs = std::filesystem;

std::string json_error_of(const std::string& text) {
    try {
        (void)wfm::io::parse_json(text, "c.json");
    } catch (const wfm::io::parse_error& e) {
        CHECK(e.code() == wfm::exit_code::parse_error);
        return e.what();
    }
    return "no parse_error";
}

std::string nested(std::size_t levels) {
    return "{\"channels\": " + std::string(levels, '[') + std::string(levels, ']') + "}";
}

} // namespace

TEST_CASE("json reader: a valid document parses as the library would", "[io][json]") {
    const std::string text = R"({"a": [1, 2.5, "x", null, true], "b": {"c": -3}})";
    CHECK(wfm::io::parse_json(text, "c.json") == nlohmann::json::parse(text));
    CHECK(wfm::io::parse_json(nested(63), "c.json")["channels"].is_array()); // 64 levels
}

TEST_CASE("json reader: nesting deeper than the limit is a located error, not a crash",
          "[io][json]") {
    // `{` is level 1; the 64th `[` (byte 76) would be level 65.
    const std::string message =
        "c.json:1:77: JSON nested deeper than 64 levels of arrays and objects";
    CHECK(json_error_of(nested(64)) == message);
    CHECK(json_error_of(nested(100'000)) == message);
    CHECK(json_error_of("{\"title\": " + std::string(100'000, '[')) ==
          "c.json:1:74: JSON nested deeper than 64 levels of arrays and objects");
}

TEST_CASE("json reader: duplicate keys name the pointer and both lines", "[io][json]") {
    CHECK(json_error_of("{\"a\": 1,\n \"a\": 2}") ==
          "c.json:2:2: duplicate key /a (first on line 1)");
    CHECK(json_error_of("{\"c\": [{}, {\"x/y~\": {\"k\": 1,\n\n \"k\": 2}}]}") ==
          "c.json:3:2: duplicate key /c/1/x~1y~0/k (first on line 1)");
    CHECK(json_error_of(R"({"a\"b": 1, "a\"b": 2})") ==
          "c.json:1:13: duplicate key /a\"b (first on line 1)");
    // The same key in sibling objects is not a duplicate.
    CHECK(wfm::io::parse_json(R"([{"a": 1}, {"a": 2}])", "c.json").size() == 2);
}

TEST_CASE("json reader: NUL bytes, trailing text and overflowing numbers are located errors",
          "[io][json]") {
    CHECK(json_error_of(std::string{"{\"a\": 1}\n\0 trailing", 19}) ==
          "c.json:2:1: a NUL byte is not allowed in a JSON file");
    CHECK(json_error_of(std::string{"{\"a\": \"x\0y\"}", 12}) ==
          "c.json:1:9: a NUL byte is not allowed in a JSON file");
    CHECK(json_error_of("{\"a\": 1} x") ==
          "c.json:1:10: syntax error while parsing value - invalid "
          "literal; last read: '1} x'; expected end of input");
    CHECK(json_error_of("{\"a\": 1}\n{}") ==
          "c.json:2:1: syntax error while parsing value - unexpected '{'; expected end of input");
    CHECK(json_error_of("{\"lines\": 1e400}") ==
          "c.json:1:11: number out of range: 1e400 (a double reaches about 1.8e308)");
    CHECK(json_error_of("[-1e400]") ==
          "c.json:1:2: number out of range: -1e400 (a double reaches about 1.8e308)");
}

TEST_CASE("json reader: a syntax error is file:line:column and echoes at most 60 bytes",
          "[io][json]") {
    CHECK(json_error_of("{\n  \"title\": \"x\",\n  oops\n}\n") ==
          "c.json:3:3: syntax error while parsing object key - invalid literal; last read: "
          "'\"x\",<U+000A>  o'; expected string literal");
    // An unterminated 10 MB string: the library would echo it whole.
    const std::string message = json_error_of("{\"t\": \"" + std::string(10'000'000, 'a'));
    CHECK(message == "c.json:1:10000008: syntax error while parsing value - invalid string: "
                     "missing closing quote; last read: '\\\"" +
                         std::string(59, 'a') + "…'");
    CHECK(json_error_of("") == "c.json:1:1: syntax error while parsing value - unexpected end of "
                               "input; expected '[', '{', or a literal");
}

TEST_CASE("json reader: an unreadable file is a file_error", "[io][json]") {
    CHECK_THROWS_AS(wfm::io::read_json_file("/nonexistent/x.json"), wfm::io::file_error);
}

#ifdef WFM_CLI_PATH
TEST_CASE("json reader cli: staff, schedule and plan reject a 100,000-level config alike",
          "[io][json][cli]") {
    const auto dir = wfm::test::fresh_dir("wfm_json_deep");
    const fs::path deep = dir / "deep.json";
    wfm::io::write_file_atomic(deep, nested(100'000));
    const std::string data = std::string{WFM_TEST_DATA_DIR};
    const std::string expected = "wfm: error: " + deep.string() +
                                 ":1:77: JSON nested deeper than 64 levels of arrays and objects\n";
    const fs::path out = dir / "out";

    const auto staff = wfm::test::run_wfm("staff --config " + deep.string() + " --forecast " +
                                          data + "/erlang/forecast_voice.csv -o " + out.string());
    CHECK(staff.status == 3);
    CHECK(staff.err == expected);
    const auto schedule = wfm::test::run_wfm("schedule --requirements " + data +
                                             "/schedule/week30_required.csv --config " +
                                             deep.string() + " -o " + out.string());
    CHECK(schedule.status == 3);
    CHECK(schedule.err == expected);
    const auto plan =
        wfm::test::run_wfm("plan --config " + deep.string() + " --out " + out.string());
    CHECK(plan.status == 3);
    CHECK(plan.err == expected);
    CHECK(staff.out.empty());
    CHECK(schedule.out.empty());
    CHECK(plan.out.empty());
    CHECK_FALSE(fs::exists(out));

    // A syntax error has the same form and exit code in every command.
    const fs::path broken = dir / "broken.json";
    wfm::io::write_file_atomic(broken, "{\"channels\": [1,]}");
    const std::string syntax = "wfm: error: " + broken.string() +
                               ":1:17: syntax error while parsing value - unexpected ']'; "
                               "expected '[', '{', or a literal\n";
    CHECK(wfm::test::run_wfm("staff --config " + broken.string() + " --forecast " + data +
                             "/erlang/forecast_voice.csv")
              .err == syntax);
    const auto s2 = wfm::test::run_wfm("schedule --requirements " + data +
                                       "/schedule/week30_required.csv --config " + broken.string() +
                                       " -o " + out.string());
    CHECK(s2.status == 3);
    CHECK(s2.err == syntax);
    const auto p2 =
        wfm::test::run_wfm("plan --config " + broken.string() + " --out " + out.string());
    CHECK(p2.status == 3);
    CHECK(p2.err == syntax);
    CHECK_FALSE(fs::exists(out));
    fs::remove_all(dir);
}
#endif
