#include "day_sim_detail.hpp"

#include <wfm/core/error.hpp>

#include <Eigen/Cholesky>
#include <boost/math/distributions/poisson.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

namespace wfm::sim {
namespace {

[[noreturn]] void reject(const std::string& what) {
    throw invalid_argument("simulate: " + what);
}

bool finite_non_negative(double v) {
    return std::isfinite(v) && v >= 0.0;
}

void check_dist(const duration_dist& d, const std::string& name, bool none_allowed) {
    using k = duration_dist::kind;
    if (d.type == k::none && !none_allowed) {
        reject(name + " needs a distribution");
    }
    if ((d.type == k::exponential || d.type == k::lognormal) &&
        !(std::isfinite(d.mean_s) && d.mean_s > 0.0)) {
        reject(fmt::format("{} mean must be finite and > 0, got {}", name, d.mean_s));
    }
    if (d.type == k::lognormal && !(std::isfinite(d.cv) && d.cv > 0.0)) {
        reject(fmt::format("{} cv must be finite and > 0, got {}", name, d.cv));
    }
    if (d.type == k::empirical &&
        (d.samples_s.empty() ||
         !std::all_of(d.samples_s.begin(), d.samples_s.end(), finite_non_negative))) {
        reject(name + " samples must be non-empty, finite and >= 0");
    }
}

// Checks a queue; returns its expected arrivals per replication.
double check_queue(const sim_model& m, std::size_t q) {
    const auto& s = m.queues[q];
    const std::string name = fmt::format("queues[{}]", q);
    if (s.pool < 0 || static_cast<std::size_t>(s.pool) >= m.pools.size()) {
        reject(fmt::format("{}.pool {} is not one of the {} pools", name, s.pool, m.pools.size()));
    }
    check_dist(s.handle, name + ".handle", false);
    check_dist(s.patience, name + ".patience", true);
    check_dist(s.retry_delay, name + ".retry_delay", true);
    if (!(s.retry_share >= 0.0 && s.retry_share <= 1.0)) {
        reject(fmt::format("{}.retry_share must be in [0, 1], got {}", name, s.retry_share));
    }
    if (!(s.blocked_retry_share <= 1.0)) {
        reject(fmt::format("{}.blocked_retry_share must be at most 1, got {}", name,
                           s.blocked_retry_share));
    }
    if (!std::isfinite(s.sl_time_s)) {
        reject(fmt::format("{}.sl_time_s must be finite, got {}", name, s.sl_time_s));
    }
    if (!s.handle_factor.empty() &&
        (s.handle_factor.size() != static_cast<std::size_t>(m.intervals) ||
         !std::all_of(s.handle_factor.begin(), s.handle_factor.end(),
                      [](double f) { return std::isfinite(f) && f > 0.0; }))) {
        reject(fmt::format("{}.handle_factor needs one finite factor > 0 per interval ({} for {} "
                           "intervals)",
                           name, s.handle_factor.size(), m.intervals));
    }
    if (!s.replay_s.empty()) {
        if (!std::all_of(s.replay_s.begin(), s.replay_s.end(), finite_non_negative) ||
            !std::is_sorted(s.replay_s.begin(), s.replay_s.end())) {
            reject(name + ".replay_s must be finite, >= 0 and sorted");
        }
        return static_cast<double>(s.replay_s.size());
    }
    if (s.arrivals_per_s.size() != static_cast<std::size_t>(m.intervals)) {
        reject(fmt::format("{}.arrivals_per_s has {} rates for {} intervals", name,
                           s.arrivals_per_s.size(), m.intervals));
    }
    double expected = 0.0;
    for (const double r : s.arrivals_per_s) {
        if (!finite_non_negative(r)) {
            reject(fmt::format("{}.arrivals_per_s must be finite and >= 0, got {}", name, r));
        }
        expected += r * m.interval_s;
    }
    return expected;
}

void check_pool(const sim_pool& p, std::size_t index) {
    if (p.concurrency < 1 || p.concurrency > 1000) {
        reject(
            fmt::format("pools[{}].concurrency must be in 1..1000, got {}", index, p.concurrency));
    }
    auto changes = p.changes;
    std::sort(changes.begin(), changes.end(),
              [](const auto& a, const auto& b) { return a.at_s < b.at_s; });
    long on_duty = 0;
    for (const auto& c : changes) {
        on_duty += c.delta;
        if (!finite_non_negative(c.at_s) || on_duty < 0 || on_duty > 10'000'000) {
            reject(fmt::format("pools[{}]: agents on duty must stay in 0..10000000 at finite "
                               "times >= 0 (at {} s: {})",
                               index, c.at_s, on_duty));
        }
    }
}

void check(const sim_model& m, const sim_options& o) {
    if (!(std::isfinite(m.interval_s) && m.interval_s > 0.0)) {
        reject(fmt::format("interval_s must be finite and > 0, got {}", m.interval_s));
    }
    if (m.intervals < 1 || m.queues.empty() ||
        static_cast<double>(m.intervals) * static_cast<double>(m.queues.size()) > 250000) {
        // The tallies take about 300 bytes per queue interval.
        reject(fmt::format("needs 1 or more intervals and queues, at most 250000 queue "
                           "intervals (got {} intervals, {} queues)",
                           m.intervals, m.queues.size()));
    }
    if (!finite_non_negative(m.sl_time_s)) {
        reject(fmt::format("sl_time_s must be finite and >= 0, got {}", m.sl_time_s));
    }
    if (o.replications < 2 || o.replications > 1'000'000) {
        reject(fmt::format("replications must be in 2..1000000, got {}", o.replications));
    }
    if (!(o.confidence > 0.0 && o.confidence < 1.0)) {
        reject(fmt::format("confidence must be in (0, 1), got {}", o.confidence));
    }
    for (std::size_t p = 0; p < m.pools.size(); ++p) {
        check_pool(m.pools[p], p);
    }
    for (std::size_t k = 0; k < o.periods.size(); ++k) {
        const auto [first, last] = o.periods[k];
        if (first < 0 || last <= first || last > m.intervals) {
            reject(fmt::format("periods[{}] must be a range of intervals in 0..{}, got [{}, {})", k,
                               m.intervals, first, last));
        }
    }
    double expected = 0.0;
    for (std::size_t q = 0; q < m.queues.size(); ++q) {
        expected += check_queue(m, q);
    }
    if (expected > o.max_contacts) {
        reject(fmt::format("{:.0f} expected contacts per replication exceed the limit {:.0f}",
                           expected, o.max_contacts));
    }
}

// Per queue interval: sums and sums of squares of the plain figures over replications, and
// the cross sums of the two ratios.
enum figure : std::size_t {
    f_offered,
    f_blocked,
    f_answered,
    f_abandoned,
    f_within,
    f_wait,
    f_starts,
    f_abandonments,
    f_busy,
    f_full,
    f_waiting,
    f_count
};
// Control variates of an interval (docs/methods.md, "Simulation"), each less its known
// expectation: the Poisson arrivals and their handle times in the interval and in the one
// before, and the infinite-server shadow (contacts whose handle time would still run had each
// started on arrival; Poisson with a known mean for exponential handle times) at the
// interval's end, and its excess over the pool's slots at the middle and the end of the
// interval and at the end of the one before.
constexpr std::size_t n_controls = 8;
using controls = std::array<double, n_controls>;

struct sums {
    std::array<double, f_count> s{}, ss{};
    double within_offered = 0.0, wait_answered = 0.0, answered_offered = 0.0,
           abandoned_offered = 0.0;
    controls cs{};                                    ///< Σ c
    std::array<double, n_controls * n_controls> cc{}; ///< Σ c cᵀ
    std::array<controls, f_count> cy{};               ///< Σ c y per figure
    bool controlled = false; ///< the controls apply (Poisson arrivals of known rate)
};

void accumulate_controls(sums& a, const controls& c, const std::array<double, f_count>& x) {
    a.controlled = true;
    for (std::size_t j = 0; j < n_controls; ++j) {
        a.cs[j] += c[j];
        for (std::size_t l = 0; l < n_controls; ++l) {
            a.cc[j * n_controls + l] += c[j] * c[l];
        }
        for (std::size_t f = 0; f < f_count; ++f) {
            a.cy[f][j] += c[j] * x[f];
        }
    }
}

// Mean handle time of a queue's distribution before the interval's factor.
double mean_handle(const duration_dist& d) {
    if (d.type == duration_dist::kind::empirical) {
        double sum = 0.0;
        for (const double x : d.samples_s) {
            sum += x;
        }
        return d.samples_s.empty() ? 0.0 : sum / static_cast<double>(d.samples_s.size());
    }
    return d.mean_s;
}

// E[(X − c)⁺] for X Poisson with mean m: m P(X ≥ c) − c P(X ≥ c + 1).
double poisson_excess(double m, double c) {
    if (!(m > 0.0)) {
        return std::max(0.0, -c);
    }
    if (c <= 0.0) {
        return m - c;
    }
    const boost::math::poisson_distribution<double> x{m};
    return m * boost::math::cdf(boost::math::complement(x, c - 1.0)) -
           c * boost::math::cdf(boost::math::complement(x, c));
}

// Per queue and interval the controls' expectations and the slots the excess is taken over.
struct control_means {
    std::vector<double> arrivals, work, shadow_end, excess_end, excess_mid, slots_end, slots_mid;
    bool shadow = false; ///< exponential handle times: the shadow controls apply
};

// Agents on duty of a pool at t (changes at t included).
double slots_at(const std::vector<staffing_change>& sorted, double t, int concurrency) {
    long level = 0;
    for (const auto& c : sorted) {
        if (c.at_s > t) {
            break;
        }
        level += c.delta;
    }
    return static_cast<double>(std::max(0L, level) * concurrency);
}

std::vector<control_means> means_of(const sim_model& m) {
    const auto n = static_cast<std::size_t>(m.intervals);
    const double len = m.interval_s;
    std::vector<control_means> out(m.queues.size());
    for (std::size_t q = 0; q < m.queues.size(); ++q) {
        const auto& spec = m.queues[q];
        auto& c = out[q];
        if (!spec.replay_s.empty()) {
            continue;
        }
        const double h = mean_handle(spec.handle);
        const auto factor = [&](std::size_t i) {
            return spec.handle_factor.empty() ? 1.0 : spec.handle_factor[i];
        };
        double longest = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            const double a = spec.arrivals_per_s[i] * len;
            c.arrivals.push_back(a);
            c.work.push_back(a * h * factor(i));
            longest = std::max(longest, h * factor(i));
        }
        c.shadow = spec.handle.type == duration_dist::kind::exponential && longest > 0.0;
        if (!c.shadow) {
            continue;
        }
        const auto& pool = m.pools[static_cast<std::size_t>(spec.pool)];
        auto sorted = pool.changes;
        std::sort(sorted.begin(), sorted.end(),
                  [](const auto& x, const auto& y) { return x.at_s < y.at_s; });
        // E[shadow at τ] = Σ_k λ_k m_k (e^{−(τ − b_k)/m_k} − e^{−(τ − a_k)/m_k}) over the
        // arrival intervals [a_k, b_k) before τ, m_k that interval's mean handle time.
        const auto shadow_mean = [&](std::size_t i, double tau) {
            double sum = 0.0;
            for (std::size_t k = i + 1; k-- > 0;) {
                const double a = static_cast<double>(k) * len;
                const double b = std::min(tau, a + len);
                if (tau - b > 40.0 * longest) {
                    break;
                }
                const double mk = h * factor(k);
                if (spec.arrivals_per_s[k] > 0.0 && mk > 0.0) {
                    sum += spec.arrivals_per_s[k] * mk *
                           (std::exp(-(tau - b) / mk) - std::exp(-(tau - a) / mk));
                }
            }
            return sum;
        };
        for (std::size_t i = 0; i < n; ++i) {
            const double mid = (static_cast<double>(i) + 0.5) * len;
            const double end = (static_cast<double>(i) + 1.0) * len;
            const double s_mid = shadow_mean(i, mid);
            const double s_end = shadow_mean(i, end);
            c.slots_mid.push_back(slots_at(sorted, mid, pool.concurrency));
            c.slots_end.push_back(slots_at(sorted, end, pool.concurrency));
            c.shadow_end.push_back(s_end);
            c.excess_mid.push_back(poisson_excess(s_mid, c.slots_mid.back()));
            c.excess_end.push_back(poisson_excess(s_end, c.slots_end.back()));
        }
    }
    return out;
}

void accumulate(sums& a, const std::array<double, f_count>& x) {
    for (std::size_t f = 0; f < f_count; ++f) {
        a.s[f] += x[f];
        a.ss[f] += x[f] * x[f];
    }
    a.within_offered += x[f_within] * x[f_offered];
    a.wait_answered += x[f_wait] * x[f_answered];
    a.answered_offered += x[f_answered] * x[f_offered];
    a.abandoned_offered += x[f_abandoned] * x[f_offered];
}

// Adds one replication: per queue interval into `acc`, per queue period into `periods`.
void add(std::vector<sums>& acc, std::vector<sums>& periods, const std::vector<detail::tally>& t,
         const sim_model& m, const sim_options& o, const std::vector<control_means>& means,
         std::vector<std::array<double, f_count>>& xs) {
    const auto n = static_cast<std::size_t>(m.intervals);
    xs.resize(n);
    for (std::size_t q = 0; q < m.queues.size(); ++q) {
        const auto& spec = m.queues[q];
        const double k = m.pools[static_cast<std::size_t>(spec.pool)].concurrency;
        const bool poisson = spec.replay_s.empty();
        const auto& cm = means[q];
        // Exponential patience: abandonments in an interval are estimated by θ ∫ Q dt (the
        // conditional expectation given the waiting line's path), not counted.
        const double theta = spec.patience.type == duration_dist::kind::exponential
                                 ? 1.0 / spec.patience.mean_s
                                 : 0.0;
        double waiting = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            const auto& r = t[q * n + i];
            waiting += r.entered - r.left;
            xs[i] = {r.offered,
                     r.blocked,
                     r.answered,
                     r.abandoned,
                     r.within,
                     r.wait_sum,
                     r.starts,
                     theta > 0.0 ? theta * r.wait_area : r.abandonments,
                     r.busy_time / m.interval_s / k,
                     r.full_time / m.interval_s,
                     waiting};
            accumulate(acc[q * n + i], xs[i]);
            if (poisson) {
                controls c{r.fresh - cm.arrivals[i], r.fresh_work - cm.work[i]};
                if (i > 0) {
                    const auto& prev = t[q * n + i - 1];
                    c[2] = prev.fresh - cm.arrivals[i - 1];
                    c[3] = prev.fresh_work - cm.work[i - 1];
                }
                if (cm.shadow) {
                    c[4] = r.shadow_end - cm.shadow_end[i];
                    c[5] = std::max(0.0, r.shadow_end - cm.slots_end[i]) - cm.excess_end[i];
                    c[6] = std::max(0.0, r.shadow_mid - cm.slots_mid[i]) - cm.excess_mid[i];
                    if (i > 0) {
                        const auto& prev = t[q * n + i - 1];
                        c[7] = std::max(0.0, prev.shadow_end - cm.slots_end[i - 1]) -
                               cm.excess_end[i - 1];
                    }
                }
                accumulate_controls(acc[q * n + i], c, xs[i]);
            }
        }
        for (std::size_t p = 0; p < o.periods.size(); ++p) {
            const auto first = static_cast<std::size_t>(o.periods[p].first);
            const auto last = static_cast<std::size_t>(o.periods[p].second);
            std::array<double, f_count> x{};
            for (std::size_t i = first; i < last; ++i) {
                for (std::size_t f = 0; f < f_count; ++f) {
                    x[f] += xs[i][f];
                }
            }
            const auto len = static_cast<double>(last - first);
            x[f_busy] /= len;
            x[f_full] /= len;
            x[f_waiting] = xs[last - 1][f_waiting];
            accumulate(periods[q * o.periods.size() + p], x);
        }
    }
}

struct summariser {
    double n;
    double t; // Student-t quantile

    [[nodiscard]] estimate plain(const sums& a, figure f) const {
        const double mean = a.s[f] / n;
        const double var = std::max(0.0, (a.ss[f] - n * mean * mean) / (n - 1));
        return {mean, t * std::sqrt(var / n)};
    }
    // The regression control-variate estimator ȳ − βᵀ c̄ with β fitted on the replications
    // (consistent, bias O(1/n)); its half-width from the residual variance with n − 1 − k
    // degrees of freedom. Plain below 50 replications or without controls. A count never
    // goes below 0 and a probability stays in [0, 1].
    [[nodiscard]] estimate controlled(const sums& a, figure f, double hi = 1e300) const {
        const estimate p = plain(a, f);
        if (!a.controlled || n < 50) {
            return p;
        }
        Eigen::Matrix<double, n_controls, n_controls> sxx;
        Eigen::Matrix<double, n_controls, 1> sxy;
        Eigen::Matrix<double, n_controls, 1> cbar;
        const double ybar = a.s[f] / n;
        for (std::size_t j = 0; j < n_controls; ++j) {
            cbar(static_cast<Eigen::Index>(j)) = a.cs[j] / n;
        }
        double trace = 0.0;
        for (std::size_t j = 0; j < n_controls; ++j) {
            const auto ej = static_cast<Eigen::Index>(j);
            for (std::size_t l = 0; l < n_controls; ++l) {
                const auto el = static_cast<Eigen::Index>(l);
                sxx(ej, el) = a.cc[j * n_controls + l] / n - cbar(ej) * cbar(el);
            }
            sxy(ej) = a.cy[f][j] / n - cbar(ej) * ybar;
            trace += sxx(ej, ej);
        }
        if (!(trace > 0.0)) {
            return p;
        }
        // A control without variance (a closed interval) gets no weight.
        sxx.diagonal().array() += 1e-12 * trace;
        const Eigen::Matrix<double, n_controls, 1> beta = sxx.ldlt().solve(sxy);
        const double syy = std::max(0.0, a.ss[f] / n - ybar * ybar);
        const double resid = std::max(0.0, syy - sxy.dot(beta));
        const double dof = n - 1.0 - static_cast<double>(n_controls);
        const double mean = std::clamp(ybar - beta.dot(cbar), 0.0, hi);
        return {mean, t * std::sqrt(resid * n / dof / n)};
    }
    // Ratio estimator Σx/Σy with the delta-method variance Σ(x − r y)² / (n − 1).
    [[nodiscard]] estimate ratio(const sums& a, figure x, figure y, double xy) const {
        if (a.s[y] == 0.0) {
            return {0.0, 0.0, false};
        }
        const double r = a.s[x] / a.s[y];
        const double ybar = a.s[y] / n;
        const double ssr = std::max(0.0, a.ss[x] - 2 * r * xy + r * r * a.ss[y]);
        return {r, t * std::sqrt(ssr / (n - 1) / n) / ybar};
    }
    [[nodiscard]] interval_figures figures(const sums& a) const {
        interval_figures f;
        f.offered = controlled(a, f_offered);
        f.blocked = controlled(a, f_blocked);
        f.answered = controlled(a, f_answered);
        f.abandoned = controlled(a, f_abandoned);
        f.answered_within_t = controlled(a, f_within);
        f.sl = ratio(a, f_within, f_offered, a.within_offered);
        f.asa_s = ratio(a, f_wait, f_answered, a.wait_answered);
        f.answer_rate = ratio(a, f_answered, f_offered, a.answered_offered);
        f.abandon_rate = ratio(a, f_abandoned, f_offered, a.abandoned_offered);
        f.starts = controlled(a, f_starts);
        f.abandonments = controlled(a, f_abandonments);
        f.busy_agents = controlled(a, f_busy);
        f.p_wait = controlled(a, f_full, 1.0);
        f.waiting_at_end = controlled(a, f_waiting);
        return f;
    }
};

} // namespace

sim_pool pool_from_coverage(const std::vector<int>& agents, double interval_s, int concurrency) {
    sim_pool p;
    p.concurrency = concurrency;
    int previous = 0;
    for (std::size_t i = 0; i < agents.size(); ++i) {
        if (agents[i] != previous) {
            p.changes.push_back({interval_s * static_cast<double>(i), agents[i] - previous});
            previous = agents[i];
        }
    }
    return p;
}

void add_agent_lines(std::vector<sim_pool>& pools, const std::vector<agent_line>& lines) {
    for (const auto& l : lines) {
        if (l.pool < 0) {
            reject(fmt::format("agent line pool must be >= 0, got {}", l.pool));
        }
        const auto p = static_cast<std::size_t>(l.pool);
        if (p >= pools.size()) {
            pools.resize(p + 1);
        }
        auto& c = pools[p].changes;
        c.push_back({l.start_s, 1});
        c.push_back({l.end_s, -1});
        for (const auto& b : l.breaks) {
            c.push_back({b.begin_s, -1});
            c.push_back({b.end_s, 1});
        }
    }
}

sim_result simulate(const sim_model& model, const sim_options& options) {
    check(model, options);
    const std::size_t cells = model.queues.size() * static_cast<std::size_t>(model.intervals);
    std::vector<sums> acc(cells);
    std::vector<sums> period_acc(model.queues.size() * options.periods.size());
    std::vector<std::array<double, f_count>> xs;
    std::vector<detail::tally> tallies(cells);
    detail::engine engine{model};
    const auto means = means_of(model);
    sim_result result;
    std::uint64_t seed = options.seed;
    for (int r = 0; r < options.replications; ++r) {
        std::fill(tallies.begin(), tallies.end(), detail::tally{});
        result.contacts += engine.run(detail::splitmix64(seed), tallies);
        add(acc, period_acc, tallies, model, options, means, xs);
    }
    const double n = options.replications;
    const boost::math::students_t_distribution<double> student{n - 1};
    const summariser s{n, boost::math::quantile(student, 0.5 + options.confidence / 2)};
    result.replications = options.replications;
    result.queues.resize(model.queues.size());
    for (std::size_t q = 0; q < model.queues.size(); ++q) {
        for (int i = 0; i < model.intervals; ++i) {
            const auto k =
                q * static_cast<std::size_t>(model.intervals) + static_cast<std::size_t>(i);
            result.queues[q].push_back(s.figures(acc[k]));
        }
    }
    result.periods.resize(model.queues.size());
    for (std::size_t q = 0; q < model.queues.size(); ++q) {
        for (std::size_t p = 0; p < options.periods.size(); ++p) {
            result.periods[q].push_back(s.figures(period_acc[q * options.periods.size() + p]));
        }
    }
    return result;
}

} // namespace wfm::sim
