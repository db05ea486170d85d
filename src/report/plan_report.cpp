#include <wfm/report/plan_report.hpp>

#include <wfm/core/error.hpp>

#include "format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace wfm::report {
namespace {

using detail::ratio;

/// Checks fields; `Where` makes the location text, only when a check fails.
template <class Where> class checker {
public:
    explicit checker(Where where) : where_(std::move(where)) {}

    void non_negative(std::string_view field, double value) const {
        if (!std::isfinite(value) || value < 0.0) {
            fail(field, fmt::format("must be finite and ≥ 0, got {}", value));
        }
    }
    void share(std::string_view field, const std::optional<double>& value) const {
        if (value && (!std::isfinite(*value) || *value < 0.0 || *value > 1.0)) {
            fail(field, fmt::format("must be a share in [0, 1], got {}", *value));
        }
    }
    void share(std::string_view field, double value) const {
        share(field, std::optional<double>{value});
    }
    void non_negative(std::string_view field, const std::optional<double>& value) const {
        if (value) {
            non_negative(field, *value);
        }
    }
    [[noreturn]] void fail(std::string_view field, const std::string& message) const {
        throw invalid_argument(fmt::format("report::validate: {}{}: {}", where_(), field, message));
    }

private:
    Where where_;
};

template <class Where>
void validate_interval(const checker<Where>& check, const interval_outcome& x) {
    check.non_negative("volume", x.volume);
    check.non_negative("volume_lower", x.volume_lower);
    check.non_negative("volume_upper", x.volume_upper);
    check.non_negative("aht_s", x.aht_s);
    check.non_negative("required", x.required);
    check.non_negative("required_fractional", x.required_fractional);
    check.non_negative("scheduled", x.scheduled);
    check.share("service_level", x.service_level);
    check.non_negative("asa_s", x.asa_s);
    check.share("abandon", x.abandon);
    check.share("answer_rate", x.answer_rate);
    check.share("occupancy", x.occupancy);
}

void validate_channel(const plan_report& report, const channel_plan& channel) {
    const checker at_channel{[&] { return fmt::format("channel '{}': ", channel.name); }};
    if (channel.name.empty()) {
        at_channel.fail("name", "must not be empty");
    }
    at_channel.share("target.service_level", channel.target.service_level);
    if (channel.target.threshold.count() < 0) {
        at_channel.fail("target.threshold", "must be ≥ 0 s");
    }
    at_channel.share("shrinkage", channel.shrinkage);
    at_channel.share("self_service_rate", channel.self_service_rate);
    if (channel.concurrency < 1) {
        at_channel.fail("concurrency", fmt::format("must be ≥ 1, got {}", channel.concurrency));
    }
    for (std::size_t i = 0; i < channel.intervals.size(); ++i) {
        const auto& x = channel.intervals[i];
        const checker at{[&] {
            return fmt::format("channel '{}': interval {} ({}): ", channel.name, i,
                               format_timestamp(x.start));
        }};
        if (!report.grid.on_grid(x.start)) {
            at.fail("start", fmt::format("is not on the {} grid", report.grid.name()));
        }
        if (i > 0 && x.start <= channel.intervals[i - 1].start) {
            at.fail("start", "intervals must be in ascending order without duplicates");
        }
        validate_interval(at, x);
    }
}

double answered_of(const interval_outcome& x) noexcept {
    if (x.answer_rate) {
        return x.volume * *x.answer_rate;
    }
    if (x.abandon) {
        return x.volume * (1.0 - *x.abandon);
    }
    return x.volume;
}

} // namespace

std::optional<double> schedule_summary::gap() const noexcept {
    if (!objective || !lower_bound || *objective <= 0.0) {
        return std::nullopt;
    }
    return (*objective - *lower_bound) / *objective;
}

int schedule_summary::headcount() const noexcept {
    int n = 0;
    for (const auto& t : templates) {
        n += t.headcount;
    }
    return n;
}

double schedule_summary::paid_hours() const noexcept {
    double hours = 0.0;
    for (const auto& t : templates) {
        hours += t.paid_hours;
    }
    return hours;
}

std::optional<double> schedule_summary::fte(double contract_hours_per_week) const noexcept {
    return ratio(paid_hours(), contract_hours_per_week);
}

std::optional<double> schedule_summary::cost() const noexcept {
    double sum = 0.0;
    for (const auto& t : templates) {
        if (!t.cost) {
            return std::nullopt;
        }
        sum += *t.cost;
    }
    return templates.empty() ? std::nullopt : std::optional<double>{sum};
}

std::optional<double> schedule_summary::utilisation() const noexcept {
    const auto breaks = ratio(break_hours, on_duty_hours);
    return breaks ? std::optional<double>{1.0 - *breaks} : std::nullopt;
}

const std::string& pool_name(const channel_plan& channel) noexcept {
    return channel.pool.empty() ? channel.name : channel.pool;
}

void outcome_totals::add(const interval_outcome& x, std::chrono::minutes step, double target) {
    const double hours = static_cast<double>(step.count()) / 60.0;
    offered += x.volume;
    scheduled_hours += x.scheduled * hours;
    required_hours += x.required * hours;
    if (x.occupancy) {
        busy_weighted += x.scheduled * *x.occupancy;
        occupancy_weight += x.scheduled;
    }
    if (!x.service_level || x.volume <= 0.0) {
        return;
    }
    const double answered_here = answered_of(x);
    ++intervals;
    // A tolerance of 1e-9 keeps an SL computed as exactly the target from failing it.
    meeting_target += *x.service_level + 1e-9 >= target ? 1u : 0u;
    predicted_offered += x.volume;
    answered += answered_here;
    sl_weighted += x.volume * *x.service_level;
    abandon_weighted += x.volume * x.abandon.value_or(0.0);
    asa_weighted += answered_here * x.asa_s.value_or(0.0);
}

outcome_totals& outcome_totals::operator+=(const outcome_totals& o) noexcept {
    intervals += o.intervals;
    meeting_target += o.meeting_target;
    offered += o.offered;
    answered += o.answered;
    scheduled_hours += o.scheduled_hours;
    required_hours += o.required_hours;
    predicted_offered += o.predicted_offered;
    sl_weighted += o.sl_weighted;
    abandon_weighted += o.abandon_weighted;
    asa_weighted += o.asa_weighted;
    busy_weighted += o.busy_weighted;
    occupancy_weight += o.occupancy_weight;
    return *this;
}

std::optional<double> outcome_totals::service_level() const noexcept {
    return ratio(sl_weighted, predicted_offered);
}
std::optional<double> outcome_totals::answer_rate() const noexcept {
    return ratio(answered, predicted_offered);
}
std::optional<double> outcome_totals::abandon() const noexcept {
    return ratio(abandon_weighted, predicted_offered);
}
std::optional<double> outcome_totals::asa_s() const noexcept {
    return ratio(asa_weighted, answered);
}
std::optional<double> outcome_totals::occupancy() const noexcept {
    return ratio(busy_weighted, occupancy_weight);
}
std::optional<double> outcome_totals::target_met_share() const noexcept {
    return ratio(static_cast<double>(meeting_target), static_cast<double>(intervals));
}
std::optional<double>
outcome_totals::calls_per_agent_day(std::chrono::minutes standard_day) const noexcept {
    const double agent_days = scheduled_hours * 60.0 / static_cast<double>(standard_day.count());
    if (intervals == 0) {
        return std::nullopt;
    }
    return ratio(answered, agent_days);
}

namespace {

void validate_schedule(const schedule_summary& s) {
    const checker at{[&] { return fmt::format("schedule '{}': ", s.pool); }};
    for (const auto& t : s.templates) {
        if (t.headcount < 0) {
            at.fail("headcount", fmt::format("of template '{}' must be ≥ 0", t.name));
        }
        at.non_negative("paid_hours", t.paid_hours);
        at.non_negative("cost", t.cost);
    }
    at.non_negative("solver_seconds", s.solver_seconds);
    at.non_negative("on_duty_hours", s.on_duty_hours);
    at.non_negative("break_hours", s.break_hours);
    if (s.break_hours > s.on_duty_hours) {
        at.fail("break_hours", fmt::format("must be ≤ on_duty_hours ({}), got {}", s.on_duty_hours,
                                           s.break_hours));
    }
    if (s.objective && !std::isfinite(*s.objective)) {
        at.fail("objective", "must be finite");
    }
    if (s.lower_bound && !std::isfinite(*s.lower_bound)) {
        at.fail("lower_bound", "must be finite");
    }
}

} // namespace

void validate(const plan_report& report) {
    if (report.standard_working_day.count() <= 0) {
        throw invalid_argument(
            fmt::format("report::validate: standard_working_day must be positive, got {} min",
                        report.standard_working_day.count()));
    }
    if (report.lang != "en" && report.lang != "zh-CN") {
        throw invalid_argument(
            fmt::format("report::validate: lang must be 'en' or 'zh-CN', got '{}'", report.lang));
    }
    if (!std::isfinite(report.contract_hours_per_week) || report.contract_hours_per_week <= 0.0) {
        throw invalid_argument(
            fmt::format("report::validate: contract_hours_per_week must be positive, got {}",
                        report.contract_hours_per_week));
    }
    for (const auto& channel : report.channels) {
        validate_channel(report, channel);
    }
    for (const auto& s : report.schedules) {
        validate_schedule(s);
    }
}

namespace {

using day_map = std::map<local_date, period_summary>;

/// Adds `days` into `into` day by day.
void add_days(day_map& into, const day_map& days) {
    for (const auto& [day, p] : days) {
        auto& q = into[day];
        q.start = day;
        q.fit += p.fit;
        q.outcome += p.outcome;
    }
}

/// A named summary of days: the days in date order and their sum as the week.
void fill_summary(channel_summary& c, std::string name, local_date week, const day_map& days) {
    c.name = std::move(name);
    c.week.start = week;
    for (const auto& [day, p] : days) {
        c.days.push_back(p);
        c.week.fit += p.fit;
        c.week.outcome += p.outcome;
    }
}

/// A channel's open intervals by day; closed intervals are out of scope.
day_map channel_days(const plan_report& report, const channel_plan& channel) {
    day_map days;
    for (const auto& x : channel.intervals) {
        if (!x.open) {
            continue;
        }
        const local_date day = day_of(x.start);
        auto& p = days[day];
        p.start = day;
        p.fit.add(x.required, x.scheduled);
        p.outcome.add(x, report.grid.step(), channel.target.service_level);
    }
    return days;
}

/// Every schedule's templates and hours in one.
schedule_summary all_schedules_of(const plan_report& report) {
    schedule_summary all;
    all.pool = "all";
    for (const auto& s : report.schedules) {
        all.templates.insert(all.templates.end(), s.templates.begin(), s.templates.end());
        all.on_duty_hours += s.on_duty_hours;
        all.break_hours += s.break_hours;
    }
    return all;
}

} // namespace

plan_summary summarise(const plan_report& report) {
    validate(report);
    plan_summary summary;
    day_map all_days;
    std::vector<day_map> pool_days;
    for (std::size_t i = 0; i < report.channels.size(); ++i) {
        const auto& channel = report.channels[i];
        const day_map days = channel_days(report, channel);
        summary.channels.emplace_back();
        fill_summary(summary.channels.back(), channel.name, report.week_start, days);
        add_days(all_days, days);
        const auto pool = std::find_if(summary.pools.begin(), summary.pools.end(),
                                       [&](const auto& p) { return p.name == pool_name(channel); });
        const auto k = static_cast<std::size_t>(pool - summary.pools.begin());
        if (pool == summary.pools.end()) {
            summary.pools.emplace_back().name = pool_name(channel);
            pool_days.emplace_back();
        }
        summary.pools[k].channels.push_back(i);
        add_days(pool_days[k], days);
    }
    for (std::size_t k = 0; k < summary.pools.size(); ++k) {
        auto& p = summary.pools[k];
        fill_summary(p, p.name, report.week_start, pool_days[k]);
        const auto s = std::find_if(report.schedules.begin(), report.schedules.end(),
                                    [&](const auto& x) { return x.pool == p.name; });
        if (s != report.schedules.end()) {
            p.schedule = static_cast<std::size_t>(s - report.schedules.begin());
        }
    }
    fill_summary(summary.all_channels, "all", report.week_start, all_days);
    summary.all_schedules = all_schedules_of(report);
    return summary;
}

} // namespace wfm::report
