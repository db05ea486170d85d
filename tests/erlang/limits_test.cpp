// The ranges of the engine's inputs (limits.hpp): out-of-range lines, concurrency, arrival rates
// and agents are rejected by validation, naming the field, before any allocation that depends on
// them; huge loads within the ranges answer infeasible at once; the maths holds at the edges.
#include <wfm/erlang.hpp>
#include <wfm/erlang/channel.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#ifdef WFM_CLI_PATH
#include "cli.hpp"
#endif

namespace {

using namespace wfm::erlang;

queue voice(model kind, double arrivals_per_s) {
    queue q;
    q.arrivals_per_s = arrivals_per_s;
    q.aht = seconds_d{180};
    q.kind = kind;
    if (kind == model::erlang_a) {
        q.patience = seconds_d{300};
    }
    return q;
}

targets blocking(double max) {
    targets t;
    t.max_blocking = max;
    return t;
}

targets sl80() {
    targets t;
    t.service_level = 0.8;
    t.sl_time = seconds_d{20};
    return t;
}

// The field an invalid_argument names, and its message.
template <class F> std::pair<std::string, std::string> rejection(F f) {
    try {
        f();
    } catch (const wfm::invalid_argument& e) {
        return {e.field(), e.what()};
    }
    return {"(nothing thrown)", ""};
}

bool probability(double p) {
    return std::isfinite(p) && p >= 0.0 && p <= 1.0;
}

} // namespace

TEST_CASE("erlang limits: lines beyond 100,000 are rejected before the chain is allocated",
          "[erlang]") {
    for (const long lines : {100'000'001L, 1'000'000'000L, std::numeric_limits<long>::max()}) {
        queue q = voice(model::erlang_a, 100.0 / 1800);
        q.lines = lines;
        const auto [field, text] = rejection([&] { (void)staff(q, blocking(0.01)); });
        CHECK(field == "lines");
        CHECK(text == "erlang::queue: lines must be a whole number <= 100000, got " +
                          std::to_string(lines));
        CHECK(rejection([&] { (void)evaluate(q, 10, seconds_d{20}); }).first == "lines");
    }
    queue q = voice(model::erlang_a, 100.0 / 1800);
    q.lines = limits::lines;
    CHECK_NOTHROW(validate(q));
}

TEST_CASE("erlang limits: a channel with too many lines names its JSON key", "[erlang]") {
    const auto config = nlohmann::json::parse(
        R"({"channels": [{"name": "voice", "aht_s": 180, "patience_s": 300,
            "lines": 1000000000, "targets": {"service_level": 0.8}}]})");
    try {
        (void)decode_channels(config);
        FAIL("no error");
    } catch (const wfm::config_error& e) {
        CHECK(e.json_path() == "/channels/0/lines");
    }
    channel_settings c;
    c.aht = seconds_d{180};
    c.kind = model::erlang_a;
    c.patience = seconds_d{300};
    c.lines = 100'000'000;
    c.goals = sl80();
    CHECK(rejection([&] { validate(c); }).first == "lines");
}

TEST_CASE("erlang limits: concurrency beyond 1000 is rejected, naming the field", "[erlang]") {
    queue q = voice(model::erlang_c, 1.0);
    q.concurrency = 2'000'000'000;
    q.compose_ratio = 0.75;
    const auto [field, text] = rejection([&] { (void)staff(q, sl80()); });
    CHECK(field == "concurrency");
    CHECK(text == "erlang::queue: concurrency must be a whole number <= 1000, got 2000000000");
    CHECK_THROWS_WITH(effective_concurrency(1001, 0.75),
                      "erlang::effective_concurrency: sessions must be <= 1000, got 1001");
    q.concurrency = limits::concurrency;
    CHECK(std::isfinite(session_handle_time(q).count()));
    CHECK(effective_concurrency(limits::concurrency, 0.75) < 1000.0);
}

TEST_CASE("erlang limits: arrival rates beyond 1e6 per second are rejected", "[erlang]") {
    // `wfm erlang --calls 1e15` over 30 minutes, with and without 1000 sessions an agent
    for (const int sessions : {1, 1000}) {
        queue q = voice(model::erlang_b, 1e15 / 1800);
        q.concurrency = sessions;
        q.compose_ratio = 0.75;
        const auto [field, text] = rejection([&] { (void)staff(q, blocking(0.01)); });
        CHECK(field == "arrivals_per_s");
        CHECK(text == "erlang::queue: arrivals_per_s must be at most 1000000 per second, got "
                      "555555555555.5555");
    }
    CHECK_NOTHROW(validate(voice(model::erlang_b, limits::arrivals_per_s)));
}

TEST_CASE("erlang limits: loads beyond a million agents are infeasible at once", "[erlang]") {
    // 1e6 contacts a second of 180 s: 1.8e8 erlangs, far beyond limits::agents
    for (const model kind : {model::erlang_b, model::erlang_c, model::erlang_a}) {
        for (const int sessions : {1, 1000}) {
            queue q = voice(kind, limits::arrivals_per_s);
            q.concurrency = sessions;
            q.compose_ratio = 0.75;
            const staffing s = staff(q, kind == model::erlang_b ? blocking(0.01) : sl80());
            INFO(model_name(kind) << " with " << sessions << " sessions");
            CHECK(s.status == staffing_status::infeasible);
        }
    }
    CHECK_THROWS_WITH(evaluate(voice(model::erlang_c, 1.0), 2e6, seconds_d{20}),
                      "erlang::evaluate: agents must be at most 1000000, got 2000000");
    CHECK_THROWS_WITH(max_arrivals_per_s(voice(model::erlang_c, 1.0), 1e7, sl80()),
                      "erlang::max_arrivals_per_s: agents must be at most 1000000, got 10000000");
}

TEST_CASE("erlang limits: staffing near a million agents is exact and monotone", "[erlang]") {
    // 990,000 erlangs: Erlang C needs a little above the load (square-root staffing: A + β√A with
    // β ≈ 0.6 at 80/20, i.e. ≈ 600 agents of safety margin — well inside a few thousand)
    const double arrivals = 990'000.0 / 180.0;
    const staffing c = staff(voice(model::erlang_c, arrivals), sl80());
    REQUIRE(c.status == staffing_status::ok);
    CHECK(c.agents > 990'000);
    CHECK(c.agents < 992'000);
    CHECK(c.agents_fractional > static_cast<double>(c.agents) - 1.0);
    // Erlang B at 1 % blocking needs fewer agents than the load, found by bisection
    const staffing b = staff(voice(model::erlang_b, arrivals), blocking(0.01));
    REQUIRE(b.status == staffing_status::ok);
    CHECK(b.agents < 990'000);
    CHECK(b.at.p_block <= 0.01);
    CHECK(
        evaluate(voice(model::erlang_b, arrivals), static_cast<double>(b.agents - 1), seconds_d{20})
            .p_block > 0.01);
    const staffing a = staff(voice(model::erlang_a, arrivals), sl80());
    REQUIRE(a.status == staffing_status::ok);
    CHECK(a.agents < c.agents); // abandonment helps
    for (const model kind : {model::erlang_b, model::erlang_c, model::erlang_a}) {
        const queue q = voice(kind, arrivals);
        double previous_wait = 2.0;
        for (double agents = 990'001.0; agents <= 1e6; agents += 1999.8) {
            const metrics m = evaluate(q, agents, seconds_d{20});
            INFO(model_name(kind) << " at " << agents << " agents");
            for (const double p : {m.erlang_b, m.p_block, m.p_wait, m.p_abandon, m.occupancy,
                                   m.sl_answered_within_t_over_offered, m.sl_virtual}) {
                CHECK(probability(p));
            }
            CHECK(std::isfinite(m.asa_served_s));
            CHECK(m.erlang_b < previous_wait); // falls with agents
            previous_wait = m.erlang_b;
        }
    }
}

TEST_CASE("erlang limits: the largest lines and concurrency keep valid metrics", "[erlang]") {
    queue q = voice(model::erlang_a, 50.0);
    q.lines = limits::lines;
    const staffing s = staff(q, sl80());
    REQUIRE(s.status == staffing_status::ok);
    CHECK(s.agents > 8'000); // 9,000 erlangs
    CHECK(s.agents < 9'500);
    CHECK(probability(s.at.p_block));
    CHECK(s.at.sl_answered_within_t_over_offered >= 0.8);
    q.arrivals_per_s = limits::arrivals_per_s; // overload: every line busy
    const metrics m = evaluate(q, 1000, seconds_d{20});
    CHECK(m.p_block > 0.99);
    CHECK(probability(m.p_abandon));

    queue text = voice(model::erlang_c, 5.0);
    text.concurrency = limits::concurrency;
    text.compose_ratio = 0.75;
    const staffing chat = staff(text, sl80());
    REQUIRE(chat.status == staffing_status::ok);
    const metrics at = evaluate(text, static_cast<double>(chat.agents), seconds_d{20});
    CHECK(at.servers == static_cast<double>(chat.agents) * 1000.0);
    CHECK(probability(at.p_wait));
    CHECK(at.sl_virtual >= 0.8);
}

#ifdef WFM_CLI_PATH
TEST_CASE("wfm erlang: extreme parameters give a named error or infeasible at once", "[erlang]") {
    const auto lines = wfm::test::run_wfm(
        "erlang --calls 100 --aht-s 180 --model a --patience-s 300 --lines 1000000000 --agents 10");
    CHECK(lines.status == 2);
    CHECK(lines.err.find("--lines: expected a whole number in 1..100000") != std::string::npos);
    const auto calls = wfm::test::run_wfm("erlang --calls 1e15 --aht-s 180 --model b "
                                          "--max-blocking 0.01 --concurrency 1000 "
                                          "--compose-ratio 0.75");
    CHECK(calls.status == 2);
    CHECK(calls.err.find("arrivals_per_s must be at most 1000000") != std::string::npos);
    const auto sessions =
        wfm::test::run_wfm("erlang --calls 100 --aht-s 180 --concurrency 2000000000 "
                           "--compose-ratio 0.75 --target-sl 0.8");
    CHECK(sessions.status == 2);
    CHECK(sessions.err.find("--concurrency: expected a whole number in 1..1000") !=
          std::string::npos);
    const auto huge =
        wfm::test::run_wfm("erlang --calls 1e9 --interval-s 1800 --aht-s 180 --model b "
                           "--max-blocking 0.01");
    CHECK(huge.status == 6); // infeasible
}
#endif
