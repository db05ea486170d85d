// Assignment of shifts to agents: greedy construction, then seeded annealing (reassign, swap on
// a day, eject for an uncovered shift). Every state visited keeps every hard rule.
#include "state.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>

namespace wfm::roster {
namespace {

using detail::state;

std::size_t uz(int i) {
    return static_cast<std::size_t>(i);
}

/// Chronological greedy: each shift to the feasible candidate whose cost rises least (ties: the
/// most senior, then the first).
void construct(state& st, const roster_input& in, int shifts) {
    for (int s = 0; s < shifts; ++s) {
        int best = -1;
        double best_delta = 0;
        for (const int a : st.candidates(s)) {
            if (!st.can_add(a, s)) {
                continue;
            }
            const double before = st.agent_cost(a);
            st.add(a, s);
            const double delta = st.agent_cost(a) - before;
            st.remove(s);
            const bool senior = best >= 0 && delta == best_delta &&
                                in.agents[uz(a)].seniority > in.agents[uz(best)].seniority;
            if (best < 0 || delta < best_delta - 1e-12 || senior) {
                best = a;
                best_delta = delta;
            }
        }
        if (best >= 0) {
            st.add(best, s);
        }
    }
}

struct annealer {
    state& st;
    const std::vector<shift>& shifts;
    std::mt19937_64 rng;
    double temperature = 1;

    int pick(std::size_t n) { return static_cast<int>(rng() % n); }
    bool accept(double delta) {
        if (delta <= 1e-12) {
            return true;
        }
        const double u = static_cast<double>(rng() >> 11) * 0x1.0p-53;
        return u < std::exp(-delta / temperature);
    }

    /// Shift s to agent b (from its agent, or from nobody).
    void reassign(int s, int b) {
        const int a = st.agent_of(s);
        const double before = (a >= 0 ? st.agent_cost(a) : st.uncovered_cost(s)) + st.agent_cost(b);
        if (a >= 0) {
            st.remove(s);
        }
        if (st.can_add(b, s)) {
            st.add(b, s);
            const double after = (a >= 0 ? st.agent_cost(a) : 0.0) + st.agent_cost(b);
            if (accept(after - before)) {
                return;
            }
            st.remove(s);
        }
        if (a >= 0) {
            st.add(a, s);
        }
    }

    /// b gives its shift t (on s's day) to c and takes s: a swap when s has an agent (c is it),
    /// an ejection to a random candidate of t when s is uncovered.
    void exchange(int s, int b, int t) {
        const int a = st.agent_of(s);
        const auto& cand = st.candidates(t);
        const int c = a >= 0 ? a : cand[uz(pick(cand.size()))];
        if (c == b || !std::binary_search(cand.begin(), cand.end(), c)) {
            return;
        }
        const double before =
            st.agent_cost(b) + st.agent_cost(c) + (a >= 0 ? 0.0 : st.uncovered_cost(s));
        if (a >= 0) {
            st.remove(s);
        }
        st.remove(t);
        const bool ok_b = st.can_add(b, s);
        if (ok_b) {
            st.add(b, s);
        }
        if (ok_b && st.can_add(c, t)) {
            st.add(c, t);
            if (accept(st.agent_cost(b) + st.agent_cost(c) - before)) {
                return;
            }
            st.remove(t);
        }
        if (ok_b) {
            st.remove(s);
        }
        st.add(b, t);
        if (a >= 0) {
            st.add(a, s);
        }
    }

    void step() {
        const int s = pick(shifts.size());
        const auto& cand = st.candidates(s);
        if (cand.empty()) {
            return;
        }
        const int b = cand[uz(pick(cand.size()))];
        if (b == st.agent_of(s)) {
            return;
        }
        const int t = st.on_day(b, shifts[uz(s)].day);
        if (t < 0) {
            reassign(s, b);
        } else {
            exchange(s, b, t);
        }
    }
};

} // namespace

std::vector<int> assign_shifts(const roster_input& in, const std::vector<shift>& shifts,
                               const roster_options& options, std::uint64_t* iterations) {
    const auto t0 = std::chrono::steady_clock::now();
    state st(in, shifts);
    construct(st, in, static_cast<int>(shifts.size()));
    const std::uint64_t budget = detail::search_budget(options, shifts.size());
    annealer an{st, shifts, std::mt19937_64{options.seed}, 1.0};
    const double t_start = 2.0;
    const double t_end = 0.01;
    std::uint64_t k = 0;
    for (; k < budget && !shifts.empty(); ++k) {
        if ((k & 4095) == 0) {
            if (std::chrono::steady_clock::now() - t0 > options.time_limit) {
                break;
            }
            const double share = static_cast<double>(k) / static_cast<double>(budget);
            an.temperature = t_start * std::pow(t_end / t_start, share);
        }
        an.step();
    }
    if (iterations != nullptr) {
        *iterations = k;
    }
    return st.assignment();
}

} // namespace wfm::roster
