// Bad input on every plan.json key and file that issue 13 added (named queues, opening hours,
// min_agents, pools, week_start, lang, contract hours, hourly rates, per-template days off, the
// per-queue history columns and the calendar's closed dates): `wfm plan` names the JSON path (or
// file:line:column), exits with the config (5) or input (3) code on one line, and writes nothing.
#include "../cli.hpp"

#ifdef WFM_CLI_PATH
#include <wfm/io/csv.hpp>
#include <wfm/io/output_files.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

const fs::path new_keys_examples = fs::path{WFM_SOURCE_DIR} / "data" / "examples";

struct bad_key {
    const char* pointer;             ///< the JSON path the message must name
    std::function<void(json&)> edit; ///< makes the value bad
    const char* expected;            ///< what the message says is expected
};

// Runs `wfm plan` on the 12-queue example with one edit; returns the failure's stderr.
std::string run_bad_plan(const fs::path& dir, const std::function<void(json&)>& edit, int code) {
    json doc = json::parse(wfm::io::read_file(new_keys_examples / "bank12.json"));
    doc["history"]["file"] = (new_keys_examples / "bank12_history.csv").string();
    edit(doc);
    fs::remove_all(dir / "out");
    wfm::io::write_file_atomic(dir / "bad.json", doc.dump(1));
    const auto r = wfm::test::run_wfm("plan --config " + (dir / "bad.json").string() + " --out " +
                                      (dir / "out").string());
    CHECK(r.status == code);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK_FALSE(fs::exists(dir / "out"));
    return r.err;
}

} // namespace

TEST_CASE("plan cli: every new plan.json key's bad value is located and writes nothing",
          "[plan][queues][cli]") {
    const auto dir = wfm::test::fresh_dir("wfm_new_keys_cli");
    const std::vector<bad_key> cases = {
        {"/lang", [](json& d) { d["lang"] = "fr"; }, "expected \"en\" or \"zh-CN\", got \"fr\""},
        {"/contract_hours_per_week", [](json& d) { d["contract_hours_per_week"] = 0; }, "expected"},
        {"/contract_hours_per_week", [](json& d) { d["contract_hours_per_week"] = 1e9; },
         "expected"},
        {"/week_start", [](json& d) { d["week_start"] = "Sunday"; }, "expected"},
        {"/queues/3/min_agents", [](json& d) { d["queues"][3]["min_agents"] = 2.5; },
         "expected an integer in 0..10000, got 2.5"},
        {"/queues/0/open/Mon-Fri",
         [](json& d) { d["queues"][0]["open"]["Mon-Fri"] = "08:00-20:07"; }, "expected"},
        {"/queues/0/open", [](json& d) { d["queues"][0]["open"] = json::array(); }, "expected"},
        {"/queues/1/patience_s", [](json& d) { d["queues"][1]["patience_s"] = 0; },
         "expected a number in [0.001, 86400]"},
        {"/queues/1/aht_s", [](json& d) { d["queues"][1]["aht_s"] = 1e6; },
         "expected a number in (0, 86400]"},
        {"/queues/2/targets/sl_time_s",
         [](json& d) { d["queues"][2]["targets"]["sl_time_s"] = 1e300; }, "expected"},
        {"/queues/5/history/volume",
         [](json& d) {
             d["queues"][5]["history"] = {{"volume", 3}};
         },
         "expected"},
        {"/pools/0/queues/0", [](json& d) { d["pools"][0]["queues"][0] = "nope"; }, "expected"},
        {"/pools/2/name", [](json& d) { d["pools"][2]["name"] = ""; }, "expected"},
        {"/shifts/templates/0/hourly_rate",
         [](json& d) { d["shifts"]["templates"][0]["hourly_rate"] = -1; },
         "expected a number >= 0, got -1"},
        {"/shifts/templates/1/days_off/kind",
         [](json& d) {
             d["shifts"]["templates"][1]["days_off"] = {{"kind", "bogus"}};
         },
         "expected"},
        {"/shifts/templates/1/days_off/working_days",
         [](json& d) {
             d["shifts"]["templates"][1]["days_off"] = {{"kind", "consecutive"},
                                                        {"working_days", 9}};
         },
         "expected"},
        {"/shifts/week_start", [](json& d) { d["shifts"]["week_start"] = "Funday"; }, "expected"},
        {"/shifts/weights/under", [](json& d) { d["shifts"]["weights"]["under"] = -1; },
         "expected"},
        {"/forecast/level", [](json& d) { d["forecast"]["level"] = 0.5; },
         "expected a number in [1, 99.9]"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.pointer);
        const std::string err = run_bad_plan(dir, c.edit, 5);
        CHECK(err.find(std::string("bad.json: ") + c.pointer + ": " + c.expected) !=
              std::string::npos);
    }
    fs::remove_all(dir);
}

TEST_CASE("plan cli: a missing queue column and a bad closed date are located and write nothing",
          "[plan][queues][cli]") {
    const auto dir = wfm::test::fresh_dir("wfm_new_files_cli");
    // The history without retail-text's volume column (the second queue's first column).
    const auto csv =
        wfm::io::parse_csv(wfm::io::read_file(new_keys_examples / "bank12_history.csv"), "history");
    std::string text;
    for (std::size_t r = 0; r <= csv.rows(); ++r) {
        std::string line;
        for (std::size_t c = 0; c < csv.header().size(); ++c) {
            if (csv.header()[c] == "retail-text_volume") {
                continue;
            }
            line += c == 0 ? "" : ",";
            line += r == 0 ? csv.header()[c] : std::string(csv.field(r - 1, c));
        }
        text += line + "\n";
    }
    wfm::io::write_file_atomic(dir / "nocol.csv", text);
    std::string err = run_bad_plan(
        dir, [&](json& d) { d["history"]["file"] = (dir / "nocol.csv").string(); }, 3);
    CHECK(err.find("nocol.csv:1:1: field 'retail-text_volume': missing column") !=
          std::string::npos);
    wfm::io::write_file_atomic(dir / "cal.csv", "date,label,closed\n2026-11-10,x,true\n"
                                                "2026-13-01,y,true\n");
    err = run_bad_plan(
        dir, [&](json& d) { d["special_days"] = (dir / "cal.csv").string(); }, 3);
    CHECK(err.find("cal.csv:3:1: field 'date': expected a date YYYY-MM-DD, got '2026-13-01'") !=
          std::string::npos);
    wfm::io::write_file_atomic(dir / "cal.csv", "date,label,closed\n2026-11-10,x,maybe\n");
    err = run_bad_plan(
        dir, [&](json& d) { d["special_days"] = (dir / "cal.csv").string(); }, 3);
    CHECK(err.find("cal.csv:2:14: field 'closed': expected") != std::string::npos);
    fs::remove_all(dir);
}
#endif
