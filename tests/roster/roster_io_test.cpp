#include <wfm/core/error.hpp>
#include <wfm/io/roster_csv.hpp>
#include <wfm/roster/agents.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

namespace {

std::string agents_error(const std::string& text) {
    try {
        (void)wfm::io::parse_agents_csv(text, "agents.csv");
    } catch (const wfm::io::parse_error& e) {
        return e.what();
    }
    return "no error";
}

std::string rules_error(const std::string& json) {
    try {
        (void)wfm::roster::rules_from_json(nlohmann::json::parse(json));
    } catch (const wfm::config_error& e) {
        return e.what();
    }
    return "no error";
}

} // namespace

TEST_CASE("roster_csv: agents.csv needs only agent and skills; the rest has defaults", "[roster]") {
    const auto agents =
        wfm::io::parse_agents_csv("agent,skills,part_time,available,preferred_days_off\n"
                                  "a1,sales;service,,,\n"
                                  "a2,sales,true,Mon-Fri 08:00-18:00;Sat 09:00-13:00,Sat;Sun\n",
                                  "agents.csv");
    REQUIRE(agents.size() == 2);
    CHECK(agents[0].skills == std::vector<std::string>{"sales", "service"});
    CHECK(agents[0].max_hours_week == 40);
    CHECK(agents[0].max_days_week == 5);
    CHECK(agents[0].contract == "full");
    CHECK(agents[1].part_time);
    CHECK(agents[1].max_hours_week == 24);
    REQUIRE(agents[1].available.size() == 6);
    CHECK(agents[1].available[5].weekday == 5);
    CHECK(agents[1].available[5].from == 9 * 60);
    CHECK(agents[1].available[5].to == 13 * 60);
    CHECK(agents[1].preferred_days_off[5]);
    CHECK(agents[1].preferred_days_off[6]);
    CHECK_FALSE(agents[1].preferred_days_off[0]);
}

TEST_CASE("roster_csv: a bad agents row is an error at its line and column", "[roster]") {
    CHECK(agents_error("agent,skills\na1,sales\na1,service\n") ==
          "agents.csv:3:1: field 'agent': agent 'a1' is listed twice");
    CHECK(agents_error("agent,skills\n../x,sales\n")
              .rfind("agents.csv:2:1: field 'agent': expected an id", 0) == 0);
    CHECK(agents_error("agent,skills\na1,\n") ==
          "agents.csv:2:4: field 'skills': expected at least one skill (queues separated by ';')");
    CHECK(agents_error("agent,skills,available\na1,s,Mon-Fry 08:00-18:00\n") ==
          "agents.csv:2:6: field 'available': expected a weekday Mon..Sun, got 'Fry' in 'Mon-Fry "
          "08:00-18:00'");
    CHECK(agents_error("agent,skills,preferred_start\na1,s,8am\n") ==
          "agents.csv:2:6: field 'preferred_start': expected a time HH:MM, got '8am'");
    CHECK(agents_error("agent,skills,min_hours_week,max_hours_week\na1,s,30,20\n") ==
          "agents.csv:2:6: field 'min_hours_week': min_hours_week 30 is above max_hours_week 20");
    CHECK(agents_error("agent,skills,shoe_size\na1,s,42\n") ==
          "agents.csv:1:14: field 'shoe_size': unknown column 'shoe_size'");
}

TEST_CASE("roster_csv: leave rows name known agents, dates and times", "[roster]") {
    const auto agents = wfm::io::parse_agents_csv("agent,skills\na1,s\n", "agents.csv");
    const auto leave = wfm::io::parse_leave_csv(
        "agent,date,from,to\na1,2026-01-05,,\na1,2026-01-06,08:00,12:00\n", "leave.csv", agents);
    REQUIRE(leave.size() == 2);
    CHECK(leave[0].from == 0);
    CHECK(leave[0].to == 1440);
    CHECK(leave[1].from == 480);
    CHECK(leave[1].to == 720);
    const auto error = [&](const std::string& text) {
        try {
            (void)wfm::io::parse_leave_csv(text, "leave.csv", agents);
        } catch (const wfm::io::parse_error& e) {
            return std::string{e.what()};
        }
        return std::string{"no error"};
    };
    CHECK(error("agent,date\nb9,2026-01-05\n") ==
          "leave.csv:2:1: field 'agent': unknown agent 'b9' (not in the agents file)");
    CHECK(error("agent,date\na1,2026-02-30\n") ==
          "leave.csv:2:4: field 'date': expected a date YYYY-MM-DD, got '2026-02-30'");
    CHECK(error("agent,date,from,to\na1,2026-01-05,12:00,08:00\n") ==
          "leave.csv:2:21: field 'to': leave ends at 480 minutes, not after its start at 720");
}

TEST_CASE("roster: the rules decode with defaults and name the JSON path of a bad value",
          "[roster]") {
    const auto r = wfm::roster::rules_from_json(nlohmann::json::parse(
        R"({"roster": {"min_weekends_off": {"count": 2, "per_weeks": 4},
                       "fairness": {"weekends": 3, "late_from": "22:00"},
                       "start_stability_minutes": 60}})"));
    CHECK(r.min_rest_hours == 11);
    CHECK(r.max_consecutive_days == 6);
    CHECK(r.min_weekends_off == 2);
    CHECK(r.weekend_weight == 3);
    CHECK(r.late_from == 22 * 60);
    CHECK(r.start_stability_minutes == 60);
    CHECK(rules_error(R"({"roster": {"min_rest_hour": 11}})") ==
          "/roster/min_rest_hour: expected one of the keys min_rest_hours, max_consecutive_days, "
          "min_weekends_off, fairness, start_stability_minutes, stability_weight, "
          "min_hours_weight, got an unknown key");
    CHECK(rules_error(R"({"roster": {"max_consecutive_days": 0}})") ==
          "/roster/max_consecutive_days: expected an integer in 1..42, got 0");
    CHECK(rules_error(R"({"roster": {"min_weekends_off": {"count": 5, "per_weeks": 4}}})") ==
          "/roster/min_weekends_off/count: expected an integer in 0..4, got 5");
    CHECK(rules_error(R"({"roster": {"fairness": {"late_from": "late"}}})") ==
          "/roster/fairness/late_from: expected a time of day \"HH:MM\", got \"late\"");
}

TEST_CASE("roster_csv: requirements over several weeks, one queue per channel", "[roster]") {
    wfm::io::horizon_read_options o;
    const auto h = wfm::io::parse_horizon_requirements(
        "interval_start,channel,required\n2026-01-07T09:00,a,2\n2026-01-14T09:30,b,1.5\n",
        "req.csv", o);
    CHECK(h.first_day == wfm::local_date{std::chrono::year{2026} / 1 / 5});
    CHECK(h.weeks == 2);
    CHECK(h.interval_minutes == 30);
    REQUIRE(h.queues.size() == 2);
    CHECK(h.queues[0].required[2 * 48 + 18] == 2);
    CHECK(h.queues[1].required[9 * 48 + 19] == 1.5);
    try {
        (void)wfm::io::parse_horizon_requirements(
            "interval_start,required\n2026-01-07T09:00,2\n2026-01-07T09:00,1\n", "req.csv", o);
        FAIL("no error");
    } catch (const wfm::io::parse_error& e) {
        CHECK(std::string{e.what()} == "req.csv:3:1: field 'interval_start': duplicate interval");
    }
}
