#pragma once
/// Rosters for named agents over 1–6 weeks: the week's optimised anonymous lines (schedule::solve
/// per queue and week) cut into shifts, assigned to agents under hard rules (skills, contract,
/// availability, leave, rest, consecutive days, weekends off, start stability) by a greedy
/// construction, a seeded annealing search on the soft terms and a weekend-balancing pass; an
/// independent validator.

#include <wfm/core/time.hpp>
#include <wfm/roster/agents.hpp>
#include <wfm/schedule/config.hpp>
#include <wfm/schedule/solve.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wfm::roster {

/// One queue's requirement over the horizon (agents per interval from first_day 00:00).
struct queue_requirement {
    std::string name; ///< empty = the one queue of a file without channels: every agent may take it
    std::vector<double> required; ///< size weeks × 7 × 1440 / interval_minutes
};

/// Everything a roster is built from; no file is read.
struct roster_input {
    schedule::schedule_config config; ///< templates, days off and weights of the weekly solve
    int interval_minutes = 15;
    local_date first_day{}; ///< day 0 of the horizon, on weekday config.week_start
    int weeks = 1;
    std::vector<queue_requirement> queues;
    std::vector<agent> agents;
    std::vector<leave> leaves;
    roster::rules rules;
};

/// One shift of an anonymous line, in minutes from first_day 00:00.
struct shift {
    int queue = 0;           ///< index into roster_input::queues
    int day = 0;             ///< horizon day of its start
    int start = 0;           ///< minutes from first_day 00:00
    int end = 0;             ///< start + template length
    int template_index = 0;  ///< index into config.templates
    std::vector<int> breaks; ///< break starts (minutes from first_day 00:00), template order
    double paid_hours = 0;   ///< length − unpaid breaks
    double cost = 0;         ///< the template's cost (the weekly objective's labour unit)
};

/// How long and how to search; results are identical for a seed and iteration budgets.
struct roster_options {
    std::uint64_t seed = 1;
    std::chrono::milliseconds time_limit{30000}; ///< safety limit for the whole roster
    std::uint64_t schedule_iterations = 200000;  ///< per weekly solve; 0 = the solver's default
    std::uint64_t iterations = 0; ///< assignment search moves; 0 = 1000 × shifts, ≥ 10⁵
    /// Cap each week's lines by the agents who can work them (see methods.md); false gives the
    /// unconstrained weekly schedule of the requirement (the benchmark's reference).
    bool cap_by_agents = true;
};

/// Shifts of the anonymous lines that no agent could take.
struct shortfall {
    int queue = 0;
    int day = 0;
    int start = 0; ///< minutes from first_day 00:00
    int end = 0;
    double hours = 0;
};

/// Totals of a roster (or of the anonymous lines) against the requirement, all queues together.
struct roster_fit {
    double required = 0; ///< Σ r, agent-intervals
    double shortage = 0; ///< Σ max(r − c, 0)
    double redundancy = 0;
    double fit = 0;       ///< 1 − Σ|c − r| / Σ r
    double objective = 0; ///< Σ over weeks and queues of the weekly objective (schedule units)
};

/// Soft terms of a roster (what the search minimises besides uncovered shifts).
struct soft_terms {
    double preferences =
        0; ///< Σ weight × (hours off the preferred start + 2 × preferred days off worked)
    double fairness = 0;  ///< Σ weight × count² / contract scale for weekends, evenings, lates
    double stability = 0; ///< Σ weight × hours of start change between working days
    double min_hours = 0; ///< Σ weight × paid hours under min_hours_week
    [[nodiscard]] double total() const noexcept {
        return preferences + fairness + stability + min_hours;
    }
};

/// A roster and what is known about it.
struct roster_result {
    std::vector<shift> shifts; ///< every shift of the anonymous lines
    std::vector<int> agent_of; ///< per shift: index into agents, −1 = nobody could take it
    std::vector<shortfall> shortfalls;
    std::vector<std::vector<int>> coverage;           ///< per queue, per interval: the roster's
    std::vector<std::vector<int>> anonymous_coverage; ///< per queue: the anonymous lines'
    roster_fit fit;
    roster_fit anonymous_fit;
    std::optional<double> lower_bound; ///< Σ of the weekly solves' bounds (schedule units)
    soft_terms soft;
    std::vector<std::string> violations; ///< validate_roster's findings (empty = every rule holds)
    std::uint64_t iterations = 0;
    bool clock_stopped = false; ///< a time limit cut a solve or the search short
    double seconds = 0;
};

/// Checks the input's shapes (queue sizes, weeks 1..6, leave of known agents); throws
/// wfm::invalid_argument naming the field.
void check_input(const roster_input& in);

/// The anonymous lines of every queue and week as shifts (one schedule::solve per queue and
/// week, seeded seed + k); `bound` receives Σ of their lower bounds when every solve has one.
[[nodiscard]] std::vector<shift> anonymous_shifts(const roster_input& in,
                                                  const roster_options& options,
                                                  std::optional<double>* bound = nullptr,
                                                  bool* clock_stopped = nullptr);

/// Assigns shifts to agents (greedy construction, then seeded annealing on uncovered hours and
/// soft terms, then weekend balancing: among agents of one contract, weekends move from those
/// with the most to those with the fewest while they differ by 2 or more and an exchange keeps
/// every rule); every assignment keeps every hard rule. Returns agent per shift (−1 = uncovered).
[[nodiscard]] std::vector<int> assign_shifts(const roster_input& in,
                                             const std::vector<shift>& shifts,
                                             const roster_options& options,
                                             std::uint64_t* iterations = nullptr);

/// The soft terms of an assignment, computed from scratch.
[[nodiscard]] soft_terms soft_terms_of(const roster_input& in, const std::vector<shift>& shifts,
                                       const std::vector<int>& agent_of);
/// Weight of one uncovered paid hour in the search (well above any soft term's change).
inline constexpr double uncovered_hour_weight = 1000.0;
/// What the assignment search minimises: uncovered_hour_weight × uncovered paid hours + soft.
[[nodiscard]] double assignment_cost(const roster_input& in, const std::vector<shift>& shifts,
                                     const std::vector<int>& agent_of);

/// Agents on shift and not on break per queue and interval, counting shifts with
/// `agent_of[s] >= 0` (or every shift when `agent_of` is empty); past a week's end a shift is cut
/// (or wraps to the week's start when the config is cyclic), as in the weekly solve.
[[nodiscard]] std::vector<std::vector<int>> coverage_of(const roster_input& in,
                                                        const std::vector<shift>& shifts,
                                                        const std::vector<int>& agent_of);
/// Fit and weekly objective of a coverage (labour cost of the counted shifts).
[[nodiscard]] roster_fit fit_of(const roster_input& in, const std::vector<shift>& shifts,
                                const std::vector<int>& agent_of);

/// One worked shift as written in roster.csv, in wall-clock minutes: what the validator checks.
struct roster_entry {
    int agent = 0; ///< index into roster_input::agents
    int queue = 0;
    int start = 0; ///< minutes from first_day 00:00
    int end = 0;
    double paid_hours = 0;
    int template_index = 0; ///< index into config.templates
};
/// Every broken hard rule of a roster, one sentence each naming the agent (by id) and date;
/// empty when every rule holds. Independent of the search's bookkeeping.
[[nodiscard]] std::vector<std::string> validate_roster(const roster_input& in,
                                                       const std::vector<roster_entry>& entries);
/// The entries of an assignment (uncovered shifts left out).
[[nodiscard]] std::vector<roster_entry> entries_of(const std::vector<shift>& shifts,
                                                   const std::vector<int>& agent_of);

/// Builds the roster: anonymous lines, assignment, shortfalls, coverage, fit and validation.
[[nodiscard]] roster_result build_roster(const roster_input& in,
                                         const roster_options& options = {});

} // namespace wfm::roster
