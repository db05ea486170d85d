#pragma once
/// Internal: the metrics of each model (Erlang B, Erlang C, Erlang A closed forms, finite lines),
/// with an option to skip the costly wait means, and an evaluator for many agent counts.

#include <wfm/erlang/detail/finite_lines.hpp>
#include <wfm/erlang/detail/message.hpp>
#include <wfm/erlang/detail/palm_series.hpp>
#include <wfm/erlang/formulas.hpp>
#include <wfm/erlang/load.hpp>
#include <wfm/erlang/types.hpp>

#include <wfm/core/error.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace wfm::erlang::detail {

/// evaluate(); with `waits` false, Erlang A's asa_served_s and mean_virtual_wait_s are left 0
/// (they need an O(√(λ·patience)) series) — the staffing search asks for them only for ASA targets.
[[nodiscard]] metrics evaluate(const queue& q, double agents, seconds_d sl_time, bool waits);

/// evaluate() for the erlang_b / erlang_c models with B(servers, load) already known (from the
/// recurrence during a staffing walk).
[[nodiscard]] metrics evaluate_with_b(const queue& q, double agents, seconds_d sl_time, double b);

/// The parts of the Erlang A closed forms that do not depend on the agents (θ = 1/patience).
struct erlang_a_shape {
    double lambda = 0.0;     ///< arrivals per second
    double aht_s = 0.0;      ///< session handle time
    double patience_s = 0.0; ///< 1/θ
    double load = 0.0;       ///< λ·AHT
    double y = 0.0;          ///< λ/θ
    double theta_t = 0.0;    ///< θ·t
    double decay = 1.0;      ///< e^{−θt}
    double decay_m1 = 0.0;   ///< e^{−θt} − 1
    double y_t = 0.0;        ///< y·e^{−θt}
};
[[nodiscard]] erlang_a_shape erlang_a_shape_of(double lambda, double aht_s, double patience_s,
                                               double t_s);

/// evaluate(q, agents, sl_time, waits) for many agent counts on one queue (the staffing search):
/// the queue is checked and the agent-independent parts are computed once; same values.
class evaluator {
public:
    evaluator(const queue& q, seconds_d sl_time, bool waits);
    [[nodiscard]] metrics operator()(double agents) const;

private:
    const queue& q_;
    seconds_d sl_time_;
    bool waits_;
    bool closed_form_a_ = false; ///< Erlang A without lines: the shape below applies
    double session_aht_s_ = 0.0;
    erlang_a_shape shape_;
};

inline constexpr double infinity = std::numeric_limits<double>::infinity();

inline metrics no_arrivals(double agents, double servers) {
    metrics m;
    m.agents = agents;
    m.servers = servers;
    m.sl_answered_within_t_over_offered = 1.0;
    m.sl_answered_within_t_over_answered = 1.0;
    m.sl_virtual = 1.0;
    return m;
}

inline metrics erlang_b_metrics(double servers, double load, double b) {
    metrics m;
    m.erlang_b = b;
    m.p_block = b;
    m.occupancy = load * (1.0 - b) / servers;
    m.sl_answered_within_t_over_offered = 1.0 - b; // answered at once or not at all
    m.sl_answered_within_t_over_answered = 1.0;
    m.sl_virtual = 1.0;
    return m;
}

inline metrics erlang_c_metrics(double servers, double load, double aht_s, double t_s, double b) {
    metrics m;
    m.erlang_b = b;
    if (servers <= load) {
        m.stable = false;
        m.p_wait = 1.0;
        m.p_virtual_wait_gt_t = m.p_wait_gt_t = m.p_served_and_wait_gt_t = 1.0;
        m.asa_all_s = m.asa_served_s = m.mean_virtual_wait_s = infinity;
        m.avg_queue_len = infinity;
        m.occupancy = 1.0;
        return m;
    }
    const double c = servers * b / (servers - load * (1.0 - b));
    const double gap = servers - load;
    const double late = c * std::exp(-gap * t_s / aht_s); // P(W > t) = C·e^{−(n−A)t/AHT}
    m.p_wait = c;
    m.p_virtual_wait_gt_t = m.p_wait_gt_t = m.p_served_and_wait_gt_t = late;
    m.sl_answered_within_t_over_offered = m.sl_answered_within_t_over_answered = m.sl_virtual =
        1.0 - late;
    m.asa_all_s = m.asa_served_s = m.mean_virtual_wait_s = c * aht_s / gap;
    m.avg_queue_len = c * load / gap;
    m.occupancy = load / servers;
    return m;
}

// Erlang A closed forms (docs/domain.md; Mandelbaum & Zeltyn) with x = nμ/θ, y = λ/θ.
// Without `waits`, asa_served_s and mean_virtual_wait_s (the only metrics that need the O(√y)
// series) are left 0 and P(abandon | wait) = 1 − (x/y)(𝒜 − 1)/𝒜 is taken in closed form.
inline metrics erlang_a_metrics(double servers, const detail::erlang_a_shape& shape, bool waits) {
    const double lambda = shape.lambda;
    const double load = shape.load;
    const double patience_s = shape.patience_s;
    const double x = servers * patience_s / shape.aht_s;
    const double y = shape.y;
    const double b = erlang_b(servers, load);
    // P(abandon | wait) = 1 − (x/y)(𝒜 − 1)/𝒜 in closed form; it cancels when callers are very
    // patient, and there (below 1e-4) the all-positive series takes over. Both staffing and full
    // evaluation make the same choice, so they agree to the last bit on every shared metric.
    const detail::palm_inverse_pair palms = detail::palm_factor_inverses(x, y, shape.y_t);
    const detail::palm_inverse& palm = palms.at_y;
    const detail::palm_inverse& palm_t = palms.at_y_t;
    double abandon_given_wait =
        y > 0.0 ? std::max(0.0, 1.0 + (x / y) * palm.inverse_minus_one) : 0.0;
    detail::palm_waits wait_means;
    if (abandon_given_wait < 1e-4) {
        const detail::palm_series s = detail::sum_palm_series(x, y);
        abandon_given_wait = s.abandon_given_wait;
        wait_means = {s.theta_virtual_wait, s.theta_served_wait};
    } else if (waits) {
        wait_means = detail::palm_wait_means(x, y);
    }
    const double p_wait = b / (b + (1.0 - b) * palm.inverse);
    const double p_abandon = p_wait * abandon_given_wait;
    // P(V > t | wait) = γ(x, y_t)/γ(x, y), y_t = y·e^{−θt}, written with Palm factors.
    const double theta_t = shape.theta_t;
    // (as e^{y(1 − e^{−θt}) − xθt}·𝒜(x, y_t)/𝒜(x, y); the exponent stays below 120 wherever the
    // ratio is given directly)
    const double exponent = -y * shape.decay_m1 - x * theta_t;
    const double late_given_wait = std::isnan(palms.ratio) ? std::exp(exponent + palms.log_ratio)
                                                           : std::exp(exponent) * palms.ratio;
    const double p_late = p_wait * late_given_wait;

    // P(served and W > t) = P(V > t)·(1/ρ)·(1 − 1/𝒜(x, y_t)), 1/ρ = x/y.
    const double served_late = y > 0.0 ? p_late * (x / y) * -palm_t.inverse_minus_one : 0.0;
    // (one aggregate, so no zeroing of the whole struct before the stores)
    const double asa_all_s = p_abandon * patience_s; // P(Ab) = θ·E[W]
    return metrics{
        .erlang_b = b,
        .p_wait = p_wait,
        .p_abandon = p_abandon,
        .p_virtual_wait_gt_t = p_late,
        .p_wait_gt_t = p_late * shape.decay,
        .p_served_and_wait_gt_t = served_late,
        .sl_answered_within_t_over_offered = 1.0 - p_abandon - served_late,
        .sl_answered_within_t_over_answered = 1.0 - served_late / (1.0 - p_abandon),
        .sl_virtual = 1.0 - p_late,
        .asa_all_s = asa_all_s,
        .asa_served_s = p_wait * wait_means.theta_served_wait * patience_s / (1.0 - p_abandon),
        .mean_virtual_wait_s = p_wait * wait_means.theta_virtual_wait * patience_s,
        .avg_queue_len = lambda * asa_all_s, // Little
        .occupancy = load * (1.0 - p_abandon) / servers,
    };
}

inline metrics interpolate(const metrics& lo, const metrics& hi, double w) {
    metrics m = lo;
    const auto mix = [w](double a, double b) { return a + w * (b - a); };
    m.erlang_b = mix(lo.erlang_b, hi.erlang_b);
    m.p_block = mix(lo.p_block, hi.p_block);
    m.p_wait = mix(lo.p_wait, hi.p_wait);
    m.p_abandon = mix(lo.p_abandon, hi.p_abandon);
    m.p_virtual_wait_gt_t = mix(lo.p_virtual_wait_gt_t, hi.p_virtual_wait_gt_t);
    m.p_wait_gt_t = mix(lo.p_wait_gt_t, hi.p_wait_gt_t);
    m.p_served_and_wait_gt_t = mix(lo.p_served_and_wait_gt_t, hi.p_served_and_wait_gt_t);
    m.sl_answered_within_t_over_offered =
        mix(lo.sl_answered_within_t_over_offered, hi.sl_answered_within_t_over_offered);
    m.sl_answered_within_t_over_answered =
        mix(lo.sl_answered_within_t_over_answered, hi.sl_answered_within_t_over_answered);
    m.sl_virtual = mix(lo.sl_virtual, hi.sl_virtual);
    m.asa_all_s = mix(lo.asa_all_s, hi.asa_all_s);
    m.asa_served_s = mix(lo.asa_served_s, hi.asa_served_s);
    m.mean_virtual_wait_s = mix(lo.mean_virtual_wait_s, hi.mean_virtual_wait_s);
    m.avg_queue_len = mix(lo.avg_queue_len, hi.avg_queue_len);
    m.occupancy = mix(lo.occupancy, hi.occupancy);
    return m;
}

struct checked {
    double servers;
    double aht;
    double load;
    double t;
};

inline checked check(const queue& q, double agents, seconds_d sl_time) {
    validate(q);
    if (!std::isfinite(agents) || agents <= 0.0) {
        throw wfm::invalid_argument(
            detail::message("erlang::evaluate: agents must be a finite number > 0, got ", agents));
    }
    check_agents("evaluate", agents);
    const double t = sl_time.count();
    if (!std::isfinite(t) || t < 0.0) {
        throw wfm::invalid_argument(detail::message(
            "erlang::evaluate: sl_time must be a finite number of seconds >= 0, got ", t));
    }
    const double aht = session_handle_time(q).count();
    return {agents * static_cast<double>(q.concurrency), aht, q.arrivals_per_s * aht, t};
}

inline bool is_erlang_c(const queue& q) {
    return q.kind == model::erlang_c || (q.patience && std::isinf(q.patience->count()));
}

inline double unit(double p) {
    return std::clamp(p, 0.0, 1.0);
}

// Rounding can push a probability a few ulps outside [0, 1]; report it inside.
inline metrics finish(metrics m, double agents, const checked& c) {
    for (double* p :
         {&m.erlang_b, &m.p_block, &m.p_wait, &m.p_abandon, &m.p_virtual_wait_gt_t, &m.p_wait_gt_t,
          &m.p_served_and_wait_gt_t, &m.sl_answered_within_t_over_offered,
          &m.sl_answered_within_t_over_answered, &m.sl_virtual, &m.occupancy}) {
        *p = unit(*p);
    }
    m.agents = agents;
    m.servers = c.servers;
    m.offered_load_erl = c.load;
    return m;
}

inline erlang_a_shape erlang_a_shape_of(double lambda, double aht_s, double patience_s,
                                        double t_s) {
    const double theta_t = t_s / patience_s;
    const double decay = std::exp(-theta_t);
    const double y = lambda * patience_s;
    return {lambda,  aht_s, patience_s,           lambda * aht_s, y,
            theta_t, decay, std::expm1(-theta_t), y * decay};
}

inline evaluator::evaluator(const queue& q, seconds_d sl_time, bool waits)
    : q_(q), sl_time_(sl_time), waits_(waits) {
    const checked c = check(q, 1.0, sl_time);
    session_aht_s_ = c.aht;
    closed_form_a_ =
        q.kind == model::erlang_a && !is_erlang_c(q) && !q.lines && q.arrivals_per_s > 0.0;
    if (closed_form_a_) {
        shape_ = erlang_a_shape_of(q.arrivals_per_s, c.aht, q.patience->count(), c.t);
    }
}

inline metrics evaluator::operator()(double agents) const {
    if (!closed_form_a_ || !std::isfinite(agents) || agents <= 0.0) {
        return evaluate(q_, agents, sl_time_, waits_); // (and its errors)
    }
    const checked c{agents * static_cast<double>(q_.concurrency), session_aht_s_, shape_.load,
                    sl_time_.count()};
    return finish(erlang_a_metrics(c.servers, shape_, waits_), agents, c);
}

inline metrics evaluate(const queue& q, double agents, seconds_d sl_time, bool waits) {
    const checked c = check(q, agents, sl_time);
    if (q.arrivals_per_s == 0.0) {
        return no_arrivals(agents, c.servers);
    }
    if (q.kind == model::erlang_b || is_erlang_c(q)) {
        return evaluate_with_b(q, agents, sl_time, erlang_b(c.servers, c.load));
    }
    metrics m;
    if (!q.lines) {
        m = erlang_a_metrics(
            c.servers, erlang_a_shape_of(q.arrivals_per_s, c.aht, q.patience->count(), c.t), waits);
    } else {
        const auto at = [&](double whole) {
            return finite_lines_metrics(static_cast<long>(whole), *q.lines, q.arrivals_per_s, c.aht,
                                        q.patience->count(), c.t);
        };
        const double lo = std::floor(c.servers);
        m = lo == c.servers || lo == 0.0 ? at(std::ceil(c.servers))
                                         : interpolate(at(lo), at(lo + 1.0), c.servers - lo);
    }
    return finish(m, agents, c);
}

inline metrics evaluate_with_b(const queue& q, double agents, seconds_d sl_time, double b) {
    const checked c = check(q, agents, sl_time);
    if (q.arrivals_per_s == 0.0) {
        return no_arrivals(agents, c.servers);
    }
    if (q.kind == model::erlang_b) {
        return finish(erlang_b_metrics(c.servers, c.load, b), agents, c);
    }
    if (!is_erlang_c(q)) {
        throw wfm::invalid_argument(
            "erlang::evaluate_with_b: needs the erlang_b or erlang_c model");
    }
    return finish(erlang_c_metrics(c.servers, c.load, c.aht, c.t, b), agents, c);
}

} // namespace wfm::erlang::detail
