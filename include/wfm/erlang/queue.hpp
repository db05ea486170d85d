#pragma once
/// One queue (channel × interval) and its Erlang B / C / A metrics, staffing and inverse questions.
///
/// ```
/// using namespace std::chrono_literals;
/// erlang::queue q{.arrivals_per_s = 100.0 / 1800, .aht = 180s, .kind = erlang::model::erlang_a,
///                 .patience = 300s};
/// erlang::metrics m = erlang::evaluate(q, 14, 20s);
/// erlang::staffing s = erlang::staff(q, {.service_level = 0.8, .sl_time = 20s});
/// ```

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace wfm::erlang {

/// Seconds as a real number: every duration in this module (AHT, patience, SL time, ASA).
using seconds_d = std::chrono::duration<double>;

/// Queueing model.
enum class model : std::uint8_t {
    erlang_b, ///< M/M/n/n: calls that find every agent busy are lost
    erlang_c, ///< M/M/n: infinite patience, needs agents > load
    erlang_a, ///< M/M/n+M (exponential patience); with `lines` M/M/n/K+M
};

/// Which service level a target or an output means (DOMAIN.md).
enum class sl_definition : std::uint8_t {
    over_offered,  ///< answered within t / offered (abandons and busy tones fail) — the default
    over_answered, ///< answered within t / answered
    virtual_wait,  ///< P(an infinitely patient caller would wait ≤ t)
};

/// `b`, `c`, `a` (or `erlang_b`, …); throws wfm::invalid_argument otherwise.
[[nodiscard]] model parse_model(std::string_view text);
/// `offered`, `answered`, `virtual`; throws wfm::invalid_argument otherwise.
[[nodiscard]] sl_definition parse_sl_definition(std::string_view text);
/// `b`, `c` or `a`.
[[nodiscard]] std::string_view model_name(model m) noexcept;
/// `offered`, `answered` or `virtual`.
[[nodiscard]] std::string_view sl_definition_name(sl_definition d) noexcept;

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

/// Throws wfm::invalid_argument naming the field and value when `q` is out of domain.
void validate(const queue& q);
/// Handle time of one session when an agent holds `concurrency` of them:
/// AHT·k / c(k, r), with c the effective concurrency (formulas.hpp); AHT when k = 1.
[[nodiscard]] seconds_d session_handle_time(const queue& q);
/// Offered load in session-servers, λ·session_handle_time [erlangs].
[[nodiscard]] double offered_load(const queue& q);
/// Offered load in agents, offered_load / k [erlangs of agent time].
[[nodiscard]] double agent_load(const queue& q);

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
    double asa_served_s = 0.0;        ///< E[W | served] — the ASA of DOMAIN.md
    double mean_virtual_wait_s = 0.0; ///< E[V]
    double avg_queue_len = 0.0;       ///< E[contacts waiting]
    double occupancy = 0.0;           ///< served load / servers

    /// The service level of the given definition.
    [[nodiscard]] double service_level(sl_definition d) const noexcept;
    /// answered / offered = 1 − P(abandon) − P(block).
    [[nodiscard]] double answer_rate() const noexcept { return 1.0 - p_abandon - p_block; }
};

/// All metrics with `agents` agents (real-valued allowed: the continuous extensions of B and of
/// Palm's factor; with finite `lines` metrics are interpolated linearly between whole agents).
/// `sl_time` is the SL threshold t. Throws wfm::invalid_argument on invalid input.
[[nodiscard]] metrics evaluate(const queue& q, double agents, seconds_d sl_time);

/// The metrics that apply to `q`'s model, named as in vectors.csv, in a fixed order —
/// b: blocking, occupancy; c: p_wait, sl, asa_s, avg_queue_len, occupancy, erlang_b;
/// a: p_wait, p_abandon, …, occupancy (13 names), with p_block first when lines are finite.
[[nodiscard]] std::vector<std::pair<std::string_view, double>> named_metrics(const queue& q,
                                                                             const metrics& m);

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

/// Throws wfm::invalid_argument naming the target and value when out of domain or when no
/// target is set.
void validate(const targets& t);
/// True when `m` meets every target in `t`.
[[nodiscard]] bool meets(const metrics& m, const targets& t) noexcept;

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

/// Smallest agent count meeting every target, and the real-valued requirement. No arrivals →
/// 0 agents. Cost O(1) evaluations per call (Erlang A: about 7, interpolation on the continuous
/// forms, then exact checks at whole agents); finite lines: bisection over whole agents ≤ K.
[[nodiscard]] staffing staff(const queue& q, const targets& t);

/// Agents to schedule so that `agents` remain after shrinkage: agents / (1 − shrinkage).
[[nodiscard]] double scheduled_agents(double agents, double shrinkage);

/// Largest arrival rate [contacts/s] that `agents` agents can take while meeting every target
/// (the shape of `q` — AHT, model, patience, lines — is kept, its arrival rate ignored).
[[nodiscard]] double max_arrivals_per_s(const queue& q, double agents, const targets& t);

} // namespace wfm::erlang
