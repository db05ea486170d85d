// The replay of a per-call log (wfm/plan/replay.hpp) on tiny logs whose outcome is known exactly.
#include <wfm/core/error.hpp>
#include <wfm/io/call_log.hpp>
#include <wfm/plan/replay.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace {

using namespace std::chrono_literals;

std::vector<wfm::call_record> replay_tiny_log() {
    return wfm::io::read_call_log(WFM_TEST_DATA_DIR "/sim/replay_tiny.csv",
                                  wfm::io::call_log_format::generic);
}

wfm::plan::replay_options replay_exact_options() {
    wfm::plan::replay_options o;
    o.agent_interval = 0s;
    o.patience = wfm::plan::replay_patience::kaplan_meier;
    o.replications = 20;
    return o;
}

} // namespace

TEST_CASE("replay: a deterministic log replays to its own service level", "[sim][replay]") {
    // Day 1: one agent (on duty 08:00:00-08:01:30), three 30 s calls 10 s apart: waits 0, 20
    // and 40 s, SL(20 s) = 2/3. Day 2: one 300 s call, a second caller hangs up after 30 s
    // (the only abandon: Kaplan-Meier puts all patience at 30 s), SL = 1/2. Every handle time
    // of a day is equal, so each replication repeats the log exactly.
    const auto days = wfm::plan::replay_log(replay_tiny_log(), replay_exact_options());
    REQUIRE(days.size() == 2);
    CHECK(days[0].date == wfm::parse_date("1999-02-01"));
    CHECK(days[0].offered == 3);
    CHECK(days[0].answered_within_t == 2);
    CHECK(days[0].actual_sl == Approx(2.0 / 3.0));
    CHECK(days[0].sim_sl.mean == Approx(2.0 / 3.0));
    CHECK(days[0].sim_sl.half_width == Approx(0.0).margin(1e-12));
    CHECK(days[0].sim_abandoned.mean == 0);
    CHECK(days[0].agent_hours == Approx(90.0 / 3600.0));
    CHECK(days[1].actual_sl == Approx(0.5));
    CHECK(days[1].sim_sl.mean == Approx(0.5));
    CHECK(days[1].sim_abandoned.mean == Approx(1.0));
    CHECK(days[1].sim_answered.mean == Approx(1.0));
    CHECK(days[1].agent_hours == Approx(300.0 / 3600.0));
    REQUIRE(days[1].patience_mle_s);
    CHECK(*days[1].patience_mle_s == Approx(30.0)); // 30 s waited / 1 abandon
    const auto mad = wfm::plan::mean_abs_sl_difference(days, days[0].date, days[1].date);
    REQUIRE(mad);
    CHECK(*mad == Approx(0.0).margin(1e-12));
    CHECK_FALSE(wfm::plan::mean_abs_sl_difference(days, wfm::parse_date("2000-01-01"),
                                                  wfm::parse_date("2000-01-31")));
}

TEST_CASE("replay: an agent's services merge into sessions across short idle gaps",
          "[sim][replay]") {
    std::vector<wfm::call_record> calls(3);
    const auto day = std::chrono::local_seconds{wfm::parse_date("1999-02-01")};
    for (auto& c : calls) {
        c.answered = true;
        c.agent = "ann";
        c.handle_s = 60;
    }
    calls[0].arrival = day + 3600s; // service 3600-3660
    calls[1].arrival = day + 3700s; // 3710-3770 after a 50 s gap
    calls[1].wait_s = 10;
    calls[2].arrival = day + 4000s; // 4000-4060 after a 230 s gap
    const auto short_gap = wfm::plan::agent_sessions(calls, day, 60s);
    REQUIRE(short_gap.size() == 2);
    CHECK(short_gap[0].begin_s == 3600);
    CHECK(short_gap[0].end_s == 3770);
    CHECK(short_gap[1].begin_s == 4000);
    const auto long_gap = wfm::plan::agent_sessions(calls, day, 300s);
    REQUIRE(long_gap.size() == 1);
    CHECK(long_gap[0].end_s == 4060);
}

TEST_CASE("replay: agents per interval are the sessions' time average, rounded", "[sim][replay]") {
    // 0-600 and 300-900 s: 1200 agent-seconds in the first 900 s interval (1.33 -> 1); 1200-1800
    // fills the second interval's last 600 s (0.67 -> 1); nobody after 1800 s.
    const std::vector<wfm::sim::time_window> sessions{{0, 600}, {300, 900}, {1200, 1800}};
    const auto pool = wfm::plan::replay_pool(sessions, 900s, 2700);
    REQUIRE(pool.changes.size() == 2);
    CHECK(pool.changes[0].at_s == 0);
    CHECK(pool.changes[0].delta == 1);
    CHECK(pool.changes[1].at_s == 1800);
    CHECK(pool.changes[1].delta == -1);
    const auto exact = wfm::plan::replay_pool(sessions, 0s, 2700);
    CHECK(exact.changes.size() == 6);
}

TEST_CASE("replay: Kaplan-Meier patience quantiles with a censored tail", "[sim][replay]") {
    // Abandons at 10 and 30 s, answered (censored) at 20 and 40 s: S(10) = 3/4, S(30) = 3/8.
    // Quantiles at (i + 0.5)/8: two below F = 1/4, three up to F = 5/8, three in the tail.
    std::vector<wfm::call_record> calls(4);
    const double waits[] = {10, 20, 30, 40};
    for (std::size_t i = 0; i < 4; ++i) {
        calls[i].wait_s = waits[i];
        calls[i].answered = i % 2 == 1;
    }
    const auto q = wfm::plan::patience_quantiles(calls, 8, 1e7);
    CHECK(q == std::vector<double>{10, 10, 30, 30, 30, 1e7, 1e7, 1e7});
}

TEST_CASE("replay: bad options are rejected by name", "[sim][replay]") {
    auto o = replay_exact_options();
    o.replications = 1;
    CHECK_THROWS_WITH(wfm::plan::replay_log(replay_tiny_log(), o),
                      "replay_log: replications must be >= 2, got 1");
    o = replay_exact_options();
    o.session_gap = -1s;
    CHECK_THROWS_AS(wfm::plan::replay_log(replay_tiny_log(), o), wfm::invalid_argument);
}
