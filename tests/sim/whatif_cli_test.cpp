// `wfm whatif`: scenarios on the bundled sample plan (few replications), the emergency plan,
// exit 6 for a scenario no staffing within the limits rescues, and scenario-file errors.
#include "cli.hpp"

#include <wfm/io/csv.hpp>

#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

#ifdef WFM_CLI_PATH
namespace {

namespace fs = std::filesystem;

const fs::path& wi_plan_dir() {
    static const fs::path dir = [] {
        const auto d = wfm::test::fresh_dir("wfm_whatif_sample");
        const auto r = wfm::test::run_wfm(
            fmt::format("plan --start greedy --config {}/data/plan.json --out {} -q",
                        WFM_SOURCE_DIR, (d / "plan").string()));
        REQUIRE(r.status == 0);
        return d / "plan";
    }();
    return dir;
}

fs::path wi_write(const std::string& name, const std::string& text) {
    const auto path = wi_plan_dir().parent_path() / name;
    std::ofstream(path) << text;
    return path;
}

wfm::test::cli_result wi_run(const fs::path& scenario, const fs::path& out, int reps = 20) {
    return wfm::test::run_wfm(fmt::format("whatif --plan {} --scenario {} --replications {} -o {}",
                                          wi_plan_dir().string(), scenario.string(), reps,
                                          out.string()));
}

// whatif.csv rows of one scenario and queue, by interval start.
std::map<std::string, std::size_t> wi_rows(const wfm::io::csv_table& t, const std::string& queue) {
    std::map<std::string, std::size_t> rows;
    for (std::size_t i = 0; i < t.rows(); ++i) {
        if (t.field(i, t.column("queue")) == queue) {
            rows[std::string{t.field(i, t.column("interval_start"))}] = i;
        }
    }
    return rows;
}

constexpr const char* wi_emergency = R"("emergency": {"search_replications": 10})";

} // namespace

TEST_CASE("whatif: an outage blocks its window, its retries raise the backlog after it, other "
          "pools are untouched, and the emergency plan restores the level",
          "[sim][cli][whatif]") {
    const auto scenario = wi_write("outage.json", fmt::format(R"({{{}, "scenarios": [
        {{"name": "outage", "events": [{{"type": "outage", "queue": "voice", "day": "Tue",
          "from": "10:00", "to": "11:00", "retry_share": 0.7, "retry_delay_s": 600}}]}}]}})",
                                                              wi_emergency));
    const auto out = wi_plan_dir().parent_path() / "outage";
    const auto r = wi_run(scenario, out);
    INFO(r.err);
    REQUIRE(r.status == 0);
    for (const char* f : {"report.txt", "report.json", "report.html", "whatif.csv"}) {
        CHECK(fs::exists(out / f));
    }
    const auto t = wfm::io::read_csv(out / "whatif.csv");
    const auto voice = wi_rows(t, "voice");
    const auto num = [&](std::size_t row, const char* col) { return t.number(row, t.column(col)); };
    // Blocked in the window: offered, none answered.
    for (const char* at : {"2026-11-03T10:00", "2026-11-03T10:15", "2026-11-03T10:45"}) {
        const auto row = voice.at(at);
        CHECK(num(row, "scenario_offered") > 0.0);
        CHECK(num(row, "scenario_sl") == 0.0);
        CHECK(num(row, "scenario_answer_rate") == 0.0);
    }
    // 70 % of the blocked call back after about 10 minutes: more offered and a longer queue.
    const auto after = voice.at("2026-11-03T11:00");
    CHECK(num(after, "scenario_offered") > 1.2 * num(after, "baseline_offered"));
    CHECK(num(after, "scenario_backlog") > num(after, "baseline_backlog") + 3.0);
    CHECK(num(after, "extra_agents") > 0.0);
    CHECK(num(after, "emergency_sl") > num(after, "scenario_sl") + 0.2);
    // Before the outage the day runs as planned (common random numbers): identical figures.
    const auto before = voice.at("2026-11-03T08:00");
    CHECK(num(before, "scenario_sl") == num(before, "baseline_sl"));
    // Text and video have their own pools: every figure identical, no extra agents.
    for (const auto& [at, row] : wi_rows(t, "text")) {
        CAPTURE(at);
        CHECK(t.field(row, t.column("scenario_sl")) == t.field(row, t.column("baseline_sl")));
        CHECK(num(row, "extra_agents") == 0.0);
    }
    const auto j = nlohmann::json::parse(std::ifstream(out / "report.json"));
    const auto& em = j["scenarios"][0]["emergency"];
    CHECK(em["rescued"] == true);
    CHECK(em["confirmation_short_intervals"] == 0);
    CHECK(em["extra_agent_hours"].get<double>() > 0.0);
    // The plan's hours: every extra agent-interval is overtime or inside an extra shift.
    double hours = 0.0;
    for (const auto& s : em["shifts"]) {
        hours += s["hours"].get<double>();
    }
    CHECK(hours >= em["extra_agent_hours"].get<double>() - 1e-9);
    CHECK(em["overtime_hours"].get<double>() + em["extra_shift_hours"].get<double>() ==
          Approx(hours));
    CHECK_THAT(r.out, Catch::Contains("every interval back to its level"));
}

TEST_CASE("whatif: a key service day lowers the day's SL and the emergency plan brings it back; "
          "absence of named lines lowers it too",
          "[sim][cli][whatif]") {
    const auto scenario = wi_write("keyday.json", fmt::format(R"({{{}, "scenarios": [
        {{"name": "key", "description": "pay day", "events": [
          {{"type": "key_day", "date": "2026-11-04", "queues": ["video"], "factor": 1.5}}]}},
        {{"name": "absent", "events": [
          {{"type": "absence", "pool": "video", "lines": [1, 2, 3], "day": "Wed"}}]}}]}})",
                                                              wi_emergency));
    const auto out = wi_plan_dir().parent_path() / "keyday";
    const auto r = wi_run(scenario, out);
    INFO(r.err);
    REQUIRE(r.status == 0);
    const auto j = nlohmann::json::parse(std::ifstream(out / "report.json"));
    REQUIRE(j["scenarios"].size() == 2);
    for (const auto& s : j["scenarios"]) {
        INFO(s["name"]);
        CHECK(s["first_day"] == "2026-11-04");
        CHECK(s["last_day"] == "2026-11-04");
        for (const auto& q : s["queues"]) {
            if (q["name"] != "video") {
                continue;
            }
            const double base = q["baseline"]["days"][0]["service_level"]["mean"];
            const double hit = q["scenario"]["days"][0]["service_level"]["mean"];
            const double fixed = q["emergency"]["days"][0]["service_level"]["mean"];
            CHECK(hit < base - 0.03);
            CHECK(fixed > hit);
            CHECK(fixed > std::min(0.8, base) - 0.05);
        }
        CHECK(s["emergency"]["rescued"] == true);
    }
}

TEST_CASE("whatif: with hourly rates the emergency plan is priced: overtime at the premium, "
          "extra shifts at their paid hours",
          "[sim][cli][whatif]") {
    const auto dir = wfm::test::fresh_dir("wfm_whatif_cost");
    auto doc = nlohmann::json::parse(std::ifstream(WFM_SOURCE_DIR "/data/plan.json"));
    doc["history"]["file"] = WFM_SOURCE_DIR "/data/sample_history.csv";
    doc["special_days"] = WFM_SOURCE_DIR "/data/sample_special_days.csv";
    for (auto& t : doc["shifts"]["templates"]) {
        t["hourly_rate"] = 20.0;
    }
    std::ofstream(dir / "plan.json") << doc.dump(1);
    auto r = wfm::test::run_wfm(fmt::format("plan --start greedy --config {} --out {} -q",
                                            (dir / "plan.json").string(), (dir / "plan").string()));
    REQUIRE(r.status == 0);
    std::ofstream(dir / "s.json") << R"({"emergency": {"search_replications": 10,
        "overtime_premium": 2}, "scenarios": [{"name": "surge", "events": [{"type": "surge",
        "queue": "video", "day": "Thu", "from": "09:00", "to": "13:00", "factor": 1.6}]}]})";
    r = wfm::test::run_wfm(fmt::format("whatif --plan {} --scenario {} --replications 20 -o {}",
                                       (dir / "plan").string(), (dir / "s.json").string(),
                                       (dir / "out").string()));
    INFO(r.err);
    REQUIRE(r.status == 0);
    const auto j = nlohmann::json::parse(std::ifstream(dir / "out" / "report.json"));
    const auto& em = j["scenarios"][0]["emergency"];
    REQUIRE_FALSE(em["shifts"].empty());
    double total = 0.0;
    for (const auto& s : em["shifts"]) {
        const double hours = s["hours"];
        const double cost = s["cost"];
        CAPTURE(s.dump());
        CHECK(cost == Approx(hours * 20.0 * (s["type"] == "extra_shift" ? 1.0 : 2.0)));
        total += cost;
    }
    CHECK(em["cost"].get<double>() == Approx(total));
    CHECK_THAT(r.out, Catch::Contains(fmt::format("cost {:.2f}", total)));
}

TEST_CASE("whatif: a scenario no staffing within the limits rescues exits 6 and says so",
          "[sim][cli][whatif]") {
    const auto scenario = wi_write("hopeless.json", R"({"emergency": {"max_extra_agents": 0,
        "search_replications": 5}, "scenarios": [{"name": "triple", "events": [
        {"type": "surge", "queue": "video", "day": "Fri", "from": "09:00", "to": "12:00",
         "factor": 3}]}]})");
    const auto out = wi_plan_dir().parent_path() / "hopeless";
    const auto r = wi_run(scenario, out, 10);
    CHECK(r.status == 6);
    CHECK_THAT(r.err, Catch::Contains("whatif: no staffing within the limits (at most 0 extra "
                                      "agents per interval) brings scenario triple back"));
    CHECK_THAT(r.out, Catch::Contains("NOT rescued within the limits"));
    // The result is written: it is the answer, not an error in the input.
    const auto j = nlohmann::json::parse(std::ifstream(out / "report.json"));
    CHECK(j["scenarios"][0]["emergency"]["rescued"] == false);
    CHECK_FALSE(j["scenarios"][0]["emergency"]["short_intervals"].empty());
}

TEST_CASE("whatif: a bad scenario file gets its JSON path and writes nothing",
          "[sim][cli][whatif]") {
    const std::pair<const char*, const char*> cases[] = {
        {R"({"scenarios": [{"name": "x", "events": [{"type": "surge", "queue": "voice",
            "day": "Tue", "from": "10:00", "to": "11:00", "fator": 2}]}]})",
         "/scenarios/0/events/0/fator: expected one of the keys type, queue, queues, day, "
         "date, from, to, factor, got an unknown key"},
        {R"({"scenarios": [{"name": "x", "events": [{"type": "surge", "queue": "phone",
            "day": "Tue", "factor": 2}]}]})",
         "/scenarios/0/events/0/queue: expected a queue of the plan: voice, text, video, got "
         "\"phone\""},
        {R"({"scenarios": [{"name": "x", "events": [{"type": "outage", "queue": "voice",
            "from": "2026-12-01T10:00", "to": "2026-12-01T11:00"}]}]})",
         "/scenarios/0/events/0/from: 2026-12-01T10:00 is outside the plan's week 2026-11-02 "
         "… 2026-11-08"},
        {R"({"scenarios": [{"name": "x", "events": [{"type": "storm"}]}]})",
         "/scenarios/0/events/0/type: expected \"surge\", \"outage\", \"aht\", \"absence\" or "
         "\"key_day\", got \"storm\""},
        {R"({"scenarios": [{"name": "x", "events": [{"type": "absence", "pool": "voice",
            "share": 0.2, "lines": [1], "day": "Mon"}]}]})",
         "/scenarios/0/events/0: an absence gives either \"share\" or \"lines\""},
        {R"({"scenarios": [{"name": "x", "events": [{"type": "absence", "pool": "voice",
            "lines": [99999], "day": "Mon"}]}]})",
         "/scenarios/0/events/0/lines/0: pool 'voice' has no schedule line 99999"},
        {R"({"scenarios": [{"name": "x", "events": [{"type": "surge", "queue": "voice",
            "day": "Tue", "from": "11:00", "to": "10:00", "factor": 2}]}]})",
         "/scenarios/0/events/0/to: the window ends at or before it starts"},
        {R"({"scenarios": []})", "/scenarios: expected a non-empty array of scenarios"},
    };
    int k = 0;
    for (const auto& [text, message] : cases) {
        const auto scenario = wi_write(fmt::format("bad{}.json", k), text);
        const auto out = wi_plan_dir().parent_path() / fmt::format("bad{}", k++);
        const auto r = wi_run(scenario, out, 2);
        CAPTURE(text);
        CHECK(r.status == 5);
        CHECK_THAT(r.err, Catch::Contains(scenario.string() + ": " + message));
        CHECK_FALSE(fs::exists(out));
    }
    // Broken JSON is a parse error at its line and column.
    const auto broken = wi_write("broken.json", "{\"scenarios\": [\n  {\"name\": }\n]}");
    const auto r = wi_run(broken, wi_plan_dir().parent_path() / "broken", 2);
    CHECK(r.status == 3);
    CHECK_THAT(r.err, Catch::Contains("broken.json:2:"));
}
#endif
