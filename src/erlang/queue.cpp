// Metrics of one queue: Erlang B, Erlang C, Erlang A (closed forms) and M/M/n/K+M (finite chain).
#include <wfm/erlang/detail/evaluate.hpp>
#include <wfm/erlang/detail/palm_series.hpp>
#include <wfm/erlang/formulas.hpp>
#include <wfm/erlang/queue.hpp>

#include <wfm/core/error.hpp>

#include <boost/math/special_functions/beta.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace wfm::erlang {
namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();
using fast_policy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;

[[noreturn]] void fail(const char* field, const char* expected, double value) {
    throw wfm::invalid_argument(
        fmt::format("erlang::queue: {} must be {}, got {}", field, expected, value), field);
}

bool finite_positive(double v) {
    return std::isfinite(v) && v > 0.0;
}

metrics no_arrivals(double agents, double servers) {
    metrics m;
    m.agents = agents;
    m.servers = servers;
    m.sl_answered_within_t_over_offered = 1.0;
    m.sl_answered_within_t_over_answered = 1.0;
    m.sl_virtual = 1.0;
    return m;
}

metrics erlang_b_metrics(double servers, double load, double b) {
    metrics m;
    m.erlang_b = b;
    m.p_block = b;
    m.occupancy = load * (1.0 - b) / servers;
    m.sl_answered_within_t_over_offered = 1.0 - b; // answered at once or not at all
    m.sl_answered_within_t_over_answered = 1.0;
    m.sl_virtual = 1.0;
    return m;
}

metrics erlang_c_metrics(double servers, double load, double aht_s, double t_s, double b) {
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

// Erlang A closed forms (DOMAIN.md; Mandelbaum & Zeltyn) with x = nμ/θ, y = λ/θ.
// Without `waits`, asa_served_s and mean_virtual_wait_s (the only metrics that need the O(√y)
// series) are left 0 and P(abandon | wait) = 1 − (x/y)(𝒜 − 1)/𝒜 is taken in closed form.
metrics erlang_a_metrics(double servers, const detail::erlang_a_shape& shape, bool waits) {
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

// M/M/n/K+M: exact birth-death chain on 0..K; given q callers ahead, V = Σ_{m=0..q} Exp(θ(x+m))
// and 1 − e^{−θV} ~ Beta(q+1, x), so P(V ≤ t) = I_z(q+1, x) with z = 1 − e^{−θt}.
metrics finite_lines_metrics(long servers, long lines, double lambda, double aht_s,
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

metrics interpolate(const metrics& lo, const metrics& hi, double w) {
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

} // namespace

model parse_model(std::string_view text) {
    if (text == "b" || text == "erlang_b") {
        return model::erlang_b;
    }
    if (text == "c" || text == "erlang_c") {
        return model::erlang_c;
    }
    if (text == "a" || text == "erlang_a") {
        return model::erlang_a;
    }
    throw wfm::invalid_argument(
        fmt::format("erlang: model must be one of b, c, a, got '{}'", text));
}

sl_definition parse_sl_definition(std::string_view text) {
    if (text == "offered") {
        return sl_definition::over_offered;
    }
    if (text == "answered") {
        return sl_definition::over_answered;
    }
    if (text == "virtual") {
        return sl_definition::virtual_wait;
    }
    throw wfm::invalid_argument(fmt::format(
        "erlang: service-level definition must be one of offered, answered, virtual, got '{}'",
        text));
}

std::string_view model_name(model m) noexcept {
    switch (m) {
    case model::erlang_b:
        return "b";
    case model::erlang_c:
        return "c";
    case model::erlang_a:
        return "a";
    }
    return "?";
}

std::string_view sl_definition_name(sl_definition d) noexcept {
    switch (d) {
    case sl_definition::over_offered:
        return "offered";
    case sl_definition::over_answered:
        return "answered";
    case sl_definition::virtual_wait:
        return "virtual";
    }
    return "?";
}

void validate(const queue& q) {
    if (!std::isfinite(q.arrivals_per_s) || q.arrivals_per_s < 0.0) {
        fail("arrivals_per_s", "a finite number >= 0", q.arrivals_per_s);
    }
    if (!finite_positive(q.aht.count())) {
        fail("aht", "a finite number of seconds > 0", q.aht.count());
    }
    if (q.patience && !(q.patience->count() > 0.0)) { // +inf allowed: tends to Erlang C
        fail("patience", "a number of seconds > 0", q.patience->count());
    }
    if (q.kind == model::erlang_a && !q.patience) {
        throw wfm::invalid_argument("erlang::queue: the erlang_a model needs a patience");
    }
    if (q.lines) {
        if (*q.lines < 1) {
            fail("lines", "a whole number >= 1", static_cast<double>(*q.lines));
        }
        if (q.kind != model::erlang_a || !q.patience || !std::isfinite(q.patience->count())) {
            throw wfm::invalid_argument(
                "erlang::queue: finite lines need the erlang_a model with a finite patience");
        }
    }
    if (q.concurrency < 1) {
        fail("concurrency", "a whole number >= 1", q.concurrency);
    }
    if (q.concurrency > 1 && !finite_positive(q.compose_ratio)) {
        fail("compose_ratio", "a finite number > 0 when concurrency > 1", q.compose_ratio);
    }
}

seconds_d session_handle_time(const queue& q) {
    validate(q);
    if (q.concurrency == 1) {
        return q.aht;
    }
    const double k = static_cast<double>(q.concurrency);
    return q.aht * k / effective_concurrency(q.concurrency, q.compose_ratio);
}

double offered_load(const queue& q) {
    return q.arrivals_per_s * session_handle_time(q).count();
}

double agent_load(const queue& q) {
    return offered_load(q) / static_cast<double>(q.concurrency);
}

double metrics::service_level(sl_definition d) const noexcept {
    switch (d) {
    case sl_definition::over_offered:
        return sl_answered_within_t_over_offered;
    case sl_definition::over_answered:
        return sl_answered_within_t_over_answered;
    case sl_definition::virtual_wait:
        return sl_virtual;
    }
    return sl_answered_within_t_over_offered;
}

std::vector<std::pair<std::string_view, double>> named_metrics(const queue& q, const metrics& m) {
    if (q.kind == model::erlang_b) {
        return {{"blocking", m.p_block}, {"occupancy", m.occupancy}};
    }
    if (q.kind == model::erlang_c || (q.patience && std::isinf(q.patience->count()))) {
        return {{"p_wait", m.p_wait},       {"sl", m.sl_answered_within_t_over_offered},
                {"asa_s", m.asa_served_s},  {"avg_queue_len", m.avg_queue_len},
                {"occupancy", m.occupancy}, {"erlang_b", m.erlang_b}};
    }
    std::vector<std::pair<std::string_view, double>> out;
    if (q.lines) {
        out.emplace_back("p_block", m.p_block);
    }
    out.insert(out.end(),
               {{"p_wait", m.p_wait},
                {"p_abandon", m.p_abandon},
                {"p_virtual_wait_gt_t", m.p_virtual_wait_gt_t},
                {"p_wait_gt_t", m.p_wait_gt_t},
                {"p_served_and_wait_gt_t", m.p_served_and_wait_gt_t},
                {"sl_answered_within_t_over_offered", m.sl_answered_within_t_over_offered},
                {"sl_answered_within_t_over_answered", m.sl_answered_within_t_over_answered},
                {"sl_virtual", m.sl_virtual},
                {"asa_all_s", m.asa_all_s},
                {"asa_served_s", m.asa_served_s},
                {"mean_virtual_wait_s", m.mean_virtual_wait_s},
                {"avg_queue_len", m.avg_queue_len},
                {"occupancy", m.occupancy}});
    return out;
}

metrics evaluate(const queue& q, double agents, seconds_d sl_time) {
    return detail::evaluate(q, agents, sl_time, true);
}

namespace detail {

namespace {

struct checked {
    double servers;
    double aht;
    double load;
    double t;
};

checked check(const queue& q, double agents, seconds_d sl_time) {
    validate(q);
    if (!std::isfinite(agents) || agents <= 0.0) {
        throw wfm::invalid_argument(
            fmt::format("erlang::evaluate: agents must be a finite number > 0, got {}", agents));
    }
    const double t = sl_time.count();
    if (!std::isfinite(t) || t < 0.0) {
        throw wfm::invalid_argument(fmt::format(
            "erlang::evaluate: sl_time must be a finite number of seconds >= 0, got {}", t));
    }
    const double aht = session_handle_time(q).count();
    return {agents * static_cast<double>(q.concurrency), aht, q.arrivals_per_s * aht, t};
}

bool is_erlang_c(const queue& q) {
    return q.kind == model::erlang_c || (q.patience && std::isinf(q.patience->count()));
}

double unit(double p) {
    return std::clamp(p, 0.0, 1.0);
}

// Rounding can push a probability a few ulps outside [0, 1]; report it inside.
metrics finish(metrics m, double agents, const checked& c) {
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

} // namespace

erlang_a_shape erlang_a_shape_of(double lambda, double aht_s, double patience_s, double t_s) {
    const double theta_t = t_s / patience_s;
    const double decay = std::exp(-theta_t);
    const double y = lambda * patience_s;
    return {lambda,  aht_s, patience_s,           lambda * aht_s, y,
            theta_t, decay, std::expm1(-theta_t), y * decay};
}

evaluator::evaluator(const queue& q, seconds_d sl_time, bool waits)
    : q_(q), sl_time_(sl_time), waits_(waits) {
    const checked c = check(q, 1.0, sl_time);
    session_aht_s_ = c.aht;
    closed_form_a_ =
        q.kind == model::erlang_a && !is_erlang_c(q) && !q.lines && q.arrivals_per_s > 0.0;
    if (closed_form_a_) {
        shape_ = erlang_a_shape_of(q.arrivals_per_s, c.aht, q.patience->count(), c.t);
    }
}

metrics evaluator::operator()(double agents) const {
    if (!closed_form_a_ || !std::isfinite(agents) || agents <= 0.0) {
        return evaluate(q_, agents, sl_time_, waits_); // (and its errors)
    }
    const checked c{agents * static_cast<double>(q_.concurrency), session_aht_s_, shape_.load,
                    sl_time_.count()};
    return finish(erlang_a_metrics(c.servers, shape_, waits_), agents, c);
}

metrics evaluate(const queue& q, double agents, seconds_d sl_time, bool waits) {
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

metrics evaluate_with_b(const queue& q, double agents, seconds_d sl_time, double b) {
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

} // namespace detail
} // namespace wfm::erlang
