#include <wfm/schedule/lp.hpp>
#include <wfm/schedule/problem.hpp>
#include <wfm/schedule/solve.hpp>

#include "brute_force.hpp"
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

/// The odd cycle: three intervals on a ring, two-interval shifts at every
/// start costing 2, shortage 1.5.
problem ring() {
    problem p;
    p.interval_minutes = 480;
    p.days = 1;
    p.periods_per_day = 3;
    p.cyclic = true;
    p.required = {1, 1, 1};
    p.templates = {{"S", 2, {0, 1, 2}, 2, false, {}, {}, 0, {}}};
    p.patterns = single_day_patterns(1);
    p.weights = {1.0, 1.5, 0.0};
    return p;
}

} // namespace

TEST_CASE("lp: a cyclic odd cycle has the hand-computed fractional LP value", "[schedule]") {
    // three intervals on a ring, shifts of two intervals at every start, cost 2 each, shortage
    // 1.5: x = ½ on each of the three shifts covers everything for 3 (dual y = 1 everywhere),
    // while the integer optimum is 3.5 (one shift and one interval short).
    const problem p = ring();
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

    // the LP the start solves: the integer-coverage one
    const lp_result lp =
        lp_relaxation(p, {.time_limit = std::chrono::seconds{60}, .integer_coverage = true});
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
    CHECK(*a.lower_bound >= *lp.lower_bound - 1e-9); // the integer-coverage bound may be tighter
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

    // automatic: LP-guided with an iteration budget too (the same schedule as `lp`), and
    // without one (a budget derived from the size)
    o.start = solve_options::start_kind::automatic;
    const solution budget = solve(p, o);
    CHECK(budget.bound_note.find("LP relaxation") != std::string::npos);
    CHECK(budget.coverage == r1.coverage);
    o.max_iterations = 0;
    o.time_limit = std::chrono::seconds{3}; // the LP (2/5 of it) converges even under ASan
    const solution clock = solve(p, o);
    CHECK(validate(p, clock.tours).empty());
    CHECK(clock.bound_note.find("LP relaxation") != std::string::npos);
}

namespace {

double lp_value_of(const problem& p) {
    const lp_result lp = lp_relaxation(p);
    CHECK(lp.converged);
    REQUIRE(lp.lower_bound);
    CHECK(*lp.lower_bound == Approx(lp.value).epsilon(1e-9));
    return lp.value;
}

double sum(const lp_result& lp, bool part_time_only, const problem& p) {
    double s = 0;
    for (std::size_t j = 0; j < lp.x.size(); ++j) {
        const bool pt =
            p.templates[static_cast<std::size_t>(lp.columns[j].template_index)].part_time;
        s += !part_time_only || pt ? lp.x[j] : 0.0;
    }
    return s;
}

} // namespace

TEST_CASE("lp: side limits have their hand-computed LP values", "[schedule][lp]") {
    // Σx = h ≤ 1.5 covers 2h of the 3 agent-intervals: value 2h + 1.5 (3 − 2h) = 4.5 − h.
    problem p = ring();
    CHECK(lp_value_of(p) == Approx(3.0));
    p.limits.max_headcount = 1;
    CHECK(lp_value_of(p) == Approx(3.5)); // h = 1
    p.limits.max_headcount.reset();
    p.templates[0].max_tours = 1;
    CHECK(lp_value_of(p) == Approx(3.5)); // the same through the template's maximum
    p.templates[0].max_tours.reset();
    p.limits.max_per_day = {1};
    CHECK(lp_value_of(p) == Approx(3.5)); // and through the day's
    // at least 2 tours: 4 agent-intervals of cover for 3 required, over is free: 2 × 2
    p.limits.max_per_day.clear();
    p.templates[0].min_tours = 2;
    CHECK(lp_value_of(p) == Approx(4.0));
    p.templates[0].min_tours = 0;
    p.limits.min_per_day = {2};
    CHECK(lp_value_of(p) == Approx(4.0));

    // a part-time copy at cost 1: alone it covers the ring for 1.5; with a share of 1/2 the
    // 1.5 tours are 0.75 part-time and 0.75 full-time: 0.75 × 1 + 0.75 × 2 = 2.25
    problem q = ring();
    q.templates.push_back({"P", 2, {0, 1, 2}, 1, true, {}, {}, 0, {}});
    CHECK(lp_value_of(q) == Approx(1.5));
    q.limits.max_part_time_share = 0.5;
    const lp_result lp = lp_relaxation(q);
    CHECK(lp.value == Approx(2.25));
    CHECK(sum(lp, true, q) == Approx(0.75));
    CHECK(sum(lp, false, q) == Approx(1.5));
}

TEST_CASE("lp: with side limits the LP bound is at most the brute-force optimum",
          "[schedule][lp]") {
    std::vector<problem> cases;
    // Small demands keep the enumeration to a few tours (under a second, also under ASan); cases c
    // and d are the ones where the limits bind (their LP value rises above the free LP's).
    problem a = two_days({2, 3, 3, 2, 1, 1}, {1, 2, 3, 3, 2, 1});
    a.limits.max_headcount = 2;
    cases.push_back(a);
    problem b = two_days({2, 3, 3, 2, 1, 1}, {1, 2, 3, 3, 2, 1});
    b.limits.max_part_time_share = 0.25;
    cases.push_back(b);
    problem c = two_days({1, 2, 2, 1, 1, 0}, {1, 1, 2, 2, 1, 0});
    c.limits.min_per_day = {0, 3};
    c.limits.max_per_day = {2, 4};
    cases.push_back(c);
    problem d = two_days({1.5, 2.25, 1, 0.5, 1, 0.75}, {0.4, 1.6, 2, 1, 0, 0});
    d.templates[1].min_tours = 2;
    d.templates[0].max_tours = 1;
    cases.push_back(d);
    for (std::size_t i = 0; i < cases.size(); ++i) {
        INFO("case " << i);
        const problem& p = cases[i];
        problem free = p;
        free.limits = {};
        for (auto& t : free.templates) {
            t.min_tours = 0;
            t.max_tours.reset();
        }
        const double optimum = test::brute_force(p);
        const lp_result lp = lp_relaxation(p);
        CHECK(lp.converged);
        REQUIRE(lp.lower_bound);
        CHECK(*lp.lower_bound <= optimum + 1e-9);
        // the limits cut the free LP: its value is at most the limited one
        CHECK(lp_relaxation(free).value <= lp.value + 1e-9);
        // Farley's bound from an early stop (one round) is still below the optimum
        const lp_result early = lp_relaxation(p, {.max_rounds = 1});
        if (early.lower_bound) {
            CHECK(*early.lower_bound <= *lp.lower_bound + 1e-9);
        }
        // the solver meets every limit from the LP start and its gap is against a valid bound
        const solution s = run(p, solve_options::start_kind::lp);
        CHECK(s.status == solve_status::feasible);
        CHECK(validate(p, s.tours).empty());
        CHECK(s.objective >= optimum - 1e-9);
        CHECK(s.objective == Approx(optimum).epsilon(1e-9));
        REQUIRE(s.lower_bound);
        CHECK(*s.lower_bound <= optimum + 1e-9);
        CHECK(*s.lower_bound >= *lp.lower_bound - 1e-9);
    }
}

TEST_CASE("lp: an LP with side limits tightens the bound over the dropped-limit one",
          "[schedule][lp]") {
    // the cheap part-time template does all the work without the share: the bound with the
    // share must be strictly higher, and the schedule found must meet the share
    problem p = two_days({3, 4, 4, 3, 2, 1}, {2, 3, 4, 4, 3, 1});
    p.templates[1].cost = 2; // part-time much cheaper per interval
    problem free = p;
    p.limits.max_part_time_share = 0.25;
    const lp_result with = lp_relaxation(p);
    const lp_result without = lp_relaxation(free);
    REQUIRE(with.lower_bound);
    REQUIRE(without.lower_bound);
    CHECK(*with.lower_bound > *without.lower_bound + 0.5);
    CHECK(sum(with, true, p) <= 0.25 * sum(with, false, p) + 1e-7);
    const solution s = run(p, solve_options::start_kind::automatic);
    CHECK(validate(p, s.tours).empty());
    CHECK(s.bound_note.find("LP relaxation") != std::string::npos);
    REQUIRE(s.lower_bound);
    CHECK(*s.lower_bound <= s.objective + 1e-9);
}
