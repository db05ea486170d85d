// The scenario file of `wfm whatif` (docs/formats.md, "Scenario file").
#include <wfm/plan/whatif.hpp>

#include "../core/json_decode.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>

namespace wfm::plan {
namespace {

constexpr double seconds_per_day = 86400.0;

int index_of(const std::vector<std::string>& names, const std::string& name) {
    const auto it = std::find(names.begin(), names.end(), name);
    return it == names.end() ? -1 : static_cast<int>(it - names.begin());
}

std::string listed(const std::vector<std::string>& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        out += (i == 0 ? "" : ", ") + names[i];
    }
    return out;
}

// Minutes of `HH:MM` (00:00 … 24:00).
int clock_minutes(const decode::node& n) {
    const std::string s = n.string();
    int h = 0;
    int m = 0;
    char tail = 0;
    if (s.size() != 5 || s[2] != ':' || std::sscanf(s.c_str(), "%2d:%2d%c", &h, &m, &tail) != 2 ||
        h < 0 || m < 0 || m > 59 || h * 60 + m > 1440) {
        n.fail("a time of day HH:MM in 00:00..24:00");
    }
    return h * 60 + m;
}

struct week_frame {
    timestamp start;
    std::vector<std::string> day_names; ///< weekday names of the plan's 7 days, in order
};

// The day of the plan week a `"day"` (weekday name) or `"date"` names.
int day_of_week(const decode::node& e, const week_frame& w) {
    if (e.has("date")) {
        const auto at = e.at("date", "a date");
        const auto d = try_parse_date(at.string());
        if (!d) {
            at.fail("a date YYYY-MM-DD");
        }
        const auto k = (*d - day_of(w.start)).count();
        if (k < 0 || k > 6) {
            at.fail_with(fmt::format("{} is outside the plan's week {} … {}", at.string(),
                                     format_date(day_of(w.start)),
                                     format_date(day_of(w.start) + std::chrono::days{6})));
        }
        return static_cast<int>(k);
    }
    const auto at = e.at("day", "a weekday (Mon … Sun) or a \"date\"");
    const int k = index_of(w.day_names, at.string());
    if (k < 0) {
        at.fail("a weekday name: " + listed(w.day_names));
    }
    return k;
}

// The event's window: "from"/"to" timestamps, or "day" (or "date") with "from"/"to" times of
// that day (default the whole day).
std::pair<double, double> window_of(const decode::node& e, const week_frame& w, bool whole_day) {
    const double week_end = 7 * seconds_per_day;
    if (!whole_day && (e.has("day") || e.has("date"))) {
        const double base = day_of_week(e, w) * seconds_per_day;
        const int from = e.has("from") ? clock_minutes(e.at("from", "")) : 0;
        const int to = e.has("to") ? clock_minutes(e.at("to", "")) : 1440;
        if (to <= from) {
            e.child("to").fail_with(fmt::format("the window ends at or before it starts"));
        }
        return {base + from * 60.0, base + to * 60.0};
    }
    if (whole_day) {
        const double base = day_of_week(e, w) * seconds_per_day;
        return {base, base + seconds_per_day};
    }
    const auto stamp = [&](std::string_view key) {
        const auto at = e.at(key, "a timestamp YYYY-MM-DDTHH:MM (or \"day\" with HH:MM times)");
        const auto t = try_parse_local_seconds(at.string());
        if (!t) {
            at.fail("a timestamp YYYY-MM-DDTHH:MM");
        }
        const double s = std::chrono::duration<double>(*t - w.start).count();
        if (s < 0.0 || s > week_end) {
            at.fail_with(fmt::format("{} is outside the plan's week {} … {}", at.string(),
                                     format_date(day_of(w.start)),
                                     format_date(day_of(w.start) + std::chrono::days{6})));
        }
        return s;
    };
    const double from = stamp("from");
    const double to = stamp("to");
    if (to <= from) {
        e.child("to").fail_with("the window ends at or before it starts");
    }
    return {from, to};
}

std::vector<int> queues_of(const decode::node& e, const plan_model& plan, bool required) {
    std::vector<int> out;
    const auto one = [&](const decode::node& q) {
        const int k = index_of(plan.queues, q.string());
        if (k < 0) {
            q.fail("a queue of the plan: " + listed(plan.queues));
        }
        out.push_back(k);
    };
    if (e.has("queue")) {
        one(e.at("queue", "a queue name"));
    } else if (e.has("queues")) {
        const auto list = e.child("queues");
        const std::size_t n = list.array("an array of queue names");
        for (std::size_t i = 0; i < n; ++i) {
            one(list.at(i));
        }
    } else if (required) {
        (void)e.at("queue", "a queue name");
    }
    return out;
}

scenario_event decode_event(const decode::node& e, const plan_model& plan, const week_frame& w,
                            const std::set<std::pair<std::string, int>>& lines) {
    scenario_event ev;
    ev.path = e.pointer();
    ev.type = e.at("type", "an event type")
                  .choice<scenario_event::kind>({
                      {"surge", scenario_event::kind::surge},
                      {"outage", scenario_event::kind::outage},
                      {"aht", scenario_event::kind::aht},
                      {"absence", scenario_event::kind::absence},
                      {"key_day", scenario_event::kind::key_day},
                  });
    using k = scenario_event::kind;
    switch (ev.type) {
    case k::surge:
    case k::aht:
        e.keys({"type", "queue", "queues", "day", "date", "from", "to", "factor"});
        ev.queues = queues_of(e, plan, true);
        ev.factor = e.number_at("factor", 0.0, 100.0);
        std::tie(ev.begin_s, ev.end_s) = window_of(e, w, false);
        break;
    case k::key_day:
        e.keys({"type", "queue", "queues", "day", "date", "factor"});
        ev.queues = queues_of(e, plan, false);
        ev.factor = e.number_at("factor", 0.0, 100.0);
        std::tie(ev.begin_s, ev.end_s) = window_of(e, w, true);
        break;
    case k::outage:
        e.keys({"type", "queue", "queues", "day", "date", "from", "to", "retry_share",
                "retry_delay_s"});
        ev.queues = queues_of(e, plan, true);
        std::tie(ev.begin_s, ev.end_s) = window_of(e, w, false);
        ev.retry_share = e.number_or("retry_share", 0.0, 1.0, 0.0);
        ev.retry_delay_s = e.number_or("retry_delay_s", 1.0, 86400.0, 600.0);
        break;
    case k::absence: {
        e.keys({"type", "pool", "share", "lines", "day", "date", "from", "to"});
        const auto p = e.at("pool", "a pool name");
        ev.pool = index_of(plan.pools, p.string());
        if (ev.pool < 0) {
            p.fail("a pool of the plan: " + listed(plan.pools));
        }
        if (e.has("share") == e.has("lines")) {
            e.fail_with("an absence gives either \"share\" or \"lines\"");
        }
        if (e.has("share")) {
            ev.share = e.number_at("share", 0.0, 1.0);
        } else {
            const auto list = e.child("lines");
            const std::size_t n = list.array("an array of schedule line numbers");
            for (std::size_t i = 0; i < n; ++i) {
                const auto l = list.at(i);
                const int line = static_cast<int>(l.integer(1, 1000000000));
                if (!lines.contains({plan.pools[static_cast<std::size_t>(ev.pool)], line})) {
                    l.fail_with(fmt::format("pool '{}' has no schedule line {}",
                                            plan.pools[static_cast<std::size_t>(ev.pool)], line));
                }
                ev.lines.push_back(line);
            }
        }
        std::tie(ev.begin_s, ev.end_s) = window_of(e, w, false);
        break;
    }
    }
    return ev;
}

} // namespace

scenario_file decode_scenarios(const nlohmann::json& doc, const plan_model& plan,
                               const std::vector<schedule_line>& lines) {
    const decode::node root{doc, ""};
    root.keys({"description", "scenarios", "emergency"});
    week_frame w;
    w.start = plan.start;
    for (int d = 0; d < 7; ++d) {
        w.day_names.emplace_back(
            weekday_name(weekday_index(day_of(plan.start) + std::chrono::days{d})));
    }
    std::set<std::pair<std::string, int>> known;
    for (const auto& l : lines) {
        known.emplace(l.pool.empty() && !plan.pools.empty() ? plan.pools.front() : l.pool, l.line);
    }
    scenario_file out;
    if (const auto em = root.find("emergency")) {
        em->keys({"max_extra_agents", "max_overtime_minutes", "overtime_premium",
                  "search_replications", "max_simulations", "tolerance"});
        auto& r = out.emergency;
        r.max_extra_agents =
            static_cast<int>(em->integer_or("max_extra_agents", 0, 100000, r.max_extra_agents));
        r.max_overtime_minutes = static_cast<int>(
            em->integer_or("max_overtime_minutes", 0, 720, r.max_overtime_minutes));
        r.overtime_premium = em->number_or("overtime_premium", 1.0, 10.0, r.overtime_premium);
        r.search_replications = static_cast<int>(
            em->integer_or("search_replications", 2, 10000, r.search_replications));
        r.max_simulations =
            static_cast<int>(em->integer_or("max_simulations", 1, 100000, r.max_simulations));
        r.tolerance = em->number_or("tolerance", 0.0, 1.0, r.tolerance);
    }
    const auto list = root.at("scenarios", "an array of scenarios");
    const std::size_t n = list.array("a non-empty array of scenarios");
    if (n == 0) {
        list.fail("a non-empty array of scenarios");
    }
    std::set<std::string> names;
    for (std::size_t i = 0; i < n; ++i) {
        const auto s = list.at(i);
        s.keys({"name", "description", "events"});
        scenario sc;
        const auto name = s.at("name", "a scenario name");
        sc.name = name.string();
        if (sc.name.empty() || sc.name.size() > 80 ||
            sc.name.find_first_of("/\\\n\r\t") != std::string::npos) {
            name.fail("a scenario name of 1–80 characters without / \\ or control characters");
        }
        if (!names.insert(sc.name).second) {
            name.fail_with(fmt::format("a second scenario named '{}'", sc.name));
        }
        sc.description = s.string_or("description", "");
        const auto events = s.at("events", "an array of events");
        const std::size_t m = events.array("an array of events");
        if (m == 0) {
            events.fail("a non-empty array of events");
        }
        for (std::size_t j = 0; j < m; ++j) {
            sc.events.push_back(decode_event(events.at(j), plan, w, known));
        }
        out.scenarios.push_back(std::move(sc));
    }
    return out;
}

} // namespace wfm::plan
