#pragma once
// Search state of the roster assignment: which agent works which shift, with the counters the
// hard rules and the soft terms need, kept incrementally (src/roster/state.cpp).

#include <wfm/roster/roster.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace wfm::roster::detail {

/// The horizon's calendar: weekday of each day and the weekend (Sat–Sun pair) it belongs to.
struct calendar {
    int days = 7;
    int weeks = 1;
    std::vector<int> weekday;    ///< per day, 0 = Monday
    std::vector<int> weekend;    ///< per day: weekend index, −1 on weekdays
    std::vector<int> block_of;   ///< per weekend: its block of rules::weekend_block_weeks
    std::vector<int> max_worked; ///< per block: weekends an agent may work in it
    int weekends = 0;
};
[[nodiscard]] calendar make_calendar(const roster_input& in);

/// A shift working past rules::evening_from (late_from) of its start day.
[[nodiscard]] inline bool is_evening(const rules& r, const shift& s) {
    return s.end - s.day * 1440 > r.evening_from;
}
[[nodiscard]] inline bool is_late(const rules& r, const shift& s) {
    return s.end - s.day * 1440 > r.late_from;
}
/// The assignment search's move budget: options.iterations, or 1000 × shifts (at least 10⁵).
[[nodiscard]] inline std::uint64_t search_budget(const roster_options& o, std::size_t shifts) {
    return o.iterations > 0
               ? o.iterations
               : std::max<std::uint64_t>(100'000, 1000 * static_cast<std::uint64_t>(shifts));
}
/// Fairness scale of an agent: counts are compared per 40 contract hours.
[[nodiscard]] inline double contract_scale(const agent& a) {
    return a.max_hours_week > 4 ? a.max_hours_week / 40.0 : 0.1;
}

/// Whether agent `a` may ever take shift `s` (skills, template kind, availability, leave).
[[nodiscard]] bool eligible(const roster_input& in, const agent& a,
                            const std::vector<leave>& own_leave, const shift& s);

class state {
public:
    state(const roster_input& in, const std::vector<shift>& shifts);

    [[nodiscard]] int agents() const noexcept { return static_cast<int>(in_->agents.size()); }
    [[nodiscard]] int agent_of(int s) const { return agent_of_[static_cast<std::size_t>(s)]; }
    [[nodiscard]] const std::vector<int>& assignment() const noexcept { return agent_of_; }
    /// Agents that may ever take shift s (static rules), ascending.
    [[nodiscard]] const std::vector<int>& candidates(int s) const {
        return eligible_[static_cast<std::size_t>(s)];
    }
    /// Shift agent a works on day d, −1 = none.
    [[nodiscard]] int on_day(int a, int d) const {
        return day_shift_[static_cast<std::size_t>(a * cal_.days + d)];
    }
    /// Weekends agent a works (either day) over the horizon.
    [[nodiscard]] int weekends(int a) const { return weekends_[static_cast<std::size_t>(a)]; }
    [[nodiscard]] const calendar& days() const noexcept { return cal_; }
    /// Whether a (not working shift s) may add it under every dynamic hard rule.
    [[nodiscard]] bool can_add(int a, int s) const;
    void add(int a, int s);
    void remove(int s);
    /// Soft cost of agent a's roster (preferences, stability, min hours, fairness).
    [[nodiscard]] double agent_cost(int a) const;
    /// Cost of shift s left uncovered.
    [[nodiscard]] double uncovered_cost(int s) const;

private:
    [[nodiscard]] bool rest_ok(int a, int s) const;
    [[nodiscard]] bool stability_ok(int a, int s) const;
    void count(int a, int s, int sign);

    const roster_input* in_;
    const std::vector<shift>* shifts_;
    calendar cal_;
    std::vector<int> agent_of_;
    std::vector<std::vector<int>> eligible_;
    std::vector<int> day_shift_;      // agent × day
    std::vector<int> week_days_;      // agent × week
    std::vector<double> week_hours_;  // agent × week
    std::vector<int> weekend_days_;   // agent × weekend: days worked in it (0..2)
    std::vector<int> block_weekends_; // agent × block: weekends worked
    std::vector<int> weekends_;       // agent
    std::vector<int> evenings_;       // agent
    std::vector<int> lates_;          // agent
    int blocks_ = 0;
};

} // namespace wfm::roster::detail
