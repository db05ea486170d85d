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
    queue_sim_result r;
    double busy_time = 0.0;
    double wait_sum = 0.0;
    std::uint64_t served = 0;
    std::uint64_t waited = 0;
    std::uint64_t abandoned = 0;
    std::uint64_t within = 0;
    double measure_start = 0.0;
    double now = 0.0;
    double last_measured_end = 0.0;

    // Starts service for a caller at time `t`; measured calls add to the statistics.
    const auto start_service = [&](double arrival, double t, bool measured) {
        const double s = service(rng);
        busy.push(t + s);
        if (measured) {
            const double w = t - arrival;
            ++served;
            wait_sum += w;
            within += w <= o.sl_time_s ? 1U : 0U;
            busy_time += s;
            last_measured_end = std::max(last_measured_end, t + s);
        }
    };
    // Frees agents whose calls end by `t`, serving waiting callers who are still there.
    const auto advance = [&](double t) {
        while (!busy.empty() && busy.top() <= t) {
            const double free_at = busy.top();
            busy.pop();
            while (!queue.empty() && queue.front().deadline < free_at) {
                abandoned += queue.front().measured ? 1U : 0U;
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
    for (std::uint64_t k = 0; k < total; ++k) {
        now += next_arrival(rng);
        advance(now);
        const bool measured = k >= o.warmup_calls;
        if (k == o.warmup_calls) {
            measure_start = now;
        }
        r.offered += measured ? 1U : 0U;
        if (busy.size() < static_cast<std::size_t>(o.agents)) {
            start_service(now, now, measured);
            continue;
        }
        waited += measured ? 1U : 0U;
        queue.push_back({now, o.patience_s ? now + patience(rng) : never, measured});
    }
    advance(never); // let the measured calls finish or abandon
    for (const auto& w : queue) {
        abandoned += w.measured ? 1U : 0U;
    }
    const auto n = static_cast<double>(r.offered);
    r.p_wait = static_cast<double>(waited) / n;
    r.p_abandon = static_cast<double>(abandoned) / n;
    r.sl_over_offered = static_cast<double>(within) / n;
    r.asa_served_s = served > 0 ? wait_sum / static_cast<double>(served) : 0.0;
    // Work of measured calls over the agents' time while they arrived: the long-run busy share.
    r.occupancy = busy_time / (static_cast<double>(o.agents) * (now - measure_start));
    r.realised_arrivals_per_s = (n - 1.0) / (now - measure_start);
    r.realised_aht_s = served > 0 ? busy_time / static_cast<double>(served) : o.aht_s;
    return r;
}

} // namespace wfm::sim
