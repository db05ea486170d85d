#include <wfm/schedule/lp.hpp>
#include <wfm/schedule/problem.hpp>
#include <wfm/schedule/solve.hpp>

#include "two_days.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

using namespace wfm::schedule;

namespace {

using test::two_days;

solution run(const problem& p, solve_options::start_kind start, std::uint64_t seed = 1) {
    solve_options o;
    o.seed = seed;
    o.max_iterations = 20000;
    o.time_limit = std::chrono::seconds{60};
    o.start = start;
    return solve(p, o);
}

} // namespace

TEST_CASE("lp: a cyclic odd cycle has the hand-computed fractional LP value", "[schedule]") {
    // three intervals on a ring, shifts of two intervals at every start, cost 2 each, shortage
    // 1.5: x = ½ on each of the three shifts covers everything for 3 (dual y = 1 everywhere),
    // while the integer optimum is 3.5 (one shift and one interval short).
    problem p;
    p.interval_minutes = 480;
    p.days = 1;
    p.periods_per_day = 3;
    p.cyclic = true;
    p.required = {1, 1, 1};
    p.templates = {{"S", 2, {0, 1, 2}, 2, false, {}, {}, 0, {}}};
    p.patterns = single_day_patterns(1);
    p.weights = {1.0, 1.5, 0.0};
    const lp_result lp = lp_relaxation(p);
    CHECK(lp.converged);
    CHECK(lp.value == Approx(3.0).epsilon(1e-9));
    REQUIRE(lp.lower_bound);
    CHECK(*lp.lower_bound == Approx(3.0).epsilon(1e-9));
    REQUIRE(lp.x.size() == 3);
    for (const double x : lp.x) {
        CHECK(x == Approx(0.5));
    }
    const solution s = run(p, solve_options::start_kind::lp);
    CHECK(s.objective == Approx(3.5));
    CHECK(*s.lower_bound <= s.objective);
}

TEST_CASE("lp: the LP bound is at most every schedule found and at most the optimum",
          "[schedule]") {
    // optima of the first two cases, proven by enumeration in solve_test.cpp's brute force
    const std::vector<problem> cases = {
        two_days({1, 2, 2, 1, 1, 0}, {1, 1, 2, 2, 1, 0}),
        two_days({2, 2, 1, 0, 1, 1}, {0, 1, 1, 1, 1, 0}),
        two_days({1.5, 2.25, 1, 0.5, 1, 0.75}, {0.4, 1.6, 2, 1, 0, 0}),
        two_days({3, 4, 4, 3, 2, 1}, {2, 3, 4, 4, 3, 1}),
    };
    for (std::size_t i = 0; i < cases.size(); ++i) {
        INFO("case " << i);
        const problem& p = cases[i];
        const lp_result lp = lp_relaxation(p);
        CHECK(lp.converged);
        REQUIRE(lp.lower_bound);
        CHECK(*lp.lower_bound == Approx(lp.value).epsilon(1e-7));
        for (const auto start :
             {solve_options::start_kind::greedy, solve_options::start_kind::lp}) {
            for (std::uint64_t seed = 1; seed <= 2; ++seed) {
                const solution s = run(p, start, seed);
                CHECK(*lp.lower_bound <= s.objective + 1e-9);
                CHECK(validate(p, s.tours).empty());
            }
        }
        const solution s = run(p, solve_options::start_kind::lp);
        REQUIRE(s.lower_bound);
        CHECK(*s.lower_bound >= *lp.lower_bound - 1e-9); // the better of LP and Lagrangian
        const std::vector<tour> rounded = round_lp(p, lp);
        CHECK(validate(p, rounded).empty());
    }
}

TEST_CASE("lp: LP-started solutions respect limits and are deterministic for a seed",
          "[schedule]") {
    problem p = two_days({3, 4, 4, 3, 2, 1}, {2, 3, 4, 4, 3, 1});
    p.limits.max_headcount = 5;
    p.limits.max_part_time_share = 0.2;
    p.limits.max_per_day = {4, 5};
    p.templates[0].max_tours = 4;
    const solution a = run(p, solve_options::start_kind::lp, 3);
    const solution b = run(p, solve_options::start_kind::lp, 3);
    CHECK(a.status == solve_status::feasible);
    CHECK(validate(p, a.tours).empty());
    CHECK(a.coverage == b.coverage);
    CHECK(a.objective == b.objective);
    const lp_result lp = lp_relaxation(p);
    CHECK(validate(p, round_lp(p, lp)).empty());
    REQUIRE(a.lower_bound);
    CHECK(*a.lower_bound <= a.objective + 1e-9);
}

TEST_CASE("lp: the LP-guided start keeps the LP's integral core and is deterministic",
          "[schedule]") {
    // A week on a 60-minute grid, open 07:00–21:00, with weekday and weekend levels; 5-day
    // tours with any two days off; half-agent requirements on some days leave LP fractions.
    problem p;
    p.interval_minutes = 60;
    p.days = 7;
    p.periods_per_day = 24;
    p.required.assign(7 * 24, 0.0);
    for (int d = 0; d < 7; ++d) {
        for (int t = 7; t < 21; ++t) {
            const double level = d < 5 ? 20.0 : 8.0;
            p.required[static_cast<std::size_t>(d * 24 + t)] =
                std::round(level * (1.0 - 0.04 * (t - 13) * (t - 13) / 2.0)) + 0.5 * (d % 2);
        }
    }
    p.templates = {
        {"8h", 8, {7, 8, 9, 10, 11, 12, 13}, 7, false, {{"meal", 1, 3, 5, false}}, {}, 0, {}},
        {"4h", 4, {7, 9, 11, 13, 15, 17}, 4, true, {}, {}, 0, {}}};
    p.patterns = any_days_off_patterns(7, 5);
    p.weights = {1.0, 2.0, 0.1};

    const lp_result lp = lp_relaxation(p, {.time_limit = std::chrono::seconds{60}});
    REQUIRE(lp.converged);
    REQUIRE(lp.lower_bound);

    solve_options o;
    o.seed = 5;
    o.max_iterations = 20000;
    o.time_limit = std::chrono::seconds{60};
    o.start = solve_options::start_kind::lp;
    o.core_release = 1.0; // keep the core to the end
    const solution a = solve(p, o);
    const solution b = solve(p, o);
    CHECK(a.status == solve_status::feasible);
    CHECK(validate(p, a.tours).empty());
    CHECK(a.coverage == b.coverage);
    CHECK(a.objective == b.objective);
    REQUIRE(a.lower_bound);
    CHECK(*a.lower_bound == Approx(*lp.lower_bound));
    CHECK(*a.lower_bound <= a.objective + 1e-9);
    // every column the LP uses at least once (⌊x⌋ ≥ 1) is still worked that often: template,
    // start and days of fixed tours never change
    long whole = 0;
    for (std::size_t j = 0; j < lp.columns.size(); ++j) {
        const tour& c = lp.columns[j];
        const auto copies = static_cast<long>(lp.x[j] + 1e-9);
        whole += copies;
        const auto kept = std::count_if(a.tours.begin(), a.tours.end(), [&](const tour& t) {
            return t.template_index == c.template_index && t.starts == c.starts;
        });
        CHECK(kept >= copies);
    }
    CHECK(whole >= 3); // the check above is not empty

    // released core (the default, after 60% of the search): still valid and deterministic,
    // never worse than the LP bound allows
    o.core_release = solve_options{}.core_release;
    const solution r1 = solve(p, o);
    const solution r2 = solve(p, o);
    CHECK(validate(p, r1.tours).empty());
    CHECK(r1.coverage == r2.coverage);
    CHECK(r1.objective >= *lp.lower_bound - 1e-9);

    // automatic: LP-guided against the clock, greedy with an iteration budget
    o.start = solve_options::start_kind::automatic;
    const solution budget = solve(p, o);
    CHECK(budget.bound_note.find("Lagrangian") != std::string::npos);
    o.max_iterations = 0;
    o.time_limit = std::chrono::seconds{3}; // the LP (2/5 of it) converges even under ASan
    const solution clock = solve(p, o);
    CHECK(validate(p, clock.tours).empty());
    CHECK(clock.bound_note.find("LP relaxation") != std::string::npos);
}
