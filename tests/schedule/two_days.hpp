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

} // namespace wfm::schedule::test
