// The intraday re-plan library call (plan::replan_day) on a day scheduled by the library's own
// solver for a known requirement; the reforecasts are fed to it directly, so the tests hold
// whatever method forecast::reforecast_day uses.
#include <wfm/core/error.hpp>
#include <wfm/erlang/channel.hpp>
#include <wfm/io/csv.hpp>
#include <wfm/plan/config.hpp>
#include <wfm/plan/intraday.hpp>
#include <wfm/schedule/solve.hpp>

#include "plan/intraday_fixture.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace {

using namespace wfm;
using plan::action_kind;
constexpr int step = 15;
constexpr int periods = 1440 / step;
constexpr double rate = 20.0; // hourly rate of the shift template

erlang::channel_settings queue_settings(const std::string& name) {
    erlang::channel_settings c;
    c.name = name;
    c.kind = erlang::model::erlang_c;
    c.aht = erlang::seconds_d{300.0};
    c.goals.service_level = 0.8;
    c.goals.sl_time = erlang::seconds_d{20.0};
    c.shrinkage = 0.1;
    return c;
}

// Day-ahead volume per 15 minutes: open 08:00–20:00, a morning and an afternoon peak.
std::vector<double> day_ahead(double scale) {
    std::vector<double> v(periods, 0.0);
    for (int t = 32; t < 80; ++t) {
        const double h = t / 4.0;
        v[static_cast<std::size_t>(t)] =
            scale * (20.0 + 40.0 * std::exp(-std::pow(h - 10.5, 2) / 2.0) +
                     30.0 * std::exp(-std::pow(h - 15.0, 2) / 3.0));
    }
    return v;
}

std::vector<bool> opening() {
    std::vector<bool> open(periods, false);
    for (int t = 32; t < 80; ++t) {
        open[static_cast<std::size_t>(t)] = true;
    }
    return open;
}

std::vector<double> requirement(const erlang::channel_settings& c, const std::vector<double>& v) {
    return test::open_requirement(c, v, 32, 80, erlang::seconds_d{900.0});
}

// One day of 8-hour shifts (07:00–12:00 starts) with two breaks and a lunch, scheduled to cover
// `required` fully.
std::vector<plan::intraday_line> schedule_day(const std::vector<double>& required,
                                              const std::string& pool,
                                              std::vector<int>* coverage = nullptr) {
    schedule::problem p;
    p.interval_minutes = step;
    p.days = 1;
    p.periods_per_day = periods;
    p.required = required;
    schedule::shift_template t;
    t.name = "day 8h";
    t.length = 32;
    for (int s = 28; s <= 48; ++s) {
        t.starts.push_back(s);
    }
    t.cost = 8.0;
    t.breaks = {{"break1", 1, 6, 10, true}, {"lunch", 2, 14, 20, false}, {"break2", 1, 22, 27}};
    p.templates = {t};
    p.patterns = schedule::single_day_patterns(1);
    p.mode = schedule::objective_mode::full_coverage;
    schedule::solve_options o;
    o.max_iterations = 200000;
    o.time_limit = std::chrono::milliseconds{20000};
    const auto sol = schedule::solve(p, o);
    if (coverage != nullptr) {
        *coverage = sol.coverage;
    }
    schedule::schedule_config config;
    config.templates.push_back({});
    config.templates.back().name = "day 8h";
    config.templates.back().hourly_rate = rate;
    return plan::published_lines(p, sol.tours, config, 0, pool);
}

plan::intraday_queue day_queue(const std::string& name, const std::string& pool,
                               const std::vector<double>& planned,
                               const std::vector<double>& reforecast) {
    plan::intraday_queue q;
    q.settings = queue_settings(name);
    q.pool = pool;
    q.volume = reforecast;
    q.aht_s.assign(periods, 300.0);
    q.open = opening();
    q.planned_required = requirement(q.settings, planned);
    return q;
}

// The published day of one queue, scheduled for the day-ahead forecast.
struct one_queue_day {
    std::vector<double> planned = day_ahead(1.0);
    std::vector<plan::intraday_line> lines =
        schedule_day(requirement(queue_settings("voice"), planned), "voice");

    plan::intraday_input input(const std::vector<double>& reforecast, int now = 40) const {
        plan::intraday_input in;
        in.day = local_date{std::chrono::year{2026} / 12 / 2};
        in.step = std::chrono::minutes{step};
        in.now = now;
        in.lines = lines;
        in.queues = {day_queue("voice", "voice", planned, reforecast)};
        return in;
    }
};

const one_queue_day& published() {
    static const one_queue_day day;
    return day;
}

std::vector<double> scaled(const std::vector<double>& v, double f) {
    auto out = v;
    for (auto& x : out) {
        x *= f;
    }
    return out;
}

int agent_intervals(const std::vector<plan::intraday_line>& lines) {
    int n = 0;
    for (const auto& l : lines) {
        n += l.end - l.start;
        for (const auto& b : l.breaks) {
            n -= b.length;
        }
    }
    return n;
}

int count(const plan::intraday_result& r, action_kind k) {
    int n = 0;
    for (const auto& a : r.actions) {
        n += a.kind == k ? 1 : 0;
    }
    return n;
}

std::string rules_error(const nlohmann::json& block) {
    try {
        (void)plan::decode_intraday_rules(block, "/intraday");
    } catch (const config_error& e) {
        return e.what();
    }
    return "no error";
}

} // namespace

TEST_CASE("intraday replan: published lines cover what the solver scheduled", "[intraday-replan]") {
    std::vector<int> coverage;
    const auto lines =
        schedule_day(requirement(queue_settings("voice"), day_ahead(1.0)), "voice", &coverage);
    REQUIRE_FALSE(lines.empty());
    std::vector<int> from_lines(periods, 0);
    for (const auto& l : lines) {
        CHECK(l.hourly_rate == rate);
        REQUIRE(l.breaks.size() == 3);
        for (int t = l.start; t < l.end; ++t) {
            bool off = false;
            for (const auto& b : l.breaks) {
                off = off || (t >= b.start && t < b.start + b.length);
                CHECK(b.start >= b.earliest);
                CHECK(b.start <= b.latest);
            }
            from_lines[static_cast<std::size_t>(t)] += off ? 0 : 1;
        }
    }
    CHECK(from_lines == coverage);
}

TEST_CASE("intraday replan: 20% above plan, the actions raise SL and overtime keeps the rule",
          "[intraday-replan]") {
    const auto& day = published();
    auto in = day.input(scaled(day.planned, 1.2));
    const auto r = plan::replan_day(in);
    REQUIRE(r.totals_before.service_level());
    const double before = *r.totals_before.service_level();
    const double after = *r.totals_after.service_level();
    CHECK(before < r.target); // 20% more calls on a schedule sized for the plan
    CHECK(after > before + 0.01);
    CHECK(count(r, action_kind::overtime) > 0);
    std::map<int, double> overtime;
    for (const auto& a : r.actions) {
        // Time off where the day still has more agents than it needs lowers SL, but not below
        // target (the 20%-below case checks it per interval).
        CHECK((a.kind == action_kind::vto || a.sl_after >= a.sl_before - 1e-9));
        if (a.kind == action_kind::overtime) {
            overtime[a.lines.at(0)] += a.agent_minutes;
            REQUIRE(a.cost);
            CHECK(*a.cost == Approx(a.agent_minutes / 60.0 * rate * 1.5));
            CHECK(a.first >= in.now);
        }
    }
    // The actions chain: each starts from the SL the previous one left, from the published
    // schedule's to the re-plan's.
    REQUIRE_FALSE(r.actions.empty());
    CHECK(r.actions.front().sl_before == Approx(before));
    for (std::size_t i = 1; i < r.actions.size(); ++i) {
        CHECK(r.actions[i].sl_before == Approx(r.actions[i - 1].sl_after));
    }
    CHECK(r.actions.back().sl_after == Approx(after));
    for (const auto& [line, minutes] : overtime) {
        CHECK(minutes <= 60.0);
    }
    for (std::size_t i = 0; i < r.lines_after.size(); ++i) {
        CHECK(r.lines_after[i].start >= day.lines[i].start - 4);
        CHECK(r.lines_after[i].end <= day.lines[i].end + 4);
    }
    // Tighter rule, less overtime; no overtime rule, none.
    in.rules.max_overtime_minutes = 30;
    const auto r30 = plan::replan_day(in);
    for (const auto& a : r30.actions) {
        CHECK((a.kind != action_kind::overtime || a.agent_minutes <= 30.0));
    }
    CHECK(*r30.totals_after.service_level() <= after + 1e-9);
    in.rules.max_overtime_minutes = 0;
    CHECK(count(plan::replan_day(in), action_kind::overtime) == 0);
}

TEST_CASE("intraday replan: 20% below plan, VTO is offered and SL stays at target where it was",
          "[intraday-replan]") {
    const auto& day = published();
    auto in = day.input(scaled(day.planned, 0.8));
    const auto r = plan::replan_day(in);
    CHECK(count(r, action_kind::vto) > 0);
    CHECK(count(r, action_kind::overtime) == 0);
    double released = 0.0;
    for (const auto& a : r.actions) {
        if (a.kind == action_kind::vto) {
            CHECK(a.agent_minutes >= 1.0);
            CHECK(a.last - a.first >= 4); // min_vto_minutes 60
            released += a.agent_minutes;
        }
    }
    CHECK(released >= 60.0);
    const auto& q = r.queues.at(0);
    REQUIRE(q.before.size() == q.after.size());
    for (std::size_t i = 0; i < q.before.size(); ++i) {
        if (q.before[i].service_level && *q.before[i].service_level >= q.target) {
            REQUIRE(q.after[i].service_level);
            CHECK(*q.after[i].service_level >= q.target - 1e-9);
        }
    }
    CHECK(*r.totals_after.service_level() >= r.target);
    CHECK(r.totals_after.scheduled_hours < r.totals_before.scheduled_hours - 0.9);
    in.rules.vto = false;
    CHECK(count(plan::replan_day(in), action_kind::vto) == 0);
}

TEST_CASE("intraday replan: break moves keep windows and starts, and conserve coverage",
          "[intraday-replan]") {
    const auto& day = published();
    auto reforecast = day.planned;
    for (int t = 44; t < 60; ++t) { // 11:00–15:00 runs 30% high, the rest 10% low
        reforecast[static_cast<std::size_t>(t)] *= 1.3 / 0.9;
    }
    auto in = day.input(scaled(reforecast, 0.9));
    in.rules.max_overtime_minutes = 0;
    in.rules.vto = false;
    const auto r = plan::replan_day(in);
    REQUIRE(count(r, action_kind::break_move) > 0);
    CHECK(count(r, action_kind::break_move) == static_cast<int>(r.actions.size()));
    CHECK(agent_intervals(r.lines_after) == agent_intervals(day.lines));
    CHECK(r.totals_after.scheduled_hours == Approx(r.totals_before.scheduled_hours));
    CHECK(*r.totals_after.service_level() > *r.totals_before.service_level());
    for (std::size_t i = 0; i < day.lines.size(); ++i) {
        const auto& was = day.lines[i];
        const auto& now = r.lines_after[i];
        CHECK(now.start == was.start);
        CHECK(now.end == was.end);
        REQUIRE(now.breaks.size() == was.breaks.size());
        for (std::size_t b = 0; b < now.breaks.size(); ++b) {
            const auto& x = now.breaks[b];
            CHECK(x.start >= x.earliest);
            CHECK(x.start <= x.latest);
            CHECK(x.start + x.length <= now.end);
            if (b > 0) {
                CHECK(x.start >= now.breaks[b - 1].start + now.breaks[b - 1].length);
            }
            if (was.breaks[b].start < in.now || x.start != was.breaks[b].start) {
                CHECK(x.start >= (was.breaks[b].start < in.now ? 0 : in.now));
            }
            if (was.breaks[b].start < in.now) {
                CHECK(x.start == was.breaks[b].start); // taken or under way: fixed
            }
        }
    }
    for (const auto& a : r.actions) {
        CHECK(a.sl_after >= a.sl_before - 1e-9);
        CHECK(a.first >= in.now);
    }
}

TEST_CASE("intraday replan: the day-ahead forecast on a plan that meets target proposes nothing",
          "[intraday-replan]") {
    const auto& day = published();
    for (const int now : {32, 40, 52, 64}) {
        const auto r = plan::replan_day(day.input(day.planned, now));
        CHECK(*r.totals_before.service_level() >= r.target);
        CHECK(r.actions.empty());
        CHECK(*r.totals_after.service_level() == Approx(*r.totals_before.service_level()));
        CHECK(agent_intervals(r.lines_after) == agent_intervals(day.lines));
    }
}

TEST_CASE("intraday replan: blended agents follow the new split of a pool's requirement",
          "[intraday-replan]") {
    const auto a = day_ahead(0.6);
    const auto b = day_ahead(0.4);
    const auto ra = requirement(queue_settings("cards"), a);
    const auto rb = requirement(queue_settings("loans"), b);
    std::vector<double> total(periods, 0.0);
    for (std::size_t t = 0; t < total.size(); ++t) {
        total[t] = ra[t] + rb[t];
    }
    plan::intraday_input in;
    in.day = local_date{std::chrono::year{2026} / 12 / 2};
    in.step = std::chrono::minutes{step};
    in.now = 40;
    in.lines = schedule_day(total, "blend");
    // Same total, split 40/60 instead of 60/40.
    in.queues = {day_queue("cards", "blend", a, day_ahead(0.4)),
                 day_queue("loans", "blend", b, day_ahead(0.6))};
    in.rules.max_overtime_minutes = 0;
    in.rules.vto = false;
    in.rules.break_moves = false;
    const auto r = plan::replan_day(in);
    REQUIRE(count(r, action_kind::pool_move) == 1);
    CHECK(r.actions.at(0).sl_after > r.actions.at(0).sl_before + 0.05);
    CHECK(r.actions.at(0).lines.empty());
    // The pool's agents are moved, not added: per interval the queues' shares sum as before.
    for (std::size_t i = 0; i < r.queues[0].before.size(); ++i) {
        CHECK(r.queues[0].after[i].scheduled + r.queues[1].after[i].scheduled ==
              Approx(r.queues[0].before[i].scheduled + r.queues[1].before[i].scheduled));
    }
    CHECK(*r.totals_after.service_level() > *r.totals_before.service_level());
    in.rules.pool_moves = false;
    CHECK(plan::replan_day(in).actions.empty());
}

TEST_CASE("intraday replan: rules decode with defaults and name the JSON path of bad values",
          "[intraday-replan]") {
    const auto r = plan::decode_intraday_rules(nlohmann::json::object(), "/intraday");
    CHECK(r.max_overtime_minutes == 60);
    CHECK(r.vto);
    CHECK(r.break_moves);
    CHECK(r.pool_moves);
    CHECK(r.overtime_premium == 1.5);
    const auto s = plan::decode_intraday_rules(
        {{"max_overtime_minutes", 30}, {"vto", false}, {"overtime_premium", 2}}, "/intraday");
    CHECK(s.max_overtime_minutes == 30);
    CHECK_FALSE(s.vto);
    CHECK(s.overtime_premium == 2.0);
    CHECK_THAT(rules_error({{"max_overtime_minutes", -5}}),
               Catch::StartsWith("/intraday/max_overtime_minutes: expected an integer in 0..240"));
    CHECK_THAT(rules_error({{"vto", "yes"}}), Catch::StartsWith("/intraday/vto: expected"));
    CHECK_THAT(rules_error({{"overtime", 60}}), Catch::StartsWith("/intraday/overtime: expected "
                                                                  "one of the keys"));
    CHECK_THAT(rules_error(nlohmann::json::array()), Catch::StartsWith("/intraday: expected"));
}

TEST_CASE("intraday replan: plan.json's intraday block is decoded under its path",
          "[intraday-replan]") {
    auto doc =
        nlohmann::json::parse(io::read_file(std::string{WFM_SOURCE_DIR} + "/data/plan.json"));
    CHECK(plan::decode_plan_config(doc).intraday.max_overtime_minutes == 60);
    doc["intraday"] = {{"max_overtime_minutes", 30}, {"pool_moves", false}};
    const auto c = plan::decode_plan_config(doc);
    CHECK(c.intraday.max_overtime_minutes == 30);
    CHECK_FALSE(c.intraday.pool_moves);
    doc["intraday"] = {{"min_vto_minutes", 2000}};
    CHECK_THROWS_WITH(plan::decode_plan_config(doc),
                      Catch::StartsWith("/intraday/min_vto_minutes: expected an integer in "
                                        "0..1440, got 2000"));
}

TEST_CASE("intraday replan: inconsistent input is an error naming the field", "[intraday-replan]") {
    const auto& day = published();
    auto in = day.input(day.planned, periods);
    CHECK_THROWS_WITH(plan::replan_day(in), Catch::Contains("now must be an interval in 0..95"));
    in = day.input(day.planned);
    in.queues[0].volume.resize(10);
    CHECK_THROWS_WITH(plan::replan_day(in), Catch::Contains("queue 'voice'"));
    in = day.input(day.planned);
    in.lines[0].pool = "other";
    CHECK_THROWS_WITH(plan::replan_day(in), Catch::Contains("pool 'other', which has no queue"));
    in = day.input(day.planned);
    in.lines[0].end = periods + 1;
    CHECK_THROWS_AS(plan::replan_day(in), invalid_argument);
}
