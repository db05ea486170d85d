// The time limit holds in every phase on large problems, and the size limit is enforced.
#include <wfm/core/error.hpp>
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
