#pragma once
/// Staffing: the smallest agent count meeting every target, and the inverse question (the largest
/// arrival rate that a number of agents can take).

#include <wfm/erlang/detail/evaluate.hpp>
#include <wfm/erlang/detail/message.hpp>
#include <wfm/erlang/detail/staff_search.hpp>
#include <wfm/erlang/load.hpp>
#include <wfm/erlang/metrics.hpp>
#include <wfm/erlang/types.hpp>

#include <wfm/core/error.hpp>

#include <boost/math/tools/roots.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>

namespace wfm::erlang {

/// True when `m` meets every target in `t`.
[[nodiscard]] inline bool meets(const metrics& m, const targets& t) noexcept {
    return detail::margin(m, t) >= 0.0;
}

/// Agents to schedule so that `agents` remain after shrinkage: agents / (1 − shrinkage).
[[nodiscard]] inline double scheduled_agents(double agents, double shrinkage) {
    if (!std::isfinite(agents) || agents < 0.0) {
        throw wfm::invalid_argument(detail::message(
            "erlang::scheduled_agents: agents must be a finite number >= 0, got ", agents));
    }
    if (!(shrinkage >= 0.0 && shrinkage < 1.0)) {
        throw wfm::invalid_argument(detail::message(
            "erlang::scheduled_agents: shrinkage must be in [0, 1), got ", shrinkage));
    }
    return agents / (1.0 - shrinkage);
}

/// Smallest agent count meeting every target, and the real-valued requirement. No arrivals →
/// 0 agents. Cost O(1) evaluations per call (Erlang A: about 7, interpolation on the continuous
/// forms, then exact checks at whole agents); finite lines: bisection over whole agents ≤ K.
[[nodiscard]] inline staffing staff(const queue& q, const targets& t) {
    validate(q);
    validate(t);
    detail::check_blocking(q, t, "staff");
    staffing out;
    if (q.arrivals_per_s == 0.0) {
        out.at.sl_answered_within_t_over_offered = 1.0;
        out.at.sl_answered_within_t_over_answered = 1.0;
        out.at.sl_virtual = 1.0;
        return out;
    }
    const bool waits = t.max_asa.has_value();
    const detail::evaluator at_agents(q, t.sl_time, waits);
    const std::function<double(double)> f = [&](double agents) {
        return agents <= 0.0 ? -1.0 : detail::margin(at_agents(agents), t);
    };
    const bool erlang_c_like =
        q.kind == model::erlang_c || (q.patience && std::isinf(q.patience->count()));
    double n = detail::infinity;
    double fractional = -1.0; // < 0: still to solve in (n − 1, n]
    double f_below = std::nan("");
    double f_at = std::nan("");
    if (q.kind == model::erlang_b || erlang_c_like) {
        const detail::walked w = detail::walk_whole(q, t, detail::walk_start(q, t));
        n = w.n;
        f_below = w.f_below;
        f_at = w.f_at;
    } else if (q.lines) {
        const double most =
            std::ceil(static_cast<double>(*q.lines) / static_cast<double>(q.concurrency));
        n = f(most) >= 0.0 ? detail::bisect_whole(f, most) : detail::infinity;
        if (!std::isfinite(n)) {
            out.status = staffing_status::infeasible;
            out.agents = static_cast<long>(most);
            out.agents_fractional = most;
            out.at = evaluate(q, most, t.sl_time);
            return out;
        }
    } else {
        const detail::target_odds odds = detail::odds_of(t);
        const auto on_logit_scale = [&](double agents) {
            return detail::margin(at_agents(agents), t, &odds);
        };
        const auto b = detail::solve_real(on_logit_scale, agent_load(q));
        if (b) {
            // Every whole n ≤ lo fails, every n ≥ hi meets (hi itself when f(hi) = 0 exactly).
            n = std::max(1.0, b->f_hi == 0.0 ? std::ceil(b->hi) : std::floor(b->lo) + 1.0);
            fractional = b->hi;
        }
    }
    if (!std::isfinite(n) || n >= detail::max_agents) {
        out.status = staffing_status::infeasible;
        return out;
    }
    // Real-valued requirement in (n − 1, n]: root of the continuous forms there.
    if (fractional < 0.0 || fractional > n) {
        f_below = std::isnan(f_below) ? f(n - 1.0) : f_below;
        f_at = std::isnan(f_at) ? f(n) : f_at;
        fractional = f_below >= 0.0 || f_at < 0.0
                         ? n
                         : detail::solve_rising(f, n - 1.0, n, f_below, f_at).second;
    }
    out.agents_fractional = fractional;
    metrics at = evaluate(q, n, t.sl_time);
    while (!meets(at, t) && n < detail::max_agents) { // only on rounding noise at a boundary
        n += 1.0;
        at = evaluate(q, n, t.sl_time);
    }
    out.agents = static_cast<long>(n);
    out.at = at;
    return out;
}

/// Largest arrival rate [contacts/s] that `agents` agents can take while meeting every target
/// (the shape of `q` — AHT, model, patience, lines — is kept, its arrival rate ignored).
[[nodiscard]] inline double max_arrivals_per_s(const queue& q, double agents, const targets& t) {
    validate(q);
    validate(t);
    detail::check_blocking(q, t, "max_arrivals_per_s");
    if (!std::isfinite(agents) || agents <= 0.0) {
        throw wfm::invalid_argument(detail::message(
            "erlang::max_arrivals_per_s: agents must be a finite number > 0, got ", agents));
    }
    detail::check_agents("max_arrivals_per_s", agents);
    queue shape = q;
    const auto g = [&](double lambda) { // falls with λ
        shape.arrivals_per_s = lambda;
        return lambda <= 0.0 ? 1.0 : detail::margin(evaluate(shape, agents, t.sl_time), t);
    };
    shape.arrivals_per_s = 1.0;
    const double per_erlang = 1.0 / session_handle_time(shape).count(); // λ per erlang
    double lo = 0.0;
    double g_lo = 1.0;
    double hi = agents * static_cast<double>(q.concurrency) * per_erlang;
    double g_hi = g(hi);
    while (g_hi >= 0.0) {
        lo = hi;
        g_lo = g_hi;
        hi *= 2.0;
        if (hi > 1e12) {
            return detail::infinity; // every rate meets the targets (e.g. only max_occupancy = 1)
        }
        g_hi = g(hi);
    }
    if (g_lo == 0.0) {
        return lo;
    }
    std::uintmax_t iterations = 100;
    const auto root = boost::math::tools::toms748_solve(
        [&](double l) { return -g(l); }, lo, hi, -g_lo, -g_hi, detail::narrow_relative, iterations);
    return root.first;
}

} // namespace wfm::erlang
