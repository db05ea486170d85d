// The files `wfm roster` writes: roster.csv, agents_summary.csv, coverage.csv, shortfall.csv and
// the fit report.
#include <wfm/core/detail/index.hpp>
#include <wfm/io/csv.hpp>
#include <wfm/io/roster_csv.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace wfm::io {
namespace {

using wfm::detail::to_index;

std::string clock(int minute) {
    const int m = ((minute % 1440) + 1440) % 1440;
    return fmt::format("{:02}:{:02}", m / 60, m % 60);
}

std::string date_of(const roster::roster_input& in, int day) {
    return format_date(in.first_day + std::chrono::days{day});
}

std::string pool_name(const roster::roster_input& in, int q) {
    return in.queues[to_index(q)].name;
}

/// Shifts in the order of the files: by agent, then start.
std::vector<std::size_t> worked_order(const roster::roster_result& r) {
    std::vector<std::size_t> out;
    for (std::size_t s = 0; s < r.shifts.size(); ++s) {
        if (r.agent_of[s] >= 0) {
            out.push_back(s);
        }
    }
    std::stable_sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) {
        return std::pair{r.agent_of[a], r.shifts[a].start} <
               std::pair{r.agent_of[b], r.shifts[b].start};
    });
    return out;
}

/// `lunch 12:00-13:00;…` in template order.
std::string breaks_text(const roster::roster_input& in, const roster::shift& x,
                        std::string_view separator) {
    std::string out;
    const auto& tmpl = in.config.templates[to_index(x.template_index)];
    for (std::size_t b = 0; b < x.breaks.size(); ++b) {
        out += fmt::format("{}{} {}-{}", b == 0 ? "" : separator, tmpl.breaks[b].name,
                           clock(x.breaks[b]), clock(x.breaks[b] + tmpl.breaks[b].length_minutes));
    }
    return out;
}

/// Whether a shift meets its agent's preferences: start within an hour of the preferred start
/// and not on a preferred day off.
bool preference_met(const roster::roster_input& in, const roster::agent& a,
                    const roster::shift& x) {
    const int m = x.start - x.day * 1440;
    const bool start_ok = !a.preferred_start || std::abs(m - *a.preferred_start) <= 60;
    return start_ok && !a.preferred_days_off[to_index((in.config.week_start + x.day) % 7)];
}

} // namespace

std::string format_roster_csv(const roster::roster_input& in, const roster::roster_result& r) {
    std::string out = "agent,date,start,end,template,pool,breaks,name\n";
    for (const std::size_t s : worked_order(r)) {
        const auto& x = r.shifts[s];
        const auto& a = in.agents[to_index(r.agent_of[s])];
        out += csv_line({a.id, date_of(in, x.day), clock(x.start), clock(x.end),
                         in.config.templates[to_index(x.template_index)].name,
                         pool_name(in, x.queue), breaks_text(in, x, ";"), a.name});
    }
    return out;
}

std::string format_agents_summary_csv(const roster::roster_input& in,
                                      const roster::roster_result& r) {
    std::vector<std::string> head{"agent", "name", "contract"};
    for (int w = 0; w < in.weeks; ++w) {
        head.push_back(fmt::format("hours_w{}", w + 1));
    }
    for (const char* h : {"days", "weekends", "evenings", "late", "preferences_met", "shifts",
                          "rule_violations", "rules_ok"}) {
        head.emplace_back(h);
    }
    std::string out = csv_line(head);
    const int first_saturday = (5 - in.config.week_start + 7) % 7;
    for (std::size_t a = 0; a < in.agents.size(); ++a) {
        const auto& ag = in.agents[a];
        std::vector<double> hours(to_index(in.weeks), 0.0);
        std::vector<bool> weekend(to_index(in.weeks + 1), false);
        int days = 0, evenings = 0, lates = 0, met = 0;
        for (std::size_t s = 0; s < r.shifts.size(); ++s) {
            if (r.agent_of[s] != static_cast<int>(a)) {
                continue;
            }
            const auto& x = r.shifts[s];
            hours[to_index(x.day / 7)] += x.paid_hours;
            ++days;
            const int wd = (in.config.week_start + x.day) % 7;
            if (wd >= 5) {
                weekend[to_index((x.day - (wd - 5) - first_saturday + 7) / 7)] = true;
            }
            evenings += x.end - x.day * 1440 > in.rules.evening_from ? 1 : 0;
            lates += x.end - x.day * 1440 > in.rules.late_from ? 1 : 0;
            met += preference_met(in, ag, x) ? 1 : 0;
        }
        const std::string prefix = ag.id + " ";
        const auto violations =
            std::count_if(r.violations.begin(), r.violations.end(), [&](const std::string& v) {
                return v.rfind(prefix, 0) == 0 || v.rfind(ag.id + ":", 0) == 0;
            });
        std::vector<std::string> row{ag.id, ag.name, ag.contract};
        for (const double h : hours) {
            row.push_back(fmt::format("{:.2f}", h));
        }
        for (const long v :
             {static_cast<long>(days),
              static_cast<long>(std::count(weekend.begin(), weekend.end(), true)),
              static_cast<long>(evenings), static_cast<long>(lates), static_cast<long>(met),
              static_cast<long>(days), static_cast<long>(violations)}) {
            row.push_back(std::to_string(v));
        }
        row.emplace_back(violations == 0 ? "true" : "false");
        out += csv_line(row);
    }
    return out;
}

std::string format_roster_coverage_csv(const roster::roster_input& in,
                                       const roster::roster_result& r) {
    std::string out = "interval_start,pool,required,scheduled,anonymous,diff\n";
    const int g = in.interval_minutes;
    const std::size_t n = in.queues.empty() ? 0 : in.queues[0].required.size();
    const timestamp t0{
        std::chrono::duration_cast<std::chrono::minutes>(in.first_day.time_since_epoch())};
    for (std::size_t t = 0; t < n; ++t) {
        for (std::size_t q = 0; q < in.queues.size(); ++q) {
            const double req = in.queues[q].required[t];
            const int c = r.coverage[q][t];
            out += fmt::format(
                "{},{},{:.4f},{},{},{:.4f}\n",
                format_timestamp(t0 + std::chrono::minutes{static_cast<long>(t) * g}),
                csv_escape(in.queues[q].name), req, c, r.anonymous_coverage[q][t], c - req);
        }
    }
    return out;
}

std::string format_shortfall_csv(const roster::roster_input& in, const roster::roster_result& r) {
    std::string out = "pool,date,start,end,hours\n";
    for (const auto& s : r.shortfalls) {
        out += csv_line({pool_name(in, s.queue), date_of(in, s.day), clock(s.start), clock(s.end),
                         fmt::format("{:.2f}", s.hours)});
    }
    return out;
}

std::string format_roster_report(const roster::roster_input& in, const roster::roster_result& r,
                                 std::uint64_t seed) {
    const double short_hours =
        std::accumulate(r.shortfalls.begin(), r.shortfalls.end(), 0.0,
                        [](double acc, const roster::shortfall& s) { return acc + s.hours; });
    std::string out =
        fmt::format("wfm roster: {} agents, {} queues, {} weeks from {}, seed {}\n",
                    in.agents.size(), in.queues.size(), in.weeks, format_date(in.first_day), seed);
    out += fmt::format("shifts: {} of the anonymous lines, {} assigned, {} uncovered ({:.2f} paid "
                       "hours)\n",
                       r.shifts.size(), r.shifts.size() - r.shortfalls.size(), r.shortfalls.size(),
                       short_hours);
    const auto line = [](const char* what, const roster::roster_fit& f) {
        return fmt::format("{}: fit {:.4f}, shortage {:.4f}, redundancy {:.4f}, objective {:.6g}\n",
                           what, f.fit, f.required > 0 ? f.shortage / f.required : 0.0,
                           f.required > 0 ? f.redundancy / f.required : 0.0, f.objective);
    };
    out += line("roster", r.fit);
    out += line("anonymous lines", r.anonymous_fit);
    out += r.lower_bound
               ? fmt::format("lower bound (sum of the weekly bounds): {:.6g}\n", *r.lower_bound)
               : std::string("lower bound: none\n");
    out += fmt::format("soft terms: preferences {:.2f}, fairness {:.2f}, stability {:.2f}, "
                       "min hours {:.2f}; {} search moves in {:.2f} s{}\n",
                       r.soft.preferences, r.soft.fairness, r.soft.stability, r.soft.min_hours,
                       r.iterations, r.seconds,
                       r.clock_stopped ? " (a time limit stopped it: not reproducible)" : "");
    out += fmt::format("rule checks: {}\n", r.violations.empty()
                                                ? std::string("every rule holds")
                                                : fmt::format("{} broken", r.violations.size()));
    return out;
}

} // namespace wfm::io
