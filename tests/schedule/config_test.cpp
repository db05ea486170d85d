#include <wfm/core/error.hpp>
#include <wfm/schedule/config.hpp>
#include <wfm/schedule/solve.hpp>

#include "cli.hpp"
#include "shared_data.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <vector>

using namespace wfm::schedule;
using nlohmann::json;

namespace {

json minimal_config() {
    return json::parse(R"({
      "mode": "weighted",
      "weights": {"labour": 1, "under": 2, "over": 0.5},
      "days_off": {"kind": "consecutive", "working_days": 5},
      "limits": {"max_headcount": 40, "max_part_time_share": 0.25},
      "templates": [
        {"name": "8h", "length_minutes": 480, "start_earliest": "07:00", "start_latest": "09:00",
         "start_step_minutes": 60,
         "breaks": [{"name": "lunch", "length_minutes": 60, "earliest_minutes": 180,
                     "latest_minutes": 240, "paid": false}]},
        {"name": "4h", "length_minutes": 240, "start_earliest": "10:00", "part_time": true,
         "days": ["Mon", "Fri"], "cost": 5, "max_agents": 3}
      ]
    })");
}

std::string error_of(const json& doc, int grid = 30) {
    try {
        const auto c = config_from_json(doc);
        (void)make_problem(c, grid, std::vector<double>(static_cast<std::size_t>(7 * 1440 / grid)));
    } catch (const wfm::config_error& e) {
        return e.what();
    }
    return "no error";
}

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

TEST_CASE("schedule config: times and lengths become grid intervals", "[schedule]") {
    const problem p =
        make_problem(config_from_json(minimal_config()), 30, std::vector<double>(336, 1.0));
    REQUIRE(p.templates.size() == 2);
    CHECK(p.periods_per_day == 48);
    CHECK(p.templates[0].length == 16);
    CHECK(p.templates[0].starts == std::vector<int>{14, 16, 18});
    CHECK(p.templates[0].breaks[0].earliest == 6);
    CHECK(p.templates[0].breaks[0].latest == 8);
    CHECK(p.templates[0].cost == Approx(7.0)); // paid hours: 8 h less the unpaid lunch
    CHECK(p.templates[1].cost == Approx(5.0));
    CHECK(p.templates[1].starts == std::vector<int>{20});
    CHECK(p.templates[1].days == std::vector<bool>{true, false, false, false, true, false, false});
    CHECK(p.templates[1].max_tours == 3);
    CHECK(p.patterns.size() == 7);
    CHECK(p.limits.max_headcount == 40);
    CHECK(p.weights.under == Approx(1.0)); // 2 per agent-hour on a 30-minute grid
    CHECK(p.weights.over == Approx(0.25));
    CHECK(p.first_weekday == 0);
}

TEST_CASE("schedule config: every error names the JSON path and what was expected", "[schedule]") {
    json doc = minimal_config();
    doc["templates"][0].erase("length_minutes");
    CHECK(error_of(doc) ==
          "/templates/0/length_minutes: expected an integer in 1..1440, got nothing "
          "(required)");

    doc = minimal_config();
    doc["templates"][1]["start_earliest"] = "25:00";
    CHECK(error_of(doc) ==
          "/templates/1/start_earliest: expected a time of day \"HH:MM\", got \"25:00\"");

    doc = minimal_config();
    doc["templates"][0]["breaks"][0]["length_minutes"] = 45;
    CHECK(error_of(doc) == "/templates/0/breaks/0/length_minutes: expected a multiple of the "
                           "30-minute grid, got 45 minutes");

    doc = minimal_config();
    doc["mode"] = "cheapest";
    CHECK(error_of(doc) ==
          "/mode: expected \"weighted\", \"pure_fit\" or \"full_coverage\", got \"cheapest\"");

    doc = minimal_config();
    doc["limits"]["max_part_time_share"] = 1.5;
    CHECK(error_of(doc) == "/limits/max_part_time_share: expected a number in [0, 1], got 1.5");

    doc = minimal_config();
    doc["templates"][1]["days"] = json::array({"Mon", "Funday"});
    CHECK(error_of(doc) == "/templates/1/days/1: expected a weekday name Mon..Sun, got \"Funday\"");

    doc = minimal_config();
    doc["weights"]["labor"] = 1;
    CHECK(error_of(doc) ==
          "/weights/labor: expected one of the keys labour, under, over, got an unknown key");

    doc = minimal_config();
    doc["days_off"] = json{{"kind", "list"}, {"patterns", json::array({"1111100", "11"})}};
    CHECK(error_of(doc) == "/days_off/patterns/1: expected 7 day flags, Monday first, got \"11\"");

    doc = minimal_config();
    doc["templates"] = json::array();
    CHECK(error_of(doc) == "/templates: expected at least one shift template, got an empty array");

    doc = minimal_config();
    doc["interval_minutes"] = 15;
    CHECK(error_of(doc) == "/interval_minutes: expected the requirements' grid of 30 minutes, "
                           "got 15");
}

TEST_CASE("schedule config: the annotated example in data/ decodes and solves", "[schedule]") {
    const json doc =
        json::parse(slurp(std::filesystem::path(WFM_SOURCE_DIR) / "data/schedule.json"));
    std::vector<double> required(336, 0.0);
    for (std::size_t d = 0; d < 7; ++d) {
        for (std::size_t i = 16; i < 44; ++i) {
            required[d * 48 + i] = 4.0 + static_cast<double>(i % 5);
        }
    }
    const problem p = make_problem(config_from_json(doc), 30, required);
    solve_options o;
    o.max_iterations = 20000;
    o.time_limit = std::chrono::seconds{60};
    const solution s = solve(p, o);
    CHECK(s.status == solve_status::feasible);
    CHECK(validate(p, s.tours).empty());
    CHECK(s.metrics.fit > 0.8);
    REQUIRE(s.lower_bound);
    CHECK(*s.lower_bound <= s.objective);
}

TEST_CASE("schedule instance: the reference format decodes, errors name the path",
          "[schedule][shared]") {
    const auto file = wfm::test::shared_path("reference/schedule/week30_21patterns.json");
    WFM_REQUIRE_SHARED(file);
    json doc = json::parse(slurp(file));
    const problem p = problem_from_instance(doc);
    CHECK(p.intervals() == 336);
    CHECK(p.templates.size() == 4);
    CHECK(p.patterns.size() == 21);
    CHECK(p.templates[2].breaks[0].length == 2);
    CHECK(p.weights.under == 1.5);
    // Lagrangian bound below the published LP bound 3473.5 (README of the instances)
    const auto bound = lagrangian_bound(p, 3509.0);
    REQUIRE(bound);
    CHECK(*bound <= 3473.5 + 1e-6);
    CHECK(*bound >= 3400.0);

    doc["shift_templates"][1]["breaks"][0]["latest"] = 40;
    CHECK_THROWS_WITH(problem_from_instance(doc),
                      "/shift_templates/1/breaks/0/latest: expected an integer in 5..11, got 40");
    doc = json::parse(slurp(file));
    doc["required"][3] = -1;
    CHECK_THROWS_WITH(problem_from_instance(doc), "/required/3: expected a number >= 0, got -1");
}

TEST_CASE("instance: an interval that does not divide a day is named, not its periods",
          "[schedule][config]") {
    // Found by the json_schedule fuzz seeds: 7-minute intervals gave "/periods_per_day: expected
    // 1440 / interval_minutes = 205, got 205" (205 x 7 = 1435).
    const json doc = json::parse(R"({"interval_minutes": 7, "days": 1, "periods_per_day": 205,
                                     "required": [], "shift_templates": []})");
    CHECK_THROWS_WITH(problem_from_instance(doc),
                      "/interval_minutes: expected a divisor of 1440, got 7");
    const json wrong = json::parse(R"({"interval_minutes": 30, "days": 1, "periods_per_day": 24,
                                       "required": [], "shift_templates": []})");
    CHECK_THROWS_WITH(problem_from_instance(wrong),
                      "/periods_per_day: expected 1440 / interval_minutes = 48, got 24");
}

#ifdef WFM_CLI_PATH
namespace {

int run_cli(const std::string& args, std::string* err = nullptr) {
    const wfm::test::cli_result r = wfm::test::run_wfm(args);
    if (err) {
        *err = r.err;
    }
    return r.status;
}

/// A config of data/schedule.json with `changes` applied, written to `dir/name`.
std::string edited_config(const std::filesystem::path& dir, const std::string& name,
                          const json& changes) {
    json doc = json::parse(slurp(std::filesystem::path(WFM_SOURCE_DIR) / "data/schedule.json"));
    doc.merge_patch(changes);
    const auto path = dir / name;
    std::ofstream(path) << doc.dump(2);
    return path.string();
}

} // namespace

TEST_CASE("wfm schedule: writes schedule, coverage and summary for a week", "[schedule]") {
    const auto dir = std::filesystem::temp_directory_path() / "wfm_schedule_cli";
    std::filesystem::create_directories(dir);
    const std::string data = WFM_TEST_DATA_DIR "/schedule/";
    const std::string out = (dir / "s.csv").string();
    const std::string cov = (dir / "c.csv").string();
    const std::string sum = (dir / "s.json").string();
    REQUIRE(run_cli("schedule --requirements " + data + "week30_required.csv --config " +
                    WFM_SOURCE_DIR "/data/schedule.json --iterations 20000 -o " + out +
                    " --coverage " + cov + " --summary " + sum) == 0);
    const json summary = json::parse(slurp(sum));
    CHECK(summary["status"] == "feasible");
    CHECK(summary["week_start"] == "2026-11-23");
    CHECK(summary["required_total"].get<double>() == Approx(6943.0));
    std::istringstream lines(slurp(out));
    std::string line;
    int rows = -1;
    while (std::getline(lines, line)) {
        ++rows;
    }
    CHECK(rows == summary["headcount"].get<int>());
    std::istringstream cov_lines(slurp(cov));
    std::getline(cov_lines, line);
    CHECK(line == "interval_start,required,scheduled,diff");
    std::getline(cov_lines, line);
    CHECK(line.rfind("2026-11-23T00:00,0,", 0) == 0);
    int cov_rows = 1;
    while (std::getline(cov_lines, line)) {
        ++cov_rows;
    }
    CHECK(cov_rows == 336);
    CHECK(summary["lower_bound"].get<double>() <= summary["objective"].get<double>());
}

TEST_CASE("wfm schedule: channel selection and input errors", "[schedule]") {
    const std::string data = WFM_TEST_DATA_DIR "/schedule/";
    const std::string out =
        (std::filesystem::temp_directory_path() / "wfm_schedule_cli_ch.csv").string();
    const std::string config = WFM_SOURCE_DIR "/data/schedule.json";
    std::string err;
    CHECK(run_cli("schedule --requirements " + data + "staff_two_channels.csv --config " + config +
                      " -o " + out + " --iterations 2000",
                  &err) == 3);
    CHECK_THAT(err, Catch::Contains("staff_two_channels.csv:3:18: field 'channel': several "
                                    "channels ('voice', 'chat'); choose one with --channel"));
    // the chat rows are hourly: the 30-minute config would read :30 as zero demand
    CHECK(run_cli("schedule --requirements " + data + "staff_two_channels.csv --config " + config +
                      " --channel chat -o " + out + " --iterations 2000",
                  &err) == 3);
    CHECK_THAT(err,
               Catch::Contains("staff_two_channels.csv:3:1: ") &&
                   Catch::Contains("on a 60-minute grid but interval_minutes is 30 in " + config));
    const std::string hourly =
        edited_config(std::filesystem::temp_directory_path(), "wfm_schedule_cli_hourly.json",
                      json::parse(R"({"interval_minutes": 60, "templates": [{"name": "8h",
            "length_minutes": 480, "start_earliest": "07:00", "start_latest": "12:00"}]})"));
    CHECK(run_cli("schedule --requirements " + data + "staff_two_channels.csv --config " + hourly +
                  " --channel chat -o " + out + " --iterations 2000") == 0);
    CHECK(run_cli("schedule --requirements " + data + "bad_config.json --config " + config +
                      " -o " + out,
                  &err) == 3);
    CHECK(run_cli("schedule --requirements " + data + "week30_required.csv --config " + data +
                      "bad_config.json -o " + out + " ",
                  &err) == 5);
    CHECK_THAT(err, Catch::Contains("bad_config.json: /templates/0/breaks/0/latest_minutes: "
                                    "expected an integer in 180..420, got 500"));
}

TEST_CASE("wfm schedule: a config grid finer than the requirements' is an error, not zeros",
          "[schedule][grid]") {
    const auto dir = wfm::test::fresh_dir("wfm_schedule_grid");
    const std::string req = WFM_TEST_DATA_DIR "/schedule/week30_required.csv";
    const std::string out = (dir / "s.csv").string();
    std::string err;
    // 15-minute config on 30-minute requirements: :15 and :45 would have read as zero demand
    const std::string fine = edited_config(dir, "fine.json", {{"interval_minutes", 15}});
    CHECK(run_cli("schedule --requirements " + req + " --config " + fine +
                      " --iterations 2000 -o " + out,
                  &err) == 3);
    CHECK_THAT(err, Catch::Contains("week30_required.csv:2:1: ") &&
                        Catch::Contains("the timestamps lie on a 30-minute grid but "
                                        "interval_minutes is 15 in " +
                                        fine + ": "));
    CHECK_FALSE(std::filesystem::exists(out));
    // no interval_minutes: a 15-minute start step is off the requirements' 30-minute grid
    const std::string step = edited_config(
        dir, "step.json", json::parse(R"({"templates": [{"name": "4h", "length_minutes": 240,
            "start_earliest": "07:00", "start_latest": "19:00", "start_step_minutes": 15}]})"));
    CHECK(run_cli("schedule --requirements " + req + " --config " + step +
                      " --iterations 2000 -o " + out,
                  &err) == 5);
    CHECK_THAT(err, Catch::Contains("step.json: /templates/0/start_step_minutes: expected a "
                                    "multiple of the 30-minute grid, got 15 minutes"));
    CHECK_FALSE(std::filesystem::exists(out));
}

TEST_CASE("wfm schedule: week_start Sun schedules requirements from a Sunday", "[schedule][days]") {
    const auto dir = wfm::test::fresh_dir("wfm_schedule_sunday");
    std::string csv = "interval_start,required\n";
    for (int h = 9; h < 17; ++h) { // Sunday 2026-11-22 and Monday 2026-11-23, 09:00-17:00
        csv += fmt::format("2026-11-22T{:02}:00,3\n2026-11-23T{:02}:00,1\n", h, h);
    }
    csv += "2026-11-28T23:00,0\n"; // Saturday: the week's last day
    const auto req = (dir / "req.csv").string();
    std::ofstream(req) << csv;
    const std::string config =
        edited_config(dir, "sun.json", json::parse(R"({"week_start": "Sun", "interval_minutes": 60,
            "days_off": {"kind": "none"}, "limits": null, "templates": [{"name": "8h",
            "length_minutes": 480, "start_earliest": "09:00", "start_latest": "09:00"}]})"));
    const std::string out = (dir / "s.csv").string();
    const std::string cov = (dir / "c.csv").string();
    const std::string sum = (dir / "s.json").string();
    std::string err;
    const std::string monday = edited_config(dir, "mon.json", {{"week_start", "Mon"}});
    CHECK(run_cli("schedule --requirements " + req + " --config " + monday + " -o " + out, &err) ==
          3);
    CHECK_THAT(err, Catch::Contains("outside the week starting Monday 2026-11-16"));
    REQUIRE(run_cli("schedule --requirements " + req + " --config " + config +
                        " --iterations 5000 -o " + out + " --coverage " + cov + " --summary " + sum,
                    &err) == 0);
    const json summary = json::parse(slurp(sum));
    CHECK(summary["week_start"] == "2026-11-22");
    CHECK(summary["headcount"] == 4); // 3 on Sunday, 1 on Monday
    const std::string coverage = slurp(cov);
    CHECK(coverage.rfind("interval_start,required,scheduled,diff\n2026-11-22T00:00,0,0,", 0) == 0);
    CHECK_THAT(coverage, Catch::Contains("2026-11-22T09:00,3,3,") &&
                             Catch::Contains("2026-11-23T09:00,1,1,"));
    const std::string schedule = slurp(out);
    int sunday = 0;
    int monday_lines = 0;
    std::istringstream lines(schedule);
    std::string line;
    std::getline(lines, line);
    CHECK(line.rfind("line,template,working_days,Mon_start,Mon_breaks,", 0) == 0);
    while (std::getline(lines, line)) {
        sunday += line.find(",8h,Sun,") != std::string::npos ? 1 : 0;
        monday_lines += line.find(",8h,Mon,09:00,") != std::string::npos ? 1 : 0;
    }
    CHECK(sunday == 3);
    CHECK(monday_lines == 1);
}
#endif
