#pragma once
/// The `wfm plan` configuration (docs/formats.md, "plan.json") and its JSON decoder.

#include <wfm/core/time.hpp>
#include <wfm/erlang/channel.hpp>
#include <wfm/forecast/forecast.hpp>
#include <wfm/schedule/config.hpp>
#include <wfm/schedule/solve.hpp>

#include <nlohmann/json_fwd.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace wfm::plan {

/// Where a queue's history is in the history file.
using history_columns = erlang::history_columns;

/// The intraday re-plan's rules (plan.json `"intraday"`, docs/formats.md "intraday rules").
struct intraday_rules {
    int max_overtime_minutes = 60; ///< per agent, before the start or after the end (0 = none)
    double overtime_premium = 1.5; ///< overtime cost = hours × the template's hourly_rate × this
    bool vto = true;               ///< offer voluntary time off where over-staffed
    int min_vto_minutes = 60;      ///< shortest time off offered
    bool break_moves = true;       ///< move breaks and lunches within their windows
    bool pool_moves = true;        ///< move blended agents between a pool's queues
};

/// Decodes the `"intraday"` block (`path` is its pointer, e.g. `/intraday`); every error is a
/// wfm::config_error naming the JSON path.
[[nodiscard]] intraday_rules decode_intraday_rules(const nlohmann::json& block,
                                                   const std::string& path);

/// One `wfm plan` configuration (docs/formats.md, "plan.json"); file names are as written in the
/// config.
struct plan_config {
    std::string title = "Weekly plan";
    interval_grid grid{std::chrono::minutes{15}};
    std::optional<local_date> week; ///< first day (a `week_start` weekday); default: after history
    std::string history_file;       ///< relative to the config file
    std::string time_column = "interval_start";
    std::string special_days_file; ///< optional, relative to the config file
    forecast::method method{};     ///< `auto` by default
    double level = 0.80;           ///< prediction-interval level, a fraction (plan.json: percent)
    int backtest_origins = 4;      ///< weekly origins of the accuracy table (0 = none)
    std::vector<erlang::channel_settings> channels; ///< the queues (`queues` or `channels`)
    std::map<std::string, history_columns> columns; ///< per queue name
    std::vector<std::vector<std::string>> pools;    ///< queues scheduled together
    std::vector<std::string> pool_names;            ///< as `pools`: given, or names joined by +
    schedule::schedule_config shifts;
    schedule::solve_options solver;
    std::chrono::minutes standard_day{8 * 60};
    std::string lang = "en";               ///< report language: `en` or `zh-CN`
    double contract_hours_per_week = 40.0; ///< FTE = paid hours / this
    int week_start = 0;      ///< first day of the planning week: 0 = Monday … 6 = Sunday
    intraday_rules intraday; ///< `wfm intraday --plan` (defaults when the block is absent)
    /// `"simulate": {"replications": N, "seed": S}`: the plan's discrete-event check after
    /// planning, in the report (0 replications: not run, the default).
    int simulate_replications = 0;
    std::uint64_t simulate_seed = 1;
};

/// Decodes a plan configuration; every error is a wfm::config_error naming the JSON path.
[[nodiscard]] plan_config decode_plan_config(const nlohmann::json& doc);

} // namespace wfm::plan
