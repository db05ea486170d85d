#include "shared_data.hpp"

#include <wfm/io/csv.hpp>
#include <wfm/sim/day_sim.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <string>

namespace {

using wfm::sim::duration_dist;

// value of `metric` for `case_id` in ../shared/reference/erlang/vectors.csv.
double reference_value(const wfm::io::csv_table& t, const std::string& id,
                       const std::string& metric) {
    for (std::size_t r = 0; r < t.rows(); ++r) {
        if (t.field(r, t.column("case_id")) == id && t.field(r, t.column("metric")) == metric) {
            return t.number(r, t.column("value"));
        }
    }
    FAIL("no " << metric << " for " << id);
    return 0.0;
}

struct stationary_case {
    const char* id;
    double calls, interval_s, aht_s, patience_s; // patience 0: Erlang C
    int agents;
    const char* sl_metric;
    const char* asa_metric;
};

// A ten-hour warm-up, then ten hours at the same rate: the contacts arriving in the second
// interval are a long stationary sample. SL over offered and ASA of answered against the
// closed forms within the simulation's 99 % interval.
void check_stationary(const wfm::io::csv_table& t, const stationary_case& c) {
    wfm::sim::sim_model m;
    m.interval_s = 36000;
    m.intervals = 2;
    m.sl_time_s = 20;
    const double rate = c.calls / c.interval_s;
    wfm::sim::sim_queue q{.arrivals_per_s = {rate, rate},
                          .handle = duration_dist::exponential(c.aht_s)};
    if (c.patience_s > 0) {
        q.patience = duration_dist::exponential(c.patience_s);
    }
    m.queues.push_back(q);
    m.pools.push_back({{{0.0, c.agents}}, 1});
    const auto r = wfm::sim::simulate(m, {.replications = 60, .seed = 11, .confidence = 0.99});
    const auto& f = r.queues[0][1];
    const double sl = reference_value(t, c.id, c.sl_metric);
    const double asa = reference_value(t, c.id, c.asa_metric);
    CAPTURE(c.id, sl, f.sl.mean, f.sl.half_width, asa, f.asa_s.mean, f.asa_s.half_width);
    CHECK(std::abs(f.sl.mean - sl) <= f.sl.half_width);
    CHECK(std::abs(f.asa_s.mean - asa) <= f.asa_s.half_width);
    CHECK(f.sl.half_width < 0.035); // a sample long enough to tell
}

} // namespace

TEST_CASE("day_sim: long constant runs match Erlang C and Erlang A of vectors.csv",
          "[sim][shared]") {
    const auto file = wfm::test::shared_path("reference/erlang/vectors.csv");
    WFM_REQUIRE_SHARED(file);
    const auto t = wfm::io::read_csv(file);
    check_stationary(t, {"EC_cch_n12", 100, 1800, 180, 0, 12, "sl", "asa_s"});
    check_stationary(t, {"EC_cch_n14", 100, 1800, 180, 0, 14, "sl", "asa_s"});
    check_stationary(t, {"EA_pwf_n14", 100, 1800, 180, 300, 14, "sl_answered_within_t_over_offered",
                         "asa_served_s"});
    check_stationary(
        t, {"EA_MZ_n50", 48, 60, 60, 120, 50, "sl_answered_within_t_over_offered", "asa_served_s"});
}
