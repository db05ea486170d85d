// Rostering (issue 16) on generated instances (roster::generate_instance): 50, 200 and 1,000
// agents × 4 weeks × 15-minute intervals, 3 queues with overlapping skills, 30/70 full/part-time
// hired for the schedule, 5% of agent-days on leave. Prints per instance: broken rules
// (validator), uncovered shifts, the roster's fit, the fit of the agent-capped anonymous lines it
// assigns and of the unconstrained weekly schedule of the same requirement and templates, the
// points the roster is below the unconstrained fit, CPU and wall seconds; then the spread of
// weekends worked with equal contracts. Targets: no broken rule; 200 agents within 1 point of the
// unconstrained anonymous fit; ≤ 30 s for 200 agents, ≤ 120 s for 1,000; weekend spread ≤ 1.
// Usage: bm_roster [SEED...] (default 1): the instances and the search of each seed.
#include <wfm/roster/generate.hpp>
#include <wfm/roster/roster.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

namespace {

using namespace wfm::roster;

double cpu_seconds() {
    return static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
}

/// max − min of the weekends each agent works (Saturday or Sunday) over the horizon.
int weekend_spread(const roster_input& in, const roster_result& r) {
    std::vector<std::vector<bool>> worked(in.agents.size(),
                                          std::vector<bool>(static_cast<std::size_t>(in.weeks)));
    for (std::size_t s = 0; s < r.shifts.size(); ++s) {
        const int day = r.shifts[s].day;
        if (r.agent_of[s] >= 0 && day % 7 >= 5) {
            worked[static_cast<std::size_t>(r.agent_of[s])][static_cast<std::size_t>(day / 7)] =
                true;
        }
    }
    std::vector<long> counts;
    for (const auto& w : worked) {
        counts.push_back(std::count(w.begin(), w.end(), true));
    }
    const auto [lo, hi] = std::minmax_element(counts.begin(), counts.end());
    return static_cast<int>(*hi - *lo);
}

/// The options of every run of a seed: its search seed, and a time limit the budgets stay within.
roster_options options_of(std::uint64_t seed) {
    roster_options o;
    o.seed = seed;
    o.time_limit = std::chrono::minutes{10};
    return o;
}

} // namespace

int main(int argc, char** argv) {
    // bm_roster [SEED...]: the instances and the search of each seed (default 1)
    std::vector<std::uint64_t> seeds;
    for (int i = 1; i < argc; ++i) {
        seeds.push_back(std::stoull(argv[i]));
    }
    if (seeds.empty()) {
        seeds.push_back(1);
    }
    std::printf("%5s %7s %7s %6s %9s %8s %9s %10s %8s %7s %7s\n", "seed", "agents", "shifts",
                "broken", "uncovered", "fit", "anon_fit", "uncapped", "points", "cpu_s", "wall_s");
    for (const std::uint64_t seed : seeds) {
        for (const int n : {50, 200, 1000}) {
            instance_spec spec;
            spec.agents = n;
            spec.seed = seed;
            const roster_input in = generate_instance(spec);
            const roster_options o = options_of(seed);
            const double t0 = cpu_seconds();
            const roster_result r = build_roster(in, o);
            const double cpu = cpu_seconds() - t0;
            roster_options free = o;
            free.cap_by_agents = false;
            const auto uncapped = fit_of(in, anonymous_shifts(in, free), {});
            std::printf("%5llu %7d %7zu %6zu %9zu %8.4f %9.4f %10.4f %8.2f %7.1f %7.1f\n",
                        static_cast<unsigned long long>(seed), n, r.shifts.size(),
                        r.violations.size(), r.shortfalls.size(), r.fit.fit, r.anonymous_fit.fit,
                        uncapped.fit, 100 * (uncapped.fit - r.fit.fit), cpu, r.seconds);
        }
        instance_spec equal;
        equal.agents = 200;
        equal.equal_contracts = true;
        equal.seed = seed;
        const roster_input in = generate_instance(equal);
        const roster_result r = build_roster(in, options_of(seed));
        std::printf("seed %llu, equal contracts, 200 agents: weekend spread %d, broken rules %zu, "
                    "uncovered %zu\n",
                    static_cast<unsigned long long>(seed), weekend_spread(in, r),
                    r.violations.size(), r.shortfalls.size());
    }
    return 0;
}
