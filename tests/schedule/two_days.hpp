#pragma once
// The two-day test problem shared by the schedule tests: a 60-minute grid open 08:00–14:00, a
// template with a movable rest and a part-time one without breaks, three days-off patterns.

#include <wfm/schedule/problem.hpp>

#include <cstddef>
#include <vector>

namespace wfm::schedule::test {

inline problem two_days(const std::vector<double>& day1, const std::vector<double>& day2) {
    problem p;
    p.interval_minutes = 60;
    p.days = 2;
    p.periods_per_day = 24;
    p.required.assign(48, 0.0);
    for (std::size_t i = 0; i < day1.size(); ++i) {
        p.required[8 + i] = day1[i];
        p.required[24 + 8 + i] = day2[i];
    }
    p.templates = {{"A", 4, {8, 9, 10}, 4, false, {{"rest", 1, 1, 2, true}}, {}, 0, {}},
                   {"B", 3, {9, 11}, 3, true, {}, {}, 0, {}}};
    p.patterns = {{true, true}, {true, false}, {false, true}};
    p.weights = {2.0, 1.5, 0.25};
    return p;
}

/// Tiny two-day instances with fractional requirements, without and with each kind of side
/// limit (headcount, part-time share, per-day minimum and maximum, per-template minimum and
/// maximum): small enough for brute-force optima.
inline std::vector<problem> fractional_cases() {
    std::vector<problem> out;
    out.push_back(two_days({1.5, 2.25, 1, 0.5, 1, 0.75}, {0.4, 1.6, 2, 1, 0, 0}));
    out.push_back(two_days({0.6, 1.4, 1.5, 1.2, 0.5, 0.3}, {1.3, 1.7, 1.6, 0.8, 0.4, 0}));
    out.push_back(two_days({1.5, 2.5, 2.4, 1.5, 1, 0.6}, {1, 1.6, 2.5, 2.2, 1.5, 0.5}));
    out.push_back(two_days({2.5, 2.5, 1.5, 1.5, 2.5, 2.5}, {1.5, 1.5, 2.5, 2.5, 1.5, 1.5}));
    problem a = two_days({1.5, 2.5, 2.4, 1.5, 1, 0.6}, {1, 1.6, 2.5, 2.2, 1.5, 0.5});
    a.limits.max_headcount = 2;
    out.push_back(a);
    problem b = two_days({1.5, 2.5, 2.4, 1.5, 1, 0.6}, {1, 1.6, 2.5, 2.2, 1.5, 0.5});
    b.limits.max_part_time_share = 0.25;
    out.push_back(b);
    problem c = two_days({0.5, 1.5, 1.5, 1, 0.5, 0}, {1, 1.2, 1.8, 1.5, 0.6, 0});
    c.limits.min_per_day = {0, 2};
    c.limits.max_per_day = {2, 3};
    out.push_back(c);
    problem d = two_days({1.5, 2.25, 1, 0.5, 1, 0.75}, {0.4, 1.6, 2, 1, 0, 0});
    d.templates[1].min_tours = 2;
    d.templates[0].max_tours = 1;
    out.push_back(d);
    return out;
}

} // namespace wfm::schedule::test
