#pragma once
/// The shift-scheduling problem on an interval grid: requirements, shift templates with breaks,
/// weekly tours (days-off patterns), headcount limits and objective weights.
///
/// Every time in a `problem` is counted in grid intervals: interval 0 is the first day's 00:00,
/// interval t covers [t × interval_minutes, (t + 1) × interval_minutes) minutes from there.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wfm::schedule {

/// A rest or meal break taken once in every shift of its template.
struct break_rule {
    std::string name;
    int length = 1;   ///< intervals
    int earliest = 0; ///< earliest start, intervals after the shift start (inclusive)
    int latest = 0;   ///< latest start, intervals after the shift start (inclusive)
    bool paid = true; ///< information only: the template's cost already says what is paid
};

/// A kind of shift an agent may work.
struct shift_template {
    std::string name;
    int length = 1;          ///< intervals on site, breaks included (at most one day)
    std::vector<int> starts; ///< allowed start intervals within a day, ascending
    double cost = 0;         ///< cost of one shift worked (the reference uses paid hours)
    bool part_time = false;
    std::vector<break_rule> breaks;
    std::vector<bool> days; ///< days the template may run (size `days`); empty = every day
    int min_tours = 0;      ///< at least this many agents on this template
    std::optional<int> max_tours;
    /// Indices into problem::patterns this template's tours may work (its own days-off rule),
    /// ascending; empty = every pattern.
    std::vector<int> patterns{};
};

/// What the optimiser minimises.
enum class objective_mode {
    weighted,      ///< labour × cost + under × shortage + over × redundancy
    pure_fit,      ///< Σ|coverage − requirement| (labour cost ignored)
    full_coverage, ///< labour × cost with no shortage allowed
};

/// Objective weights: labour per unit of template cost, under/over per agent-interval (the
/// `wfm schedule` and plan configurations give under/over per agent-hour; make_problem converts).
struct objective_weights {
    double labour = 1.0;
    double under = 1.0;
    double over = 0.0;
};

/// Limits on the agents of a schedule; an empty optional or vector means "no limit".
struct schedule_limits {
    std::optional<int> max_headcount;          ///< agents (tours) in total
    std::optional<double> max_part_time_share; ///< part-time tours / all tours
    std::vector<int> min_per_day;              ///< agents working each day (size `days`)
    std::vector<int> max_per_day;              ///< agents working each day (size `days`)
};

/// A weekly (or `days`-long) scheduling problem.
struct problem {
    int interval_minutes = 30;
    int days = 7;
    int periods_per_day = 48;
    bool cyclic = false;          ///< shifts past the horizon's end wrap to its start
    std::vector<double> required; ///< agents required per interval, size days × periods_per_day
    std::vector<shift_template> templates;
    /// Working-day patterns of a tour (size `days` each, true = works). Daily scheduling without
    /// weekly tours is the set of single-day patterns.
    std::vector<std::vector<bool>> patterns;
    /// A tour starts each working day within ±start_band intervals of its reference start;
    /// 0 = the same start every working day.
    int start_band = 0;
    schedule_limits limits;
    objective_weights weights;
    objective_mode mode = objective_mode::weighted;
    int first_weekday = 0; ///< weekday of day 0 when days == 7: 0 = Monday … 6 = Sunday

    [[nodiscard]] int intervals() const noexcept { return days * periods_per_day; }
};

/// Most candidate tours (Σ over templates of their starts × the number of day-off patterns) a
/// problem may have: the greedy construction and the pricing scan every candidate, and the
/// compiled model keeps the compatible patterns of every template.
inline constexpr std::uint64_t max_candidate_tours = 10'000'000;

/// Checks shapes, ranges and the size limit (max_candidate_tours); throws wfm::invalid_argument
/// naming the field and the bad value.
void check_problem(const problem& p);

/// Single-day patterns for `days` days (scheduling without weekly tours).
[[nodiscard]] std::vector<std::vector<bool>> single_day_patterns(int days);
/// Every pattern with `working` days out of `days`, days off in any position.
[[nodiscard]] std::vector<std::vector<bool>> any_days_off_patterns(int days, int working);
/// Every pattern with `days − working` consecutive days off; `wrap` lets the block run from the
/// last day into the first (Sunday + Monday).
[[nodiscard]] std::vector<std::vector<bool>> consecutive_days_off_patterns(int days, int working,
                                                                           bool wrap);

} // namespace wfm::schedule
