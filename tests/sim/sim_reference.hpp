#pragma once
// The exact transient reference (tests/data/sim/transient_vectors.csv, a copy of
// ../shared/reference/sim/) as simulation models; shared by the tests and bm_sim.

#include <wfm/io/csv.hpp>
#include <wfm/sim/day_sim.hpp>

#include <string>
#include <vector>

namespace wfm::test {

/// One interval of a reference case: the inputs and the exact expectations.
struct transient_row {
    double interval_s, arrivals_per_s, aht_s, patience_s;
    int agents;
    double arrivals, starts, abandonments, busy, p_wait, waiting_at_end;
};

struct transient_case {
    std::string name;
    std::vector<transient_row> rows;
};

/// The cases in file order.
inline std::vector<transient_case> read_transient_cases(const std::string& path) {
    const auto t = io::read_csv(path);
    std::vector<transient_case> cases;
    const auto num = [&](std::size_t r, const char* col) { return t.number(r, t.column(col)); };
    for (std::size_t r = 0; r < t.rows(); ++r) {
        const std::string name{t.field(r, t.column("case"))};
        if (cases.empty() || cases.back().name != name) {
            cases.push_back({name, {}});
        }
        cases.back().rows.push_back(
            {num(r, "interval_s"), num(r, "arrivals_per_s"), num(r, "aht_s"), num(r, "patience_s"),
             static_cast<int>(num(r, "agents")), num(r, "expected_arrivals"),
             num(r, "expected_starts"), num(r, "expected_abandonments"), num(r, "mean_busy_agents"),
             num(r, "p_arrival_waits"), num(r, "expected_waiting_at_end")});
    }
    return cases;
}

/// The case as a one-queue model (its intervals all have the same length, as in the file).
inline sim::sim_model transient_model(const transient_case& c) {
    sim::sim_model m;
    m.interval_s = c.rows.at(0).interval_s;
    m.intervals = static_cast<int>(c.rows.size());
    sim::sim_queue q;
    q.handle = sim::duration_dist::exponential(c.rows[0].aht_s);
    q.patience = sim::duration_dist::exponential(c.rows[0].patience_s);
    std::vector<int> agents;
    for (const auto& r : c.rows) {
        q.arrivals_per_s.push_back(r.arrivals_per_s);
        agents.push_back(r.agents);
    }
    m.queues.push_back(q);
    m.pools.push_back(sim::pool_from_coverage(agents, m.interval_s));
    return m;
}

} // namespace wfm::test
