#pragma once
// Queue and target flags shared by `wfm erlang` and `wfm staff` (one definition, two commands).

#include <wfm/core/error.hpp>
#include <wfm/erlang/channel.hpp>
#include <wfm/erlang/limits.hpp>

#include "number_flags.hpp"

#include <CLI/CLI.hpp>

#include <fmt/format.h>

#include <optional>
#include <string>

namespace wfm::app {

struct erlang_flags {
    std::string model;
    double aht_s = 0.0;
    double patience_s = 0.0;
    long lines = 0;
    double sl_time_s = 20.0;
    std::string sl_definition = "offered";
    double target_sl = 0.0;
    double max_asa_s = 0.0;
    double max_abandon = 0.0;
    double min_answer_rate = 0.0;
    double max_occupancy = 0.0;
    double max_blocking = 0.0;
    double shrinkage = 0.0;
    double self_service_rate = 0.0;
    int concurrency = 1;
    double compose_ratio = 0.0;
    std::string channel = "voice";
    CLI::App* app = nullptr;

    [[nodiscard]] bool given(const char* flag) const { return app->count(flag) > 0; }
    template <class T> [[nodiscard]] std::optional<T> if_given(const char* flag, T v) const {
        return given(flag) ? std::optional<T>{v} : std::nullopt;
    }
    [[nodiscard]] bool any_target() const {
        return given("--target-sl") || given("--max-asa-s") || given("--max-abandon") ||
               given("--min-answer-rate") || given("--max-occupancy") || given("--max-blocking");
    }
};

/// The shortest mean patience a flag accepts (a millisecond, as in plan.json): shorter ones are no
/// queue a planner means, and 1/θ must stay far from the underflow of a double.
inline constexpr double min_patience_s = erlang::limits::min_patience_s;

inline void add_erlang_flags(CLI::App* sub, erlang_flags& f) {
    f.app = sub;
    constexpr double day_s = erlang::limits::seconds;
    add_choice_flag(sub, "--model", f.model, {"b", "c", "a", "erlang_b", "erlang_c", "erlang_a"},
                    "Queue model, b (lost calls), c (no abandonment) or a (exponential patience); "
                    "default a with --patience-s, else c");
    add_real_flag(sub, "--aht-s", f.aht_s, 0.0, day_s, bounds::open_low,
                  "Average handle time in seconds (one session alone), in (0, 86400]");
    add_real_flag(sub, "--patience-s", f.patience_s, min_patience_s, day_s, bounds::closed,
                  "Mean patience in seconds (model a), in [0.001, 86400]");
    add_whole_flag(sub, "--lines", f.lines, 1L, erlang::limits::lines,
                   "Lines K: contacts beyond K in the system get busy tone");
    add_real_flag(sub, "--sl-time", f.sl_time_s, 0.0, day_s, bounds::closed,
                  "Service-level threshold t in seconds, in [0, 86400]")
        ->capture_default_str();
    add_choice_flag(sub, "--sl-definition", f.sl_definition, {"offered", "answered", "virtual"},
                    "SL definition of --target-sl");
    add_real_flag(sub, "--target-sl", f.target_sl, 0.0, 1.0, bounds::open,
                  "Target: service level >= this, in (0, 1)");
    add_real_flag(sub, "--max-asa-s", f.max_asa_s, 0.0, day_s, bounds::open_low,
                  "Target: ASA (answered contacts) <= seconds, in (0, 86400]");
    add_real_flag(sub, "--max-abandon", f.max_abandon, 0.0, 1.0, bounds::open,
                  "Target: abandonment rate <= this, in (0, 1)");
    add_real_flag(sub, "--min-answer-rate", f.min_answer_rate, 0.0, 1.0, bounds::open,
                  "Target: answer rate >= this, in (0, 1)");
    add_real_flag(sub, "--max-occupancy", f.max_occupancy, 0.0, 1.0, bounds::open_low,
                  "Target: occupancy <= this, in (0, 1]");
    add_real_flag(sub, "--max-blocking", f.max_blocking, 0.0, 1.0, bounds::open,
                  "Target: busy-tone probability <= this, in (0, 1)");
    add_real_flag(sub, "--shrinkage", f.shrinkage, 0.0, 1.0, bounds::open_high,
                  "Shrinkage in [0, 1): scheduled = agents/(1-s)")
        ->capture_default_str();
    add_real_flag(sub, "--self-service-rate", f.self_service_rate, 0.0, 1.0, bounds::open_high,
                  "Share of volume absorbed by self-service, in [0, 1)")
        ->capture_default_str();
    add_whole_flag(sub, "--concurrency", f.concurrency, 1, erlang::limits::concurrency,
                   "Sessions an agent may hold at once (text)")
        ->capture_default_str();
    add_real_flag(sub, "--compose-ratio", f.compose_ratio, 0.0, 1e6, bounds::open_low,
                  "Compose ratio r of the chat concurrency model (needed with --concurrency > 1), "
                  "in (0, 1000000]");
}

inline erlang::targets targets_of(const erlang_flags& f) {
    erlang::targets t;
    t.service_level = f.if_given("--target-sl", f.target_sl);
    t.sl_time = erlang::seconds_d{f.sl_time_s};
    t.sl_kind = erlang::parse_sl_definition(f.sl_definition);
    if (f.given("--max-asa-s")) {
        t.max_asa = erlang::seconds_d{f.max_asa_s};
    }
    t.max_abandon = f.if_given("--max-abandon", f.max_abandon);
    t.min_answer_rate = f.if_given("--min-answer-rate", f.min_answer_rate);
    t.max_occupancy = f.if_given("--max-occupancy", f.max_occupancy);
    t.max_blocking = f.if_given("--max-blocking", f.max_blocking);
    return t;
}

/// The channel the flags describe; targets are validated only when `with_targets`.
inline erlang::channel_settings channel_of(const erlang_flags& f, bool with_targets) {
    erlang::channel_settings c;
    c.name = f.channel;
    c.channel = f.channel;
    if (f.given("--patience-s")) {
        c.patience = erlang::seconds_d{f.patience_s};
    }
    c.kind = !f.model.empty() ? erlang::parse_model(f.model)
             : c.patience     ? erlang::model::erlang_a
                              : erlang::model::erlang_c;
    if (f.given("--aht-s")) {
        c.aht = erlang::seconds_d{f.aht_s};
    }
    if (f.given("--lines")) {
        c.lines = f.lines;
    }
    c.concurrency = f.concurrency;
    c.compose_ratio = f.compose_ratio;
    c.shrinkage = f.shrinkage;
    c.self_service_rate = f.self_service_rate;
    c.goals = targets_of(f);
    if (with_targets) {
        erlang::validate(c);
    }
    return c;
}

} // namespace wfm::app
