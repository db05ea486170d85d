// Input validation, the channel JSON decoder, and the `wfm erlang` / `wfm staff` commands.
#include <wfm/erlang/channel.hpp>
#include <wfm/erlang/formulas.hpp>
#include <wfm/erlang/queue.hpp>

#include <wfm/core/error.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace {

using namespace wfm::erlang;
using namespace std::chrono_literals;
using json = nlohmann::json;

template <class F> std::string error_of(F f) {
    try {
        f();
    } catch (const wfm::error& e) {
        return e.what();
    }
    return "no error";
}

template <class F> std::string config_path_of(F f) {
    try {
        f();
    } catch (const wfm::config_error& e) {
        return e.json_path();
    }
    return "no config_error";
}

queue voice() {
    queue q;
    q.arrivals_per_s = 100.0 / 1800.0;
    q.aht = 180s;
    return q;
}

struct run_result {
    int status;
    std::string out;
};

#ifdef WFM_CLI_PATH
run_result run(const std::string& args) {
    const std::string command = std::string{WFM_CLI_PATH} + " " + args + " 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string out;
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
        out.append(buffer.data(), n);
    }
    const int status = pclose(pipe);
    return {WEXITSTATUS(status), out};
}
#endif

const std::string data = WFM_TEST_DATA_DIR "/erlang/";

} // namespace

TEST_CASE("erlang: invalid queues and targets throw invalid_argument naming the value",
          "[erlang]") {
    queue q = voice();
    q.arrivals_per_s = -5.0;
    CHECK(error_of([&] { (void)evaluate(q, 10, 20s); }) ==
          "erlang::queue: arrivals_per_s must be a finite number >= 0, got -5");
    q = voice();
    q.aht = 0s;
    CHECK(error_of([&] { (void)evaluate(q, 10, 20s); }) ==
          "erlang::queue: aht must be a finite number of seconds > 0, got 0");
    q = voice();
    q.kind = model::erlang_a;
    CHECK(error_of([&] { (void)evaluate(q, 10, 20s); }) ==
          "erlang::queue: the erlang_a model needs a patience");
    CHECK(error_of([&] { (void)evaluate(voice(), -1, 20s); }) ==
          "erlang::evaluate: agents must be a finite number > 0, got -1");
    targets t;
    t.service_level = 1.2;
    CHECK(error_of([&] { (void)staff(voice(), t); }) ==
          "erlang::targets: service_level must be in (0, 1), got 1.2");
    CHECK(error_of([&] {
              (void)staff(voice(), targets{});
          }).starts_with("erlang::targets: no target given"));
    CHECK(error_of([] { (void)erlang_b(-1.0, 2.0); }) ==
          "erlang::erlang_b: agents must be a finite number >= 0, got -1");
    CHECK(error_of([] { (void)effective_concurrency(0, 0.5); }) ==
          "erlang::effective_concurrency: sessions must be >= 1, got 0");
}

TEST_CASE("erlang: channel settings decode from JSON and errors name the JSON path", "[erlang]") {
    const json good = json::parse(R"({"channels": [
        {"name": "voice", "aht_s": 180, "patience_s": 120, "shrinkage": 0.3,
         "targets": {"service_level": 0.8, "sl_time_s": 20, "sl_definition": "answered"}},
        {"name": "text", "model": "c", "aht_s": 400, "concurrency": 3, "compose_ratio": 0.75,
         "targets": {"max_asa_s": 60}}]})");
    const auto channels = decode_channels(good);
    REQUIRE(channels.size() == 2);
    CHECK(channels[0].kind == model::erlang_a); // patience given → a
    CHECK(channels[0].goals.sl_kind == sl_definition::over_answered);
    CHECK(channels[1].kind == model::erlang_c);
    CHECK(channels[1].concurrency == 3);
    CHECK(channels[1].goals.max_asa->count() == 60.0);

    const auto path_of = [](const char* text) {
        return config_path_of([&] { (void)decode_channels(json::parse(text)); });
    };
    CHECK(path_of(R"({"channels": [{"name": "voice", "aht_s": "x", "targets": {}}]})") ==
          "/channels/0/aht_s");
    CHECK(path_of(R"({"channels": [{"name": "voice", "ahts": 1, "targets": {}}]})") ==
          "/channels/0/ahts");
    CHECK(path_of(R"({"channels": [{"name": "fax", "targets": {}}]})") == "/channels/0/channel");
    CHECK(path_of(R"({"channels": [{"name": "voice"}]})") == "/channels/0/targets");
    CHECK(path_of(R"({"channels": [{"name": "voice", "targets": {"service_level": 1.5}}]})") ==
          "/channels/0/targets/service_level");
    CHECK(path_of(R"({"channels": [{"name": "voice", "targets": {}}]})") ==
          "/channels/0/targets"); // no target at all: the block
    CHECK(path_of(R"({"channels": [{"name": "voice", "targets": {"max_asa_s": 9}},
                                   {"name": "text", "aht_s": -5, "targets": {"max_asa_s": 9}}]})") ==
          "/channels/1/aht_s");
    // fields whose JSON key carries a unit suffix, and a queue field checked via the channel
    CHECK(path_of(R"({"channels": [{"name": "voice", "targets": {"max_asa_s": -1}}]})") ==
          "/channels/0/targets/max_asa_s");
    CHECK(path_of(R"({"channels": [{"name": "voice", "model": "a", "patience_s": -3,
                                    "targets": {"max_asa_s": 9}}]})") == "/channels/0/patience_s");
    CHECK(path_of(R"({"channels": [{"name": "text", "concurrency": 3, "compose_ratio": -1,
                                    "targets": {"max_asa_s": 9}}]})") ==
          "/channels/0/compose_ratio");
    CHECK(path_of(R"({"channels": [{"name": "voice", "shrinkage": 1.5,
                                    "targets": {"max_asa_s": 9}}]})") == "/channels/0/shrinkage");
    CHECK(path_of(R"({"channels": [{"name": "voice", "model": "a",
                                    "targets": {"max_asa_s": 9}}]})") ==
          "/channels/0"); // a rule between fields (model a needs a patience): the block
    CHECK(path_of(R"({"channels": [{"name": "voice", "model": "q", "targets": {}}]})") ==
          "/channels/0/model");
    CHECK(path_of(R"({"channels": [{"name": "voice", "targets": {"max_asa_s": 9}},
                                   {"name": "voice", "targets": {"max_asa_s": 9}}]})") ==
          "/channels/1/name");
    CHECK(path_of(R"({"channels": [{"name": "text", "concurrency": 2, "aht_s": 300,
                                    "targets": {"max_asa_s": 9}}]})") ==
          "/channels/0/compose_ratio");
    CHECK(path_of(R"({"channel": []})") == "/channel");
    CHECK(error_of([] {
              (void)decode_channels(json::parse(
                  R"({"channels": [{"name": "voice", "targets": {"service_level": 1.5}}]})"));
          }) == "/channels/0/targets/service_level: expected a number in (0, 1), got 1.5");
}

TEST_CASE("erlang: channel decoding errors have one exact form", "[erlang][json]") {
    const auto message = [](const char* text) {
        return error_of([&] { (void)decode_channels(json::parse(text)); });
    };
    CHECK(message(R"({"channels": [{"targets": {"max_asa_s": 9}}]})") ==
          "/channels/0/name: expected a queue name of 1 to 40 characters from [A-Za-z0-9_.-], got "
          "nothing (required)");
    CHECK(message(R"({"channels": [{"name": "fax", "targets": {"max_asa_s": 9}}]})") ==
          "/channels/0/channel: expected \"voice\", \"text\" or \"video\" (required when the name "
          "is not one of them), got nothing (required)");
    CHECK(message(R"({"channels": [{"name": "voice", "colour": 1, "targets": {}}]})") ==
          "/channels/0/colour: expected one of the keys name, channel, model, aht_s, patience_s, "
          "lines, concurrency, compose_ratio, targets, shrinkage, self_service_rate, open, "
          "min_agents, history, got an unknown key");
    CHECK(message(R"({"channels": [{"name": "voice", "model": "q", "targets": {}}]})") ==
          "/channels/0/model: expected \"b\", \"c\", \"a\", \"erlang_b\", \"erlang_c\" or "
          "\"erlang_a\", got \"q\"");
    CHECK(message(R"({"channels": [{"name": "voice", "shrinkage": 1, "targets": {}}]})") ==
          "/channels/0/shrinkage: expected a number in [0, 1), got 1");
    CHECK(message(R"({"channels": [{"name": "voice", "lines": 0, "targets": {}}]})") ==
          "/channels/0/lines: expected an integer >= 1, got 0");
    CHECK(message(R"({"channels": [{"name": "voice", "concurrency": 1001, "targets": {}}]})") ==
          "/channels/0/concurrency: expected an integer in 1..1000, got 1001");
    CHECK(message(R"({"channels": [{"name": "voice"}]})") ==
          "/channels/0/targets: expected an object of targets, got nothing (required)");
    CHECK(message(R"({"channels": [{"name": "voice", "targets": {"sl_definition": 3}}]})") ==
          "/channels/0/targets/sl_definition: expected \"offered\", \"answered\" or "
          "\"virtual\", got 3");
    CHECK(message(R"({"channels": [{"name": "voice", "targets": {"max_occupancy": 0}}]})") ==
          "/channels/0/targets/max_occupancy: expected a number in (0, 1], got 0");
    CHECK(message(R"({"channels": []})") ==
          "/channels: expected a non-empty array of queue blocks, got an empty array");
    CHECK(message(R"({"channels": [[[[1]]]]})") ==
          "/channels/0: expected an object, got an array of 1 value");
    CHECK(message(R"({"channels": [{"name": "voice", "targets": {"max_asa_s": 9}},
                                   {"name": "voice", "targets": {"max_asa_s": 9}}]})") ==
          "/channels/1/name: expected a queue not named before, got \"voice\" again");
    CHECK(message(R"({"a/b~": 1})") ==
          "/a~1b~0: expected one of the keys queues, channels, got an unknown key");
}

TEST_CASE("erlang: a channel's interval requirement applies self-service and shrinkage",
          "[erlang]") {
    channel_settings c;
    c.aht = 180s;
    c.goals.service_level = 0.8;
    c.shrinkage = 0.3;
    c.self_service_rate = 0.5;
    const requirement r = staff_interval(c, 200.0, 1800s);
    CHECK(r.agent_volume == Approx(100.0));
    CHECK(r.staffed.agents == 14); // EC_cch_req
    CHECK(r.scheduled_agents == Approx(20.0));
    CHECK(staff_interval(c, 0.0, 1800s).staffed.agents == 0);
    CHECK(staff_interval(c, 200.0, 1800s, seconds_d{90.0}).staffed.agents < 14);
    c.aht.reset();
    CHECK(error_of([&] { (void)staff_interval(c, 200.0, 1800s); }) ==
          "channel voice: no AHT (neither aht_s in the forecast row nor in the channel)");
}

#ifdef WFM_CLI_PATH
TEST_CASE("erlang: wfm erlang prints the metrics under their reference names", "[erlang]") {
    const auto c =
        run("erlang --calls 100 --interval-s 1800 --aht-s 180 --agents 14 --format json");
    REQUIRE(c.status == 0);
    const auto jc = nlohmann::ordered_json::parse(c.out); // keeps the printed order
    std::vector<std::string> keys;
    for (const auto& [key, value] : jc.items()) {
        keys.push_back(key);
    }
    CHECK(keys == std::vector<std::string>{"model", "calls", "interval_s", "offered_load_erl",
                                           "agents", "stable", "p_wait", "sl", "asa_s",
                                           "avg_queue_len", "occupancy", "erlang_b"});
    CHECK(jc["p_wait"].get<double>() == Approx(0.17413193359504984).epsilon(1e-12));

    const auto a = run("erlang --calls 48 --interval-s 60 --aht-s 60 --patience-s 120 "
                       "--agents 50 --format json");
    REQUIRE(a.status == 0);
    const json ja = json::parse(a.out);
    for (const char* name :
         {"p_wait", "p_abandon", "p_virtual_wait_gt_t", "p_wait_gt_t", "p_served_and_wait_gt_t",
          "sl_answered_within_t_over_offered", "sl_answered_within_t_over_answered", "sl_virtual",
          "asa_all_s", "asa_served_s", "mean_virtual_wait_s", "avg_queue_len", "occupancy"}) {
        CHECK(ja.contains(name));
    }
    CHECK(ja["p_abandon"].get<double>() == Approx(0.030912249162193218).epsilon(1e-12));

    const auto s = run("erlang --calls 100 --interval-s 1800 --aht-s 180 --target-sl 0.8 "
                       "--shrinkage 0.3 --format json");
    REQUIRE(s.status == 0);
    const json js = json::parse(s.out);
    CHECK(js["agents"] == 14);
    CHECK(js["scheduled_agents"].get<double>() == Approx(20.0));
    CHECK(js["agents_fractional"].get<double>() > 13.0);

    const auto inverse = run("erlang --calls 100 --interval-s 1800 --aht-s 180 --agents 14 "
                             "--target-sl 0.8 --format json");
    REQUIRE(inverse.status == 0);
    const json ji = json::parse(inverse.out);
    CHECK(ji["meets_targets"] == true);
    CHECK(ji["max_calls"].get<double>() > 100.0);

    const auto bad = run("erlang --calls 100 --aht-s 180 --target-sl 1.5");
    CHECK(bad.status == 2);
    CHECK(bad.out == "wfm: error: --target-sl: expected a finite number in (0, 1), got '1.5'\n");
    CHECK(run("erlang --calls 100 --aht-s 180").status == 2);
}

TEST_CASE("erlang: wfm staff writes one requirement row per open interval and channel",
          "[erlang]") {
    const auto r = run("staff --forecast " + data +
                       "forecast_voice.csv --aht-s 180 --target-sl 0.8 "
                       "--shrinkage 0.3");
    REQUIRE(r.status == 0);
    CHECK(r.out.starts_with("interval_start,channel,volume,aht_s,agents,agents_fractional,"
                            "scheduled_agents,sl,asa_s,p_abandon,occupancy\n"
                            "2026-01-05T08:00,voice,100,180,14,13.0372,20.0000,0.888350,7.836,"
                            "0.000000,0.714286\n"
                            "2026-01-05T08:30,voice,0,180,0,0.0000,0.0000,,,,\n"
                            "2026-01-05T09:00,voice,250,180,30,"));
    CHECK(r.out.find("T09:30") == std::string::npos); // closed: no row

    const auto multi = run("staff --config " + data + "channels.json --forecast voice=" + data +
                           "forecast_voice.csv --forecast text=" + data + "forecast_voice.csv");
    REQUIRE(multi.status == 0);
    CHECK(multi.out.find("2026-01-05T08:00,voice,90,180,") != std::string::npos);
    CHECK(multi.out.find("2026-01-05T08:00,text,100,180,") != std::string::npos);

    const auto bad =
        run("staff --forecast " + data + "bad_forecast.csv --aht-s 180 --target-sl 0.8");
    CHECK(bad.status == 3);
    CHECK(bad.out.find("bad_forecast.csv:3:") != std::string::npos);

    const auto config = run("staff --config " + data + "bad_channels.json --forecast " + data +
                            "forecast_voice.csv");
    CHECK(config.status == 5);
    CHECK(
        config.out ==
        "wfm: error: " + data +
            "bad_channels.json: /channels/0/aht_s: expected a number in (0, 86400], got \"180\"\n");
}
#endif
