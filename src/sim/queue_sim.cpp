#include <wfm/core/error.hpp>
#include <wfm/sim/queue_sim.hpp>

#include <fmt/format.h>

#include <deque>
#include <functional>
#include <limits>
#include <queue>
#include <random>
#include <vector>

namespace wfm::sim {
namespace {

void check(const queue_sim_options& o) {
    const auto bad = [](const char* what, double v) {
        throw invalid_argument(fmt::format("simulate_queue: {} must be > 0, got {}", what, v));
    };
    if (!(o.arrivals_per_s > 0.0)) {
        bad("arrivals_per_s", o.arrivals_per_s);
    }
    if (!(o.aht_s > 0.0)) {
        bad("aht_s", o.aht_s);
    }
    if (o.patience_s && !(*o.patience_s > 0.0)) {
        bad("patience_s", *o.patience_s);
    }
    if (o.agents < 1) {
        bad("agents", o.agents);
    }
    if (o.calls == 0) {
        bad("calls", 0);
    }
    if (!o.patience_s && o.arrivals_per_s * o.aht_s >= o.agents) {
        throw invalid_argument(fmt::format("simulate_queue: with infinite patience the load {} "
                                           "must be below the {} agents",
                                           o.arrivals_per_s * o.aht_s, o.agents));
    }
}

struct waiting {
    double arrival;
    double deadline; // gives up at this time unless served before
    bool measured;
};

// Running totals over the measured calls.
struct tallies {
    std::uint64_t offered = 0;
    std::uint64_t served = 0;
    std::uint64_t waited = 0;
    std::uint64_t abandoned = 0;
    std::uint64_t within = 0; // served with wait ≤ t
    double busy_time = 0.0;
    double wait_sum = 0.0;
    double measure_start = 0.0; // arrival of the first measured call
    double last_arrival = 0.0;
};

queue_sim_result summarise(const queue_sim_options& o, const tallies& k) {
    queue_sim_result r;
    r.offered = k.offered;
    const auto n = static_cast<double>(k.offered);
    const double span = k.last_arrival - k.measure_start;
    r.p_wait = static_cast<double>(k.waited) / n;
    r.p_abandon = static_cast<double>(k.abandoned) / n;
    r.sl_over_offered = static_cast<double>(k.within) / n;
    r.asa_served_s = k.served > 0 ? k.wait_sum / static_cast<double>(k.served) : 0.0;
    // Work of measured calls over the agents' time while they arrived: the long-run busy share.
    r.occupancy = k.busy_time / (static_cast<double>(o.agents) * span);
    r.realised_arrivals_per_s = (n - 1.0) / span;
    r.realised_aht_s = k.served > 0 ? k.busy_time / static_cast<double>(k.served) : o.aht_s;
    return r;
}

} // namespace

queue_sim_result simulate_queue(const queue_sim_options& o) {
    check(o);
    std::mt19937_64 rng{o.seed};
    std::exponential_distribution<double> next_arrival{o.arrivals_per_s};
    std::exponential_distribution<double> service{1.0 / o.aht_s};
    std::exponential_distribution<double> patience{o.patience_s ? 1.0 / *o.patience_s : 1.0};
    constexpr double never = std::numeric_limits<double>::infinity();

    // Completion times of busy agents; FCFS queue whose abandoners leave lazily at their deadline
    // (abandonment does not change anyone else's service order).
    std::priority_queue<double, std::vector<double>, std::greater<>> busy;
    std::deque<waiting> queue;
    tallies k;
    double now = 0.0;

    // Starts service for a caller at time `t`; measured calls add to the statistics.
    const auto start_service = [&](double arrival, double t, bool measured) {
        const double s = service(rng);
        busy.push(t + s);
        if (measured) {
            const double w = t - arrival;
            ++k.served;
            k.wait_sum += w;
            k.within += w <= o.sl_time_s ? 1U : 0U;
            k.busy_time += s;
        }
    };
    // Frees agents whose calls end by `t`, serving waiting callers who are still there.
    const auto advance = [&](double t) {
        while (!busy.empty() && busy.top() <= t) {
            const double free_at = busy.top();
            busy.pop();
            while (!queue.empty() && queue.front().deadline < free_at) {
                k.abandoned += queue.front().measured ? 1U : 0U;
                queue.pop_front();
            }
            if (!queue.empty()) {
                const waiting w = queue.front();
                queue.pop_front();
                start_service(w.arrival, free_at, w.measured);
            }
        }
    };

    const std::uint64_t total = o.warmup_calls + o.calls;
    for (std::uint64_t call = 0; call < total; ++call) {
        now += next_arrival(rng);
        advance(now);
        const bool measured = call >= o.warmup_calls;
        if (call == o.warmup_calls) {
            k.measure_start = now;
        }
        k.offered += measured ? 1U : 0U;
        if (busy.size() < static_cast<std::size_t>(o.agents)) {
            start_service(now, now, measured);
            continue;
        }
        k.waited += measured ? 1U : 0U;
        queue.push_back({now, o.patience_s ? now + patience(rng) : never, measured});
    }
    k.last_arrival = now;
    advance(never); // let the measured calls finish or abandon
    for (const auto& w : queue) {
        k.abandoned += w.measured ? 1U : 0U;
    }
    return summarise(o, k);
}

} // namespace wfm::sim
