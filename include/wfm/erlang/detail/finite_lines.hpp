#pragma once
/// Internal: M/M/n/K+M, the Erlang A queue with finite lines, as an exact birth-death chain.

#include <wfm/erlang/detail/policy.hpp>
#include <wfm/erlang/formulas.hpp>
#include <wfm/erlang/types.hpp>

#include <boost/math/special_functions/beta.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace wfm::erlang::detail {

// M/M/n/K+M: exact birth-death chain on 0..K; given q callers ahead, V = Σ_{m=0..q} Exp(θ(x+m))
// and 1 − e^{−θV} ~ Beta(q+1, x), so P(V ≤ t) = I_z(q+1, x) with z = 1 − e^{−θt}.
inline metrics finite_lines_metrics(long servers, long lines, double lambda, double aht_s,
                                    double patience_s, double t_s) {
    const double mu = 1.0 / aht_s;
    const double theta = 1.0 / patience_s;
    const double n = static_cast<double>(servers);
    std::vector<double> p(static_cast<std::size_t>(lines) + 1);
    p[0] = 1.0;
    double total = 1.0;
    for (long k = 1; k <= lines; ++k) {
        const double kd = static_cast<double>(k);
        const double rate = std::min(kd, n) * mu + std::max(kd - n, 0.0) * theta;
        double v = p[static_cast<std::size_t>(k - 1)] * lambda / rate;
        if (v > 1e250) { // rescale everything so far
            for (long i = 0; i < k; ++i) {
                p[static_cast<std::size_t>(i)] *= 1e-250;
            }
            total *= 1e-250;
            v *= 1e-250;
        }
        p[static_cast<std::size_t>(k)] = v;
        total += v;
    }
    for (double& v : p) {
        v /= total;
    }
    metrics m;
    m.erlang_b = erlang_b(n, lambda * aht_s);
    m.p_block = p.back();
    const double x = n * mu / theta;
    const double z = -std::expm1(-theta * t_s);
    double h = 1.0 / x; // H_q = Σ_{m=0..q} 1/(x+m)
    double p_wait = 0.0;
    double p_abandon = 0.0;
    double p_late = 0.0;
    double served_late = 0.0;
    double virtual_wait = 0.0;
    double served_wait = 0.0;
    double queue_len = 0.0;
    for (long k = servers; k < lines; ++k) {
        const double pk = p[static_cast<std::size_t>(k)];
        const double q = static_cast<double>(k - servers);
        const double h_next = h + 1.0 / (x + q + 1.0);
        p_wait += pk;
        p_abandon += pk * (q + 1.0) / (x + q + 1.0);
        // (states with probability below 1e-300 skip the beta laws: they cannot move a sum)
        const bool exact = z > 0.0 && pk > 1e-300;
        p_late += pk * (exact ? boost::math::ibetac(q + 1.0, x, z, fast_policy{}) : 1.0);
        served_late += pk * x / (x + q + 1.0) *
                       (exact ? boost::math::ibetac(q + 1.0, x + 1.0, z, fast_policy{}) : 1.0);
        virtual_wait += pk * h / theta;
        served_wait += pk * x / (x + q + 1.0) * (h_next - 1.0 / x) / theta;
        queue_len += pk * q;
        h = h_next;
    }
    queue_len += m.p_block * static_cast<double>(std::max(lines - servers, 0L));
    const double admitted = 1.0 - m.p_block;
    const double served = admitted - p_abandon;
    m.p_wait = p_wait;
    m.p_abandon = p_abandon;
    m.p_virtual_wait_gt_t = p_late;
    m.p_wait_gt_t = p_late * std::exp(-theta * t_s);
    m.p_served_and_wait_gt_t = served_late;
    m.sl_answered_within_t_over_offered = served - served_late;
    m.sl_answered_within_t_over_answered = served > 0.0 ? 1.0 - served_late / served : 0.0;
    m.sl_virtual = 1.0 - p_late;
    m.asa_all_s = admitted > 0.0 ? p_abandon / theta / admitted : 0.0;
    m.asa_served_s = served > 0.0 ? served_wait / served : 0.0;
    m.mean_virtual_wait_s = admitted > 0.0 ? virtual_wait / admitted : 0.0;
    m.avg_queue_len = queue_len;
    m.occupancy = lambda * served / (n * mu);
    return m;
}

} // namespace wfm::erlang::detail
