// sim::simulate's periods (days, a week), per-interval handle-time factors, per-queue SL
// thresholds and the answer and abandonment rates.
#include <wfm/core/error.hpp>
#include <wfm/sim/day_sim.hpp>

#include <catch2/catch.hpp>

#include <numeric>

namespace {

// Ten 15-minute intervals; arrivals at `rate` per second in the first `busy` intervals; one
// queue served by `agents` agents all along, patience `patience_s` (0 = none).
wfm::sim::sim_model dp_model(double rate, int busy, int agents, double patience_s) {
    wfm::sim::sim_model m;
    m.interval_s = 900;
    m.intervals = 10;
    wfm::sim::sim_queue q;
    q.arrivals_per_s.assign(10, 0.0);
    std::fill_n(q.arrivals_per_s.begin(), busy, rate);
    q.handle = wfm::sim::duration_dist::exponential(60);
    if (patience_s > 0) {
        q.patience = wfm::sim::duration_dist::exponential(patience_s);
    }
    m.queues.push_back(q);
    m.pools.push_back(wfm::sim::pool_from_coverage(std::vector<int>(10, agents), 900));
    return m;
}

} // namespace

TEST_CASE("day sim: a period adds its intervals' counts and keeps the ratios proper", "[sim]") {
    const auto m = dp_model(0.1, 6, 5, 90);
    wfm::sim::sim_options o{.replications = 30, .seed = 5};
    o.periods = {{0, 4}, {4, 10}, {0, 10}};
    const auto r = wfm::sim::simulate(m, o);
    REQUIRE(r.periods.size() == 1);
    REQUIRE(r.periods[0].size() == 3);
    const auto& xs = r.queues[0];
    double offered = 0, within = 0, answered = 0, abandoned = 0, busy = 0;
    for (const auto& x : xs) {
        offered += x.offered.mean;
        within += x.answered_within_t.mean;
        answered += x.answered.mean;
        abandoned += x.abandoned.mean;
        busy += x.busy_agents.mean;
    }
    const auto& week = r.periods[0][2];
    CHECK(week.offered.mean == Approx(offered).epsilon(1e-12));
    CHECK(week.answered_within_t.mean == Approx(within).epsilon(1e-12));
    CHECK(week.sl.mean == Approx(within / offered).epsilon(1e-12));
    CHECK(week.answer_rate.mean == Approx(answered / offered).epsilon(1e-12));
    CHECK(week.abandon_rate.mean == Approx(abandoned / offered).epsilon(1e-12));
    CHECK(week.answer_rate.mean + week.abandon_rate.mean == Approx(1.0).epsilon(1e-12));
    CHECK(week.busy_agents.mean == Approx(busy / 10).epsilon(1e-12));
    CHECK(week.waiting_at_end.mean == xs.back().waiting_at_end.mean);
    CHECK(r.periods[0][0].offered.mean + r.periods[0][1].offered.mean ==
          Approx(offered).epsilon(1e-12));
    CHECK(week.offered.half_width > 0.0);
    CHECK(week.sl.half_width > 0.0);
    o.periods = {{3, 3}};
    CHECK_THROWS_WITH(wfm::sim::simulate(m, o), "simulate: periods[0] must be a range of "
                                                "intervals in 0..10, got [3, 3)");
}

TEST_CASE("day sim: a handle-time factor scales each contact's own draw", "[sim]") {
    // Plenty of agents: nobody waits, and every service ends inside the horizon.
    auto m = dp_model(0.05, 1, 200, 0);
    const wfm::sim::sim_options o{.replications = 10, .seed = 9, .periods = {{0, 10}}};
    const auto base = wfm::sim::simulate(m, o);
    m.queues[0].handle_factor.assign(10, 2.0);
    const auto doubled = wfm::sim::simulate(m, o);
    CHECK(doubled.periods[0][0].answered.mean == base.periods[0][0].answered.mean);
    CHECK(doubled.periods[0][0].busy_agents.mean ==
          Approx(2 * base.periods[0][0].busy_agents.mean).epsilon(1e-9));
    CHECK(base.periods[0][0].asa_s.mean == 0.0);
    m.queues[0].handle_factor.assign(9, 2.0);
    CHECK_THROWS_WITH(wfm::sim::simulate(m, o),
                      "simulate: queues[0].handle_factor needs one finite factor > 0 per interval "
                      "(9 for 10 intervals)");
    m.queues[0].handle_factor.assign(10, 0.0);
    CHECK_THROWS(wfm::sim::simulate(m, o));
}

TEST_CASE("day sim: a queue's own SL threshold replaces the model's", "[sim]") {
    auto m = dp_model(0.1, 6, 5, 0);
    m.sl_time_s = 1e6; // everyone answered counts
    const wfm::sim::sim_options o{.replications = 10, .seed = 2, .periods = {{0, 10}}};
    const auto loose = wfm::sim::simulate(m, o).periods[0][0];
    CHECK(loose.sl.mean == Approx(1.0));
    m.queues[0].sl_time_s = 0.0; // only those served at once
    const auto strict = wfm::sim::simulate(m, o).periods[0][0];
    CHECK(strict.sl.mean < 0.9);
    CHECK(strict.sl.mean > 0.0);
    CHECK(strict.offered.mean == loose.offered.mean);
}
