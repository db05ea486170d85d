#pragma once
/// Internal: the staffing search — target margins (on the logit scale for probabilities), the
/// whole-agent walk of Erlang B / C, bisection with finite lines, Erlang A's real-valued solve.

#include <wfm/erlang/detail/evaluate.hpp>
#include <wfm/erlang/detail/message.hpp>
#include <wfm/erlang/limits.hpp>
#include <wfm/erlang/load.hpp>
#include <wfm/erlang/types.hpp>

#include <wfm/core/error.hpp>

#include <boost/math/tools/roots.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <utility>

namespace wfm::erlang::detail {

// Beyond: infeasible (not met within limits::agents agents).
inline constexpr double max_agents = static_cast<double>(limits::agents);

// log(p/(1 − p)), clamped away from 0 and 1 (1 − p is exact for p ≥ ½).
inline double log_odds(double p) {
    p = std::clamp(p, 1e-300, 1.0 - 0x1p-53);
    return std::log(p / (1.0 - p));
}

// The probability targets on the logit scale, computed once per search.
struct target_odds {
    double service_level = 0.0;
    double abandon = 0.0;
    double answer_rate = 0.0;
    double blocking = 0.0;
};
inline target_odds odds_of(const targets& t) {
    const auto of = [](const std::optional<double>& v) { return v ? log_odds(*v) : 0.0; };
    return {of(t.service_level), of(t.max_abandon), of(t.min_answer_rate), of(t.max_blocking)};
}

// p − target, or with `target_odds` on the logit scale: log_odds(p) − log_odds(target), with the
// sign of p − target (the logit rises strictly); closer to linear in the agents (in the
// Halfin–Whitt regime a probability moves like a normal law in (n − A)/√A), so the root finder
// needs fewer steps.
inline double slack(double p, double target, const double* target_odds) {
    const double linear = p - target;
    if (target_odds == nullptr) {
        return linear;
    }
    const double scaled = log_odds(p) - *target_odds;
    return (scaled > 0.0) == (linear > 0.0) && (scaled == 0.0) == (linear == 0.0) ? scaled : linear;
}

// min over the set targets of a signed slack: ≥ 0 exactly when the target is met. Bounded
// without `odds`; with `odds` the probability slacks are on the logit scale (slack()).
inline double margin(const metrics& m, const targets& t, const target_odds* odds = nullptr) {
    if (!m.stable) {
        return -1.0 - (m.offered_load_erl - m.servers); // strictly rising towards stability
    }
    const auto odds_of_target = [odds](const double target_odds::*field) {
        return odds == nullptr ? nullptr : &(odds->*field);
    };
    double g = infinity;
    if (t.service_level) {
        g = std::min(g, slack(m.service_level(t.sl_kind), *t.service_level,
                              odds_of_target(&target_odds::service_level)));
    }
    if (t.max_asa) {
        const double limit = t.max_asa->count();
        g = std::min(g, std::isinf(m.asa_served_s)
                            ? -1.0
                            : (limit - m.asa_served_s) / (limit + m.asa_served_s));
    }
    if (t.max_abandon) {
        g = std::min(g, -slack(m.p_abandon, *t.max_abandon, odds_of_target(&target_odds::abandon)));
    }
    if (t.min_answer_rate) {
        g = std::min(g, slack(m.answer_rate(), *t.min_answer_rate,
                              odds_of_target(&target_odds::answer_rate)));
    }
    if (t.max_occupancy) {
        g = std::min(g, *t.max_occupancy - m.occupancy);
    }
    if (t.max_blocking) {
        g = std::min(g, -slack(m.p_block, *t.max_blocking, odds_of_target(&target_odds::blocking)));
    }
    return g;
}

// Agents: stop at 1e-7 agents — the whole answer is decided by exact checks at whole agents, the
// real-valued one is reported to 1e-6. Arrival rates: 1e-12 relative.
inline bool narrow_agents(double a, double b) {
    return b - a <= 1e-7 * std::max(1.0, 1e-5 * b);
}
inline bool narrow_relative(double a, double b) {
    return b - a <= 1e-12 * std::abs(b);
}

// Smallest real x in (lo, hi] with f(x) ≥ 0, given f(lo) < 0 ≤ f(hi) and f rising.
template <class F>
inline std::pair<double, double> solve_rising(F f, double lo, double hi, double f_lo, double f_hi) {
    if (f_hi == 0.0) {
        return {hi, hi};
    }
    std::uintmax_t iterations = 100;
    return boost::math::tools::toms748_solve(f, lo, hi, f_lo, f_hi, narrow_agents, iterations);
}

// Whole agents for Erlang B / C: walk n upward from a start where every target provably fails,
// B(n) updated by its recurrence (O(1) a step, so O(answer − start) in all). Returns n and the
// margins at n − 1 and n (for the real-valued solve between them). A long walk (huge loads, the
// answer far above the start) hands over to bisect_from(): time stays bounded.
struct walked {
    double n, f_below, f_at;
};
// The walk's budget: agents evaluated and recurrence steps (servers) before bisection takes over.
inline constexpr double walk_agents = 65536.0;
inline constexpr double walk_servers = 4194304.0;

// The smallest whole n in (failing, max_agents] meeting the targets, by bisection on the
// continuous forms at whole n (O(log max_agents) evaluations); infinity when max_agents fails.
inline walked bisect_from(const queue& q, const targets& t, double failing) {
    const auto f = [&](double n) { return margin(detail::evaluate(q, n, t.sl_time, true), t); };
    if (f(max_agents) < 0.0) {
        return {infinity, -1.0, -1.0};
    }
    double lo = failing;
    double hi = max_agents;
    while (hi - lo > 1.0) {
        const double mid = std::floor(0.5 * (lo + hi));
        (f(mid) >= 0.0 ? hi : lo) = mid;
    }
    return {hi, f(hi - 1.0), f(hi)};
}

// Where the walk starts. Erlang C: fewer than ⌊A⌋ + 1 agents are unstable, and occupancy
// A/n ≤ max needs n ≥ A/max; Erlang B: start at one agent.
inline double walk_start(const queue& q, const targets& t) {
    double start = 1.0;
    if (q.kind != model::erlang_b) {
        const double load = agent_load(q);
        start = std::floor(load) + 1.0;
        if (t.max_occupancy) {
            start = std::max(start, std::floor(load / *t.max_occupancy));
        }
    }
    return start;
}

inline walked walk_whole(const queue& q, const targets& t, double start) {
    if (start >= max_agents) {
        return {infinity, -1.0, -1.0};
    }
    const double k = static_cast<double>(q.concurrency);
    const double load = offered_load(q);
    double b = erlang_b(start * k, load);
    double f_below = -1.0;
    for (double n = start; n < max_agents; n += 1.0) {
        if (n - start >= walk_agents || (n - start) * k >= walk_servers) {
            return bisect_from(q, t, n - 1.0);
        }
        const double f_at = margin(detail::evaluate_with_b(q, n, t.sl_time, b), t);
        if (f_at >= 0.0) {
            return {n, n == start ? std::nan("") : f_below, f_at};
        }
        f_below = f_at;
        for (double s = n * k + 1.0; s <= (n + 1.0) * k; s += 1.0) {
            b = load * b / (s + load * b);
        }
    }
    return {infinity, -1.0, -1.0};
}

// Whole agents by bisection over 1 … ⌈K/k⌉ (finite lines: more agents than lines are useless).
inline double bisect_whole(const std::function<double(double)>& f, double hi) {
    double lo = 0.0;
    while (hi - lo > 1.0) {
        const double mid = std::floor(0.5 * (lo + hi));
        (f(mid) >= 0.0 ? hi : lo) = mid;
    }
    return hi;
}

// Erlang A: the smallest real agents x with f(x) ≥ 0, as a bracket [lo, hi] (f(lo) < 0 ≤ f(hi))
// no wider than narrow_agents, or with hi converged to within half that tolerance of the root
// and lo > ⌈hi⌉ − 1 (see the stopping rule); lo = 0 stands for "no agents", where every target
// fails. The
// margin is smooth, so interpolation through the last three points (the secant through two at
// first) converges superlinearly; each step aims just past the predicted root so that the last
// one closes the bracket.
// Before there is a bracket a step is at most 4× the last; inside it a step that leaves it, or
// three steps that do not halve it, fall back to bisection (so at worst O(log) evaluations).
struct bracket {
    double lo, hi, f_lo, f_hi;
};
// Where f = 0 by inverse quadratic interpolation through the three points (xs[2] newest), or by
// the secant through the newest two when fewer points or equal margins; NaN when neither fits.
inline double predict_root(const double (&xs)[3], const double (&fs)[3], int points) {
    const double d01 = fs[0] - fs[1];
    const double d02 = fs[0] - fs[2];
    const double d12 = fs[1] - fs[2];
    if (points >= 3 && d01 != 0.0 && d02 != 0.0 && d12 != 0.0) {
        const double root = xs[0] * fs[1] * fs[2] / (d01 * d02) -
                            xs[1] * fs[0] * fs[2] / (d01 * d12) +
                            xs[2] * fs[0] * fs[1] / (d02 * d12);
        if (std::isfinite(root)) {
            return root;
        }
    }
    const double slope = d12 / (xs[1] - xs[2]);
    return slope > 0.0 ? xs[2] - fs[2] / slope : std::nan("");
}
template <class F> std::optional<bracket> solve_real(F& f, double load) {
    const double min_step = 0.5 * std::max(1.0, std::sqrt(load));
    bracket b{0.0, infinity, -1.0, std::nan("")};
    const auto keep = [&b](double x, double fx) {
        if (fx >= 0.0) {
            if (x < b.hi) {
                b.hi = x;
                b.f_hi = fx;
            }
        } else if (x > b.lo) {
            b.lo = x;
            b.f_lo = fx;
        }
    };
    // The last three points (x0, x1, x2 newest): inverse quadratic interpolation through them
    // once there are three with distinct margins, else the secant through the newest two.
    double xs[3] = {0.0, 0.0, std::max(load, 1e-3)};
    double fs[3] = {0.0, 0.0, f(xs[2])};
    keep(xs[2], fs[2]);
    int points = 1;
    // First step: on the logit scale the margin moves by about 1 per √A agents.
    double next = xs[2] - std::copysign(std::clamp(std::abs(fs[2]) * std::sqrt(load),
                                                   0.1 * min_step, 8.0 * min_step),
                                        fs[2]);
    double width = infinity; // bracket width three steps ago
    for (int i = 0; i < 200; ++i) {
        if (next <= b.lo) { // (only when the first step would go below 0)
            next = 0.5 * (b.lo + b.hi);
        }
        if (next > max_agents) {
            return std::nullopt;
        }
        xs[0] = xs[1];
        fs[0] = fs[1];
        xs[1] = xs[2];
        fs[1] = fs[2];
        xs[2] = next;
        fs[2] = f(next);
        ++points;
        keep(xs[2], fs[2]);
        if (b.f_hi >= 0.0 && (narrow_agents(b.lo, b.hi) || b.f_hi == 0.0)) {
            return b;
        }
        const double root = predict_root(xs, fs, points);
        const double last = xs[2] - xs[1];
        const double tol = 1e-7 * std::max(1.0, 1e-5 * std::abs(xs[2]));
        // Converged on the meeting side: the newest point meets the targets, interpolation puts
        // the root less than half a tolerance below it after a short last step, and a failing
        // point above n − 1 already proves the whole answer n = ⌈hi⌉; closing the bracket would
        // cost one more evaluation for no digit the answer reports.
        if (points >= 3 && xs[2] == b.hi && root <= xs[2] && xs[2] - root <= 0.5 * tol &&
            std::abs(last) <= 1e-3 * std::max(1.0, xs[2]) && b.lo > std::ceil(b.hi) - 1.0) {
            return b;
        }
        // Land just past the root, on the side away from the newest point: within 0.9 tolerance
        // of the bracket end on the other side (so this step closes the bracket), at most half a
        // tolerance and at least 1 % of one past the root (measured: fewest evaluations).
        const double room = root > xs[2] ? b.lo + 0.9 * tol - root : root - (b.hi - 0.9 * tol);
        const double past = std::max(0.01 * tol, std::min(0.5 * tol, room));
        next = root > xs[2] ? root + past : root - past;
        if (std::isinf(b.hi)) { // no point meets yet: go up, at most 4× the last step
            next =
                std::min(next > xs[2] ? next : infinity, xs[2] + 4.0 * std::abs(last) + min_step);
        } else if (!(next > b.lo && next < b.hi) || (i % 3 == 2 && b.hi - b.lo > 0.5 * width)) {
            next = b.lo + 0.5 * (b.hi - b.lo);
        }
        if (i % 3 == 2) {
            width = b.hi - b.lo;
        }
    }
    return std::nullopt;
}

// A blocking target means something only where calls can be blocked.
inline void check_blocking(const queue& q, const targets& t, const char* function) {
    if (t.max_blocking && q.kind != model::erlang_b && !q.lines) {
        throw wfm::invalid_argument(detail::message(
            "erlang::", function, ": max_blocking needs the erlang_b model or finite lines (model ",
            model_name(q.kind), " has no busy tone)"));
    }
}

} // namespace wfm::erlang::detail
