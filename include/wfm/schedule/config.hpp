#pragma once
/// JSON decoding for the scheduler: the reference-instance format
/// (`shared/reference/schedule/README.md`) and the `wfm schedule` configuration
/// (docs/formats.md "Schedule JSON", `data/schedule.json`). Every error is a wfm::config_error
/// naming the JSON path.

#include <wfm/schedule/problem.hpp>

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <vector>

namespace wfm::schedule {

/// A problem from a reference instance document (`required`, `shift_templates`, …).
[[nodiscard]] problem problem_from_instance(const nlohmann::json& doc);

/// How tours choose their days off.
struct days_off_rule {
    enum class kind { consecutive, any, list, none } type = kind::consecutive;
    int working_days = 5;
    std::vector<std::vector<bool>> patterns; ///< for `list`
};

/// A `wfm schedule` configuration, times already in minutes.
struct schedule_config {
    struct break_spec {
        std::string name;
        int length_minutes = 0;
        int earliest_minutes = 0; ///< after the shift start
        int latest_minutes = 0;
        bool paid = true;
    };
    struct template_spec {
        std::string name;
        int length_minutes = 0;
        int start_earliest = 0; ///< minutes after midnight
        int start_latest = 0;
        int start_step_minutes = 0;            ///< 0 = the grid interval
        std::vector<bool> days;                ///< Monday first; empty = every day
        std::optional<days_off_rule> days_off; ///< the template's own rule; empty = the global one
        std::optional<double> cost;            ///< empty = paid hours (length − unpaid breaks)
        std::optional<double> hourly_rate;     ///< money per paid hour, for the report's cost (the
                                               ///< optimiser uses `cost`)
        bool part_time = false;
        int min_agents = 0;
        std::optional<int> max_agents;
        std::vector<break_spec> breaks;
        std::string path; ///< JSON path, for messages
    };
    std::optional<int> interval_minutes; ///< empty = taken from the requirements
    int week_start = 0;                  ///< weekday of problem day 0: 0 = Monday … 6 = Sunday
    objective_mode mode = objective_mode::weighted;
    /// labour per unit of template cost; under and over per agent-hour (make_problem converts
    /// them to the problem's per-agent-interval weights)
    objective_weights weights{1.0, 1.0, 0.0};
    bool cyclic = false;
    days_off_rule days_off; ///< for templates without their own rule
    int start_band_minutes = 0;
    schedule_limits limits;
    std::vector<template_spec> templates;
};

/// Decodes a `wfm schedule` configuration; unknown keys are errors too.
[[nodiscard]] schedule_config config_from_json(const nlohmann::json& doc);

/// Builds the week's problem from a configuration and one requirement per interval of the week
/// (00:00 of weekday `config.week_start` first, 7 × 1440 / interval_minutes values): weekday
/// flags, per-day limits and day-off lists (all Monday first in the configuration) are mapped
/// onto the problem's days, shortage and redundancy weights are converted from per agent-hour to
/// per agent-interval (× interval_minutes / 60), and each template with its own days-off rule
/// gets the indices of its patterns in the union `problem::patterns`. Throws config_error when a
/// time in the configuration is off the grid.
[[nodiscard]] problem make_problem(const schedule_config& config, int interval_minutes,
                                   std::vector<double> required);

} // namespace wfm::schedule
