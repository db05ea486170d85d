// Named queues, opening hours, min_agents, the minimum volume, named pools and week_start in the
// plan (issue 13, findings 1, 4 and 14), on the bundled 12-queue example (data/examples).
#include "cli.hpp"

#include <wfm/erlang/channel.hpp>
#include <wfm/io/csv.hpp>
#include <wfm/io/series_csv.hpp>
#include <wfm/plan/config.hpp>
#include <wfm/plan/plan.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <map>
#include <set>

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace std::chrono_literals;

const fs::path examples{std::string{WFM_SOURCE_DIR} + "/data/examples"};

json bank12() {
    return json::parse(wfm::io::read_file(examples / "bank12.json"));
}

std::string error_of(const json& doc) {
    try {
        (void)wfm::plan::decode_plan_config(doc);
    } catch (const wfm::config_error& e) {
        return e.what();
    }
    return "no error";
}

std::string edited(const std::function<void(json&)>& edit) {
    auto doc = bank12();
    edit(doc);
    return error_of(doc);
}

std::map<std::string, wfm::plan::channel_history> history_of(const wfm::plan::plan_config& c) {
    wfm::io::series_read_options o;
    for (const auto& q : c.channels) {
        o.columns.push_back(c.columns.at(q.name).volume);
        o.optional_columns.push_back(c.columns.at(q.name).aht);
    }
    const auto table = wfm::io::read_series_csv(examples / c.history_file, o);
    std::map<std::string, wfm::plan::channel_history> out;
    for (const auto& q : c.channels) {
        out.emplace(q.name, wfm::plan::channel_history{table.at(c.columns.at(q.name).volume),
                                                       table.at(c.columns.at(q.name).aht)});
    }
    return out;
}

wfm::plan::plan_result plan_of(const json& doc) {
    auto config = wfm::plan::decode_plan_config(doc);
    config.backtest_origins = 0;
    config.solver.max_iterations = 3000;
    return wfm::plan::run_plan(config, history_of(config), {});
}

const wfm::plan::plan_result& bank12_plan() {
    static const auto result = plan_of(bank12());
    return result;
}

const wfm::erlang::channel_settings& queue_named(const wfm::plan::plan_result& r,
                                                 const std::string& name) {
    for (const auto& q : r.channels) {
        if (q.name == name) {
            return q;
        }
    }
    throw std::runtime_error("no queue " + name);
}

} // namespace

TEST_CASE("queues: twelve named queues decode with channels, columns and named pools",
          "[plan][queues]") {
    const auto c = wfm::plan::decode_plan_config(bank12());
    REQUIRE(c.channels.size() == 12);
    CHECK(c.channels[1].name == "retail-text");
    CHECK(c.channels[1].channel == "text");
    CHECK(c.channels[1].concurrency == 3);
    CHECK(c.channels[0].min_agents == 2);
    CHECK(c.columns.at("cards-fraud").volume == "cards-fraud_volume");
    CHECK(c.columns.at("cards-fraud").aht == "cards-fraud_aht_s");
    REQUIRE(c.pools.size() == 3);
    CHECK(c.pool_names == std::vector<std::string>{"retail", "cards", "wealth"});
    CHECK(c.pools[2].size() == 4);
    // Saturday 09:00-17:00 for retail-voice, no Sunday; wealth queues weekdays only.
    const auto& hours = *c.channels[0].open;
    CHECK(hours.open_at(5, 9 * 60));
    CHECK_FALSE(hours.open_at(5, 17 * 60));
    CHECK_FALSE(hours.open_at(6, 12 * 60));
    CHECK(hours.open_at(4, 19 * 60 + 45));
    CHECK_FALSE(hours.open_at(4, 20 * 60));
    CHECK_FALSE(c.channels[8].open->open_at(5, 12 * 60));
}

TEST_CASE("queues: queue-level history columns, the old top-level columns and the alias",
          "[plan][queues]") {
    auto doc = bank12();
    doc["queues"][0]["history"] = {{"volume", "rv"}, {"aht", "rv_aht"}};
    doc["history"]["columns"] = {{"cards-voice", {{"volume", "cv"}}}};
    const auto c = wfm::plan::decode_plan_config(doc);
    CHECK(c.columns.at("retail-voice").volume == "rv");
    CHECK(c.columns.at("retail-voice").aht == "rv_aht");
    CHECK(c.columns.at("cards-voice").volume == "cv");
    CHECK(c.columns.at("cards-voice").aht == "cards-voice_aht_s");
    doc["history"]["columns"] = {{"retail-voice", {{"volume", "x"}}}};
    CHECK(error_of(doc) == "/history/columns/retail-voice: expected a queue without its own "
                           "history block, got an object of 1 key");
    // "channels" is an alias of "queues", not both; old names-only blocks still work.
    auto old = bank12();
    old["channels"] = old["queues"];
    CHECK(error_of(old) == "/channels: expected either /queues or its alias /channels, got both");
    old.erase("queues");
    CHECK(wfm::plan::decode_plan_config(old).channels.size() == 12);
}

TEST_CASE("queues: bad queue names, channels, opening hours and min_agents are located",
          "[plan][queues]") {
    CHECK(edited([](json& d) { d["queues"][3]["open"]["Sat"] = "9-17"; }) ==
          "/queues/3/open/Sat: expected opening hours \"HH:MM-HH:MM\" with open < close ≤ 24:00, "
          "got \"9-17\"");
    CHECK(edited([](json& d) { d["queues"][3]["open"]["Sat"] = "17:00-09:00"; }) ==
          "/queues/3/open/Sat: expected opening hours \"HH:MM-HH:MM\" with open < close ≤ 24:00, "
          "got \"17:00-09:00\"");
    CHECK(edited([](json& d) { d["queues"][3]["open"]["Sat"] = "09:00-24:30"; }) ==
          "/queues/3/open/Sat: expected opening hours \"HH:MM-HH:MM\" with open < close ≤ 24:00, "
          "got \"09:00-24:30\"");
    CHECK(edited([](json& d) { d["queues"][3]["open"]["Wed"] = "09:00-12:00"; }) ==
          "/queues/3/open/Wed: expected weekdays not named by another key, got Wed again");
    CHECK(edited([](json& d) { d["queues"][3]["open"]["Caturday"] = "09:00-12:00"; }) ==
          "/queues/3/open/Caturday: expected a weekday or a range of weekdays such as \"Sat\" or "
          "\"Mon-Fri\", got the key \"Caturday\"");
    CHECK(edited([](json& d) { d["queues"][3]["open"]["Sat"] = "09:10-12:00"; }) ==
          "/queues/3/open/Sat: expected opening and closing times on the plan's 15-minute grid, "
          "got \"09:10-12:00\"");
    CHECK(edited([](json& d) { d["queues"][3]["open"] = "always"; }) ==
          "/queues/3/open: expected an object of weekdays → \"HH:MM-HH:MM\", e.g. {\"Mon-Fri\": "
          "\"08:00-20:00\"}, got \"always\"");
    CHECK(edited([](json& d) { d["queues"][2]["min_agents"] = -1; }) ==
          "/queues/2/min_agents: expected an integer in 0..10000, got -1");
    CHECK(edited([](json& d) { d["queues"][2]["min_agents"] = 1000000000LL; }) ==
          "/queues/2/min_agents: expected an integer in 0..10000, got 1000000000");
    CHECK(edited([](json& d) { d["queues"][4]["name"] = "cards voice"; }) ==
          "/queues/4/name: expected a queue name of 1 to 40 characters from [A-Za-z0-9_.-], got "
          "\"cards voice\"");
    CHECK(edited([](json& d) {
              d["queues"][4]["name"] = std::string(41, 'q');
          }).starts_with("/queues/4/name: expected a queue name of 1 to 40 characters"));
    CHECK(edited([](json& d) { d["queues"][4]["name"] = "retail-voice"; }) ==
          "/queues/4/name: expected a queue not named before, got \"retail-voice\" again");
    CHECK(edited([](json& d) { d["queues"][4]["channel"] = "fax"; }) ==
          "/queues/4/channel: expected \"voice\", \"text\" or \"video\", got \"fax\"");
    CHECK(edited([](json& d) { d["queues"][4].erase("channel"); }) ==
          "/queues/4/channel: expected \"voice\", \"text\" or \"video\" (required when the name "
          "is not one of them), got nothing (required)");
    CHECK(edited([](json& d) {
              d["queues"][4]["history"] = {{"calls", "x"}};
          }) ==
          "/queues/4/history/calls: expected one of the keys volume, aht, got an unknown key");
    CHECK(edited([](json& d) { d["pools"][0]["queues"][1] = "retail-fax"; }) ==
          "/pools/0/queues/1: expected a queue named in /queues (or /channels), got "
          "\"retail-fax\"");
    CHECK(edited([](json& d) { d["pools"][1]["name"] = "retail"; }) ==
          "/pools/1: expected a pool not named before, got \"retail\" again");
}

TEST_CASE("queues: week_start sets the first day of the planning week", "[plan][queues]") {
    CHECK(edited([](json& d) { d["week_start"] = "Sunday"; }) ==
          "/week_start: expected \"Mon\", \"Tue\", \"Wed\", \"Thu\", \"Fri\", \"Sat\" or \"Sun\", "
          "got \"Sunday\"");
    CHECK(edited([](json& d) {
              d["week_start"] = "Sun";
              d["week"] = "2026-11-02";
          }) == "/week: expected the Sunday that starts the planning week (week_start), as "
                "\"YYYY-MM-DD\", got \"2026-11-02\"");
    auto doc = bank12();
    doc["week_start"] = "Sun";
    const auto c = wfm::plan::decode_plan_config(doc);
    CHECK(c.week_start == 6);
    CHECK(c.shifts.week_start == 6);
    // The history ends on Sunday 2026-11-01: the plan starts on the first Sunday after it.
    const auto r = plan_of(doc);
    CHECK(wfm::format_date(r.report.week_start) == "2026-11-08");
    CHECK(wfm::weekday_index(r.report.week_start) == 6);
    const auto& first = r.report.channels[0].intervals.front();
    CHECK(wfm::format_timestamp(first.start) == "2026-11-08T00:00");
}

TEST_CASE("queues: closed intervals have zero forecast and requirement and are not open",
          "[plan][queues]") {
    const auto& r = bank12_plan();
    REQUIRE(r.report.channels.size() == 12);
    std::size_t closed = 0;
    for (std::size_t q = 0; q < r.report.channels.size(); ++q) {
        const auto& cp = r.report.channels[q];
        const auto& settings = r.channels[q];
        CAPTURE(cp.name);
        CHECK(cp.channel == settings.channel);
        CHECK(cp.intervals.size() == 7 * 96);
        for (const auto& x : cp.intervals) {
            const bool open = wfm::erlang::is_open(settings, x.start);
            CHECK(x.open == open);
            if (!open) {
                ++closed;
                CHECK(x.volume == 0.0);
                CHECK(x.required == 0.0);
                CHECK(x.scheduled == 0.0);
                CHECK_FALSE(x.service_level);
            }
        }
    }
    CHECK(closed > 7 * 96 * 6); // nights everywhere, weekends for the weekday-only queues
    for (const auto& row : r.staffing) {
        CHECK(wfm::erlang::is_open(r.channels[row.channel], row.start));
    }
}

TEST_CASE("queues: the requirement is at least min_agents while open", "[plan][queues]") {
    const auto& r = bank12_plan();
    std::map<std::string, std::size_t> at_minimum;
    for (std::size_t q = 0; q < r.report.channels.size(); ++q) {
        const auto& cp = r.report.channels[q];
        const int min_agents = r.channels[q].min_agents;
        for (const auto& x : cp.intervals) {
            if (x.open) {
                CHECK(x.required >= min_agents);
                CHECK(x.required_fractional >= min_agents);
                at_minimum[cp.name] += x.required == min_agents ? 1U : 0U;
            }
        }
    }
    // cards-fraud (80 calls a day, min_agents 2) is held up by its minimum in quiet intervals.
    CHECK(queue_named(r, "cards-fraud").min_agents == 2);
    CHECK(at_minimum["cards-fraud"] > 20);
}

TEST_CASE("queues: pools schedule their own queues and the report names them", "[plan][queues]") {
    const auto& r = bank12_plan();
    REQUIRE(r.pools.size() == 3);
    CHECK(r.pools[0].name == "retail");
    CHECK(r.report.schedules.at(1).pool == "cards");
    std::map<std::string, std::size_t> members;
    for (const auto& cp : r.report.channels) {
        ++members[cp.pool];
        CHECK(cp.name.starts_with(cp.pool + "-"));
    }
    CHECK(members ==
          std::map<std::string, std::size_t>{{"cards", 4}, {"retail", 4}, {"wealth", 4}});
    // A pool's coverage is shared by its queues: the sum over the queues is the coverage,
    // except where every queue of the pool is closed.
    for (std::size_t i = 0; i < 7 * 96; ++i) {
        double shared = 0.0;
        bool any_open = false;
        for (std::size_t q = 8; q < 12; ++q) {
            shared += r.report.channels[q].intervals[i].scheduled;
            any_open = any_open || r.report.channels[q].intervals[i].open;
        }
        const int coverage = r.pools[2].solution.coverage.at(i);
        CHECK(shared == Approx(any_open ? coverage : 0.0).margin(1e-9));
    }
}

TEST_CASE("queues: below the minimum volume no agent is needed unless min_agents asks",
          "[erlang][queues]") {
    wfm::erlang::channel_settings c;
    c.aht = wfm::erlang::seconds_d{300.0};
    c.goals.service_level = 0.8;
    c.shrinkage = 0.3;
    const wfm::erlang::seconds_d quarter{900.0};
    // 0.028 calls in 15 minutes (the Anonymous Bank's phantom nights) needs nobody.
    CHECK(wfm::erlang::below_min_volume(0.028, quarter));
    CHECK(wfm::erlang::staff_interval(c, 0.028, quarter).scheduled_agents == 0.0);
    CHECK(wfm::erlang::staff_interval(c, 0.049, quarter).scheduled_agents == 0.0);
    // At the minimum (0.2 an hour = 0.05 per 15 minutes) one agent is staffed, as before.
    CHECK(wfm::erlang::staff_interval(c, 0.05, quarter).staffed.agents == 1);
    // The minimum is a rate: 0.03 per 5 minutes is 0.36 an hour, above it.
    CHECK_FALSE(wfm::erlang::below_min_volume(0.03, wfm::erlang::seconds_d{300.0}));
    c.min_agents = 3;
    CHECK(wfm::erlang::staff_interval(c, 0.0, quarter).scheduled_agents == 3.0);
    CHECK(wfm::erlang::staff_interval(c, 0.028, quarter).scheduled_agents == 3.0);
    // Above the minimum the model decides when it asks for more: 100 calls need > 3.
    const auto busy = wfm::erlang::staff_interval(c, 100.0, quarter);
    CHECK(busy.scheduled_agents == Approx(static_cast<double>(busy.staffed.agents) / 0.7));
    CHECK(busy.scheduled_agents > 3.0);
}

#ifdef WFM_CLI_PATH
TEST_CASE("queues cli: the 12-queue example plans every queue and honours the hours",
          "[plan][queues][cli]") {
    const auto dir = wfm::test::fresh_dir("wfm_queues_cli");
    const auto r = wfm::test::run_wfm("plan -q --config " + (examples / "bank12.json").string() +
                                      " --out " + dir.string());
    REQUIRE(r.status == 0);
    const auto report = json::parse(wfm::io::read_file(dir / "report.json"));
    REQUIRE(report.at("channels").size() == 12);
    CHECK(report.at("schedules").size() == 3);
    const auto config = wfm::plan::decode_plan_config(bank12());
    std::map<std::string, const wfm::erlang::channel_settings*> queues;
    for (const auto& q : config.channels) {
        queues[q.name] = &q;
    }
    // report.json: closed intervals carry no volume and no requirement.
    for (const auto& c : report.at("channels")) {
        const auto& q = *queues.at(c.at("name").get<std::string>());
        for (const auto& x : c.at("intervals")) {
            if (!wfm::erlang::is_open(q, wfm::parse_timestamp(x.at("start").get<std::string>()))) {
                CHECK(x.at("volume").get<double>() == 0.0);
                CHECK(x.at("required").get<double>() == 0.0);
            }
        }
    }
    // requirements.csv: rows only while open, at least min_agents; none on a weekend for the
    // weekday-only wealth queues; every queue has rows.
    const auto req = wfm::io::parse_csv(wfm::io::read_file(dir / "requirements.csv"), "req");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < req.rows(); ++i) {
        const auto& q = *queues.at(std::string{req.field(i, req.column("channel"))});
        const auto t = wfm::parse_timestamp(req.field(i, req.column("interval_start")));
        CAPTURE(q.name, wfm::format_timestamp(t));
        CHECK(wfm::erlang::is_open(q, t));
        CHECK(req.non_negative(i, req.column("scheduled_agents")) >= q.min_agents);
        if (q.name.starts_with("wealth")) {
            CHECK(wfm::weekday_index(t) < 5);
        }
        seen.insert(q.name);
    }
    CHECK(seen.size() == 12);
    fs::remove_all(dir);
}

TEST_CASE("queues cli: a bad opening-hours key writes nothing and names the JSON path",
          "[plan][queues][cli]") {
    const auto dir = wfm::test::fresh_dir("wfm_queues_cli_bad");
    auto doc = bank12();
    doc["history"]["file"] = (examples / "bank12_history.csv").string();
    doc["queues"][3]["open"]["Sat"] = "9 to 5";
    wfm::io::write_file_atomic(dir / "bad.json", doc.dump(1));
    const auto r = wfm::test::run_wfm("plan --config " + (dir / "bad.json").string() + " --out " +
                                      (dir / "out").string());
    CHECK(r.status == 5);
    CHECK(r.err.find("bad.json: /queues/3/open/Sat: expected opening hours") != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK_FALSE(fs::exists(dir / "out"));
    fs::remove_all(dir);
}

TEST_CASE("queues cli: wfm staff takes queue blocks with hours and min_agents",
          "[plan][queues][cli]") {
    const auto dir = wfm::test::fresh_dir("wfm_queues_staff");
    const json settings = {{"queues",
                            {{{"name", "cards-voice"},
                              {"channel", "voice"},
                              {"aht_s", 240},
                              {"min_agents", 2},
                              {"open", {{"Mon-Fri", "08:00-20:00"}}},
                              {"targets", {{"service_level", 0.8}, {"sl_time_s", 20}}}}}}};
    wfm::io::write_file_atomic(dir / "queues.json", settings.dump());
    // Monday 07:30 (closed), 08:00 (0.02 calls: below the minimum), 08:30 (40 calls);
    // Saturday 10:00 (closed).
    wfm::io::write_file_atomic(dir / "fc.csv", "interval_start,volume\n2026-11-02T07:30,30\n"
                                               "2026-11-02T08:00,0.02\n2026-11-02T08:30,40\n"
                                               "2026-11-07T10:00,30\n");
    const auto r = wfm::test::run_wfm("staff --config " + (dir / "queues.json").string() +
                                      " --forecast cards-voice=" + (dir / "fc.csv").string());
    REQUIRE(r.status == 0);
    const auto csv = wfm::io::parse_csv(r.out, "out");
    REQUIRE(csv.rows() == 4);
    const auto agents = [&](std::size_t i) {
        return csv.non_negative(i, csv.column("scheduled_agents"));
    };
    CHECK(agents(0) == 0.0);
    CHECK(agents(1) == 2.0);
    CHECK(agents(2) > 2.0);
    CHECK(agents(3) == 0.0);
    CHECK(csv.field(2, csv.column("channel")) == "cards-voice");
    fs::remove_all(dir);
}
#endif
