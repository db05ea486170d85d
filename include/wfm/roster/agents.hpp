#pragma once
/// Named agents, their approved leave and the roster rules (rest, consecutive days, weekends off,
/// fairness, start stability): the inputs of a roster besides the requirement and the shifts.

#include <wfm/core/time.hpp>

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace wfm::roster {

/// A window of a weekday an agent may work in: minutes after that day's midnight, `to` may pass
/// 1440 for a window that runs past midnight (`Fri 22:00-06:00`).
struct time_window {
    int weekday = 0; ///< 0 = Monday … 6 = Sunday
    int from = 0;    ///< minutes after midnight, 0 … 1439
    int to = 1440;   ///< minutes after midnight, from < to ≤ from + 1440
};

/// One agent of agents.csv; every field but `id` and `skills` has a default (docs/formats.md).
struct agent {
    std::string id;                     ///< pseudonymous id (the only key in every output)
    std::string name;                   ///< shown only in roster.csv, agents_summary.csv and .ics
    std::vector<std::string> skills;    ///< queues the agent may take
    std::string contract = "full";      ///< label; fairness compares agents of one contract
    double min_hours_week = 0;          ///< paid hours a week the search aims at (soft)
    double max_hours_week = 40;         ///< paid hours a week, at most (hard)
    int max_days_week = 5;              ///< working days a week, at most (hard)
    bool part_time = false;             ///< may take part-time templates only
    std::vector<time_window> available; ///< empty = any time
    std::optional<int> preferred_start; ///< minutes after midnight
    std::array<bool, 7> preferred_days_off{}; ///< Monday first
    double preference_weight = 1;             ///< weight of this agent's preferences
    int seniority = 0; ///< larger = more senior: ties in the construction go to seniors
};

/// Approved leave of one agent on one date, the whole day or [from, to) minutes.
struct leave {
    std::string agent;
    local_date date{};
    int from = 0;
    int to = 1440;
};

/// Hard rules and soft weights of a roster (schedule config key `roster`).
struct rules {
    double min_rest_hours = 11;   ///< between one shift's end and the next start
    int max_consecutive_days = 6; ///< working days in a row, at most
    int min_weekends_off = 0;     ///< whole weekends (Sat and Sun) off in each block of …
    int weekend_block_weeks = 4;  ///< … this many weeks
    /// Weights of the fairness terms: squared counts per agent (scaled by contract size).
    double weekend_weight = 1;
    double evening_weight = 0.5;
    double late_weight = 0.5;
    int evening_from = 18 * 60; ///< a shift working past this minute is an evening shift
    int late_from = 21 * 60;    ///< a shift working past this minute is a late shift
    /// Hard: a week's shift starts of one agent lie within ±this of their middle (empty = free).
    std::optional<int> start_stability_minutes;
    double stability_weight = 0.2; ///< soft: per hour of start change between working days
    double min_hours_weight = 2;   ///< soft: per paid hour under min_hours_week
};

/// Decodes the `roster` object of a schedule configuration (absent = defaults); unknown keys and
/// bad values are wfm::config_error naming the JSON path (`/roster/min_rest_hours`).
[[nodiscard]] rules rules_from_json(const nlohmann::json& schedule_doc);

/// Parses `Mon-Fri 08:00-18:00;Sat 09:00-13:00` (day lists `Mon,Wed`, ranges `Mon-Fri`, wrapping
/// ranges `Sat-Mon`); throws wfm::invalid_argument naming the bad part.
[[nodiscard]] std::vector<time_window> parse_availability(std::string_view text);
/// Parses `Sat;Sun` (or `,`-separated) into Monday-first flags; throws wfm::invalid_argument.
[[nodiscard]] std::array<bool, 7> parse_days(std::string_view text);
/// Parses `HH:MM` (00:00 … 24:00) to minutes; throws wfm::invalid_argument.
[[nodiscard]] int parse_clock(std::string_view text);

} // namespace wfm::roster
