#pragma once
/// Schedule fit (排班擬合度), shortage and redundancy of a coverage against a requirement.
///
/// For intervals i with requirement r(i) ≥ 0 and scheduled coverage c(i) ≥ 0 (docs/domain.md):
///   fit = 1 − Σ|c − r| / Σr,  shortage ratio = Σ max(r − c, 0) / Σr,
///   redundancy ratio = Σ max(c − r, 0) / Σr, so fit = 1 − shortage ratio − redundancy ratio.
/// Interval shares count only intervals *in scope*: r > 0 or c > 0 (an interval with nothing
/// required and nobody scheduled, e.g. a closed night, says nothing about the fit). In scope:
///   covered      c ≥ r (so r = 0 < c counts as covered),
///   within ±x %  |c − r| ≤ x % · r (so r = 0 < c is never within: any agent is 100 % over).
/// Ratios over Σr = 0 and shares over zero intervals are undefined and returned empty.

#include <wfm/core/time.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace wfm::report {

/// How one interval's coverage compares with its requirement.
struct interval_fit {
    double gap = 0.0;      ///< c − r, agents (positive = over-staffed)
    bool in_scope = false; ///< r > 0 or c > 0
    bool covered = false;  ///< in scope and c ≥ r
    bool within_5 = false; ///< in scope and |c − r| ≤ 5 % of r
    bool within_10 = false;
};

/// Classifies one interval; throws wfm::invalid_argument when r or c is negative or not finite.
[[nodiscard]] interval_fit fit_interval(double required, double scheduled);

/// Sums over a set of intervals; ratios and shares derive from them.
struct fit_totals {
    std::size_t intervals = 0; ///< intervals in scope
    double required = 0.0;     ///< Σ r
    double scheduled = 0.0;    ///< Σ c
    double shortage = 0.0;     ///< Σ max(r − c, 0)
    double redundancy = 0.0;   ///< Σ max(c − r, 0)
    std::size_t covered = 0;   ///< intervals with c ≥ r
    std::size_t within_5 = 0;  ///< intervals with |c − r| ≤ 5 % of r
    std::size_t within_10 = 0; ///< intervals with |c − r| ≤ 10 % of r

    /// Adds one interval (checked as in fit_interval).
    void add(double required_agents, double scheduled_agents);
    /// Adds another set of intervals (e.g. another channel or day).
    fit_totals& operator+=(const fit_totals& other) noexcept;

    /// 1 − (shortage + redundancy) / Σr; empty when Σr = 0.
    [[nodiscard]] std::optional<double> fit() const noexcept;
    /// Σ max(r − c, 0) / Σr; empty when Σr = 0.
    [[nodiscard]] std::optional<double> shortage_ratio() const noexcept;
    /// Σ max(c − r, 0) / Σr; empty when Σr = 0.
    [[nodiscard]] std::optional<double> redundancy_ratio() const noexcept;
    /// Share of in-scope intervals with c ≥ r; empty when none is in scope.
    [[nodiscard]] std::optional<double> covered_share() const noexcept;
    /// Share of in-scope intervals within ±5 % of r; empty when none is in scope.
    [[nodiscard]] std::optional<double> within_5_share() const noexcept;
    /// Share of in-scope intervals within ±10 % of r; empty when none is in scope.
    [[nodiscard]] std::optional<double> within_10_share() const noexcept;
};

/// Totals over paired intervals; throws wfm::invalid_argument on a size mismatch or a bad value
/// (naming the index).
[[nodiscard]] fit_totals fit_of(std::span<const double> required,
                                std::span<const double> scheduled);

/// Totals of the intervals that start within one period (a day or an ISO week).
struct fit_period {
    local_date start; ///< the day, or the Monday of the ISO week
    fit_totals totals;
};

/// Totals per calendar day, in date order; `times[i]` is the start of interval i.
[[nodiscard]] std::vector<fit_period> fit_by_day(std::span<const timestamp> times,
                                                 std::span<const double> required,
                                                 std::span<const double> scheduled);

/// Totals per ISO week (Monday to Sunday), in date order.
[[nodiscard]] std::vector<fit_period> fit_by_week(std::span<const timestamp> times,
                                                  std::span<const double> required,
                                                  std::span<const double> scheduled);

} // namespace wfm::report
