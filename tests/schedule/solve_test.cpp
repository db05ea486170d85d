#include <wfm/core/error.hpp>
#include <wfm/schedule/detail/index.hpp>
#include <wfm/schedule/problem.hpp>
#include <wfm/schedule/solve.hpp>

#include "brute_force.hpp"
#include "two_days.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <string>
#include <utility>
#include <vector>

using namespace wfm::schedule;

namespace {

using test::brute_force;
using test::two_days;
using wfm::schedule::detail::to_index;

solution run(const problem& p, std::uint64_t seed = 1) {
    solve_options o;
    o.seed = seed;
    o.max_iterations = 40000;
    o.time_limit = std::chrono::seconds{60};
    o.start = solve_options::start_kind::greedy; // the search on its own (lp_test: the LP start)
    return solve(p, o);
}

} // namespace

TEST_CASE("schedule: day-off pattern generators count and shape", "[schedule]") {
    CHECK(any_days_off_patterns(7, 5).size() == 21);
    CHECK(consecutive_days_off_patterns(7, 5, true).size() == 7);
    CHECK(consecutive_days_off_patterns(7, 5, false).size() == 6);
    CHECK(single_day_patterns(7).size() == 7);
    for (const auto& pat : consecutive_days_off_patterns(7, 5, true)) {
        CHECK(std::count(pat.begin(), pat.end(), true) == 5);
    }
    // Sunday + Monday off is the wrapped block
    const auto wrapped = consecutive_days_off_patterns(7, 5, true).back();
    CHECK(wrapped == std::vector<bool>{false, true, true, true, true, true, false});
}

TEST_CASE("schedule: heuristic matches the brute-force optimum on tiny instances", "[schedule]") {
    const std::vector<problem> cases = {
        two_days({1, 2, 2, 1, 1, 0}, {1, 1, 2, 2, 1, 0}),
        two_days({2, 2, 1, 0, 1, 1}, {0, 1, 1, 1, 1, 0}),
        two_days({1.5, 2.25, 1, 0.5, 1, 0.75}, {0.4, 1.6, 2, 1, 0, 0}),
    };
    for (std::size_t i = 0; i < cases.size(); ++i) {
        INFO("case " << i);
        const problem& p = cases[i];
        const double optimum = brute_force(p);
        const solution s = run(p);
        CHECK(s.status == solve_status::feasible);
        CHECK(validate(p, s.tours).empty());
        CHECK(s.objective == Approx(optimum).margin(1e-9));
        REQUIRE(s.trace.size() >= 2); // the search's running objective, fractional r included
        CHECK(s.trace[s.trace.size() - 2].objective == Approx(s.objective).margin(1e-6));
        REQUIRE(s.lower_bound);
        CHECK(*s.lower_bound <= optimum + 1e-9);
        CHECK(*s.lower_bound > 0);
    }
}

TEST_CASE("schedule: pure fit and full coverage optima match brute force", "[schedule]") {
    problem fit = two_days({1, 2, 2, 1, 1, 0}, {1, 1, 2, 2, 1, 0});
    fit.mode = objective_mode::pure_fit;
    const double fit_optimum = brute_force(fit);
    const solution sf = run(fit);
    CHECK(sf.objective == Approx(fit_optimum).margin(1e-9));
    CHECK(sf.objective == Approx(sf.metrics.shortage + sf.metrics.redundancy));

    problem full = two_days({1, 2, 1.5, 1, 1, 0}, {1, 1, 2, 1, 0.5, 0});
    full.mode = objective_mode::full_coverage;
    const double full_optimum = brute_force(full);
    const solution sc = run(full);
    CHECK(sc.status == solve_status::feasible);
    CHECK(sc.metrics.shortage == 0.0);
    CHECK(sc.objective == Approx(full_optimum).margin(1e-9));
    REQUIRE(sc.lower_bound);
    CHECK(*sc.lower_bound <= full_optimum + 1e-9);
}

TEST_CASE("schedule: limits hold on every produced schedule", "[schedule]") {
    problem p = two_days({3, 4, 4, 3, 2, 1}, {2, 3, 4, 4, 3, 1});
    p.limits.max_headcount = 5;
    p.limits.max_part_time_share = 0.2;
    p.limits.max_per_day = {4, 5};
    p.templates[0].max_tours = 4;
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        const solution s = run(p, seed);
        CHECK(s.status == solve_status::feasible);
        CHECK(validate(p, s.tours).empty());
        CHECK(s.metrics.headcount <= 5);
        CHECK(s.metrics.tours_by_template[0] <= 4);
        CHECK(s.metrics.tours_by_template[1] <= 0.2 * s.metrics.headcount + 1e-9);
    }
}

TEST_CASE("schedule: cyclic week wraps shifts past midnight into the first day", "[schedule]") {
    problem p = two_days({0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0});
    p.cyclic = true;
    p.templates[0].starts = {22};
    p.templates.resize(1);
    p.patterns = {{false, true}};
    tour t;
    t.template_index = 0;
    t.pattern_index = 0;
    t.reference_start = 22;
    t.starts = {-1, 22};
    t.break_offsets = {{}, {1}};
    const std::vector<int> cov = coverage_of(p, {t});
    CHECK(cov[46] == 1); // day 2 22:00
    CHECK(cov[47] == 0); // break
    CHECK(cov[0] == 1);  // wrapped to day 1 00:00
    CHECK(cov[1] == 1);
    CHECK(cov[2] == 0);
    p.cyclic = false;
    const std::vector<int> cut = coverage_of(p, {t});
    CHECK(cut[0] == 0);
}

TEST_CASE("schedule: start band lets each day start differently within the band", "[schedule]") {
    problem p = two_days({2, 2, 1, 0, 0, 0}, {0, 0, 1, 2, 2, 0});
    p.templates.resize(1);
    p.templates[0].breaks.clear();
    p.templates[0].starts = {8, 9, 10};
    p.patterns = {{true, true}};
    p.weights = {1.0, 2.0, 1.0};
    const solution fixed = run(p);
    p.start_band = 1;
    const solution banded = run(p);
    CHECK(validate(p, banded.tours).empty());
    CHECK(banded.objective < fixed.objective);
    for (const tour& t : banded.tours) {
        CHECK(std::abs(t.starts[0] - t.reference_start) <= 1);
        CHECK(std::abs(t.starts[1] - t.reference_start) <= 1);
    }
}

TEST_CASE("schedule: same seed and iteration budget give the same schedule", "[schedule]") {
    const problem p = two_days({3, 4, 4, 3, 2, 1}, {2, 3, 4, 4, 3, 1});
    const solution a = run(p, 7);
    const solution b = run(p, 7);
    REQUIRE(a.tours.size() == b.tours.size());
    for (std::size_t i = 0; i < a.tours.size(); ++i) {
        CHECK(a.tours[i].starts == b.tours[i].starts);
        CHECK(a.tours[i].break_offsets == b.tours[i].break_offsets);
        CHECK(a.tours[i].template_index == b.tours[i].template_index);
    }
    CHECK(a.coverage == b.coverage);
}

TEST_CASE("schedule: validator names each broken rule", "[schedule]") {
    const problem p = two_days({1, 1, 1, 1, 1, 0}, {1, 1, 1, 1, 1, 0});
    tour t;
    t.template_index = 0;
    t.pattern_index = 1; // works day 1 only
    t.reference_start = 8;
    t.starts = {8, 9};
    t.break_offsets = {{3}, {1}};
    const auto problems = validate(p, {t});
    REQUIRE(problems.size() == 2);
    CHECK(problems[0] == "tour 1: day 1 break 'rest' starts at offset 3, outside 1..2");
    CHECK(problems[1] == "tour 1: works on day 2, a day off");
    tour u = t;
    u.starts = {7, -1};
    u.break_offsets = {{1}, {}};
    CHECK(validate(p, {u}) ==
          std::vector<std::string>{"tour 1: day 1 start 7 is not a start of 'A'",
                                   "tour 1: day 1 start 7 is more than 0 intervals from the "
                                   "reference start 8"});
    problem limited = p;
    limited.limits.max_headcount = 0;
    u.starts = {8, -1};
    CHECK(validate(limited, {u}) == std::vector<std::string>{"1 agents exceed max_headcount 0"});
}

TEST_CASE("schedule: infeasible problems give a status and a message, not a crash", "[schedule]") {
    problem p = two_days({3, 4, 4, 3, 2, 1}, {2, 3, 4, 4, 3, 1});
    p.mode = objective_mode::full_coverage;
    p.limits.max_headcount = 2;
    const solution s = run(p);
    CHECK(s.status == solve_status::infeasible);
    CHECK_THAT(s.message, Catch::Contains("max_headcount is 2"));
    CHECK_FALSE(s.lower_bound);

    p.limits.max_headcount = 4;
    const solution s3 = run(p);
    CHECK(s3.status == solve_status::infeasible);
    CHECK_THAT(s3.message, Catch::Contains("full coverage not reached"));

    problem no_days = two_days({1, 1, 1, 1, 1, 0}, {1, 1, 1, 1, 1, 0});
    for (auto& t : no_days.templates) {
        t.days = {false, false};
    }
    const solution sd = run(no_days);
    CHECK(sd.status == solve_status::infeasible);
    CHECK_THAT(sd.message, Catch::Contains("no shift template may work"));

    problem uncovered = two_days({1, 1, 1, 1, 1, 0}, {1, 1, 1, 1, 1, 0});
    uncovered.mode = objective_mode::full_coverage;
    uncovered.required[3] = 1; // 03:00, no shift reaches it
    const solution su = run(uncovered);
    CHECK(su.status == solve_status::infeasible);
    CHECK_THAT(su.message, Catch::Contains("no shift can cover day 1 03:00"));
}

TEST_CASE("schedule: malformed problems are rejected with the bad value named", "[schedule]") {
    problem p = two_days({1, 1, 1, 1, 1, 0}, {1, 1, 1, 1, 1, 0});
    p.templates[0].breaks[0].latest = 5; // break would end after the shift
    CHECK_THROWS_WITH(solve(p), Catch::Contains("break 0 'rest' (length 1, window 1..5) does not "
                                                "fit a shift of 4 intervals"));
    problem q = two_days({1, 1, 1, 1, 1, 0}, {1, 1, 1, 1, 1, 0});
    q.required[5] = std::nan("");
    CHECK_THROWS_AS(solve(q), wfm::invalid_argument);
}

TEST_CASE("schedule: weekly tours with days-off exchanges stay valid and conserve coverage",
          "[schedule]") {
    // A 7-day, 30-minute week open 07:00–23:00 with a daily peak; tours of 5 working days with
    // any 2 days off (the optimiser also exchanges working days between tours), a start band
    // and a cyclic week so shifts may cross midnight.
    problem p;
    p.interval_minutes = 30;
    p.days = 7;
    p.periods_per_day = 48;
    p.cyclic = true;
    p.start_band = 1;
    p.required.assign(7 * 48, 0.0);
    for (int d = 0; d < 7; ++d) {
        for (int t = 14; t < 46; ++t) {
            const double peak = std::exp(-0.5 * std::pow((t - 24 - d % 3) / 6.0, 2));
            p.required[to_index(d * 48 + t)] = std::round((d < 5 ? 12.0 : 6.0) * peak + 1.0);
        }
    }
    shift_template full;
    full.name = "8h";
    full.length = 16;
    for (int s = 14; s <= 36; ++s) {
        full.starts.push_back(s);
    }
    full.cost = 7.5;
    full.breaks = {{"lunch", 1, 6, 9, false}, {"rest", 1, 11, 13, true}};
    shift_template part = full;
    part.name = "4h";
    part.length = 8;
    part.cost = 4;
    part.part_time = true;
    part.breaks = {{"rest", 1, 3, 5, true}};
    p.templates = {full, part};
    p.patterns = any_days_off_patterns(7, 5);
    p.limits.max_part_time_share = 0.4;
    p.weights = {1.0, 3.0, 0.5};
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        INFO("seed " << seed);
        const solution s = run(p, seed);
        CHECK(s.status == solve_status::feasible);
        CHECK(validate(p, s.tours).empty());
        CHECK(s.coverage == coverage_of(p, s.tours));
        const schedule_metrics m = metrics_of(p, s.tours);
        CHECK(s.objective == Approx(objective(p, m)).margin(1e-9));
        // the search's own running objective (incremental coverage steps, tours evaluated
        // before they are applied) agrees with the one recomputed from the schedule
        REQUIRE(s.trace.size() >= 2);
        CHECK(s.trace[s.trace.size() - 2].objective == Approx(s.objective).margin(1e-6));
        REQUIRE(s.lower_bound);
        CHECK(*s.lower_bound <= s.objective + 1e-9);
        CHECK(m.fit > 0.8);
    }
    // fractional requirements: coverage ⌊r⌋ has its own step value in the search
    for (double& r : p.required) {
        r = r > 0 ? r - 0.4 : r;
    }
    const solution f = run(p);
    REQUIRE(f.trace.size() >= 2);
    CHECK(f.trace[f.trace.size() - 2].objective == Approx(f.objective).margin(1e-6));
    CHECK(f.objective == Approx(objective(p, metrics_of(p, f.tours))).margin(1e-9));
}
