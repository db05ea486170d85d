// `wfm erlang`: Erlang B / C / A calculator — every metric at given agents, or the staffing that
// meets targets, or the most calls a team can take.
#include "commands.hpp"
#include "erlang_flags.hpp"

#include <wfm/erlang/channel.hpp>
#include <wfm/erlang/queue.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace wfm::app {
namespace {

struct erlang_args {
    erlang_flags flags;
    double calls = 0.0;
    double interval_s = 3600.0;
    double agents = 0.0;
    std::string format = "text";
};

using row = std::pair<std::string, nlohmann::json>;

nlohmann::json number(double v) {
    return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); // inf → null
}

std::string text_value(const nlohmann::json& v) {
    if (v.is_null()) {
        return "inf";
    }
    if (v.is_number_float()) {
        return fmt::format("{:.10g}", v.get<double>());
    }
    return v.is_string() ? v.get<std::string>() : v.dump();
}

void print(const std::vector<row>& rows, const std::string& format) {
    if (format == "json") {
        nlohmann::ordered_json out = nlohmann::ordered_json::object();
        for (const auto& [key, value] : rows) {
            out[key] = value;
        }
        std::fputs((out.dump(2) + "\n").c_str(), stdout);
        return;
    }
    std::string out;
    for (const auto& [key, value] : rows) {
        out += fmt::format("{:<36} {}\n", key, text_value(value));
    }
    std::fputs(out.c_str(), stdout);
}

void run_erlang(erlang_args& a) {
    const erlang_flags& f = a.flags;
    const bool with_agents = f.given("--agents");
    const bool with_targets = f.any_target();
    if (!with_agents && !with_targets) {
        throw wfm::invalid_argument(
            "erlang: give --agents (metrics at that staffing) or at least one target "
            "(--target-sl, --max-asa-s, --max-abandon, --min-answer-rate, --max-occupancy, "
            "--max-blocking)");
    }
    if (!f.given("--aht-s")) {
        throw wfm::invalid_argument("erlang: --aht-s is required");
    }
    if (!(a.interval_s > 0.0) || !std::isfinite(a.interval_s)) {
        throw wfm::invalid_argument(
            fmt::format("erlang: --interval-s must be > 0, got {}", a.interval_s));
    }
    const erlang::channel_settings channel = channel_of(f, with_targets);
    const erlang::queue q =
        erlang::channel_queue(channel, a.calls, erlang::seconds_d{a.interval_s});
    const erlang::seconds_d t{f.sl_time_s};
    std::vector<row> rows{{"model", std::string{erlang::model_name(q.kind)}},
                          {"calls", number(a.calls)},
                          {"interval_s", number(a.interval_s)},
                          {"offered_load_erl", number(erlang::offered_load(q))}};
    erlang::metrics m;
    if (with_agents) {
        m = erlang::evaluate(q, a.agents, t);
        rows.emplace_back("agents", number(a.agents));
        if (with_targets) {
            const double most = erlang::max_arrivals_per_s(q, a.agents, channel.goals) *
                                a.interval_s / (1.0 - channel.self_service_rate);
            rows.emplace_back("meets_targets", erlang::meets(m, channel.goals));
            rows.emplace_back("max_calls", number(most));
        }
    } else {
        const erlang::staffing s = erlang::staff(q, channel.goals);
        if (s.status == erlang::staffing_status::infeasible) {
            throw wfm::error(fmt::format("erlang: no staffing meets the targets{}",
                                         q.lines ? fmt::format(" with {} lines", *q.lines) : ""),
                             exit_code::infeasible);
        }
        m = s.at;
        rows.emplace_back("agents", s.agents);
        rows.emplace_back("agents_fractional", number(s.agents_fractional));
        rows.emplace_back(
            "scheduled_agents",
            number(erlang::scheduled_agents(static_cast<double>(s.agents), channel.shrinkage)));
        rows.emplace_back("scheduled_agents_fractional",
                          number(erlang::scheduled_agents(s.agents_fractional, channel.shrinkage)));
    }
    if (q.arrivals_per_s > 0.0 && m.agents > 0.0) {
        rows.emplace_back("stable", m.stable);
    }
    for (const auto& [name, value] : erlang::named_metrics(q, m)) {
        rows.emplace_back(std::string{name}, number(value));
    }
    print(rows, a.format);
}

void add_erlang(CLI::App& app) {
    auto args = std::make_shared<erlang_args>();
    auto* sub = app.add_subcommand(
        "erlang", "Erlang B/C/A calculator: metrics at given agents, or agents meeting targets");
    add_real_flag(sub, "--calls", args->calls, 0.0, 1e15, bounds::closed,
                  "Contacts offered per interval, in [0, 1e15]")
        ->required();
    add_real_flag(sub, "--interval-s", args->interval_s, 0.0, 86400.0, bounds::open_low,
                  "Interval length in seconds, in (0, 86400]")
        ->capture_default_str();
    add_real_flag(sub, "--agents", args->agents, 0.0, static_cast<double>(erlang::limits::agents),
                  bounds::open_low, "Agents staffed (real-valued allowed), in (0, 1000000]");
    add_erlang_flags(sub, args->flags);
    add_choice_flag(sub, "--format", args->format, {"text", "json"}, "Output");
    sub->callback([args] { run_erlang(*args); });
}

} // namespace

WFM_REGISTER_COMMAND(20, add_erlang);

} // namespace wfm::app
