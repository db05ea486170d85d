#include "cli.hpp"

#include <wfm/forecast/calendar.hpp>
#include <wfm/io/csv.hpp>
#include <wfm/io/plan_csv.hpp>
#include <wfm/io/series_csv.hpp>
#include <wfm/io/special_days_csv.hpp>
#include <wfm/plan/config.hpp>
#include <wfm/plan/plan.hpp>
#include <wfm/schedule/solve.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <functional>

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

const fs::path data_dir{std::string{WFM_SOURCE_DIR} + "/data"};

json sample_config() {
    return json::parse(wfm::io::read_file(data_dir / "plan.json"));
}

std::string config_error_of(const json& doc) {
    try {
        (void)wfm::plan::decode_plan_config(doc);
    } catch (const wfm::config_error& e) {
        return e.what();
    }
    return "no error";
}

// The bundled sample, planned with a fixed iteration budget and the greedy start
// (deterministic, quick; the config's LP start and its gaps are sample_gap_test.cpp's).
const wfm::plan::plan_result& sample_plan() {
    static const wfm::plan::plan_result result = [] {
        auto config = wfm::plan::decode_plan_config(sample_config());
        config.solver.start = wfm::schedule::solve_options::start_kind::greedy;
        config.solver.max_iterations = 200000;
        config.solver.time_limit = std::chrono::milliseconds{60000};
        config.backtest_origins = 2;
        wfm::io::series_read_options o;
        std::map<std::string, wfm::plan::channel_history> history;
        for (const auto& ch : config.channels) {
            o.columns.push_back(config.columns.at(ch.name).volume);
            o.optional_columns.push_back(config.columns.at(ch.name).aht);
        }
        const auto table = wfm::io::read_series_csv(data_dir / config.history_file, o);
        for (const auto& ch : config.channels) {
            history.emplace(ch.name,
                            wfm::plan::channel_history{table.at(config.columns.at(ch.name).volume),
                                                       table.at(config.columns.at(ch.name).aht)});
        }
        const auto calendar = wfm::io::parse_special_days_csv(
            wfm::io::read_file(data_dir / config.special_days_file), "special_days.csv");
        return wfm::plan::run_plan(config, history, calendar);
    }();
    return result;
}

} // namespace

TEST_CASE("plan: config errors name the JSON path and what was expected", "[plan]") {
    auto doc = sample_config();
    doc["week"] = "2026-11-03";
    CHECK_THAT(config_error_of(doc), Catch::StartsWith("/week: expected the Monday"));
    doc = sample_config();
    doc["channels"][1]["aht_s"] = -5;
    CHECK_THAT(config_error_of(doc),
               Catch::StartsWith("/channels/1/aht_s: ") && Catch::Contains("-5"));
    doc = sample_config();
    doc["pools"] = json::array({json::array({"voice", "fax"}), json::array({"text", "video"})});
    CHECK_THAT(config_error_of(doc), Catch::StartsWith("/pools/0/1: expected a queue named"));
    doc = sample_config();
    doc["pools"] = json::array({json::array({"voice", "video"})});
    CHECK(config_error_of(doc) ==
          "/pools: expected every queue in a pool, got queue \"text\" in none");
    doc = sample_config();
    doc["shifts"]["templates"][0]["length_minutes"] = "long";
    CHECK_THAT(config_error_of(doc), Catch::StartsWith("/shifts/templates/0/length_minutes"));
    doc = sample_config();
    doc["forecast"]["colour"] = "blue";
    CHECK(config_error_of(doc) == "/forecast/colour: expected one of the keys method, level, "
                                  "backtest_origins, got an unknown key");
    doc = sample_config();
    doc.erase("history");
    CHECK(config_error_of(doc) ==
          "/history: expected an object {\"file\": …}, got nothing (required)");
}

// One message form, `/json/pointer: expected …, got …`, for every kind of plan-config error.
TEST_CASE("plan: config messages have one form for each kind of error", "[plan]") {
    const auto with = [](const std::function<void(json&)>& edit) {
        auto doc = sample_config();
        edit(doc);
        return config_error_of(doc);
    };
    // Missing (required), at the child's pointer.
    CHECK(with([](json& d) { d["history"].erase("file"); }) ==
          "/history/file: expected a string, got nothing (required)");
    CHECK(with([](json& d) { d.erase("shifts"); }) ==
          "/shifts: expected a schedule configuration object, got nothing (required)");
    CHECK(with([](json& d) { d.erase("channels"); }) ==
          "/queues: expected a non-empty array of queue blocks, got nothing (required)");
    // Wrong type.
    CHECK(with([](json& d) { d["title"] = 5; }) == "/title: expected a string, got 5");
    CHECK(with([](json& d) {
              d["solver"] = json::array({1, 2});
          }) == "/solver: expected an object, got an array of 2 values");
    CHECK(with([](json& d) { d["solver"]["seed"] = 1.5; }) ==
          "/solver/seed: expected an integer in 0..4611686018427387904, got 1.5");
    // Range.
    CHECK(with([](json& d) { d["forecast"]["level"] = 120; }) ==
          "/forecast/level: expected a number in [1, 99.9], got 120");
    CHECK(with([](json& d) { d["forecast"]["backtest_origins"] = 53; }) ==
          "/forecast/backtest_origins: expected an integer in 0..52, got 53");
    CHECK(with([](json& d) { d["solver"]["time_limit_s"] = 0; }) ==
          "/solver/time_limit_s: expected a number in [0.01, 3600], got 0");
    CHECK(with([](json& d) { d["solver"]["restarts"] = 0; }) ==
          "/solver/restarts: expected an integer in 1..64, got 0");
    CHECK(with([](json& d) { d["solver"]["start"] = "best"; }) ==
          "/solver/start: expected \"auto\", \"greedy\" or \"lp\", got \"best\"");
    CHECK(with([](json& d) { d["solver"]["iterations"] = -1; }) ==
          "/solver/iterations: expected an integer in 0..1099511627776, got -1");
    CHECK(with([](json& d) { d["solver"]["iterations"] = 18446744073709551615ULL; }) ==
          "/solver/iterations: expected an integer in 0..1099511627776, got "
          "18446744073709551615");
    CHECK(with([](json& d) { d["shifts"]["interval_minutes"] = 30; }) ==
          "/shifts/interval_minutes: expected the plan's interval (15 minutes), got 30");
    // standard_day_h: finite and in [1, 24] hours, so minutes convert to an integer exactly.
    CHECK(with([](json& d) { d["standard_day_h"] = 0; }) ==
          "/standard_day_h: expected a number in [1, 24], got 0");
    CHECK(with([](json& d) { d["standard_day_h"] = 1e300; }) ==
          "/standard_day_h: expected a number in [1, 24], got 1e+300");
    CHECK(with([](json& d) { d["standard_day_h"] = "8"; }) ==
          "/standard_day_h: expected a number in [1, 24], got \"8\"");
    CHECK(wfm::plan::decode_plan_config([] {
              auto d = sample_config();
              d["standard_day_h"] = 7.5;
              return d;
          }())
              .standard_day == std::chrono::minutes{450});
    // Unknown key, listing the valid keys.
    CHECK(with([](json& d) { d["solver"]["threads"] = 2; }) ==
          "/solver/threads: expected one of the keys seed, time_limit_s, iterations, restarts, "
          "start, got an unknown key");
    CHECK(with([](json& d) {
              d["history"]["columns"] = {{"voice", {{"calls", "c"}}}};
          }) ==
          "/history/columns/voice/calls: expected one of the keys volume, aht, got an unknown key");
    // Enumerations.
    CHECK(with([](json& d) { d["forecast"]["method"] = "best"; }) ==
          "/forecast/method: expected a forecast method: snaive, avgK with K in 1..52, topdown, "
          "svd, ensemble or auto, got \"best\"");
    CHECK(with([](json& d) { d["pools"] = "mixed"; }) ==
          "/pools: expected \"separate\", \"blended\" or a list of pools (queue lists or "
          "{\"name\": …, \"queues\": […]}), got \"mixed\"");
    CHECK(with([](json& d) { d["interval"] = "7m"; }) ==
          "/interval: expected an interval such as \"15m\", \"30m\" or \"1h\", got \"7m\"");
    // Pointers are escaped (RFC 6901: `~` → `~0`, `/` → `~1`).
    CHECK(with([](json& d) { d["a/b~c"] = 1; }) ==
          "/a~1b~0c: expected one of the keys title, interval, week, week_start, history, "
          "special_days, forecast, queues, channels, pools, shifts, solver, standard_day_h, "
          "description, lang, contract_hours_per_week, intraday, simulate, got an unknown key");
    CHECK(with([](json& d) {
              d["history"]["columns"] = {{"a/b", {{"volume", "v"}}}};
          }) ==
          "/history/columns/a~1b: expected a queue named in /queues (or /channels), got an object "
          "of 1 key");
    // A long value is cut in the message, not echoed whole.
    const auto long_title =
        with([](json& d) { d["title"] = json::array({std::string(100000, 'x')}); });
    CHECK(long_title == "/title: expected a string, got an array of 1 value");
    const auto long_week = with([](json& d) { d["week"] = std::string(100000, 'x'); });
    CHECK(long_week.size() < 200);
    CHECK_THAT(long_week, Catch::EndsWith("(100000 bytes)"));
}

TEST_CASE("plan: blended pools schedule channels together", "[plan]") {
    auto doc = sample_config();
    doc["pools"] = "blended";
    const auto c = wfm::plan::decode_plan_config(doc);
    REQUIRE(c.pools.size() == 1);
    CHECK(c.pools[0] == std::vector<std::string>{"voice", "text", "video"});
}

TEST_CASE("plan: the sample week's schedules are valid and conserve coverage", "[plan]") {
    const auto& r = sample_plan();
    REQUIRE(r.pools.size() == 3);
    REQUIRE(r.report.channels.size() == 3);
    CHECK(wfm::format_date(r.report.week_start) == "2026-11-02"); // the Monday after history
    for (std::size_t p = 0; p < r.pools.size(); ++p) {
        CHECK(wfm::schedule::validate(r.pools[p].problem, r.pools[p].solution.tours).empty());
        CHECK(r.pools[p].solution.status == wfm::schedule::solve_status::feasible);
        if (r.pools[p].solution.lower_bound) {
            CHECK(*r.pools[p].solution.lower_bound <= r.pools[p].solution.objective + 1e-9);
        }
        // Each channel is its own pool here: the report's coverage is the pool's coverage.
        const auto& ch = r.report.channels[p];
        double scheduled = 0.0;
        for (const auto& o : ch.intervals) {
            scheduled += o.scheduled;
        }
        double coverage = 0.0;
        for (int c : r.pools[p].solution.coverage) {
            coverage += c;
        }
        CHECK(scheduled == Approx(coverage));
    }
}

TEST_CASE("plan: an interval covered at its requirement is predicted to meet the SL target",
          "[plan]") {
    // required = agents / (1 − shrinkage) with `agents` meeting every target, and service level
    // rises with agents: so scheduled ≥ required must predict SL ≥ target.
    std::size_t checked = 0;
    for (const auto& ch : sample_plan().report.channels) {
        for (const auto& o : ch.intervals) {
            REQUIRE(o.volume >= 0.0);
            if (o.service_level) {
                CHECK(*o.service_level >= 0.0);
                CHECK(*o.service_level <= 1.0);
            }
            // Below the minimum volume nobody is needed and nothing is predicted.
            const bool contacts =
                !wfm::erlang::below_min_volume(o.volume, wfm::erlang::seconds_d{900.0});
            if (contacts && o.scheduled >= o.required - 1e-9) {
                REQUIRE(o.service_level.has_value());
                CHECK(*o.service_level >= ch.target.service_level - 1e-9);
                ++checked;
            }
        }
    }
    CHECK(checked > 500);
}

TEST_CASE("plan: forecast and requirement files cover every open interval once", "[plan]") {
    const auto& r = sample_plan();
    const auto fc = wfm::io::parse_csv(wfm::io::format_plan_forecast_csv(r), "forecast.csv");
    const auto req =
        wfm::io::parse_csv(wfm::io::format_plan_requirements_csv(r), "requirements.csv");
    std::size_t open = 0;
    for (const auto& ch : r.report.channels) {
        for (const auto& o : ch.intervals) {
            open += o.aht_s > 0.0 ? 1U : 0U;
        }
    }
    CHECK(fc.rows() == open);
    CHECK(req.rows() == open);
    for (std::size_t i = 0; i < fc.rows(); ++i) {
        CHECK(fc.non_negative(i, fc.column("lower")) <= fc.non_negative(i, fc.column("volume")));
        CHECK(fc.non_negative(i, fc.column("volume")) <= fc.non_negative(i, fc.column("upper")));
    }
}

#ifdef WFM_CLI_PATH
TEST_CASE("plan cli: the bundled sample writes every output file", "[plan][cli]") {
    // The greedy start keeps this quick (and quick under the sanitizers); the config's own LP
    // start is sample_gap_test.cpp's.
    const auto dir = wfm::test::fresh_dir("wfm_plan_cli");
    const auto r =
        wfm::test::run_wfm("plan --start greedy --config " + (data_dir / "plan.json").string() +
                           " --out " + (dir / "out").string());
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("Schedule fit") && Catch::Contains("report.{txt,json,html}"));
    for (const char* f : {"forecast.csv", "requirements.csv", "schedule.csv", "coverage.csv",
                          "report.json", "report.txt", "report.html"}) {
        CAPTURE(f);
        CHECK(fs::file_size(dir / "out" / f) > 100);
    }
    const auto report = json::parse(wfm::io::read_file(dir / "out" / "report.json"));
    CHECK(report.at("channels").size() == 3);
    CHECK(std::distance(fs::directory_iterator(dir / "out"), fs::directory_iterator{}) == 7);
    CHECK(wfm::test::run_wfm("plan --quiet --start greedy --config " +
                             (data_dir / "plan.json").string() + " --out " + (dir / "out").string())
              .out.empty());
    fs::remove_all(dir);
}

TEST_CASE("plan cli: bad config or history fails with a location and writes nothing",
          "[plan][cli]") {
    const auto dir = wfm::test::fresh_dir("wfm_plan_cli_bad");
    const std::string out = " --out " + (dir / "out").string();
    auto doc = sample_config();
    doc["channels"][0]["patience_s"] = "soon";
    wfm::io::write_file_atomic(dir / "bad.json", doc.dump());
    const auto bad = wfm::test::run_wfm("plan --config " + (dir / "bad.json").string() + out);
    CHECK(bad.status == 5);
    CHECK_THAT(bad.err, Catch::Contains("bad.json: /channels/0/patience_s"));
    wfm::io::write_file_atomic(dir / "broken.json", "{\n  \"title\": \"x\",\n  oops\n}\n");
    const auto broken = wfm::test::run_wfm("plan --config " + (dir / "broken.json").string() + out);
    CHECK(broken.status == 3);
    CHECK_THAT(broken.err, Catch::Contains("broken.json:3:3:"));
    const auto history =
        wfm::test::run_wfm("plan --config " + (data_dir / "plan.json").string() + " --history " +
                           std::string{WFM_TEST_DATA_DIR} + "/plan/bad_history.csv" + out);
    CHECK(history.status == 3);
    CHECK_THAT(history.err, Catch::Contains("bad_history.csv:3:18: field 'voice_volume': expected "
                                            "a non-negative number, found '-4'"));
    CHECK_FALSE(fs::exists(dir / "out"));
    fs::remove_all(dir);
}
#endif
