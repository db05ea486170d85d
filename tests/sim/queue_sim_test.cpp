#include <wfm/core/error.hpp>
#include <wfm/erlang/queue.hpp>
#include <wfm/sim/queue_sim.hpp>

#include <catch2/catch.hpp>

#include <cmath>

using namespace std::chrono_literals;

namespace {

struct sim_case {
    double calls_per_30min;
    double aht_s;
    std::optional<double> patience_s;
    int agents;
};

// Simulated figures against the closed forms at the sample's realised arrival rate and handle
// time. Tolerances: 5 standard errors of a share over the simulated calls, widened ×4 for the
// correlation of successive waits in a queue.
void compare(const sim_case& c) {
    wfm::sim::queue_sim_options o;
    o.arrivals_per_s = c.calls_per_30min / 1800.0;
    o.aht_s = c.aht_s;
    o.patience_s = c.patience_s;
    o.agents = c.agents;
    o.calls = 400000;
    o.seed = 7;
    const auto s = wfm::sim::simulate_queue(o);
    wfm::erlang::queue q;
    q.arrivals_per_s = s.realised_arrivals_per_s;
    q.aht = wfm::erlang::seconds_d{s.realised_aht_s};
    CHECK(s.realised_arrivals_per_s == Approx(o.arrivals_per_s).epsilon(0.01));
    CHECK(s.realised_aht_s == Approx(c.aht_s).epsilon(0.01));
    if (c.patience_s) {
        q.kind = wfm::erlang::model::erlang_a;
        q.patience = wfm::erlang::seconds_d{*c.patience_s};
    }
    const auto m = wfm::erlang::evaluate(q, c.agents, 20s);
    const auto tol = [&](double p) {
        return 4.0 * 5.0 * std::sqrt(std::max(p * (1 - p), 1e-4) / static_cast<double>(o.calls));
    };
    CAPTURE(c.calls_per_30min, c.aht_s, c.agents, m.p_wait, s.p_wait, m.p_abandon, s.p_abandon,
            m.sl_answered_within_t_over_offered, s.sl_over_offered, m.asa_served_s, s.asa_served_s,
            m.occupancy, s.occupancy);
    CHECK(std::abs(s.p_wait - m.p_wait) < tol(m.p_wait));
    CHECK(std::abs(s.p_abandon - m.p_abandon) < tol(m.p_abandon));
    CHECK(std::abs(s.sl_over_offered - m.sl_answered_within_t_over_offered) <
          tol(m.sl_answered_within_t_over_offered));
    CHECK(s.asa_served_s == Approx(m.asa_served_s).epsilon(0.05).margin(0.2));
    CHECK(s.occupancy == Approx(m.occupancy).epsilon(0.02));
}

} // namespace

TEST_CASE("sim: simulated Erlang C queue agrees with the closed forms", "[sim]") {
    compare({100.0, 180.0, std::nullopt, 12}); // A = 10
    compare({300.0, 240.0, std::nullopt, 45}); // A = 40
}

TEST_CASE("sim: simulated Erlang A queue agrees with the closed forms, overload included",
          "[sim]") {
    compare({100.0, 180.0, 300.0, 11}); // A = 10, patient callers
    compare({480.0, 180.0, 120.0, 46}); // A = 48 > 46 agents: stable only thanks to abandons
    compare({300.0, 300.0, 30.0, 40});  // A = 50, very impatient callers
}

TEST_CASE("sim: simulation is deterministic for a seed and rejects bad input", "[sim]") {
    wfm::sim::queue_sim_options o{
        .arrivals_per_s = 0.05, .aht_s = 180, .patience_s = 120, .agents = 9, .calls = 20000};
    const auto a = wfm::sim::simulate_queue(o);
    const auto b = wfm::sim::simulate_queue(o);
    CHECK(a.p_abandon == b.p_abandon);
    CHECK(a.asa_served_s == b.asa_served_s);
    o.agents = 0;
    CHECK_THROWS_WITH(wfm::sim::simulate_queue(o), Catch::Contains("agents must be > 0, got 0"));
    o.agents = 5;
    o.patience_s.reset();
    CHECK_THROWS_AS(wfm::sim::simulate_queue(o), wfm::invalid_argument); // load 9 ≥ 5 agents
}
