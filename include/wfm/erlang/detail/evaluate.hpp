#pragma once
/// Internal: metric evaluation with an option to skip the costly wait means.

#include <wfm/erlang/queue.hpp>

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

} // namespace wfm::erlang::detail
