// Lagrangian lower bound for the shift-scheduling problem.
//
// Relaxing coverage  Σ_j a_tj x_j + s_t − e_t = r_t  with multipliers −over ≤ λ_t ≤ under gives
//   L(λ) = Σ_t λ_t r_t + N · min(0, min_j (c_j − Σ_t λ_t a_tj)),
// valid for any cap N on the number of tours that an optimal schedule respects: the headcount
// limit, objective / cheapest tour, or (Σ r + objective / over) / smallest tour coverage.
// A second bound needs no cap: for λ ≥ 0 scaled by α = min_j c_j / Σ_t λ_t a_tj every reduced
// cost is ≥ 0, so α Σ_t λ_t r_t is a dual-feasible value. Pricing over-estimates Σ λ a_j
// (each break's window minimised on its own, ignoring overlap between breaks and the rest rule
// between days), which only weakens the bound. Side limits (per template, per day, part-time)
// are dropped, which also only weakens it. Multipliers follow projected subgradient steps
// (Held, Wolfe & Crowder 1974) with the Polyak step length.
#include "bound.hpp"

#include <wfm/schedule/detail/index.hpp>
#include <wfm/schedule/detail/model.hpp>
#include <wfm/schedule/solve.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

namespace wfm::schedule {
namespace {

using detail::model;
using detail::to_index;

struct pricing {
    double min_rc = 0;
    double max_ratio = 0; ///< max_j Σ λ a_j / c_j
    int k = -1;
    int si = 0;
    int p = 0;
    bool cut_short = false; ///< the deadline stopped the pricing (the rest is not valid)
};

class lagrangian {
public:
    explicit lagrangian(const model& m) : m_(m), prefix_(2 * to_index(m.intervals) + 1, 0.0) {
        value_.resize(m.templates.size());
        best_start_.resize(m.templates.size());
        for (std::size_t k = 0; k < m.templates.size(); ++k) {
            value_[k].assign(m.templates[k].starts.size() * to_index(m.days), 0.0);
            best_start_[k].assign(m.templates[k].starts.size() * to_index(m.days), 0);
        }
    }

    /// Prices every tour column for multipliers λ.
    pricing price(const std::vector<double>& lambda,
                  std::chrono::steady_clock::time_point deadline) {
        const int T = m_.intervals;
        for (int t = 0; t < 2 * T; ++t) {
            const double v =
                t < T ? lambda[to_index(t)] : (m_.cyclic ? lambda[to_index(t - T)] : 0.0);
            prefix_[to_index(t) + 1] = prefix_[to_index(t)] + v;
        }
        pricing out;
        out.min_rc = std::numeric_limits<double>::infinity();
        for (std::size_t k = 0; k < m_.templates.size(); ++k) {
            if ((k & 63U) == 63U && std::chrono::steady_clock::now() > deadline) {
                out.cut_short = true;
                return out;
            }
            const auto& c = m_.templates[k];
            const std::size_t ns = c.starts.size();
            std::vector<double>& val = value_[k];
            for (std::size_t si = 0; si < ns; ++si) {
                for (int d = 0; d < m_.days; ++d) {
                    val[si * to_index(m_.days) + to_index(d)] = day_value(c, d, c.starts[si]);
                }
            }
            for (std::size_t si = 0; si < ns; ++si) {
                for (const int pat : c.patterns) {
                    double v = 0;
                    for (const int d : m_.pattern_days[to_index(pat)]) {
                        v += band_value(k, si, d);
                    }
                    const double cost =
                        c.cost * static_cast<double>(m_.pattern_days[to_index(pat)].size());
                    const double rc = cost - v;
                    if (rc < out.min_rc) {
                        out = pricing{rc, out.max_ratio, static_cast<int>(k), static_cast<int>(si),
                                      pat};
                    }
                    if (v > 0) {
                        out.max_ratio = cost > 0 ? std::max(out.max_ratio, v / cost)
                                                 : std::numeric_limits<double>::infinity();
                    }
                }
            }
        }
        return out;
    }

    /// Adds −scale × a_j of the priced column (with its best breaks) to g.
    void subtract_column(const pricing& pr, double scale, std::vector<double>& g) const {
        const auto& c = m_.templates[to_index(pr.k)];
        for (const int d : m_.pattern_days[to_index(pr.p)]) {
            const int s =
                best_start_[to_index(pr.k)][to_index(pr.si) * to_index(m_.days) + to_index(d)];
            for (int o = 0; o < c.length; ++o) {
                const int t = m_.at(d, s, o);
                if (t >= 0) {
                    g[to_index(t)] -= scale;
                }
            }
            for (std::size_t b = 0; b < c.break_length.size(); ++b) {
                const int o = best_break(c, d, s, b);
                for (int i = 0; i < c.break_length[b]; ++i) {
                    const int t = m_.at(d, s, o + i);
                    if (t >= 0) {
                        g[to_index(t)] += scale;
                    }
                }
            }
        }
    }

private:
    double sum(int from, int to) const { return prefix_[to_index(to)] - prefix_[to_index(from)]; }

    int best_break(const detail::compiled_template& c, int d, int s, std::size_t b) const {
        const int base = d * m_.periods + s;
        double lo = std::numeric_limits<double>::infinity();
        int arg = c.break_earliest[b];
        for (int o = c.break_earliest[b]; o <= c.break_latest[b]; ++o) {
            const double v = sum(base + o, base + o + c.break_length[b]);
            if (v < lo) {
                lo = v;
                arg = o;
            }
        }
        return arg;
    }

    /// max over break placements of Σ λ over the working intervals (breaks relaxed).
    double day_value(const detail::compiled_template& c, int d, int s) const {
        const int base = d * m_.periods + s;
        double v = sum(base, base + c.length);
        for (std::size_t b = 0; b < c.break_length.size(); ++b) {
            const int o = best_break(c, d, s, b);
            v -= sum(base + o, base + o + c.break_length[b]);
        }
        return v;
    }

    /// Best day value over the starts within the band around start index si.
    double band_value(std::size_t k, std::size_t si, int d) {
        const auto& c = m_.templates[k];
        const std::size_t D = to_index(m_.days);
        const std::vector<double>& val = value_[k];
        double best = val[si * D + to_index(d)];
        int arg = c.starts[si];
        if (m_.band > 0) {
            for (std::size_t sj = 0; sj < c.starts.size(); ++sj) {
                if (std::abs(c.starts[sj] - c.starts[si]) <= m_.band &&
                    val[sj * D + to_index(d)] > best) {
                    best = val[sj * D + to_index(d)];
                    arg = c.starts[sj];
                }
            }
        }
        best_start_[k][si * D + to_index(d)] = arg;
        return best;
    }

    const model& m_;
    std::vector<double> prefix_;
    std::vector<std::vector<double>> value_;
    std::vector<std::vector<int>> best_start_;
};

/// Fewest agent-intervals a tour of template c works (on shift, within the horizon, breaks
/// excluded): per start, the sum over a pattern's days of the day's work, minimised.
double least_work_of(const model& m, const detail::compiled_template& c) {
    int breaks = 0;
    for (const int l : c.break_length) {
        breaks += l;
    }
    const std::size_t D = to_index(m.days);
    std::vector<int> day_work(D * c.starts.size());
    for (std::size_t si = 0; si < c.starts.size(); ++si) {
        for (std::size_t d = 0; d < D; ++d) {
            int span = 0;
            for (int o = 0; o < c.length; ++o) {
                span += m.at(static_cast<int>(d), c.starts[si], o) >= 0 ? 1 : 0;
            }
            day_work[si * D + d] = std::max(0, span - breaks);
        }
    }
    double least = std::numeric_limits<double>::infinity();
    for (const int pat : c.patterns) {
        for (std::size_t si = 0; si < c.starts.size(); ++si) {
            double work = 0;
            for (const int d : m.pattern_days[to_index(pat)]) {
                work += day_work[si * D + to_index(d)];
            }
            least = std::min(least, work);
        }
    }
    return least;
}

/// Largest number of tours an optimal schedule can have, from the objective value `upper`.
double tour_cap(const problem& p, const model& m, double upper) {
    double cap = std::numeric_limits<double>::infinity();
    if (p.limits.max_headcount) {
        cap = *p.limits.max_headcount;
    }
    double cheapest = std::numeric_limits<double>::infinity();
    double least_work = std::numeric_limits<double>::infinity();
    for (const auto& c : m.templates) {
        for (const int pat : c.patterns) {
            cheapest = std::min(cheapest,
                                c.cost * static_cast<double>(m.pattern_days[to_index(pat)].size()));
        }
        if (m.w_over > 0) { // only the excess price makes the work cap count
            least_work = std::min(least_work, least_work_of(m, c));
        }
    }
    if (cheapest > 0) {
        cap = std::min(cap, std::floor(upper / cheapest + 1e-9));
    }
    if (m.w_over > 0 && least_work > 0) {
        double total = 0;
        for (const double r : m.required) {
            total += r;
        }
        cap = std::min(cap, std::floor((upper / m.w_over + total) / least_work + 1e-9));
    }
    return cap;
}

} // namespace

std::optional<double> lagrangian_bound(const problem& p, double upper, int max_iterations) {
    return lagrangian_bound(p, upper, max_iterations, std::chrono::steady_clock::time_point::max())
        .value;
}

bound_result lagrangian_bound(const problem& p, double upper, int max_iterations,
                              std::chrono::steady_clock::time_point deadline) {
    if (std::chrono::steady_clock::now() > deadline) {
        bound_result none; // before any work that depends on the problem's size
        none.cut_short = true;
        return none;
    }
    return detail::lagrangian_bound(p, detail::compile(p), upper, max_iterations, deadline);
}

namespace detail {

namespace {

/// Starting multipliers: the cheapest labour price of one covered agent-interval wherever
/// agents are required.
std::vector<double> initial_multipliers(const model& m) {
    double price = std::numeric_limits<double>::infinity();
    for (const auto& c : m.templates) {
        int breaks = 0;
        for (const int l : c.break_length) {
            breaks += l;
        }
        price = std::min(price, c.cost / std::max(1, c.length - breaks));
    }
    price = std::clamp(price, -m.w_over, m.w_under);
    std::vector<double> lambda(to_index(m.intervals));
    for (std::size_t t = 0; t < lambda.size(); ++t) {
        lambda[t] = m.required[t] > 0 ? price : 0.0;
    }
    return lambda;
}

/// The Lagrangian dual value at `lambda` from one pricing pass (capped tours, and the ratio
/// bound when every multiplier is non-negative).
double dual_value(const model& m, const std::vector<double>& lambda, const pricing& pr,
                  double cap) {
    double base = 0;
    for (std::size_t t = 0; t < lambda.size(); ++t) {
        base += lambda[t] * m.required[t];
    }
    double value = -std::numeric_limits<double>::infinity();
    if (pr.min_rc >= 0) {
        value = base;
    } else if (std::isfinite(cap)) {
        value = base + cap * pr.min_rc;
    }
    const bool nonneg = std::all_of(lambda.begin(), lambda.end(), [](double l) { return l >= 0; });
    if (nonneg && std::isfinite(pr.max_ratio)) {
        value = std::max(value, pr.max_ratio > 0 ? base / std::max(1.0, pr.max_ratio) : base);
    }
    return value;
}

} // namespace

bound_result lagrangian_bound(const problem& p, const model& m, double upper, int max_iterations,
                              std::chrono::steady_clock::time_point deadline) {
    bound_result result;
    if (!std::isfinite(upper) || upper < 0) {
        return result;
    }
    if (std::chrono::steady_clock::now() > deadline) {
        result.cut_short = true;
        return result;
    }
    const double cap = tour_cap(p, m, upper);
    const std::size_t T = to_index(m.intervals);
    std::vector<double> lambda = initial_multipliers(m);
    lagrangian lr(m);
    std::vector<double> g(T);
    double best = -std::numeric_limits<double>::infinity();
    double theta = 1.0;
    int stall = 0;
    for (int it = 0; it < max_iterations && theta > 1e-5; ++it) {
        if (std::chrono::steady_clock::now() > deadline) {
            result.cut_short = true;
            break;
        }
        const pricing pr = lr.price(lambda, deadline);
        if (pr.cut_short) {
            result.cut_short = true;
            break;
        }
        ++result.iterations;
        const double value = dual_value(m, lambda, pr, cap);
        if (value > best + 1e-9 * std::max(1.0, std::isfinite(best) ? std::abs(best) : 1.0)) {
            best = value;
            stall = 0;
        } else if (++stall >= 150) {
            theta *= 0.5;
            stall = 0;
        }
        // Subgradient of the capped Lagrangian.
        std::copy(m.required.begin(), m.required.end(), g.begin());
        if (pr.min_rc < 0 && pr.k >= 0) {
            lr.subtract_column(pr, std::isfinite(cap) ? cap : 1.0, g);
        }
        double norm = 0;
        for (const double x : g) {
            norm += x * x;
        }
        if (norm <= 0) {
            break;
        }
        const double target = std::isfinite(value) ? value : best;
        const double step = theta * std::max(upper - target, 1e-6 * std::max(1.0, upper)) / norm;
        for (std::size_t t = 0; t < T; ++t) {
            lambda[t] = std::clamp(lambda[t] + step * g[t], -m.w_over, m.w_under);
        }
    }
    if (best > 0 && std::isfinite(best)) {
        result.value = std::min(best, upper);
    }
    return result;
}

} // namespace detail

} // namespace wfm::schedule
