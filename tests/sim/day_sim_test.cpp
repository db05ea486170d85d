#include "sim_reference.hpp"

#include <wfm/core/error.hpp>
#include <wfm/sim/day_sim.hpp>

#include <catch2/catch.hpp>

#include <cmath>

namespace {

using wfm::sim::duration_dist;

// The five cases of tests/data/sim/transient_vectors.csv (exact forward-equation values):
// every figure of every interval inside the simulation's 99 % confidence interval.
// 30 intervals × 5 figures are 150 checks: at 99 % about 1.5 would miss by chance, so the
// check is the 99 % interval widened to Bonferroni's 1 − 0.01/150 (every value inside), and
// at most 4 of the 150 outside the plain 99 % interval (P(more than 4 | Binomial(150, 0.01))
// ≈ 0.02).
TEST_CASE("day_sim: a time-varying queue matches the exact transient reference", "[sim]") {
    const auto cases =
        wfm::test::read_transient_cases(WFM_TEST_DATA_DIR "/sim/transient_vectors.csv");
    REQUIRE(cases.size() == 5);
    int checks = 0;
    int outside_99 = 0;
    for (const auto& c : cases) {
        const auto model = wfm::test::transient_model(c);
        wfm::sim::sim_options wide{.replications = 400, .seed = 1, .confidence = 1 - 0.01 / 150};
        const auto r = wfm::sim::simulate(model, wide);
        auto plain = wide;
        plain.confidence = 0.99;
        const auto p = wfm::sim::simulate(model, plain);
        for (std::size_t i = 0; i < c.rows.size(); ++i) {
            const auto& e = c.rows[i];
            const auto& f = r.queues[0][i];
            const auto& g = p.queues[0][i];
            const std::pair<double, std::pair<wfm::sim::estimate, wfm::sim::estimate>> pairs[] = {
                {e.starts, {f.starts, g.starts}},
                {e.abandonments, {f.abandonments, g.abandonments}},
                {e.busy, {f.busy_agents, g.busy_agents}},
                {e.p_wait, {f.p_wait, g.p_wait}},
                {e.waiting_at_end, {f.waiting_at_end, g.waiting_at_end}}};
            for (const auto& [want, got] : pairs) {
                CAPTURE(c.name, i, want, got.first.mean, got.first.half_width);
                CHECK(std::abs(got.first.mean - want) <= got.first.half_width);
                ++checks;
                outside_99 += std::abs(got.second.mean - want) > got.second.half_width ? 1 : 0;
            }
            // Cohort offered is the Poisson mean λ × length.
            CHECK(std::abs(f.offered.mean - e.arrivals) <= f.offered.half_width);
        }
    }
    CHECK(checks == 150);
    CHECK(outside_99 <= 4);
}

TEST_CASE("day_sim: replications are deterministic and conserve contacts", "[sim]") {
    const auto cases =
        wfm::test::read_transient_cases(WFM_TEST_DATA_DIR "/sim/transient_vectors.csv");
    const auto model = wfm::test::transient_model(cases.at(3)); // overload
    const wfm::sim::sim_options o{.replications = 20, .seed = 5};
    const auto a = wfm::sim::simulate(model, o);
    const auto b = wfm::sim::simulate(model, o);
    double arrivals = 0.0;
    double starts = 0.0;
    double abandonments = 0.0;
    for (std::size_t i = 0; i < a.queues[0].size(); ++i) {
        const auto& f = a.queues[0][i];
        CHECK(f.sl.mean == b.queues[0][i].sl.mean);
        CHECK(f.busy_agents.mean == b.queues[0][i].busy_agents.mean);
        // cohort: every contact is answered or abandons (patience is finite)
        CHECK(f.answered.mean + f.abandoned.mean == Approx(f.offered.mean));
        CHECK(f.sl.mean >= 0.0);
        CHECK(f.sl.mean <= 1.0);
        arrivals += f.offered.mean;
        starts += f.starts.mean;
        abandonments += f.abandonments.mean;
        // flow: arrivals = starts + abandonments + Δ waiting, interval by interval, in
        // expectation: with exponential patience the abandonments are θ ∫ Q dt, the
        // conditional expectation, not the count (docs/methods.md, "Simulation").
        const double before = i == 0 ? 0.0 : a.queues[0][i - 1].waiting_at_end.mean;
        const double slack = f.offered.half_width + f.starts.half_width +
                             f.abandonments.half_width + f.waiting_at_end.half_width +
                             (i == 0 ? 0.0 : a.queues[0][i - 1].waiting_at_end.half_width);
        CHECK(std::abs(f.offered.mean - (f.starts.mean + f.abandonments.mean +
                                         f.waiting_at_end.mean - before)) <= slack);
    }
    CHECK(arrivals > 0.0);
    CHECK(starts + abandonments <= arrivals);
    // With lognormal patience the abandonments are counted and the flow balances exactly in
    // every replication, so in the plain means too (below 50 replications: from 50 on, each
    // interval's figures are adjusted by its own control variates and balance in expectation).
    auto counted = model;
    counted.queues[0].patience =
        wfm::sim::duration_dist::lognormal(model.queues[0].patience.mean_s, 1.0);
    for (const int reps : {20}) {
        const auto c = wfm::sim::simulate(counted, {.replications = reps, .seed = 5});
        for (std::size_t i = 0; i < c.queues[0].size(); ++i) {
            const auto& f = c.queues[0][i];
            const double before = i == 0 ? 0.0 : c.queues[0][i - 1].waiting_at_end.mean;
            CAPTURE(reps, i);
            CHECK(f.offered.mean ==
                  Approx(f.starts.mean + f.abandonments.mean + f.waiting_at_end.mean - before)
                      .margin(1e-9));
        }
    }
}

TEST_CASE("day_sim: agents leave non-preemptively and outages block arrivals", "[sim]") {
    wfm::sim::sim_model m;
    m.interval_s = 900;
    m.intervals = 4;
    m.queues.push_back({.arrivals_per_s = {0.05, 0.05, 0.05, 0.05},
                        .handle = duration_dist::exponential(600),
                        .patience = duration_dist::exponential(300)});
    m.pools.push_back(wfm::sim::pool_from_coverage({10, 0, 10, 10}, 900));
    m.queues[0].outages.push_back({2700, 3600});
    const auto r = wfm::sim::simulate(m, {.replications = 50, .seed = 3});
    const auto& q = r.queues[0];
    // No agent on duty in interval 1, but those busy at its start finish their contacts: busy
    // time decays from ~10 (not zero), and no service starts.
    CHECK(q[1].starts.mean == 0.0);
    CHECK(q[1].busy_agents.mean > 1.0);
    CHECK(q[1].p_wait.mean == 1.0);
    // Interval 3 is an outage: everyone offered is blocked, nobody is answered.
    CHECK(q[3].blocked.mean == Approx(q[3].offered.mean));
    CHECK(q[3].answered.mean == 0.0);
    CHECK(q[3].offered.mean > 0.0);
}

TEST_CASE("day_sim: a priority queue in a shared pool waits less", "[sim]") {
    wfm::sim::sim_model m;
    m.interval_s = 1800;
    m.intervals = 2;
    for (int k = 0; k < 2; ++k) {
        m.queues.push_back({.arrivals_per_s = {0.05, 0.05},
                            .handle = duration_dist::lognormal(180, 0.8),
                            .patience = duration_dist::empirical({30, 60, 120, 600}),
                            .priority = k});
    }
    wfm::sim::add_agent_lines(m.pools, {{0, 0, 3600, {}}});
    for (int a = 0; a < 17; ++a) {
        wfm::sim::add_agent_lines(m.pools, {{0, 0, 3600, {{1800, 1900}}}});
    }
    const auto r = wfm::sim::simulate(m, {.replications = 100, .seed = 2});
    CHECK(r.queues[0][0].asa_s.mean < r.queues[1][0].asa_s.mean);
    CHECK(r.queues[0][0].sl.mean > r.queues[1][0].sl.mean);
}

TEST_CASE("day_sim: bad models are rejected with the field named", "[sim]") {
    wfm::sim::sim_model m;
    m.intervals = 1;
    m.queues.push_back({.arrivals_per_s = {0.1}});
    CHECK_THROWS_WITH(wfm::sim::simulate(m),
                      Catch::Contains("queues[0].pool 0 is not one of the 0"));
    m.pools.push_back(wfm::sim::pool_from_coverage({2}, 900));
    m.queues[0].arrivals_per_s = {-1};
    CHECK_THROWS_WITH(wfm::sim::simulate(m), Catch::Contains("arrivals_per_s must be finite"));
    m.queues[0].arrivals_per_s = {1e9};
    CHECK_THROWS_WITH(wfm::sim::simulate(m), Catch::Contains("exceed the limit"));
    m.queues[0].arrivals_per_s = {0.1};
    m.queues[0].handle = duration_dist::lognormal(100, -1);
    CHECK_THROWS_WITH(wfm::sim::simulate(m), Catch::Contains("queues[0].handle cv"));
    m.queues[0].handle = duration_dist::exponential(100);
    CHECK_THROWS_WITH(wfm::sim::simulate(m, {.replications = 1}),
                      Catch::Contains("replications must be in 2..1000000, got 1"));
    m.pools[0].changes.push_back({10, -5});
    CHECK_THROWS_AS(wfm::sim::simulate(m), wfm::invalid_argument);
}

} // namespace
