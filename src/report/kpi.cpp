#include <wfm/core/error.hpp>
#include <wfm/report/kpi.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace wfm::report {
namespace {

using namespace std::chrono_literals;

struct accumulator {
    double offered = 0;
    double answered = 0;
    double within = 0;
    double wait = 0;
    double handle = 0;

    void add(const kpi_row& r) {
        offered += r.offered;
        answered += r.answered;
        within += r.answered_within_t;
        wait += r.asa_s.value_or(0.0) * r.answered;
        handle += r.aht_s.value_or(0.0) * r.answered;
    }
    [[nodiscard]] kpi_row row(timestamp start) const {
        kpi_row r;
        r.start = start;
        r.offered = offered;
        r.answered = answered;
        r.abandoned = offered - answered;
        r.answered_within_t = within;
        if (offered > 0) {
            r.answer_rate = answered / offered;
            r.sl = within / offered;
        }
        if (answered > 0) {
            r.asa_s = wait / answered;
            r.aht_s = handle / answered;
        }
        return r;
    }
};

timestamp period_start(timestamp t, kpi_period p) {
    const local_date d = day_of(t);
    switch (p) {
    case kpi_period::interval:
        return t;
    case kpi_period::day:
        return d;
    case kpi_period::week:
        return week_start(d);
    case kpi_period::month: {
        const std::chrono::year_month_day ymd{d};
        return local_date{ymd.year() / ymd.month() / std::chrono::day{1}};
    }
    case kpi_period::total:
        return timestamp{};
    }
    return t;
}

} // namespace

kpi_period parse_kpi_period(std::string_view name) {
    if (name == "interval") {
        return kpi_period::interval;
    }
    if (name == "day") {
        return kpi_period::day;
    }
    if (name == "week") {
        return kpi_period::week;
    }
    if (name == "month") {
        return kpi_period::month;
    }
    if (name == "total") {
        return kpi_period::total;
    }
    throw invalid_argument(
        fmt::format("kpi period: expected interval, day, week, month or total, got '{}'", name));
}

namespace {

// Midnight of the first call's day and midnight after the last call's day.
std::pair<timestamp, timestamp> log_days(const std::vector<call_record>& calls) {
    auto [lo, hi] =
        std::minmax_element(calls.begin(), calls.end(),
                            [](const auto& a, const auto& b) { return a.arrival < b.arrival; });
    return {day_of(std::chrono::floor<std::chrono::minutes>(lo->arrival)),
            day_of(std::chrono::floor<std::chrono::minutes>(hi->arrival)) + 24h};
}

// Rows of every interval in [first, last) from the offered calls among `calls` (all inside).
std::vector<kpi_row> intervals_over(const std::vector<call_record>& calls, interval_grid grid,
                                    std::chrono::seconds sl_time, timestamp first, timestamp last) {
    if (sl_time < 0s) {
        throw invalid_argument(
            fmt::format("interval_kpis: SL threshold must be ≥ 0 s, got {}", sl_time.count()));
    }
    const auto n = static_cast<std::size_t>((last - first) / grid.step());
    std::vector<accumulator> acc(n);
    for (const auto& c : calls) {
        if (!c.offered) {
            continue;
        }
        const auto i = static_cast<std::size_t>(
            (std::chrono::floor<std::chrono::minutes>(c.arrival) - first) / grid.step());
        auto& a = acc[i];
        a.offered += 1;
        if (c.answered) {
            a.answered += 1;
            a.within += c.wait_s <= static_cast<double>(sl_time.count()) ? 1 : 0;
            a.wait += c.wait_s;
            a.handle += c.handle_s;
        }
    }
    std::vector<kpi_row> rows;
    rows.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        rows.push_back(acc[i].row(first + grid.step() * static_cast<long>(i)));
    }
    return rows;
}

// The calls of each queue, by queue name.
std::map<std::string, std::vector<call_record>>
split_by_queue(const std::vector<call_record>& calls) {
    std::map<std::string, std::vector<call_record>> out;
    for (const auto& c : calls) {
        out[queue_of(c)].push_back(c);
    }
    return out;
}

} // namespace

std::vector<kpi_row> interval_kpis(const std::vector<call_record>& calls, interval_grid grid,
                                   std::chrono::seconds sl_time) {
    if (calls.empty()) {
        return intervals_over(calls, grid, sl_time, timestamp{}, timestamp{});
    }
    const auto [first, last] = log_days(calls);
    return intervals_over(calls, grid, sl_time, first, last);
}

const std::string& queue_of(const call_record& c) noexcept {
    return c.queue.empty() ? c.channel : c.queue;
}

std::vector<queue_kpis> interval_kpis_by_queue(const std::vector<call_record>& calls,
                                               interval_grid grid, std::chrono::seconds sl_time) {
    std::vector<queue_kpis> out;
    if (calls.empty()) {
        return out;
    }
    const auto [first, last] = log_days(calls);
    for (const auto& [queue, of_queue] : split_by_queue(calls)) {
        out.push_back({queue, intervals_over(of_queue, grid, sl_time, first, last)});
    }
    return out;
}

std::vector<kpi_row> period_kpis(const std::vector<kpi_row>& intervals, kpi_period period) {
    std::map<timestamp, accumulator> acc;
    for (const auto& r : intervals) {
        acc[period_start(r.start, period)].add(r);
    }
    std::vector<kpi_row> rows;
    rows.reserve(acc.size());
    for (const auto& [start, a] : acc) {
        rows.push_back(a.row(start));
    }
    return rows;
}

kpi_series to_series(const std::vector<kpi_row>& intervals, interval_grid grid) {
    const timestamp start = intervals.empty() ? timestamp{} : intervals.front().start;
    kpi_series s{time_series{grid, start, intervals.size()},
                 time_series{grid, start, intervals.size()}};
    for (std::size_t i = 0; i < intervals.size(); ++i) {
        if (intervals[i].start != s.offered.time_at(i)) {
            throw invalid_argument("to_series: interval rows are not contiguous on the grid");
        }
        s.offered.set(i, intervals[i].offered);
        if (intervals[i].aht_s) {
            s.aht_s.set(i, *intervals[i].aht_s);
        } else {
            s.aht_s.set_missing(i);
        }
    }
    return s;
}

std::vector<agent_day> agent_days(const std::vector<call_record>& calls,
                                  std::chrono::seconds standard_day,
                                  std::chrono::seconds min_span) {
    if (standard_day <= 0s) {
        throw invalid_argument(
            fmt::format("agent_days: standard day must be > 0 s, got {}", standard_day.count()));
    }
    struct span {
        agent_day day;
        double first = 0;
        double last = 0;
    };
    std::map<std::pair<local_date, std::string>, span> by_agent;
    for (const auto& c : calls) {
        if (!c.answered || c.agent.empty()) {
            continue;
        }
        const auto minute = std::chrono::floor<std::chrono::minutes>(c.arrival);
        const local_date d = day_of(minute);
        const double start =
            static_cast<double>((c.arrival - std::chrono::local_seconds{d}).count()) + c.wait_s;
        const double end = start + c.handle_s;
        auto [it, fresh] = by_agent.try_emplace({d, c.agent});
        auto& s = it->second;
        if (fresh) {
            s.day.date = d;
            s.day.agent = c.agent;
            s.first = start;
            s.last = end;
        }
        s.first = std::min(s.first, start);
        s.last = std::max(s.last, end);
        s.day.answered += 1;
        s.day.handle_s += c.handle_s;
    }
    std::vector<agent_day> out;
    out.reserve(by_agent.size());
    const auto min_s = static_cast<double>(std::max(min_span, 1s).count());
    for (auto& [key, s] : by_agent) {
        s.day.span_s = s.last - s.first;
        if (s.day.span_s >= min_s) {
            s.day.calls_per_agent_day =
                s.day.answered / (s.day.span_s / static_cast<double>(standard_day.count()));
        }
        out.push_back(std::move(s.day));
    }
    return out;
}

std::vector<survival_step> patience_survival(const std::vector<call_record>& calls) {
    std::vector<std::pair<double, bool>> waits; // (wait, abandoned); abandons first at a tie
    for (const auto& c : calls) {
        if (c.offered) {
            waits.emplace_back(c.wait_s, !c.answered);
        }
    }
    std::sort(waits.begin(), waits.end(), [](const auto& a, const auto& b) {
        return a.first < b.first || (a.first == b.first && a.second && !b.second);
    });
    std::vector<survival_step> curve;
    double survival = 1.0;
    for (std::size_t i = 0; i < waits.size();) {
        const double t = waits[i].first;
        const auto at_risk = static_cast<double>(waits.size() - i);
        double events = 0;
        for (; i < waits.size() && waits[i].first == t; ++i) {
            events += waits[i].second ? 1 : 0;
        }
        if (events > 0) {
            survival *= 1.0 - events / at_risk;
            curve.push_back({t, at_risk, events, survival});
        }
    }
    return curve;
}

patience_estimate estimate_patience(const std::vector<call_record>& calls, std::string queue) {
    patience_estimate e;
    e.queue = std::move(queue);
    for (const auto& c : calls) {
        if (c.offered) {
            e.offered += 1;
            e.abandoned += c.answered ? 0 : 1;
            e.wait_s += c.wait_s;
        }
    }
    if (e.abandoned > 0) {
        e.mean_mle_s = e.wait_s / e.abandoned;
    }
    for (const auto& step : patience_survival(calls)) {
        if (step.survival <= 0.5 + 1e-12) { // a product of fractions equal to 1/2 may round up
            e.median_km_s = step.t_s;
            break;
        }
    }
    return e;
}

std::vector<patience_estimate> patience_by_queue(const std::vector<call_record>& calls) {
    std::vector<patience_estimate> out;
    for (const auto& [queue, of_queue] : split_by_queue(calls)) {
        out.push_back(estimate_patience(of_queue, queue));
    }
    return out;
}

} // namespace wfm::report
