// Staffing (smallest agents meeting targets) and the inverse question (largest arrival rate).
#include <wfm/erlang/detail/evaluate.hpp>
#include <wfm/erlang/formulas.hpp>
#include <wfm/erlang/queue.hpp>

#include <wfm/core/error.hpp>

#include <boost/math/tools/roots.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>

namespace wfm::erlang {
namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();
constexpr double max_agents = 1e9; // beyond: infeasible

[[noreturn]] void fail_target(const char* name, const char* expected, double value) {
    throw wfm::invalid_argument(
        fmt::format("erlang::targets: {} must be {}, got {}", name, expected, value));
}

bool in_open_unit(double v) {
    return v > 0.0 && v < 1.0;
}

// min over the set targets of a signed, bounded slack: ≥ 0 exactly when the target is met.
double margin(const metrics& m, const targets& t) {
    if (!m.stable) {
        return -1.0 - (m.offered_load_erl - m.servers); // strictly rising towards stability
    }
    double g = infinity;
    if (t.service_level) {
        g = std::min(g, m.service_level(t.sl_kind) - *t.service_level);
    }
    if (t.max_asa) {
        const double limit = t.max_asa->count();
        g = std::min(g, std::isinf(m.asa_served_s)
                            ? -1.0
                            : (limit - m.asa_served_s) / (limit + m.asa_served_s));
    }
    if (t.max_abandon) {
        g = std::min(g, *t.max_abandon - m.p_abandon);
    }
    if (t.min_answer_rate) {
        g = std::min(g, m.answer_rate() - *t.min_answer_rate);
    }
    if (t.max_occupancy) {
        g = std::min(g, *t.max_occupancy - m.occupancy);
    }
    if (t.max_blocking) {
        g = std::min(g, *t.max_blocking - m.p_block);
    }
    return g;
}

// Agents: stop at 1e-7 agents — the whole answer is decided by exact checks at whole agents, the
// real-valued one is reported to 1e-6. Arrival rates: 1e-12 relative.
bool narrow_agents(double a, double b) {
    return b - a <= 1e-7 * std::max(1.0, 1e-5 * b);
}
bool narrow_relative(double a, double b) {
    return b - a <= 1e-12 * std::abs(b);
}

// Smallest real x in (lo, hi] with f(x) ≥ 0, given f(lo) < 0 ≤ f(hi) and f rising.
template <class F>
std::pair<double, double> solve_rising(F f, double lo, double hi, double f_lo, double f_hi) {
    if (f_hi == 0.0) {
        return {hi, hi};
    }
    std::uintmax_t iterations = 100;
    return boost::math::tools::toms748_solve(f, lo, hi, f_lo, f_hi, narrow_agents, iterations);
}

} // namespace

void validate(const targets& t) {
    const double sl_time = t.sl_time.count();
    if (!std::isfinite(sl_time) || sl_time < 0.0) {
        fail_target("sl_time", "a finite number of seconds >= 0", sl_time);
    }
    if (t.service_level && !in_open_unit(*t.service_level)) {
        fail_target("service_level", "in (0, 1)", *t.service_level);
    }
    if (t.max_asa && !(std::isfinite(t.max_asa->count()) && t.max_asa->count() > 0.0)) {
        fail_target("max_asa", "a finite number of seconds > 0", t.max_asa->count());
    }
    if (t.max_abandon && !in_open_unit(*t.max_abandon)) {
        fail_target("max_abandon", "in (0, 1)", *t.max_abandon);
    }
    if (t.min_answer_rate && !in_open_unit(*t.min_answer_rate)) {
        fail_target("min_answer_rate", "in (0, 1)", *t.min_answer_rate);
    }
    if (t.max_occupancy && !(*t.max_occupancy > 0.0 && *t.max_occupancy <= 1.0)) {
        fail_target("max_occupancy", "in (0, 1]", *t.max_occupancy);
    }
    if (t.max_blocking && !in_open_unit(*t.max_blocking)) {
        fail_target("max_blocking", "in (0, 1)", *t.max_blocking);
    }
    if (!t.service_level && !t.max_asa && !t.max_abandon && !t.min_answer_rate &&
        !t.max_occupancy && !t.max_blocking) {
        throw wfm::invalid_argument("erlang::targets: no target given (service level, ASA, "
                                    "abandonment, answer rate, occupancy or blocking)");
    }
}

bool meets(const metrics& m, const targets& t) noexcept {
    return margin(m, t) >= 0.0;
}

double scheduled_agents(double agents, double shrinkage) {
    if (!std::isfinite(agents) || agents < 0.0) {
        throw wfm::invalid_argument(fmt::format(
            "erlang::scheduled_agents: agents must be a finite number >= 0, got {}", agents));
    }
    if (!(shrinkage >= 0.0 && shrinkage < 1.0)) {
        throw wfm::invalid_argument(fmt::format(
            "erlang::scheduled_agents: shrinkage must be in [0, 1), got {}", shrinkage));
    }
    return agents / (1.0 - shrinkage);
}

namespace {

// Whole agents for Erlang B / C: walk n upward from a start where every target provably fails,
// B(n) updated by its recurrence (O(1) a step, so O(answer − start) in all). Returns n and the
// margins at n − 1 and n (for the real-valued solve between them).
struct walked {
    double n, f_below, f_at;
};
walked walk_whole(const queue& q, const targets& t, double start) {
    const double k = static_cast<double>(q.concurrency);
    const double load = offered_load(q);
    double b = erlang_b(start * k, load);
    double f_below = -1.0;
    for (double n = start; n < max_agents; n += 1.0) {
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
double bisect_whole(const std::function<double(double)>& f, double hi) {
    double lo = 0.0;
    while (hi - lo > 1.0) {
        const double mid = std::floor(0.5 * (lo + hi));
        (f(mid) >= 0.0 ? hi : lo) = mid;
    }
    return hi;
}

// Erlang A: bracket the real-valued requirement, starting at the load and moving by secant
// steps (aimed 20 % past the predicted root, at least √load/2, at most 4× the last step) — the
// margin is smooth, so the bracket is usually tight after 3 evaluations. Returns [lo, hi] with
// f(lo) < 0 ≤ f(hi); lo = 0 stands for "no agents", where every target fails.
struct bracket {
    double lo, hi, f_lo, f_hi;
};
std::optional<bracket> bracket_real(const std::function<double(double)>& f, double load) {
    const double min_step = 0.5 * std::max(1.0, std::sqrt(load));
    double x0 = std::max(load, 1e-3);
    double f0 = f(x0);
    double x1 = f0 >= 0.0 ? x0 - min_step : x0 + min_step;
    for (int i = 0; i < 200; ++i) {
        if (x1 <= 0.0) {
            return bracket{0.0, x0, -1.0, f0};
        }
        if (x1 > max_agents) {
            return std::nullopt;
        }
        const double f1 = f(x1);
        if ((f0 >= 0.0) != (f1 >= 0.0)) {
            return f1 >= 0.0 ? bracket{x0, x1, f0, f1} : bracket{x1, x0, f1, f0};
        }
        const double last = x1 - x0;
        const double slope = (f1 - f0) / last;
        double move = slope > 0.0 ? -1.2 * f1 / slope : 4.0 * last; // towards f = 0
        const double direction = f1 >= 0.0 ? -1.0 : 1.0;
        move = direction * std::clamp(std::abs(move), min_step, 4.0 * std::abs(last) + min_step);
        x0 = x1;
        f0 = f1;
        x1 = x1 + move;
    }
    return std::nullopt;
}

} // namespace

// A blocking target means something only where calls can be blocked.
void check_blocking(const queue& q, const targets& t, const char* function) {
    if (t.max_blocking && q.kind != model::erlang_b && !q.lines) {
        throw wfm::invalid_argument(fmt::format(
            "erlang::{}: max_blocking needs the erlang_b model or finite lines (model {} has no "
            "busy tone)",
            function, model_name(q.kind)));
    }
}

staffing staff(const queue& q, const targets& t) {
    validate(q);
    validate(t);
    check_blocking(q, t, "staff");
    staffing out;
    if (q.arrivals_per_s == 0.0) {
        out.at.sl_answered_within_t_over_offered = 1.0;
        out.at.sl_answered_within_t_over_answered = 1.0;
        out.at.sl_virtual = 1.0;
        return out;
    }
    const bool waits = t.max_asa.has_value();
    const std::function<double(double)> f = [&](double agents) {
        return agents <= 0.0 ? -1.0 : margin(detail::evaluate(q, agents, t.sl_time, waits), t);
    };
    const bool erlang_c_like =
        q.kind == model::erlang_c || (q.patience && std::isinf(q.patience->count()));
    double n = infinity;
    double fractional = -1.0; // < 0: still to solve in (n − 1, n]
    double f_below = std::nan("");
    double f_at = std::nan("");
    if (q.kind == model::erlang_b || erlang_c_like) {
        // Erlang C: fewer than ⌊A⌋ + 1 agents are unstable, and occupancy A/n ≤ max needs
        // n ≥ A/max; Erlang B: start at one agent.
        double start = 1.0;
        if (q.kind != model::erlang_b) {
            const double load = agent_load(q);
            start = std::floor(load) + 1.0;
            if (t.max_occupancy) {
                start = std::max(start, std::floor(load / *t.max_occupancy));
            }
        }
        const walked w = walk_whole(q, t, start);
        n = w.n;
        f_below = w.f_below;
        f_at = w.f_at;
    } else if (q.lines) {
        const double most =
            std::ceil(static_cast<double>(*q.lines) / static_cast<double>(q.concurrency));
        n = f(most) >= 0.0 ? bisect_whole(f, most) : infinity;
        if (!std::isfinite(n)) {
            out.status = staffing_status::infeasible;
            out.agents = static_cast<long>(most);
            out.agents_fractional = most;
            out.at = evaluate(q, most, t.sl_time);
            return out;
        }
    } else {
        const auto b = bracket_real(f, agent_load(q));
        if (b) {
            const auto root = solve_rising(f, b->lo, b->hi, b->f_lo, b->f_hi);
            // Every whole n ≤ root.first fails, every n ≥ root.second meets — unless TOMS 748
            // hit an exact zero (first == second), which itself meets.
            n = std::max(1.0, root.first == root.second ? std::ceil(root.first)
                                                        : std::floor(root.first) + 1.0);
            fractional = root.second;
        }
    }
    if (!std::isfinite(n) || n >= max_agents) {
        out.status = staffing_status::infeasible;
        return out;
    }
    // Real-valued requirement in (n − 1, n]: root of the continuous forms there.
    if (fractional < 0.0 || fractional > n) {
        f_below = std::isnan(f_below) ? f(n - 1.0) : f_below;
        f_at = std::isnan(f_at) ? f(n) : f_at;
        fractional =
            f_below >= 0.0 || f_at < 0.0 ? n : solve_rising(f, n - 1.0, n, f_below, f_at).second;
    }
    out.agents_fractional = fractional;
    metrics at = evaluate(q, n, t.sl_time);
    while (!meets(at, t) && n < max_agents) { // only on rounding noise at a boundary
        n += 1.0;
        at = evaluate(q, n, t.sl_time);
    }
    out.agents = static_cast<long>(n);
    out.at = at;
    return out;
}

double max_arrivals_per_s(const queue& q, double agents, const targets& t) {
    validate(q);
    validate(t);
    check_blocking(q, t, "max_arrivals_per_s");
    if (!std::isfinite(agents) || agents <= 0.0) {
        throw wfm::invalid_argument(fmt::format(
            "erlang::max_arrivals_per_s: agents must be a finite number > 0, got {}", agents));
    }
    queue shape = q;
    const auto g = [&](double lambda) { // falls with λ
        shape.arrivals_per_s = lambda;
        return lambda <= 0.0 ? 1.0 : margin(evaluate(shape, agents, t.sl_time), t);
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
            return infinity; // every rate meets the targets (e.g. only max_occupancy = 1)
        }
        g_hi = g(hi);
    }
    if (g_lo == 0.0) {
        return lo;
    }
    std::uintmax_t iterations = 100;
    const auto root = boost::math::tools::toms748_solve([&](double l) { return -g(l); }, lo, hi,
                                                        -g_lo, -g_hi, narrow_relative, iterations);
    return root.first;
}

} // namespace wfm::erlang
