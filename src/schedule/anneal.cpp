// The simulated-annealing loop (see search.hpp).
#include "search.hpp"

#include <chrono>
#include <cmath>

namespace wfm::schedule::detail {

/// Simulated annealing; returns iterations done.
std::uint64_t search::anneal(std::uint64_t max_iterations, clock_type::time_point start,
                             clock_type::time_point deadline, std::vector<trace_point>& trace) {
    // Temperatures in units of the mean labour price of one agent-interval; tuned on the
    // shared reference instances (benchmarks/bm_schedule_instances.cpp).
    const double t0 = 8.0 * unit_;
    const double t1 = 0.02 * unit_;
    const double release_at = release_at_;
    const double budget = std::chrono::duration<double>(deadline - start).count();
    best_total_ = total();
    save_best();
    at_best_ = true;
    double temp = t0;
    std::uint64_t it = 0;
    for (;; ++it) {
        if ((it & 511U) == 0) {
            const auto now = clock_type::now();
            double progress = 0;
            if (max_iterations > 0) {
                progress = static_cast<double>(it) / static_cast<double>(max_iterations);
                if (it >= max_iterations || now >= deadline) {
                    break;
                }
            } else {
                if (now >= deadline || budget <= 0) {
                    break;
                }
                progress = std::chrono::duration<double>(now - start).count() / budget;
            }
            temp = t0 * std::pow(t1 / t0, progress);
            if (progress >= release_at) {
                fixed_ = 0;
            }
        }
        step(temp);
        const double cur = total();
        if (cur < best_total_ - 1e-9) {
            best_total_ = cur;
            at_best_ = true;
            const double s = std::chrono::duration<double>(clock_type::now() - start).count();
            if (trace.empty() || s - trace.back().seconds > 0.01) {
                trace.push_back({s, cur});
            } else {
                trace.back().objective = cur;
            }
        }
    }
    if (at_best_) {
        save_best();
    }
    return it;
}

} // namespace wfm::schedule::detail
