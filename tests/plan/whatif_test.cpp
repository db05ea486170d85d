// apply_scenario on a hand-built plan model: the share of an interval a window covers scales
// its volume and handle time, an absence removes round(share × on duty) at each interval start
// of its window, an outage adds its window and leaves the volume alone.
#include <wfm/plan/whatif.hpp>

#include <catch2/catch.hpp>

#include <vector>

namespace {

using namespace wfm;

// One queue, one pool, eight 15-minute intervals: 10 agents on duty, 7 from 01:00.
plan::plan_model whatif_tiny_model() {
    plan::plan_model m;
    m.model.interval_s = 900.0;
    m.model.intervals = 8;
    sim::sim_queue q;
    q.arrivals_per_s.assign(8, 0.1);
    q.pool = 0;
    m.model.queues.push_back(q);
    sim::sim_pool p;
    p.changes = {{0.0, 10}, {3600.0, -3}};
    m.model.pools.push_back(p);
    m.queues = {"voice"};
    m.pools = {"voice"};
    m.on_duty = {{10, 10, 10, 10, 7, 7, 7, 7}};
    return m;
}

int whatif_level_at(const std::vector<sim::staffing_change>& changes, double t) {
    int level = 0;
    for (const auto& c : changes) {
        level += c.at_s <= t ? c.delta : 0;
    }
    return level;
}

plan::scenario whatif_one_event(plan::scenario_event e) {
    plan::scenario s;
    s.name = "test";
    s.events.push_back(std::move(e));
    return s;
}

} // namespace

TEST_CASE("apply_scenario: a surge scales each interval by the share its window covers",
          "[whatif]") {
    const auto base = whatif_tiny_model();
    const std::vector<plan::schedule_line> lines;
    const plan::whatif_plan wp{nullptr, nullptr, nullptr, &lines, &base};
    plan::scenario_event e;
    e.type = plan::scenario_event::kind::surge;
    e.queues = {0};
    e.begin_s = 1350.0; // half of interval 1, all of interval 2
    e.end_s = 2700.0;
    e.factor = 1.4;
    const auto m = plan::apply_scenario(wp, whatif_one_event(e));
    const auto& r = m.model.queues[0].arrivals_per_s;
    CHECK(r[0] == Approx(0.1));
    CHECK(r[1] == Approx(0.1 * 1.2));
    CHECK(r[2] == Approx(0.1 * 1.4));
    CHECK(r[3] == Approx(0.1));
    // The baseline is a copy, untouched.
    CHECK(base.model.queues[0].arrivals_per_s[2] == Approx(0.1));
}

TEST_CASE("apply_scenario: an AHT event scales the handle-time factor", "[whatif]") {
    const auto base = whatif_tiny_model();
    const std::vector<plan::schedule_line> lines;
    const plan::whatif_plan wp{nullptr, nullptr, nullptr, &lines, &base};
    plan::scenario_event e;
    e.type = plan::scenario_event::kind::aht;
    e.begin_s = 0.0;
    e.end_s = 900.0;
    e.factor = 2.0;
    const auto m = plan::apply_scenario(wp, whatif_one_event(e));
    const auto& f = m.model.queues[0].handle_factor;
    REQUIRE(f.size() == 8);
    CHECK(f[0] == Approx(2.0));
    CHECK(f[1] == Approx(1.0));
}

TEST_CASE("apply_scenario: an absence removes round(share x on duty) per interval", "[whatif]") {
    const auto base = whatif_tiny_model();
    const std::vector<plan::schedule_line> lines;
    const plan::whatif_plan wp{nullptr, nullptr, nullptr, &lines, &base};
    plan::scenario_event e;
    e.type = plan::scenario_event::kind::absence;
    e.pool = 0;
    e.share = 0.2;
    e.begin_s = 900.0;
    e.end_s = 5400.0; // intervals 1..5
    const auto m = plan::apply_scenario(wp, whatif_one_event(e));
    const auto& c = m.model.pools[0].changes;
    CHECK(whatif_level_at(c, 0.0) == 10);  // before the window
    CHECK(whatif_level_at(c, 900.0) == 8); // 10 − round(2.0)
    CHECK(whatif_level_at(c, 2700.0) == 8);
    CHECK(whatif_level_at(c, 3600.0) == 6); // 7 − round(1.4)
    CHECK(whatif_level_at(c, 4500.0) == 6);
    CHECK(whatif_level_at(c, 5400.0) == 7); // after the window
    CHECK(whatif_level_at(c, 7000.0) == 7);
}

TEST_CASE("apply_scenario: an outage adds its window and keeps the volume", "[whatif]") {
    const auto base = whatif_tiny_model();
    const std::vector<plan::schedule_line> lines;
    const plan::whatif_plan wp{nullptr, nullptr, nullptr, &lines, &base};
    plan::scenario_event e;
    e.type = plan::scenario_event::kind::outage;
    e.queues = {0};
    e.begin_s = 1800.0;
    e.end_s = 3600.0;
    e.retry_share = 0.5;
    e.retry_delay_s = 600.0;
    const auto m = plan::apply_scenario(wp, whatif_one_event(e));
    const auto& q = m.model.queues[0];
    REQUIRE(q.outages.size() == 1);
    CHECK(q.outages[0].begin_s == 1800.0);
    CHECK(q.outages[0].end_s == 3600.0);
    CHECK(q.arrivals_per_s == base.model.queues[0].arrivals_per_s);
    CHECK(q.retry_delay.mean_s == Approx(600.0));
}
