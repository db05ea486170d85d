#include <wfm/plan/replay.hpp>

#include <wfm/core/error.hpp>
#include <wfm/report/kpi.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <utility>

namespace wfm::plan {
namespace {

double seconds_from(std::chrono::local_seconds t, std::chrono::local_seconds origin) {
    return static_cast<double>((t - origin).count());
}

void check_options(const replay_options& o) {
    if (o.sl_time.count() < 0 || o.session_gap.count() < 0 || o.agent_interval.count() < 0) {
        throw invalid_argument(
            fmt::format("replay_log: sl_time, session_gap and agent_interval must be >= 0 s, got "
                        "{}, {} and {}",
                        o.sl_time.count(), o.session_gap.count(), o.agent_interval.count()));
    }
    if (o.replications < 2) {
        throw invalid_argument(
            fmt::format("replay_log: replications must be >= 2, got {}", o.replications));
    }
}

sim::duration_dist day_patience(const std::vector<call_record>& calls, replay_patience how) {
    if (how == replay_patience::exponential) {
        const auto p = report::estimate_patience(calls);
        return p.mean_mle_s ? sim::duration_dist::exponential(*p.mean_mle_s) : sim::duration_dist{};
    }
    const bool any_abandon =
        std::any_of(calls.begin(), calls.end(), [](const auto& c) { return !c.answered; });
    return any_abandon ? sim::duration_dist::empirical(patience_quantiles(calls))
                       : sim::duration_dist{};
}

replay_day replay_one_day(const std::vector<call_record>& calls, local_date date,
                          const replay_options& o) {
    const auto origin = std::chrono::local_seconds{date};
    replay_day d;
    d.date = date;
    const double t = static_cast<double>(o.sl_time.count());
    sim::sim_queue q;
    std::vector<double> handles;
    for (const auto& c : calls) {
        d.offered += 1;
        d.answered += c.answered ? 1 : 0;
        d.abandoned += c.answered ? 0 : 1;
        d.answered_within_t += c.answered && c.wait_s <= t ? 1 : 0;
        q.replay_s.push_back(seconds_from(c.arrival, origin));
        if (c.answered) {
            handles.push_back(c.handle_s);
        }
    }
    d.actual_sl = d.answered_within_t / d.offered;
    std::sort(q.replay_s.begin(), q.replay_s.end());
    if (handles.empty()) {
        handles.push_back(0.0); // nobody answered: nothing to draw a service from
    }
    for (const double h : handles) {
        d.handle_mean_s += h / static_cast<double>(handles.size());
    }
    q.handle = sim::duration_dist::empirical(std::move(handles));
    q.patience = day_patience(calls, o.patience);
    d.patience_mle_s = report::estimate_patience(calls).mean_mle_s;

    const auto sessions = agent_sessions(calls, origin, o.session_gap);
    sim::sim_model m;
    m.interval_s = 86400.0; // one interval: the day's cohort figures with their intervals
    m.intervals = 1;
    m.sl_time_s = t;
    m.queues.push_back(std::move(q));
    m.pools.push_back(replay_pool(sessions, o.agent_interval, m.interval_s));
    double on = 0.0;
    long duty = 0;
    auto changes = m.pools[0].changes;
    std::sort(changes.begin(), changes.end(),
              [](const auto& a, const auto& b) { return a.at_s < b.at_s; });
    for (std::size_t i = 0; i + 1 < changes.size(); ++i) {
        duty += changes[i].delta;
        on += static_cast<double>(duty) * (changes[i + 1].at_s - changes[i].at_s);
    }
    d.agent_hours = on / 3600.0;

    const auto r = sim::simulate(m, {.replications = o.replications, .seed = o.seed});
    const auto& f = r.queues.at(0).at(0);
    d.sim_sl = f.sl;
    d.sim_answered = f.answered;
    d.sim_abandoned = f.abandoned;
    return d;
}

} // namespace

std::vector<sim::time_window> agent_sessions(const std::vector<call_record>& calls,
                                             std::chrono::local_seconds day_start,
                                             std::chrono::seconds session_gap) {
    std::map<std::string, std::vector<sim::time_window>> services;
    for (const auto& c : calls) {
        if (c.answered && !c.agent.empty()) {
            const double begin = seconds_from(c.arrival, day_start) + c.wait_s;
            services[c.agent].push_back({begin, begin + c.handle_s});
        }
    }
    const auto gap = static_cast<double>(session_gap.count());
    std::vector<sim::time_window> sessions;
    for (auto& [agent, s] : services) {
        std::sort(s.begin(), s.end(),
                  [](const auto& a, const auto& b) { return a.begin_s < b.begin_s; });
        sim::time_window cur = s.front();
        for (std::size_t i = 1; i < s.size(); ++i) {
            if (s[i].begin_s - cur.end_s > gap) {
                sessions.push_back(cur);
                cur = s[i];
            } else {
                cur.end_s = std::max(cur.end_s, s[i].end_s);
            }
        }
        sessions.push_back(cur);
    }
    return sessions;
}

sim::sim_pool replay_pool(const std::vector<sim::time_window>& sessions,
                          std::chrono::seconds agent_interval, double horizon_s) {
    sim::sim_pool p;
    if (agent_interval.count() == 0) {
        for (const auto& s : sessions) {
            if (!(s.end_s > s.begin_s)) {
                continue; // a zero-length service keeps nobody on duty
            }
            p.changes.push_back({std::max(0.0, s.begin_s), +1});
            p.changes.push_back({std::max(0.0, s.end_s), -1});
        }
        return p;
    }
    const auto len = static_cast<double>(agent_interval.count());
    const auto n = static_cast<std::size_t>(std::ceil(horizon_s / len));
    std::vector<double> agent_s(n, 0.0);
    for (const auto& s : sessions) {
        for (std::size_t i = 0; i < n; ++i) {
            const double lo = std::max(s.begin_s, len * static_cast<double>(i));
            const double hi = std::min(s.end_s, len * static_cast<double>(i + 1));
            agent_s[i] += std::max(0.0, hi - lo);
        }
    }
    std::vector<int> agents(n + 1, 0); // the last entry closes the day
    for (std::size_t i = 0; i < n; ++i) {
        agents[i] = static_cast<int>(std::lround(agent_s[i] / len));
    }
    return sim::pool_from_coverage(agents, len);
}

std::vector<double> patience_quantiles(const std::vector<call_record>& calls, std::size_t n,
                                       double never_s) {
    const auto curve = report::patience_survival(calls);
    std::vector<double> out;
    out.reserve(n);
    std::size_t k = 0;
    for (std::size_t i = 0; i < n; ++i) {
        // F(t) = 1 − S(t): the first step whose F reaches u
        const double u = (static_cast<double>(i) + 0.5) / static_cast<double>(n);
        while (k < curve.size() && 1.0 - curve[k].survival < u) {
            ++k;
        }
        out.push_back(k < curve.size() ? curve[k].t_s : never_s);
    }
    return out;
}

std::vector<replay_day> replay_log(const std::vector<call_record>& calls,
                                   const replay_options& options) {
    check_options(options);
    std::map<local_date, std::vector<call_record>> by_day;
    for (const auto& c : calls) {
        if (c.offered) {
            by_day[std::chrono::floor<std::chrono::days>(c.arrival)].push_back(c);
        }
    }
    std::vector<replay_day> days;
    days.reserve(by_day.size());
    for (const auto& [date, day_calls] : by_day) {
        days.push_back(replay_one_day(day_calls, date, options));
    }
    return days;
}

std::optional<double> mean_abs_sl_difference(const std::vector<replay_day>& days, local_date from,
                                             local_date to) {
    double sum = 0.0;
    int n = 0;
    for (const auto& d : days) {
        if (d.date >= from && d.date <= to && d.sim_sl.defined) {
            sum += std::abs(d.sim_sl.mean - d.actual_sl);
            ++n;
        }
    }
    return n == 0 ? std::nullopt : std::optional<double>{sum / n};
}

} // namespace wfm::plan
