#include <wfm/report/fit.hpp>

#include <wfm/core/error.hpp>

#include "format.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <string_view>

namespace wfm::report {
namespace {

using detail::ratio;

void check_value(std::string_view function, std::string_view what, double value,
                 std::size_t index) {
    if (!std::isfinite(value) || value < 0.0) {
        throw invalid_argument(fmt::format("report::{}: {} of interval {} must be finite and "
                                           "≥ 0, got {}",
                                           function, what, index, value));
    }
}

void check_sizes(std::string_view function, std::size_t required, std::size_t scheduled,
                 std::size_t times) {
    if (required != scheduled || required != times) {
        throw invalid_argument(fmt::format("report::{}: {} timestamps, {} required and {} "
                                           "scheduled values; they must match",
                                           function, times, required, scheduled));
    }
}

std::optional<double> share(std::size_t count, std::size_t of) noexcept {
    if (of == 0) {
        return std::nullopt;
    }
    return static_cast<double>(count) / static_cast<double>(of);
}

bool within(double gap, double required, double tolerance) noexcept {
    // A relative slack of 1e-12 keeps exact boundaries (r = 20, c = 21 at 5 %) inside despite
    // 0.05 not being representable.
    return std::abs(gap) <= tolerance * required * (1.0 + 1e-12);
}

template <class Key>
std::vector<fit_period> group_by(std::string_view function, std::span<const timestamp> times,
                                 std::span<const double> required,
                                 std::span<const double> scheduled, Key key) {
    check_sizes(function, required.size(), scheduled.size(), times.size());
    std::map<local_date, fit_totals> groups;
    for (std::size_t i = 0; i < times.size(); ++i) {
        check_value(function, "required", required[i], i);
        check_value(function, "scheduled", scheduled[i], i);
        groups[key(times[i])].add(required[i], scheduled[i]);
    }
    std::vector<fit_period> out;
    out.reserve(groups.size());
    for (const auto& [start, totals] : groups) {
        out.push_back(fit_period{start, totals});
    }
    return out;
}

} // namespace

interval_fit fit_interval(double required, double scheduled) {
    check_value("fit_interval", "required", required, 0);
    check_value("fit_interval", "scheduled", scheduled, 0);
    interval_fit f;
    f.gap = scheduled - required;
    f.in_scope = required > 0.0 || scheduled > 0.0;
    if (f.in_scope) {
        f.covered = scheduled >= required;
        f.within_5 = within(f.gap, required, 0.05);
        f.within_10 = within(f.gap, required, 0.10);
    }
    return f;
}

void fit_totals::add(double required_agents, double scheduled_agents) {
    const interval_fit f = fit_interval(required_agents, scheduled_agents);
    if (!f.in_scope) {
        return;
    }
    ++intervals;
    required += required_agents;
    scheduled += scheduled_agents;
    shortage += f.gap < 0.0 ? -f.gap : 0.0;
    redundancy += f.gap > 0.0 ? f.gap : 0.0;
    covered += f.covered ? 1u : 0u;
    within_5 += f.within_5 ? 1u : 0u;
    within_10 += f.within_10 ? 1u : 0u;
}

fit_totals& fit_totals::operator+=(const fit_totals& other) noexcept {
    intervals += other.intervals;
    required += other.required;
    scheduled += other.scheduled;
    shortage += other.shortage;
    redundancy += other.redundancy;
    covered += other.covered;
    within_5 += other.within_5;
    within_10 += other.within_10;
    return *this;
}

std::optional<double> fit_totals::fit() const noexcept {
    if (required <= 0.0) {
        return std::nullopt;
    }
    return 1.0 - (shortage + redundancy) / required;
}
std::optional<double> fit_totals::shortage_ratio() const noexcept {
    return ratio(shortage, required);
}
std::optional<double> fit_totals::redundancy_ratio() const noexcept {
    return ratio(redundancy, required);
}
std::optional<double> fit_totals::covered_share() const noexcept {
    return share(covered, intervals);
}
std::optional<double> fit_totals::within_5_share() const noexcept {
    return share(within_5, intervals);
}
std::optional<double> fit_totals::within_10_share() const noexcept {
    return share(within_10, intervals);
}

fit_totals fit_of(std::span<const double> required, std::span<const double> scheduled) {
    check_sizes("fit_of", required.size(), scheduled.size(), required.size());
    fit_totals totals;
    for (std::size_t i = 0; i < required.size(); ++i) {
        check_value("fit_of", "required", required[i], i);
        check_value("fit_of", "scheduled", scheduled[i], i);
        totals.add(required[i], scheduled[i]);
    }
    return totals;
}

std::vector<fit_period> fit_by_day(std::span<const timestamp> times,
                                   std::span<const double> required,
                                   std::span<const double> scheduled) {
    return group_by("fit_by_day", times, required, scheduled,
                    [](timestamp t) { return day_of(t); });
}

std::vector<fit_period> fit_by_week(std::span<const timestamp> times,
                                    std::span<const double> required,
                                    std::span<const double> scheduled) {
    return group_by("fit_by_week", times, required, scheduled,
                    [](timestamp t) { return week_start(day_of(t)); });
}

} // namespace wfm::report
