// Assignment of shifts to agents: greedy construction, then seeded annealing (reassign, swap on
// a day, eject for an uncovered shift), then weekend balancing. Every state visited keeps every
// hard rule.
#include "state.hpp"

#include <wfm/core/detail/index.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <random>
#include <string>
#include <tuple>

namespace wfm::roster {
namespace {

using detail::state;

using wfm::detail::to_index;

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
            const bool senior =
                best >= 0 && delta == best_delta &&
                in.agents[to_index(a)].seniority > in.agents[to_index(best)].seniority;
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
    std::size_t days;
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
        const int c = a >= 0 ? a : cand[to_index(pick(cand.size()))];
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

    /// Uncovered s to b, who drops its shift t on another day of s's week (t left uncovered):
    /// a move along the plateau of equal uncovered hours.
    void replace(int s, int b) {
        const int day = shifts[to_index(s)].day / 7 * 7 + pick(7);
        const int t = st.on_day(b, day);
        if (t < 0 || st.agent_of(s) >= 0) {
            return;
        }
        const double before = st.agent_cost(b) + st.uncovered_cost(s);
        st.remove(t);
        if (st.can_add(b, s)) {
            st.add(b, s);
            if (accept(st.agent_cost(b) + st.uncovered_cost(t) - before)) {
                return;
            }
            st.remove(s);
        }
        st.add(b, t);
    }

    /// a (working s) and b swap s for b's shift t on another day of the same week.
    void cross_swap(int s, int b) {
        const int a = st.agent_of(s);
        const int day = shifts[to_index(s)].day / 7 * 7 + pick(7);
        const int t = st.on_day(b, day);
        if (a < 0 || t < 0 || day == shifts[to_index(s)].day) {
            return;
        }
        const auto& cand = st.candidates(t);
        if (!std::binary_search(cand.begin(), cand.end(), a)) {
            return;
        }
        const double before = st.agent_cost(a) + st.agent_cost(b);
        st.remove(s);
        st.remove(t);
        const bool ok_b = st.can_add(b, s);
        if (ok_b) {
            st.add(b, s);
        }
        if (ok_b && st.can_add(a, t)) {
            st.add(a, t);
            if (accept(st.agent_cost(a) + st.agent_cost(b) - before)) {
                return;
            }
            st.remove(t);
        }
        if (ok_b) {
            st.remove(s);
        }
        st.add(a, s);
        st.add(b, t);
    }

    /// a (working s) and b exchange everything they work on s's day and the day after (on a
    /// Saturday: the weekend), so a weekend worked can move whole from one agent to another.
    void swap_block(int s, int b) {
        const int a = st.agent_of(s);
        const int d0 = shifts[to_index(s)].day;
        const int d1 = std::min(d0 + 1, static_cast<int>(days) - 1);
        if (a < 0 || d1 == d0) {
            return;
        }
        const std::array<int, 4> was{st.on_day(a, d0), st.on_day(a, d1), st.on_day(b, d0),
                                     st.on_day(b, d1)};
        const double before = st.agent_cost(a) + st.agent_cost(b);
        for (const int x : was) {
            if (x >= 0) {
                st.remove(x);
            }
        }
        const std::array<int, 4> to{b, b, a, a};
        std::size_t added = 0;
        for (; added < 4; ++added) {
            const int x = was[added];
            if (x < 0) {
                continue;
            }
            const auto& cand = st.candidates(x);
            if (!std::binary_search(cand.begin(), cand.end(), to[added]) ||
                !st.can_add(to[added], x)) {
                break;
            }
            st.add(to[added], x);
        }
        if (added == 4 && accept(st.agent_cost(a) + st.agent_cost(b) - before)) {
            return;
        }
        for (std::size_t k = 0; k < added; ++k) {
            if (was[k] >= 0) {
                st.remove(was[k]);
            }
        }
        const std::array<int, 4> back{a, a, b, b};
        for (std::size_t k = 0; k < 4; ++k) {
            if (was[k] >= 0) {
                st.add(back[k], was[k]);
            }
        }
    }

    void step() {
        const int s = pick(shifts.size());
        const auto& cand = st.candidates(s);
        if (cand.empty()) {
            return;
        }
        const int b = cand[to_index(pick(cand.size()))];
        if (b == st.agent_of(s)) {
            return;
        }
        const int t = st.on_day(b, shifts[to_index(s)].day);
        if ((rng() & 3) == 0) {
            swap_block(s, b);
        } else if (t < 0 && (rng() & 1) != 0) {
            if (st.agent_of(s) < 0) {
                replace(s, b);
            } else {
                cross_swap(s, b);
            }
        } else if (t < 0) {
            reassign(s, b);
        } else {
            exchange(s, b, t);
        }
    }
};

bool may_take(const state& st, int a, int s) {
    const auto& cand = st.candidates(s);
    return std::binary_search(cand.begin(), cand.end(), a);
}

/// Agents a and b exchange everything they work on days [d0, d1]; false (state unchanged) when a
/// hard rule would break.
bool swap_days(state& st, int a, int b, int d0, int d1) {
    std::vector<std::tuple<int, int, int>> moved; // shift, from, to
    for (int d = d0; d <= d1; ++d) {
        if (const int s = st.on_day(a, d); s >= 0) {
            moved.emplace_back(s, a, b);
        }
        if (const int s = st.on_day(b, d); s >= 0) {
            moved.emplace_back(s, b, a);
        }
    }
    for (const auto& m : moved) {
        st.remove(std::get<0>(m));
    }
    std::size_t added = 0;
    for (; added < moved.size(); ++added) {
        const auto [s, from, to] = moved[added];
        if (!may_take(st, to, s) || !st.can_add(to, s)) {
            break;
        }
        st.add(to, s);
    }
    if (added == moved.size()) {
        return true;
    }
    for (std::size_t k = 0; k < added; ++k) {
        st.remove(std::get<0>(moved[k]));
    }
    for (const auto& m : moved) {
        st.add(std::get<1>(m), std::get<0>(m));
    }
    return false;
}

/// Days [first, second] two agents exchanged (first < 0: none).
using day_range = std::pair<int, int>;

/// Moves one weekend worked from x to y (who does not work it) by exchanging a run of days
/// around it: of the runs that do so under every hard rule, the one whose soft cost rises least.
/// Returns the run exchanged (swap_days on it again undoes the move).
day_range move_weekend(state& st, int x, int y) {
    const auto& cal = st.days();
    const int wx = st.weekends(x);
    const int wy = st.weekends(y);
    for (int k = 0; k < cal.weekends; ++k) {
        int first = -1;
        int last = -1;
        for (int d = 0; d < cal.days; ++d) {
            if (cal.weekend[to_index(d)] == k) {
                first = first < 0 ? d : first;
                last = d;
            }
        }
        bool x_works = false;
        bool y_works = false;
        for (int d = first; d <= last; ++d) {
            x_works = x_works || st.on_day(x, d) >= 0;
            y_works = y_works || st.on_day(y, d) >= 0;
        }
        if (!x_works || y_works) {
            continue;
        }
        const double before = st.agent_cost(x) + st.agent_cost(y);
        double best = 0;
        int best_d0 = -1;
        int best_d1 = -1;
        for (int d0 = first; d0 >= std::max(first - 6, 0); --d0) {
            for (int d1 = last; d1 <= std::min(last + 6, cal.days - 1); ++d1) {
                if (!swap_days(st, x, y, d0, d1)) {
                    continue;
                }
                const bool fairer = st.weekends(x) == wx - 1 && st.weekends(y) == wy + 1;
                const double delta = st.agent_cost(x) + st.agent_cost(y) - before;
                if (fairer && (best_d0 < 0 || delta < best - 1e-12)) {
                    best = delta;
                    best_d0 = d0;
                    best_d1 = d1;
                }
                swap_days(st, x, y, d0, d1); // back: the reverse exchange always holds
            }
        }
        if (best_d0 >= 0) {
            swap_days(st, x, y, best_d0, best_d1);
            return {best_d0, best_d1};
        }
    }
    return {-1, -1};
}

/// One weekend from x to y directly, else through a third agent z of the group (x gives one to
/// z, z gives one to y; undone when the second step fails), trying at most chain_tries agents z.
/// Each move_weekend call spends one unit of `budget`.
bool balance_step(state& st, const std::vector<int>& members, int x, int y, long& budget) {
    constexpr int chain_tries = 30;
    --budget;
    if (move_weekend(st, x, y).first >= 0) {
        return true;
    }
    int tries = 0;
    for (const int z : members) {
        if (tries >= chain_tries || budget <= 0) {
            break;
        }
        if (z == x || z == y || st.weekends(z) >= st.weekends(x) ||
            st.weekends(z) <= st.weekends(y)) {
            continue;
        }
        ++tries;
        --budget;
        const day_range first = move_weekend(st, x, z);
        if (first.first < 0) {
            continue;
        }
        --budget;
        if (move_weekend(st, z, y).first >= 0) {
            return true;
        }
        swap_days(st, x, z, first.first, first.second);
    }
    return false;
}

/// Weekend balancing: among agents of one contract, while the weekends worked differ by 2 or
/// more, a weekend moves from an agent with the most to one with the fewest (balance_step).
/// Every shift keeps an agent and every hard rule holds; Σ weekends² falls at every move. A group
/// spends at most 50 move attempts per member, and the pass stops at `deadline`.
void balance_weekends(state& st, const roster_input& in,
                      std::chrono::steady_clock::time_point deadline) {
    std::map<std::string, std::vector<int>> groups;
    for (int a = 0; a < st.agents(); ++a) {
        groups[in.agents[to_index(a)].contract].push_back(a);
    }
    for (const auto& group : groups) {
        const auto& members = group.second;
        long budget = 50 * static_cast<long>(members.size());
        while (budget > 0 && std::chrono::steady_clock::now() < deadline) {
            int hi = 0;
            int lo = std::numeric_limits<int>::max();
            for (const int a : members) {
                hi = std::max(hi, st.weekends(a));
                lo = std::min(lo, st.weekends(a));
            }
            bool moved = false;
            // the widest gaps first: most against fewest, then any pair 2 or more apart
            for (int gap = hi - lo; gap >= 2 && !moved; --gap) {
                for (const int x : members) {
                    for (const int y : members) {
                        if (budget <= 0) {
                            break;
                        }
                        if (st.weekends(x) - st.weekends(y) == gap &&
                            (st.weekends(x) == hi || st.weekends(y) == lo) &&
                            balance_step(st, members, x, y, budget)) {
                            moved = true;
                            break;
                        }
                    }
                    if (moved || budget <= 0) {
                        break;
                    }
                }
            }
            if (!moved) {
                break;
            }
        }
    }
}

} // namespace

std::vector<int> assign_shifts(const roster_input& in, const std::vector<shift>& shifts,
                               const roster_options& options, std::uint64_t* iterations) {
    const auto t0 = std::chrono::steady_clock::now();
    state st(in, shifts);
    construct(st, in, static_cast<int>(shifts.size()));
    const std::uint64_t budget = detail::search_budget(options, shifts.size());
    annealer an{st, shifts, static_cast<std::size_t>(7 * in.weeks), std::mt19937_64{options.seed},
                1.0};
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
    if (in.rules.weekend_weight > 0) {
        balance_weekends(st, in, t0 + options.time_limit);
    }
    if (iterations != nullptr) {
        *iterations = k;
    }
    return st.assignment();
}

} // namespace wfm::roster
