// The time limit holds in every phase on large problems, and the size limit is enforced.
#include <wfm/core/error.hpp>
#include <wfm/schedule/lp.hpp>
#include <wfm/schedule/problem.hpp>
#include <wfm/schedule/solve.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

using namespace wfm::schedule;

namespace {

/// A week at 30 minutes with a daily double peak and `templates` 8-hour templates (each with
/// `starts` starts and a 30-minute break), weekly tours over `patterns` day-off patterns (the 21
/// with two days off, repeated).
problem large(std::size_t templates, int starts, std::size_t patterns) {
    problem p;
    p.required.resize(7 * 48);
    for (std::size_t t = 0; t < p.required.size(); ++t) {
        const double h = static_cast<double>(t % 48) / 2.0;
        p.required[t] =
            20.0 * std::exp(-(h - 10) * (h - 10) / 8) + 15.0 * std::exp(-(h - 16) * (h - 16) / 8);
    }
    for (std::size_t k = 0; k < templates; ++k) {
        shift_template st;
        st.name = "t" + std::to_string(k);
        st.length = 16;
        for (int s = 0; s < starts; ++s) {
            st.starts.push_back(static_cast<int>((k + static_cast<std::size_t>(s) * 3) % 32));
        }
        std::sort(st.starts.begin(), st.starts.end());
        st.starts.erase(std::unique(st.starts.begin(), st.starts.end()), st.starts.end());
        st.cost = 8.0 + static_cast<double>(k % 7) * 0.01;
        st.breaks.push_back({"lunch", 1, 6, 10, false});
        p.templates.push_back(st);
    }
    const auto base = any_days_off_patterns(7, 5);
    for (std::size_t i = 0; i < patterns; ++i) {
        p.patterns.push_back(base[i % base.size()]);
    }
    return p;
}

double timed_solve(const problem& p, bool bound) {
    solve_options o;
    o.time_limit = std::chrono::milliseconds{500};
    o.compute_bound = bound;
    o.start = solve_options::start_kind::greedy;
    const auto t0 = std::chrono::steady_clock::now();
    const solution s = solve(p, o);
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    WARN("wall " << wall << " s, bound note: " << s.bound_note);
    CHECK(s.seconds <= wall);
    if (s.lower_bound) {
        CHECK(*s.lower_bound <= s.objective + 1e-9);
    }
    return wall;
}

} // namespace

TEST_CASE("schedule: a 0.5 s limit holds with 1,000 templates, bound included",
          "[schedule][deadline]") {
    CHECK(timed_solve(large(1000, 4, 21), true) < 5.0);
}

TEST_CASE("schedule: a 0.5 s limit holds with 100,000 templates", "[schedule][deadline]") {
    CHECK(timed_solve(large(100000, 1, 21), true) < 5.0);
}

TEST_CASE("schedule: a 0.5 s limit holds with 100,000 day-off patterns", "[schedule][deadline]") {
    CHECK(timed_solve(large(10, 2, 100000), true) < 5.0);
}

TEST_CASE("schedule: a 0.5 s limit holds with 100,000 templates and the LP start",
          "[schedule][deadline]") {
    // no side limits: the automatic start against the clock is the LP-guided one
    const problem p = large(100000, 1, 21);
    solve_options o;
    o.time_limit = std::chrono::milliseconds{500};
    const auto t0 = std::chrono::steady_clock::now();
    const solution s = solve(p, o);
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    WARN("wall " << wall << " s, bound note: " << s.bound_note);
    CHECK(wall < 5.0);
    CHECK(s.seconds <= wall);
    CHECK(s.status == solve_status::feasible);
    CHECK(validate(p, s.tours).empty());
    // 100,000 templates cannot converge in 0.2 s of pricing rounds: the note says how the LP
    // was cut short (no final pricing, or a partial relaxation with Farley's bound)
    const bool no_lp = s.bound_note.find("the time limit cut the LP short") != std::string::npos;
    const bool partial = s.bound_note.find("partial LP relaxation") != std::string::npos;
    CHECK((no_lp || partial));
    if (s.lower_bound) {
        CHECK(*s.lower_bound <= s.objective + 1e-9);
    }
}

TEST_CASE("lp: a deadline already passed gives no LP bound and says why", "[schedule][deadline]") {
    const problem p = large(2000, 2, 21);
    const auto t0 = std::chrono::steady_clock::now();
    const lp_result lp = lp_relaxation(p, {.time_limit = std::chrono::milliseconds{0}});
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    CHECK(wall < 5.0);
    CHECK_FALSE(lp.converged);
    CHECK_FALSE(lp.lower_bound);
    CHECK(lp.note.rfind("no LP bound: the time limit cut the LP short, ", 0) == 0);
    // with time, the same LP converges (exact pricing finds no improving tour) to a bound that
    // the greedy-plus-search schedule respects
    const lp_result full = lp_relaxation(p, {.time_limit = std::chrono::seconds{120}});
    REQUIRE(full.converged);
    REQUIRE(full.lower_bound);
    CHECK(*full.lower_bound == Approx(full.value).epsilon(1e-6));
    solve_options o;
    o.max_iterations = 2000;
    o.compute_bound = false;
    CHECK(solve(p, o).objective >= *full.lower_bound - 1e-9);
}

TEST_CASE("lp: the master's rows and the break placements have global limits",
          "[schedule][deadline]") {
    const problem p = large(3, 2, 21);
    // starts 0..5 and 8-hour shifts cover intervals 0..20 of each day, all with a positive
    // requirement: 7 × 21 rows
    const lp_result rows = lp_relaxation(p, {.max_rows = 100});
    CHECK(rows.note == "no LP bound: 147 coverage rows, above the LP's limit of 100");
    CHECK(rows.columns.empty());
    CHECK_FALSE(rows.lower_bound);
    // each template's lunch has 5 placements (offsets 6..10): 15 offsets in all
    const lp_result ok = lp_relaxation(p, {.max_break_offsets = 15});
    CHECK(ok.lower_bound);
    const lp_result over = lp_relaxation(p, {.max_break_offsets = 14});
    CHECK(over.note == "no LP bound: the break placements exceed the LP's limits (100000 per "
                       "template, 14 break offsets in all)");
    CHECK_FALSE(over.lower_bound);
}

TEST_CASE("schedule: more candidate tours than the limit are rejected before allocation",
          "[schedule][deadline]") {
    // 1,000 templates × 48 starts × 21,000 patterns = 1.008e9 candidate tours
    problem p = large(1000, 1, 21000);
    for (auto& t : p.templates) {
        t.starts.clear();
        for (int s = 0; s < 48; ++s) {
            t.starts.push_back(s);
        }
        t.length = 16;
    }
    CHECK_THROWS_WITH(check_problem(p),
                      "schedule::check_problem: 48000 template starts x 21000 day-off patterns = "
                      "1008000000 candidate tours, above the limit of 10000000 (shift_templates "
                      "x starts x days_off patterns)");
    CHECK_THROWS_AS(solve(p), wfm::invalid_argument);
}
