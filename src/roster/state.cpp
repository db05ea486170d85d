#include "state.hpp"

#include <wfm/core/detail/index.hpp>

#include <algorithm>
#include <cmath>

namespace wfm::roster::detail {
namespace {

using wfm::detail::to_index;

/// Whether [start, end) (minutes from the shift's day 00:00) lies inside one window of the day.
bool available(const agent& a, int weekday, int start, int end) {
    if (a.available.empty()) {
        return true;
    }
    return std::any_of(a.available.begin(), a.available.end(), [&](const time_window& w) {
        return w.weekday == weekday && w.from <= start && end <= w.to;
    });
}

bool skilled(const agent& a, const std::string& queue) {
    return queue.empty() || std::find(a.skills.begin(), a.skills.end(), queue) != a.skills.end();
}

} // namespace

calendar make_calendar(const roster_input& in) {
    calendar c;
    c.weeks = in.weeks;
    c.days = 7 * in.weeks;
    const int saturday = (5 - in.config.week_start + 7) % 7; // first Saturday's day
    for (int d = 0; d < c.days; ++d) {
        const int wd = (in.config.week_start + d) % 7;
        c.weekday.push_back(wd);
        const int sunday_first = in.config.week_start == 6 ? 1 : 0; // day 0 ends a weekend
        c.weekend.push_back(wd == 5             ? (d - saturday) / 7 + sunday_first
                            : wd == 6 && d == 0 ? 0
                            : wd == 6           ? (d - 1 - saturday) / 7 + sunday_first
                                                : -1);
        c.weekends = std::max(c.weekends, c.weekend.back() + 1);
    }
    const int per = std::max(in.rules.weekend_block_weeks, 1);
    for (int k = 0; k < c.weekends; ++k) {
        c.block_of.push_back(k / per);
    }
    const int blocks = (c.weekends + per - 1) / per;
    for (int b = 0; b < blocks; ++b) {
        const int size = std::min(per, c.weekends - b * per);
        const int off = in.rules.min_weekends_off * size / per; // a short block: pro rata
        c.max_worked.push_back(size - off);
    }
    return c;
}

bool eligible(const roster_input& in, const agent& a, const std::vector<leave>& own_leave,
              const shift& s) {
    if (!skilled(a, in.queues[to_index(s.queue)].name)) {
        return false;
    }
    if (a.part_time && !in.config.templates[to_index(s.template_index)].part_time) {
        return false;
    }
    const int weekday = (in.config.week_start + s.day) % 7;
    if (!available(a, weekday, s.start - s.day * 1440, s.end - s.day * 1440)) {
        return false;
    }
    return std::none_of(own_leave.begin(), own_leave.end(), [&](const leave& l) {
        const int day = static_cast<int>((l.date - in.first_day).count());
        return day * 1440 + l.from < s.end && s.start < day * 1440 + l.to;
    });
}

state::state(const roster_input& in, const std::vector<shift>& shifts)
    : in_(&in), shifts_(&shifts), cal_(make_calendar(in)), agent_of_(shifts.size(), -1),
      eligible_(shifts.size()) {
    const int n = agents();
    std::vector<std::vector<leave>> own(to_index(n));
    for (const auto& l : in.leaves) {
        for (int a = 0; a < n; ++a) {
            if (in.agents[to_index(a)].id == l.agent) {
                own[to_index(a)].push_back(l);
            }
        }
    }
    for (std::size_t s = 0; s < shifts.size(); ++s) {
        for (int a = 0; a < n; ++a) {
            if (eligible(in, in.agents[to_index(a)], own[to_index(a)], shifts[s])) {
                eligible_[s].push_back(a);
            }
        }
    }
    blocks_ = static_cast<int>(cal_.max_worked.size());
    day_shift_.assign(to_index(n * cal_.days), -1);
    week_days_.assign(to_index(n * cal_.weeks), 0);
    week_hours_.assign(to_index(n * cal_.weeks), 0.0);
    weekend_days_.assign(to_index(n * std::max(cal_.weekends, 1)), 0);
    block_weekends_.assign(to_index(n * std::max(blocks_, 1)), 0);
    weekends_.assign(to_index(n), 0);
    evenings_.assign(to_index(n), 0);
    lates_.assign(to_index(n), 0);
}

bool state::rest_ok(int a, int s) const {
    const auto& x = (*shifts_)[to_index(s)];
    const int rest = static_cast<int>(std::lround(in_->rules.min_rest_hours * 60));
    for (int d = x.day - 1; d >= std::max(x.day - 2, 0); --d) {
        if (const int p = on_day(a, d); p >= 0) {
            if ((*shifts_)[to_index(p)].end + rest > x.start) {
                return false;
            }
            break;
        }
    }
    for (int d = x.day + 1; d <= std::min(x.day + 2, cal_.days - 1); ++d) {
        if (const int p = on_day(a, d); p >= 0) {
            return x.end + rest <= (*shifts_)[to_index(p)].start;
        }
    }
    return true;
}

bool state::stability_ok(int a, int s) const {
    if (!in_->rules.start_stability_minutes) {
        return true;
    }
    const auto& x = (*shifts_)[to_index(s)];
    int lo = x.start - x.day * 1440;
    int hi = lo;
    const int w = x.day / 7;
    for (int d = w * 7; d < w * 7 + 7; ++d) {
        if (const int p = on_day(a, d); p >= 0) {
            const int m = (*shifts_)[to_index(p)].start - d * 1440;
            lo = std::min(lo, m);
            hi = std::max(hi, m);
        }
    }
    return hi - lo <= 2 * *in_->rules.start_stability_minutes;
}

bool state::can_add(int a, int s) const {
    const auto& x = (*shifts_)[to_index(s)];
    const auto& ag = in_->agents[to_index(a)];
    const int w = x.day / 7;
    if (on_day(a, x.day) >= 0 || week_days_[to_index(a * cal_.weeks + w)] + 1 > ag.max_days_week ||
        week_hours_[to_index(a * cal_.weeks + w)] + x.paid_hours > ag.max_hours_week + 1e-9) {
        return false;
    }
    int run = 1;
    for (int d = x.day - 1; d >= 0 && on_day(a, d) >= 0; --d) {
        ++run;
    }
    for (int d = x.day + 1; d < cal_.days && on_day(a, d) >= 0; ++d) {
        ++run;
    }
    if (run > in_->rules.max_consecutive_days) {
        return false;
    }
    if (const int k = cal_.weekend[to_index(x.day)];
        k >= 0 && weekend_days_[to_index(a * cal_.weekends + k)] == 0) {
        const int b = cal_.block_of[to_index(k)];
        if (block_weekends_[to_index(a * blocks_ + b)] + 1 > cal_.max_worked[to_index(b)]) {
            return false;
        }
    }
    return rest_ok(a, s) && stability_ok(a, s);
}

void state::count(int a, int s, int sign) {
    const auto& x = (*shifts_)[to_index(s)];
    const int w = x.day / 7;
    week_days_[to_index(a * cal_.weeks + w)] += sign;
    week_hours_[to_index(a * cal_.weeks + w)] += sign * x.paid_hours;
    if (const int k = cal_.weekend[to_index(x.day)]; k >= 0) {
        int& days = weekend_days_[to_index(a * cal_.weekends + k)];
        const bool before = days > 0;
        days += sign;
        const int change = static_cast<int>(days > 0) - static_cast<int>(before);
        weekends_[to_index(a)] += change;
        block_weekends_[to_index(a * blocks_ + cal_.block_of[to_index(k)])] += change;
    }
    evenings_[to_index(a)] += is_evening(in_->rules, x) ? sign : 0;
    lates_[to_index(a)] += is_late(in_->rules, x) ? sign : 0;
}

void state::add(int a, int s) {
    agent_of_[to_index(s)] = a;
    day_shift_[to_index(a * cal_.days + (*shifts_)[to_index(s)].day)] = s;
    count(a, s, +1);
}

void state::remove(int s) {
    const int a = agent_of_[to_index(s)];
    agent_of_[to_index(s)] = -1;
    day_shift_[to_index(a * cal_.days + (*shifts_)[to_index(s)].day)] = -1;
    count(a, s, -1);
}

double state::agent_cost(int a) const {
    const auto& ag = in_->agents[to_index(a)];
    const auto& r = in_->rules;
    double cost = 0;
    int previous = -1; // start minute of the previous day's shift, −1 = day off
    for (int d = 0; d < cal_.days; ++d) {
        const int s = on_day(a, d);
        if (s < 0) {
            previous = -1;
            continue;
        }
        const int m = (*shifts_)[to_index(s)].start - d * 1440;
        if (ag.preferred_start) {
            cost += ag.preference_weight * std::abs(m - *ag.preferred_start) / 60.0;
        }
        if (ag.preferred_days_off[to_index(cal_.weekday[to_index(d)])]) {
            cost += ag.preference_weight * 2;
        }
        if (previous >= 0) {
            cost += r.stability_weight * std::abs(m - previous) / 60.0;
        }
        previous = m;
    }
    for (int w = 0; w < cal_.weeks; ++w) {
        cost += r.min_hours_weight *
                std::max(ag.min_hours_week - week_hours_[to_index(a * cal_.weeks + w)], 0.0);
    }
    const auto sq = [](int c) { return static_cast<double>(c) * c; };
    cost +=
        (r.weekend_weight * sq(weekends_[to_index(a)]) +
         r.evening_weight * sq(evenings_[to_index(a)]) + r.late_weight * sq(lates_[to_index(a)])) /
        contract_scale(ag);
    return cost;
}

double state::uncovered_cost(int s) const {
    return uncovered_hour_weight * (*shifts_)[to_index(s)].paid_hours;
}

} // namespace wfm::roster::detail
