#include <wfm/roster/generate.hpp>

#include <wfm/core/detail/index.hpp>
#include <wfm/core/error.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <random>

namespace wfm::roster {
namespace {

using wfm::detail::to_index;

/// The schedule configuration of the generated instances (same for every size).
const char* const config_text = R"({
  "mode": "weighted",
  "weights": {"labour": 1.0, "under": 3.0, "over": 0.0},
  "days_off": {"kind": "any", "working_days": 5},
  "templates": [
    {"name": "8h", "length_minutes": 480, "start_earliest": "07:00", "start_latest": "14:00",
     "start_step_minutes": 30,
     "breaks": [{"name": "lunch", "length_minutes": 60, "earliest_minutes": 180,
                 "latest_minutes": 300, "paid": false}]},
    {"name": "6h", "length_minutes": 360, "start_earliest": "07:00", "start_latest": "16:00",
     "start_step_minutes": 30, "part_time": true, "days_off": {"kind": "any", "working_days": 4},
     "breaks": [{"name": "break", "length_minutes": 15, "earliest_minutes": 120,
                 "latest_minutes": 240, "paid": true}]},
    {"name": "4h", "length_minutes": 240, "start_earliest": "07:00", "start_latest": "18:00",
     "start_step_minutes": 30, "part_time": true, "days_off": {"kind": "any", "working_days": 4}}
  ],
  "roster": {"min_rest_hours": 11, "max_consecutive_days": 6,
             "min_weekends_off": {"count": 1, "per_weeks": 4}}
})";

struct rng {
    std::mt19937_64 engine;
    double uniform() { return static_cast<double>(engine() >> 11) * 0x1.0p-53; }
    int below(int n) { return static_cast<int>(engine() % static_cast<std::uint64_t>(n)); }
};

agent make_agent(int i, const instance_spec& spec, rng& g) {
    static const char* const queues[] = {"sales", "service", "billing"};
    agent a;
    a.id = "A" + std::to_string(1000 + i);
    a.name = "Agent " + std::to_string(i + 1);
    // primary queue in the requirement's shares (45/35/20 %), as a centre hires per queue
    const int position = i % 20;
    const int q = position < 9 ? 0 : position < 16 ? 1 : 2;
    a.skills.emplace_back(queues[q]);
    const double u = g.uniform();
    if (u < 0.2) {
        a.skills.emplace_back(queues[(q + 1) % 3]);
        a.skills.emplace_back(queues[(q + 2) % 3]);
    } else if (u < 0.6) {
        a.skills.emplace_back(queues[(q + 1) % 3]);
    }
    a.seniority = g.below(20);
    if (spec.equal_contracts) {
        a.min_hours_week = 35;
        return a; // full-time, 40 h, 5 days, any time
    }
    a.part_time = g.uniform() >= spec.full_time_share;
    a.contract = a.part_time ? "part" : "full";
    a.max_hours_week = a.part_time ? 24 : 40;
    a.min_hours_week = a.part_time ? 16 : 32;
    a.max_days_week = a.part_time ? 4 : 5;
    if (g.uniform() < 0.1) {
        a.available = parse_availability("Mon-Sat 07:00-20:00");
    }
    if (g.uniform() < 0.5) {
        a.preferred_start = 7 * 60 + 30 * g.below(11);
    }
    if (g.uniform() < 0.3) {
        a.preferred_days_off[to_index(g.below(7))] = true;
    }
    return a;
}

/// Relative demand at minute m of weekday wd: open 07:00–22:00, peaks late morning and early
/// evening, weekends at 60%.
double profile(int wd, int m) {
    if (m < 7 * 60 || m >= 22 * 60) {
        return 0;
    }
    const double h = m / 60.0;
    const double shape = 0.4 + std::exp(-std::pow((h - 11) / 2.5, 2)) +
                         0.7 * std::exp(-std::pow((h - 17.5) / 2.5, 2));
    return shape * (wd >= 5 ? 0.6 : 1.0);
}

} // namespace

roster_input generate_instance(const instance_spec& spec) {
    if (spec.agents < 1 || spec.weeks < 1 || spec.weeks > 6 || spec.interval_minutes < 5 ||
        1440 % spec.interval_minutes != 0) {
        throw invalid_argument("roster::generate_instance: agents ≥ 1, weeks 1..6, a grid "
                               "dividing a day");
    }
    auto doc = nlohmann::json::parse(config_text);
    for (auto& t : doc["templates"]) { // on the instance's grid
        t["start_step_minutes"] = std::max(30, spec.interval_minutes);
    }
    doc["templates"][1]["breaks"][0]["length_minutes"] = std::max(15, spec.interval_minutes);
    roster_input in;
    in.config = schedule::config_from_json(doc);
    in.rules = rules_from_json(doc);
    in.interval_minutes = spec.interval_minutes;
    in.weeks = spec.weeks;
    in.first_day = local_date{std::chrono::year{2026} / 1 / 5}; // a Monday
    rng g{std::mt19937_64{spec.seed}};
    double capacity = 0; // contracted paid hours over the horizon, after leave
    for (int i = 0; i < spec.agents; ++i) {
        in.agents.push_back(make_agent(i, spec, g));
        const auto& a = in.agents.back();
        int leave_days = 0;
        for (int d = 0; d < 7 * spec.weeks; ++d) {
            if (g.uniform() < spec.leave_share) {
                in.leaves.push_back({a.id, in.first_day + std::chrono::days{d}, 0, 1440});
                ++leave_days;
            }
        }
        capacity += a.max_hours_week * spec.weeks * (1.0 - leave_days / (7.0 * spec.weeks));
    }
    const int per_day = 1440 / spec.interval_minutes;
    const double share[] = {0.45, 0.35, 0.20};
    const char* const names[] = {"sales", "service", "billing"};
    double profile_sum = 0;
    for (int d = 0; d < 7; ++d) {
        for (int t = 0; t < per_day; ++t) {
            profile_sum += profile(d, t * spec.interval_minutes);
        }
    }
    for (int q = 0; q < 3; ++q) {
        queue_requirement r{names[q], {}};
        // agents per interval × interval hours summed over a week = the queue's weekly hours
        const double weekly_hours = spec.load * share[q] * capacity / spec.weeks;
        const double scale = weekly_hours / (profile_sum * spec.interval_minutes / 60.0);
        for (int d = 0; d < 7 * spec.weeks; ++d) {
            const double day_noise = 0.9 + 0.2 * g.uniform();
            for (int t = 0; t < per_day; ++t) {
                r.required.push_back(
                    std::round(4 * scale * day_noise * profile(d % 7, t * spec.interval_minutes)) /
                    4);
            }
        }
        in.queues.push_back(std::move(r));
    }
    return in;
}

} // namespace wfm::roster
