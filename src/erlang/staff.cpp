// Staffing (smallest agents meeting targets) and the inverse question (largest arrival rate).
#include <wfm/erlang/queue.hpp>

#include <wfm/core/error.hpp>

#include <boost/math/tools/roots.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

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

// Bracket width at which the real-valued search stops (agents or arrivals).
bool narrow(double a, double b) {
    return b - a <= 1e-10 * std::max(1.0, std::abs(b));
}

// Smallest real x in (lo, hi] with f(x) ≥ 0, given f(lo) < 0 ≤ f(hi) and f rising.
template <class F>
std::pair<double, double> solve_rising(F f, double lo, double hi, double f_lo, double f_hi) {
    if (f_hi == 0.0) {
        return {hi, hi};
    }
    std::uintmax_t iterations = 100;
    return boost::math::tools::toms748_solve(f, lo, hi, f_lo, f_hi, narrow, iterations);
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

staffing staff(const queue& q, const targets& t) {
    validate(q);
    validate(t);
    staffing out;
    if (q.arrivals_per_s == 0.0) {
        out.at.sl_answered_within_t_over_offered = 1.0;
        out.at.sl_answered_within_t_over_answered = 1.0;
        out.at.sl_virtual = 1.0;
        return out;
    }
    const auto f = [&](double agents) {
        return agents <= 0.0 ? -1.0 : margin(evaluate(q, agents, t.sl_time), t);
    };
    double lo = 0.0;
    double hi = 0.0;
    double f_lo = -1.0;
    double f_hi = -1.0;
    if (q.lines) {
        // Whole agents only beyond K lines are useless; bisection on whole agents.
        const double k = static_cast<double>(q.concurrency);
        hi = std::ceil(static_cast<double>(*q.lines) / k);
        f_hi = f(hi);
        if (f_hi < 0.0) {
            out.status = staffing_status::infeasible;
            out.agents = static_cast<long>(hi);
            out.agents_fractional = hi;
            out.at = evaluate(q, hi, t.sl_time);
            return out;
        }
        while (hi - lo > 1.0) {
            const double mid = std::floor(0.5 * (lo + hi));
            const double f_mid = f(mid);
            (f_mid >= 0.0 ? hi : lo) = mid;
            (f_mid >= 0.0 ? f_hi : f_lo) = f_mid;
        }
    } else {
        // Bracket around the load by steps of √load, doubling (no assumption on the answer).
        const double load = agent_load(q);
        double step = std::max(1.0, std::sqrt(load));
        const double guess = q.kind == model::erlang_c ? load : std::max(load, 1e-3);
        const double f_guess = q.kind == model::erlang_c ? -1.0 : f(guess);
        if (f_guess >= 0.0) {
            hi = guess;
            f_hi = f_guess;
            for (;;) {
                const double x = guess - step;
                if (x <= 0.0) {
                    break;
                }
                const double fx = f(x);
                if (fx < 0.0) {
                    lo = x;
                    f_lo = fx;
                    break;
                }
                hi = x;
                f_hi = fx;
                step *= 2.0;
            }
        } else {
            lo = guess;
            f_lo = f_guess;
            for (;;) {
                const double x = guess + step;
                if (x > max_agents) {
                    out.status = staffing_status::infeasible;
                    return out;
                }
                const double fx = f(x);
                if (fx >= 0.0) {
                    hi = x;
                    f_hi = fx;
                    break;
                }
                lo = x;
                f_lo = fx;
                step *= 2.0;
            }
        }
    }
    const auto [a, b] = solve_rising(f, lo, hi, f_lo, f_hi);
    out.agents_fractional = b;
    // Whole answer: every whole n ≤ a fails, every n ≥ b meets; check the one possibly between.
    double n = std::max(1.0, std::floor(a) + 1.0);
    metrics m = evaluate(q, n, t.sl_time);
    while (!meets(m, t) && n < max_agents) { // only on rounding noise at a boundary
        n += 1.0;
        m = evaluate(q, n, t.sl_time);
    }
    out.agents = static_cast<long>(n);
    out.at = m;
    return out;
}

double max_arrivals_per_s(const queue& q, double agents, const targets& t) {
    validate(q);
    validate(t);
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
                                                        -g_lo, -g_hi, narrow, iterations);
    return root.first;
}

} // namespace wfm::erlang
