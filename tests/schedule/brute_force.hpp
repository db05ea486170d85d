#pragma once
// Proven optima of tiny schedule problems by enumeration (the schedule tests' reference).

#include <wfm/schedule/detail/index.hpp>
#include <wfm/schedule/problem.hpp>
#include <wfm/schedule/solve.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <utility>
#include <vector>

namespace wfm::schedule::test {

using wfm::schedule::detail::to_index;

/// Every distinct tour of a problem without a start band: template × start × pattern × break
/// offsets per working day.
inline std::vector<tour> all_tours(const problem& p) {
    std::vector<tour> out;
    for (std::size_t k = 0; k < p.templates.size(); ++k) {
        const shift_template& st = p.templates[k];
        for (std::size_t pi = 0; pi < p.patterns.size(); ++pi) {
            for (const int s : st.starts) {
                tour base;
                base.template_index = static_cast<int>(k);
                base.pattern_index = static_cast<int>(pi);
                base.reference_start = s;
                base.starts.assign(to_index(p.days), -1);
                base.break_offsets.assign(to_index(p.days), {});
                std::function<void(int, tour)> rec = [&](int d, tour t) {
                    if (d == p.days) {
                        out.push_back(t);
                        return;
                    }
                    if (!p.patterns[pi][to_index(d)]) {
                        rec(d + 1, t);
                        return;
                    }
                    t.starts[to_index(d)] = s;
                    std::function<void(std::size_t, std::vector<int>)> brk =
                        [&](std::size_t b, std::vector<int> offs) {
                            if (b == st.breaks.size()) {
                                tour u = t;
                                u.break_offsets[to_index(d)] = offs;
                                rec(d + 1, u);
                                return;
                            }
                            for (int o = st.breaks[b].earliest; o <= st.breaks[b].latest; ++o) {
                                offs.push_back(o);
                                brk(b + 1, offs);
                                offs.pop_back();
                            }
                        };
                    brk(0, {});
                };
                rec(0, base);
            }
        }
    }
    return out;
}

/// The chosen tours meet every side limit (headcount, part-time share, per day, per template).
inline bool within_limits(const problem& p, const std::vector<tour>& tours,
                          const std::vector<std::size_t>& chosen) {
    const auto& l = p.limits;
    std::vector<int> per_template(p.templates.size(), 0);
    std::vector<int> per_day(to_index(p.days), 0);
    int part_time = 0;
    for (const std::size_t j : chosen) {
        const tour& t = tours[j];
        ++per_template[to_index(t.template_index)];
        part_time += p.templates[to_index(t.template_index)].part_time ? 1 : 0;
        for (int d = 0; d < p.days; ++d) {
            per_day[to_index(d)] += t.starts[to_index(d)] >= 0 ? 1 : 0;
        }
    }
    const auto n = static_cast<int>(chosen.size());
    bool ok = !l.max_headcount || n <= *l.max_headcount;
    ok = ok && (!l.max_part_time_share || part_time <= *l.max_part_time_share * n + 1e-9);
    for (std::size_t k = 0; k < p.templates.size(); ++k) {
        const shift_template& st = p.templates[k];
        ok = ok && per_template[k] >= st.min_tours &&
             (!st.max_tours || per_template[k] <= *st.max_tours);
    }
    for (std::size_t d = 0; d < per_day.size(); ++d) {
        ok = ok && (l.min_per_day.empty() || per_day[d] >= l.min_per_day[d]) &&
             (l.max_per_day.empty() || per_day[d] <= l.max_per_day[d]);
    }
    return ok;
}

/// Optimum over every multiset of at most `cap` tours meeting the side limits (coverage from
/// coverage_of, objective from the definition), the first element; the second is the most tours an
/// optimal schedule can have given that value (cheapest tour: B on one day, 3 cost units and 3
/// intervals).
inline std::pair<double, int> enumerate(const problem& p, int cap) {
    const std::vector<tour> tours = all_tours(p);
    problem free = p; // single tours are checked for their shape, not the limits
    free.limits = {};
    for (shift_template& st : free.templates) {
        st.min_tours = 0;
        st.max_tours.reset();
    }
    std::vector<std::vector<int>> cov;
    std::vector<double> cost;
    for (const tour& t : tours) {
        REQUIRE(validate(free, {t}).empty());
        cov.push_back(coverage_of(p, {t}));
        cost.push_back(metrics_of(p, {t}).labour_cost);
    }
    std::vector<int> c(p.required.size(), 0);
    double labour = 0;
    double best = std::numeric_limits<double>::infinity();
    std::vector<std::size_t> chosen;
    std::function<void(std::size_t, int)> rec = [&](std::size_t from, int n) {
        double shortage = 0;
        double redundancy = 0;
        for (std::size_t t = 0; t < c.size(); ++t) {
            shortage += std::max(p.required[t] - c[t], 0.0);
            redundancy += std::max(c[t] - p.required[t], 0.0);
        }
        double value =
            p.weights.labour * labour + p.weights.under * shortage + p.weights.over * redundancy;
        if (p.mode == objective_mode::pure_fit) {
            value = shortage + redundancy;
        } else if (p.mode == objective_mode::full_coverage) {
            value = shortage > 1e-9 ? std::numeric_limits<double>::infinity()
                                    : p.weights.labour * labour;
        }
        if (within_limits(p, tours, chosen)) {
            best = std::min(best, value);
        }
        if (n == cap) {
            return;
        }
        for (std::size_t j = from; j < tours.size(); ++j) {
            for (std::size_t t = 0; t < c.size(); ++t) {
                c[t] += cov[j][t];
            }
            labour += cost[j];
            chosen.push_back(j);
            rec(j, n + 1);
            chosen.pop_back();
            labour -= cost[j];
            for (std::size_t t = 0; t < c.size(); ++t) {
                c[t] -= cov[j][t];
            }
        }
    };
    rec(0, 0);
    double total = 0;
    for (const double r : p.required) {
        total += r;
    }
    const double most =
        p.mode == objective_mode::pure_fit ? (best + total) / 3.0 : best / (3.0 * p.weights.labour);
    return {best, static_cast<int>(std::floor(most + 1e-9))};
}

/// Proven optimum: enumerates until the cap is one no optimal schedule can exceed.
inline double brute_force(const problem& p) {
    int cap = 2;
    for (;;) {
        const auto [best, most] = enumerate(p, cap);
        if (std::isfinite(best) && most <= cap) {
            return best;
        }
        REQUIRE(cap < 8); // keeps the enumeration small
        cap = std::isfinite(best) ? most : cap + 1;
    }
}

} // namespace wfm::schedule::test
