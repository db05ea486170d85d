#include <wfm/roster/generate.hpp>
#include <wfm/roster/roster.hpp>
#include <wfm/schedule/config.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

namespace {

using namespace wfm::roster;

/// A one-queue, one-week input with an 8h template and `n` agents (ids a0, a1, …).
roster_input tiny_input(int n) {
    const auto doc = nlohmann::json::parse(R"({
      "interval_minutes": 60,
      "templates": [{"name": "8h", "length_minutes": 480, "start_earliest": "06:00",
                     "start_latest": "14:00"}],
      "roster": {"min_rest_hours": 11, "max_consecutive_days": 3}
    })");
    roster_input in;
    in.config = wfm::schedule::config_from_json(doc);
    in.rules = rules_from_json(doc);
    in.interval_minutes = 60;
    in.first_day = wfm::local_date{std::chrono::year{2026} / 1 / 5};
    in.weeks = 1;
    in.queues.push_back({"q", std::vector<double>(7 * 24, 0.0)});
    for (int a = 0; a < n; ++a) {
        agent x;
        x.id = "a" + std::to_string(a);
        x.skills = {"q"};
        x.max_days_week = 3;
        x.max_hours_week = 24;
        x.min_hours_week = 16;
        in.agents.push_back(x);
    }
    return in;
}

/// A shift of the tiny input on `day` from `hour` (8 hours, no breaks).
shift tiny_shift(int day, int hour) {
    shift s;
    s.day = day;
    s.start = day * 1440 + hour * 60;
    s.end = s.start + 480;
    s.paid_hours = 8;
    s.cost = 8;
    return s;
}

/// The best assignment by enumeration ((agents + 1)^shifts), every rule checked by the validator.
double enumerated_optimum(const roster_input& in, const std::vector<shift>& shifts) {
    const int base = static_cast<int>(in.agents.size()) + 1;
    std::vector<int> agent_of(shifts.size(), -1);
    double best = std::numeric_limits<double>::infinity();
    long total = 1;
    for (std::size_t s = 0; s < shifts.size(); ++s) {
        total *= base;
    }
    for (long code = 0; code < total; ++code) {
        long c = code;
        for (auto& a : agent_of) {
            a = static_cast<int>(c % base) - 1;
            c /= base;
        }
        if (validate_roster(in, entries_of(shifts, agent_of)).empty()) {
            best = std::min(best, assignment_cost(in, shifts, agent_of));
        }
    }
    return best;
}

} // namespace

TEST_CASE("roster: tiny instances reach the optimum proven by enumeration", "[roster]") {
    for (int variant = 0; variant < 4; ++variant) {
        roster_input in = tiny_input(3);
        in.agents[0].preferred_start = 6 * 60;
        in.agents[1].preferred_days_off[static_cast<std::size_t>(variant % 7)] = true;
        in.agents[2].skills =
            variant % 2 == 0 ? std::vector<std::string>{"q"} : std::vector<std::string>{"other"};
        in.leaves.push_back({"a0", in.first_day + std::chrono::days{variant + 1}, 0, 1440});
        std::vector<shift> shifts;
        for (int k = 0; k < 7; ++k) {
            shifts.push_back(tiny_shift(k % 5 + (k >= 5 ? 1 : 0), k % 2 == 0 ? 6 : 14));
        }
        roster_options o;
        o.seed = static_cast<std::uint64_t>(variant + 1);
        o.iterations = 20'000;
        const auto agent_of = assign_shifts(in, shifts, o);
        INFO("variant " << variant);
        CHECK(validate_roster(in, entries_of(shifts, agent_of)).empty());
        CHECK(assignment_cost(in, shifts, agent_of) ==
              Approx(enumerated_optimum(in, shifts)).margin(1e-9));
    }
}

TEST_CASE("roster: the validator names each broken rule", "[roster]") {
    roster_input in = tiny_input(1);
    in.rules.start_stability_minutes = 60;
    in.leaves.push_back({"a0", in.first_day + std::chrono::days{3}, 0, 1440});
    in.agents[0].available = parse_availability("Mon-Sat 06:00-22:00");
    // rest: 14:00–22:00 then 06:00 next day (8 h); leave on day 3; Sunday outside availability;
    // 4 days against max_days_week 3 and max_consecutive_days 3; starts 8 h apart
    std::vector<roster_entry> entries;
    for (const auto& [day, hour] :
         std::vector<std::pair<int, int>>{{0, 14}, {1, 6}, {2, 6}, {3, 6}, {6, 6}}) {
        entries.push_back({0, 0, day * 1440 + hour * 60, day * 1440 + hour * 60 + 480, 8, 0});
    }
    const auto v = validate_roster(in, entries);
    const auto has = [&](const std::string& part) {
        return std::any_of(v.begin(), v.end(),
                           [&](const std::string& m) { return m.find(part) != std::string::npos; });
    };
    CHECK(has("a0 2026-01-06: 480 min of rest before the shift, at least 660"));
    CHECK(has("a0 2026-01-08: works during approved leave"));
    CHECK(has("a0 2026-01-11: shift outside the agent's availability"));
    CHECK(has("a0 week 1: 5 working days, at most 3"));
    CHECK(has("a0 week 1: 40.00 paid hours, at most 24.00"));
    CHECK(has("more than 3 working days in a row"));
    CHECK(has("starts 480 min apart"));
    in.queues[0].name = "other";
    CHECK(validate_roster(in, {entries[0]}).front() ==
          "a0 2026-01-05: works queue other without the skill");
}

TEST_CASE("roster: a generated 30-agent, 3-week instance keeps every rule and covers the lines",
          "[roster]") {
    instance_spec spec;
    spec.agents = 30;
    spec.weeks = 3;
    spec.interval_minutes = 60;
    const roster_input in = generate_instance(spec);
    REQUIRE(in.leaves.size() > 10); // about 5% of 630 agent-days
    roster_options o;
    o.schedule_iterations = 20'000;
    o.iterations = 100'000;
    // the budgets decide, not the clock (each weekly solve gets 6/10 of the limit over 9 solves,
    // which the sanitizer build on a loaded machine can exceed at the default 30 s)
    o.time_limit = std::chrono::minutes{10};
    const roster_result r = build_roster(in, o);
    CHECK(r.violations.empty());
    CHECK_FALSE(r.clock_stopped);
    // the roster's fit is at most the anonymous lines' and the bound is below the objective
    CHECK(r.fit.fit <= r.anonymous_fit.fit + 1e-12);
    REQUIRE(r.lower_bound);
    CHECK(*r.lower_bound <= r.anonymous_fit.objective + 1e-6);
    CHECK(r.shortfalls.size() <= r.shifts.size() / 50); // at most 2% uncovered
    // coverage counts exactly the assigned shifts' working intervals
    long assigned_minutes = 0;
    for (std::size_t s = 0; s < r.shifts.size(); ++s) {
        if (r.agent_of[s] >= 0) {
            const auto& x = r.shifts[s];
            assigned_minutes += x.end - x.start;
            const auto& tmpl = in.config.templates[static_cast<std::size_t>(x.template_index)];
            for (const auto& b : tmpl.breaks) {
                assigned_minutes -= b.length_minutes;
            }
        }
    }
    long covered = 0;
    for (const auto& q : r.coverage) {
        for (const int c : q) {
            covered += c * in.interval_minutes;
        }
    }
    CHECK(covered == assigned_minutes);
    // deterministic for a seed and budgets
    const roster_result again = build_roster(in, o);
    CHECK(again.agent_of == r.agent_of);
}

TEST_CASE("roster: with equal contracts the weekends worked differ by at most one", "[roster]") {
    // Issue 16: spread (max − min of weekends worked over 4 weeks) at most 1. The annealing's
    // squared weekend term does not guarantee it (seed 1 ended at 2 with direct weekend moves
    // only); the balancing pass with its three-agent chain reaches 1 on seeds 1–4.
    instance_spec spec;
    spec.agents = 30;
    spec.interval_minutes = 60;
    spec.equal_contracts = true;
    spec.leave_share = 0;
    const roster_input in = generate_instance(spec);
    for (const std::uint64_t seed : {1U, 2U, 3U, 4U}) {
        roster_options o;
        o.seed = seed;
        o.schedule_iterations = 20'000; // the assignment search keeps its default budget
        o.time_limit = std::chrono::minutes{10};
        const roster_result r = build_roster(in, o);
        INFO("seed " << seed);
        CHECK(r.violations.empty());
        CHECK(r.shortfalls.empty());
        std::vector<int> weekends(in.agents.size(), 0);
        for (std::size_t a = 0; a < in.agents.size(); ++a) {
            std::vector<bool> worked(5, false);
            for (std::size_t s = 0; s < r.shifts.size(); ++s) {
                const int day = r.shifts[s].day;
                if (r.agent_of[s] == static_cast<int>(a) && day % 7 >= 5) {
                    worked[static_cast<std::size_t>(day / 7)] = true;
                }
            }
            weekends[a] = static_cast<int>(std::count(worked.begin(), worked.end(), true));
        }
        const auto [lo, hi] = std::minmax_element(weekends.begin(), weekends.end());
        CHECK(*hi - *lo <= 1);
    }
}
