// Every numeric flag of every subcommand: a value that is not a number of the flag's kind, not
// finite or out of its documented range (docs/cli.md, "Numbers") exits 2 with one line naming the
// flag and the value. Nothing wraps around (-1 as 2^64 - 1), overflows (1e300 hours) or passes
// as NaN; values at the ends of each range are accepted.
#include "cli.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#ifdef WFM_CLI_PATH
namespace {

using wfm::test::run_wfm;

struct bad_flag {
    std::string args;     // a command line with one bad number
    std::string expected; // the whole of standard error
};

// The one-line rejection `wfm: error: FLAG: expected WHAT, got 'VALUE'`.
std::string rejection(const std::string& flag, const std::string& what, const std::string& value) {
    return "wfm: error: " + flag + ": expected " + what + ", got '" + value + "'\n";
}

// Each command line exits 2 with exactly its one-line message and writes nothing to stdout.
void check_rejected(const std::vector<bad_flag>& cases) {
    for (const auto& c : cases) {
        INFO(c.args);
        const auto r = run_wfm(c.args);
        CHECK(r.status == 2);
        CHECK(r.err == c.expected);
        CHECK(r.out.empty());
    }
}

const std::string sched = "schedule --requirements r.csv --config c.json -o s.csv ";
const std::string erl = "erlang --calls 100 --aht-s 180 ";

} // namespace

TEST_CASE("number flags: whole numbers out of range or malformed exit 2 naming the flag",
          "[app][cli]") {
    const std::string seed_range = "a whole number in 0..18446744073709551615";
    const std::vector<bad_flag> cases = {
        {sched + "--iterations -1",
         rejection("--iterations", "a whole number in 1..1000000000", "-1")},
        {sched + "--iterations 0",
         rejection("--iterations", "a whole number in 1..1000000000", "0")},
        {sched + "--iterations 1000000001",
         rejection("--iterations", "a whole number in 1..1000000000", "1000000001")},
        {sched + "--iterations 1e3",
         rejection("--iterations", "a whole number in 1..1000000000", "1e3")},
        {sched + "--seed -1", rejection("--seed", seed_range, "-1")},
        {sched + "--seed 18446744073709551616",
         rejection("--seed", seed_range, "18446744073709551616")},
        {"sample --seed -1", rejection("--seed", seed_range, "-1")},
        {"sample --weeks 521", rejection("--weeks", "a whole number in 1..520", "521")},
        {"sample --weeks 2.5", rejection("--weeks", "a whole number in 1..520", "2.5")},
        {"kpi log.csv --sl-time -1", rejection("--sl-time", "a whole number in 0..86400", "-1")},
        {erl + "--agents 10 --patience-s 300 --lines 0",
         rejection("--lines", "a whole number in 1..100000", "0")},
        {erl + "--target-sl 0.8 --concurrency -2",
         rejection("--concurrency", "a whole number in 1..1000", "-2")},
        {erl + "--target-sl 0.8 --concurrency 4294967297",
         rejection("--concurrency", "a whole number in 1..1000", "4294967297")},
    };
    check_rejected(cases);
}

TEST_CASE("number flags: real numbers that are not finite or out of range exit 2 naming the flag",
          "[app][cli]") {
    const std::vector<bad_flag> cases = {
        {"kpi log.csv --standard-day-h 1e300",
         rejection("--standard-day-h", "a finite number in (0, 24]", "1e300")},
        {"kpi log.csv --standard-day-h nan",
         rejection("--standard-day-h", "a finite number in (0, 24]", "nan")},
        {"kpi log.csv --standard-day-h 0",
         rejection("--standard-day-h", "a finite number in (0, 24]", "0")},
        {"erlang --calls 1e400 --aht-s 180 --agents 10",
         rejection("--calls", "a finite number in [0, 1e+15]", "1e400")},
        {"erlang --calls -1 --aht-s 180 --agents 10",
         rejection("--calls", "a finite number in [0, 1e+15]", "-1")},
        {erl + "--agents inf", rejection("--agents", "a finite number in (0, 1e+06]", "inf")},
        {erl + "--agents 10 --interval-s 0",
         rejection("--interval-s", "a finite number in (0, 86400]", "0")},
        {"erlang --calls 100 --aht-s nan --agents 10",
         rejection("--aht-s", "a finite number in (0, 86400]", "nan")},
        {erl + "--agents 10 --patience-s 1e9",
         rejection("--patience-s", "a finite number in [0.001, 86400]", "1e9")},
        {erl + "--agents 10 --sl-time -0.5",
         rejection("--sl-time", "a finite number in [0, 86400]", "-0.5")},
        {erl + "--target-sl nan", rejection("--target-sl", "a finite number in (0, 1)", "nan")},
        {erl + "--max-asa-s inf", rejection("--max-asa-s", "a finite number in (0, 86400]", "inf")},
        {erl + "--target-sl 0.8 --shrinkage 1",
         rejection("--shrinkage", "a finite number in [0, 1)", "1")},
        {erl + "--target-sl 0.8 --self-service-rate -0.1",
         rejection("--self-service-rate", "a finite number in [0, 1)", "-0.1")},
        {erl + "--target-sl 0.8 --concurrency 2 --compose-ratio 1e999",
         rejection("--compose-ratio", "a finite number in (0, 1e+06]", "1e999")},
        {"forecast --history h.csv --level 99.95",
         rejection("--level", "a finite number in [1, 99.9]", "99.95")},
        {"backtest --history h.csv --level nan",
         rejection("--level", "a finite number in [1, 99.9]", "nan")},
    };
    check_rejected(cases);
}

TEST_CASE("number flags: the values of finding 12 exit 2 with one line, not CLI11's 105",
          "[app][cli]") {
    const std::vector<bad_flag> cases = {
        {"erlang --calls -5 --aht-s 180 --target-sl 0.8",
         rejection("--calls", "a finite number in [0, 1e+15]", "-5")},
        {"erlang --calls 100 --aht-s 0 --target-sl 0.8",
         rejection("--aht-s", "a finite number in (0, 86400]", "0")},
        {erl + "--target-sl 0.8 --patience-s -30",
         rejection("--patience-s", "a finite number in [0.001, 86400]", "-30")},
        {erl + "--agents 0", rejection("--agents", "a finite number in (0, 1e+06]", "0")},
        // Issue 12's leftover: a patience of 1e-308 s was evaluated (exit 0).
        {erl + "--target-sl 0.8 --patience-s 1e-308 --model a",
         rejection("--patience-s", "a finite number in [0.001, 86400]", "1e-308")},
        {erl + "--target-sl 1.5", rejection("--target-sl", "a finite number in (0, 1)", "1.5")},
        {erl + "--target-sl 0.8 --max-occupancy 0",
         rejection("--max-occupancy", "a finite number in (0, 1]", "0")},
    };
    check_rejected(cases);
    // The shortest patience accepted is evaluated: nearly every caller abandons at once.
    const auto quick = run_wfm(erl + "--agents 10 --patience-s 0.001 --format json");
    REQUIRE(quick.status == 0);
    CHECK_THAT(quick.out, Catch::Contains("\"model\": \"a\""));
}

TEST_CASE("number flags: a value not among the choices exits 2 naming flag, choices and value",
          "[app][cli]") {
    const auto choice = [](const std::string& flag, const std::string& list,
                           const std::string& value) {
        return rejection(flag, "one of " + list, value);
    };
    const std::vector<bad_flag> cases = {
        {erl + "--agents 10 --format xml", choice("--format", "text, json", "xml")},
        {erl + "--agents 10 --model d",
         choice("--model", "b, c, a, erlang_b, erlang_c, erlang_a", "d")},
        {erl + "--target-sl 0.8 --sl-definition all",
         choice("--sl-definition", "offered, answered, virtual", "all")},
        {"kpi log.csv --by year", choice("--by", "interval, day, week, month, total", "year")},
        {"kpi log.csv --format excel", choice("--format", "generic, anonymous-bank", "excel")},
        {sched + "--start best", choice("--start", "auto, greedy, lp", "best")},
        {"plan --lang fr", choice("--lang", "en, zh-CN", "fr")},
        {"plan --start best", choice("--start", "auto, greedy, lp", "best")},
        {"backtest --history h.csv --format xml", choice("--format", "text, csv, json", "xml")},
        {"kpi log.csv --interval 7x",
         "wfm: error: --interval: expected e.g. 15m, 30m or 1h, got '7x'\n"},
    };
    check_rejected(cases);
}

TEST_CASE("number flags: usage errors exit 2 with one line naming the command", "[app][cli]") {
    for (const std::string args :
         {"erlang --aht-s 180 --agents 10", "erlang --calls 100 --aht-s 180 --agents 10 --bogus 1",
          "erlang --calls", "kpi", "frobnicate", ""}) {
        INFO("wfm " << args);
        const auto r = run_wfm(args);
        CHECK(r.status == 2);
        CHECK(r.out.empty());
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
        CHECK_THAT(r.err, Catch::StartsWith("wfm: error: "));
    }
    CHECK(run_wfm("erlang --aht-s 180 --agents 10").err ==
          "wfm: error: erlang: --calls is required (see 'wfm erlang --help')\n");
    CHECK(run_wfm("erlang --help").status == 0);
    CHECK(run_wfm("--version").out == "wfm 0.1.0\n");
}

TEST_CASE("number flags: a long value is echoed cut short", "[app][cli]") {
    const auto r = run_wfm(sched + "--iterations " + std::string(100, '9'));
    CHECK(r.status == 2);
    CHECK(r.err ==
          rejection("--iterations", "a whole number in 1..1000000000", std::string(60, '9') + "…"));
}

TEST_CASE("number flags: the ends of each range are accepted", "[app][cli]") {
    // Accepted flags reach the command: erlang answers, exit 0.
    CHECK(run_wfm(erl + "--agents 1000000 --sl-time 86400 --shrinkage 0").status == 0);
    CHECK(run_wfm("erlang --calls 0 --interval-s 86400 --aht-s 86400 --agents 0.5").status == 0);
    CHECK(run_wfm(erl + "--agents 10 --patience-s 86400 --lines 100000").status == 0);
    // Leading zeros are decimal, not octal: --lines 010 is 10 lines.
    const auto ten = run_wfm(erl + "--agents 10 --patience-s 300 --lines 10 --format json");
    const auto zero_ten = run_wfm(erl + "--agents 10 --patience-s 300 --lines 010 --format json");
    REQUIRE(ten.status == 0);
    CHECK(zero_ten.out == ten.out);
}
#endif
