#pragma once
/// The value types of the Erlang engine — a queue, its metrics, staffing targets and results —
/// and their validation (header-only and without Boost: enough for a header that names them).

#include <wfm/erlang/detail/message.hpp>
#include <wfm/erlang/limits.hpp>

#include <wfm/core/error.hpp>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string_view>

namespace wfm::erlang {

/// Seconds as a real number: every duration in this module (AHT, patience, SL time, ASA).
using seconds_d = std::chrono::duration<double>;

/// Queueing model.
enum class model : std::uint8_t {
    erlang_b, ///< M/M/n/n: calls that find every agent busy are lost
    erlang_c, ///< M/M/n: infinite patience, needs agents > load
    erlang_a, ///< M/M/n+M (exponential patience); with `lines` M/M/n/K+M
};

/// Which service level a target or an output means (docs/domain.md).
enum class sl_definition : std::uint8_t {
    over_offered,  ///< answered within t / offered (abandons and busy tones fail) — the default
    over_answered, ///< answered within t / answered
    virtual_wait,  ///< P(an infinitely patient caller would wait ≤ t)
};

/// The demand on one queue. Validated by every function that takes it (see validate()).
struct queue {
    double arrivals_per_s = 0.0;       ///< λ: contacts per second reaching agents, ≥ 0
    seconds_d aht{0.0};                ///< mean handle time (one session handled alone), > 0
    model kind = model::erlang_c;      ///< queueing model
    std::optional<seconds_d> patience; ///< mean patience 1/θ, > 0; required for erlang_a
    std::optional<long> lines;  ///< K ≥ 1: contacts in system beyond K get busy tone (erlang_a)
    int concurrency = 1;        ///< k: sessions an agent may hold at once (text), ≥ 1
    double compose_ratio = 0.0; ///< r > 0 of the concurrency model; required when k > 1
};

/// Every metric of a queue at a given staffing; names as in reference/erlang/vectors.csv.
/// All probabilities are per offered contact (busy tones included). For Erlang C there is no
/// abandonment, so the three SL variants coincide (`sl`) and asa_all = asa_served (`asa_s`).
struct metrics {
    double agents = 0.0;           ///< agents staffed (real-valued allowed)
    double servers = 0.0;          ///< session slots = agents × concurrency
    double offered_load_erl = 0.0; ///< λ × session handle time
    bool stable = true;    ///< false for Erlang C with servers ≤ load (waits grow forever)
    double erlang_b = 0.0; ///< B(servers, load)
    double p_block = 0.0;  ///< busy tone: Erlang B model or all `lines` busy
    double p_wait = 0.0;   ///< P(an arrival has to queue)
    double p_abandon = 0.0;
    double p_virtual_wait_gt_t = 0.0;    ///< P(V > t), V = wait of an infinitely patient caller
    double p_wait_gt_t = 0.0;            ///< P(W > t), W = min(V, patience)
    double p_served_and_wait_gt_t = 0.0; ///< P(served and W > t)
    double sl_answered_within_t_over_offered = 0.0;  ///< P(served and W ≤ t)
    double sl_answered_within_t_over_answered = 0.0; ///< P(W ≤ t | served)
    double sl_virtual = 0.0;                         ///< P(V ≤ t)
    double asa_all_s = 0.0;           ///< E[W] over all non-blocked arrivals, abandoners included
    double asa_served_s = 0.0;        ///< E[W | served] — the ASA of docs/domain.md
    double mean_virtual_wait_s = 0.0; ///< E[V]
    double avg_queue_len = 0.0;       ///< E[contacts waiting]
    double occupancy = 0.0;           ///< served load / servers

    /// The service level of the given definition.
    [[nodiscard]] double service_level(sl_definition d) const noexcept {
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
    /// answered / offered = 1 − P(abandon) − P(block).
    [[nodiscard]] double answer_rate() const noexcept { return 1.0 - p_abandon - p_block; }
};

/// Staffing targets; every target that is set must hold at once.
struct targets {
    std::optional<double> service_level; ///< SL(t) ≥ this, in (0, 1)
    seconds_d sl_time{20.0};             ///< t of the service level, ≥ 0
    sl_definition sl_kind = sl_definition::over_offered;
    std::optional<seconds_d> max_asa;      ///< asa_served ≤ this, > 0
    std::optional<double> max_abandon;     ///< p_abandon ≤ this, in (0, 1)
    std::optional<double> min_answer_rate; ///< answered / offered ≥ this, in (0, 1)
    std::optional<double> max_occupancy;   ///< occupancy ≤ this, in (0, 1]
    std::optional<double> max_blocking;    ///< p_block ≤ this, in (0, 1)
};

/// Whether a staffing target can be met.
enum class staffing_status : std::uint8_t {
    ok,
    infeasible, ///< no agent count meets the targets (e.g. blocking target with too few lines)
};

/// Result of staff().
struct staffing {
    staffing_status status = staffing_status::ok;
    long agents = 0;                ///< smallest whole number of agents meeting every target
    double agents_fractional = 0.0; ///< smallest real-valued agents meeting every target
    metrics at;                     ///< metrics at `agents`
};

namespace detail {

template <class Value>
[[noreturn]] void fail_queue(const char* field, std::string_view expected, Value value) {
    throw wfm::invalid_argument(
        message("erlang::queue: ", field, " must be ", expected, ", got ", value), field);
}

// Agents beyond limits::agents are out of the engine's range.
inline void check_agents(const char* function, double agents) {
    if (agents > static_cast<double>(limits::agents)) {
        throw wfm::invalid_argument(message("erlang::", function, ": agents must be at most ",
                                            limits::agents, ", got ", agents));
    }
}

inline bool finite_positive(double v) {
    return std::isfinite(v) && v > 0.0;
}

[[noreturn]] inline void fail_target(const char* name, const char* expected, double value) {
    throw wfm::invalid_argument(
        message("erlang::targets: ", name, " must be ", expected, ", got ", value), name);
}

inline bool in_open_unit(double v) {
    return v > 0.0 && v < 1.0;
}

} // namespace detail

/// `b`, `c`, `a` (or `erlang_b`, …); throws wfm::invalid_argument otherwise.
[[nodiscard]] inline model parse_model(std::string_view text) {
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
        detail::message("erlang: model must be one of b, c, a, got '", text, "'"));
}

/// `offered`, `answered`, `virtual`; throws wfm::invalid_argument otherwise.
[[nodiscard]] inline sl_definition parse_sl_definition(std::string_view text) {
    if (text == "offered") {
        return sl_definition::over_offered;
    }
    if (text == "answered") {
        return sl_definition::over_answered;
    }
    if (text == "virtual") {
        return sl_definition::virtual_wait;
    }
    throw wfm::invalid_argument(detail::message(
        "erlang: service-level definition must be one of offered, answered, virtual, got '", text,
        "'"));
}

/// `b`, `c` or `a`.
[[nodiscard]] inline std::string_view model_name(model m) noexcept {
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

/// `offered`, `answered` or `virtual`.
[[nodiscard]] inline std::string_view sl_definition_name(sl_definition d) noexcept {
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

/// Throws wfm::invalid_argument naming the field and value when `q` is out of domain.
inline void validate(const queue& q) {
    if (!std::isfinite(q.arrivals_per_s) || q.arrivals_per_s < 0.0) {
        detail::fail_queue("arrivals_per_s", "a finite number >= 0", q.arrivals_per_s);
    }
    if (q.arrivals_per_s > limits::arrivals_per_s) {
        detail::fail_queue("arrivals_per_s",
                           detail::message("at most ", limits::arrivals_per_s, " per second"),
                           q.arrivals_per_s);
    }
    if (!detail::finite_positive(q.aht.count())) {
        detail::fail_queue("aht", "a finite number of seconds > 0", q.aht.count());
    }
    if (q.patience && !(q.patience->count() > 0.0)) { // +inf allowed: tends to Erlang C
        detail::fail_queue("patience", "a number of seconds > 0", q.patience->count());
    }
    if (q.kind == model::erlang_a && !q.patience) {
        throw wfm::invalid_argument("erlang::queue: the erlang_a model needs a patience");
    }
    if (q.lines) {
        if (*q.lines < 1) {
            detail::fail_queue("lines", "a whole number >= 1", static_cast<double>(*q.lines));
        }
        if (*q.lines > limits::lines) {
            detail::fail_queue("lines", detail::message("a whole number <= ", limits::lines),
                               *q.lines);
        }
        if (q.kind != model::erlang_a || !q.patience || !std::isfinite(q.patience->count())) {
            throw wfm::invalid_argument(
                "erlang::queue: finite lines need the erlang_a model with a finite patience");
        }
    }
    if (q.concurrency < 1) {
        detail::fail_queue("concurrency", "a whole number >= 1", q.concurrency);
    }
    if (q.concurrency > limits::concurrency) {
        detail::fail_queue("concurrency",
                           detail::message("a whole number <= ", limits::concurrency),
                           q.concurrency);
    }
    if (q.concurrency > 1 && !detail::finite_positive(q.compose_ratio)) {
        detail::fail_queue("compose_ratio", "a finite number > 0 when concurrency > 1",
                           q.compose_ratio);
    }
}

/// Throws wfm::invalid_argument naming the target and value when out of domain or when no
/// target is set.
inline void validate(const targets& t) {
    const double sl_time = t.sl_time.count();
    if (!std::isfinite(sl_time) || sl_time < 0.0) {
        detail::fail_target("sl_time", "a finite number of seconds >= 0", sl_time);
    }
    if (t.service_level && !detail::in_open_unit(*t.service_level)) {
        detail::fail_target("service_level", "in (0, 1)", *t.service_level);
    }
    if (t.max_asa && !(std::isfinite(t.max_asa->count()) && t.max_asa->count() > 0.0)) {
        detail::fail_target("max_asa", "a finite number of seconds > 0", t.max_asa->count());
    }
    if (t.max_abandon && !detail::in_open_unit(*t.max_abandon)) {
        detail::fail_target("max_abandon", "in (0, 1)", *t.max_abandon);
    }
    if (t.min_answer_rate && !detail::in_open_unit(*t.min_answer_rate)) {
        detail::fail_target("min_answer_rate", "in (0, 1)", *t.min_answer_rate);
    }
    if (t.max_occupancy && !(*t.max_occupancy > 0.0 && *t.max_occupancy <= 1.0)) {
        detail::fail_target("max_occupancy", "in (0, 1]", *t.max_occupancy);
    }
    if (t.max_blocking && !detail::in_open_unit(*t.max_blocking)) {
        detail::fail_target("max_blocking", "in (0, 1)", *t.max_blocking);
    }
    if (!t.service_level && !t.max_asa && !t.max_abandon && !t.min_answer_rate &&
        !t.max_occupancy && !t.max_blocking) {
        throw wfm::invalid_argument("erlang::targets: no target given (service level, ASA, "
                                    "abandonment, answer rate, occupancy or blocking)");
    }
}

} // namespace wfm::erlang
