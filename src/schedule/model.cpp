#include <wfm/schedule/detail/model.hpp>

#include <wfm/core/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace wfm::schedule::detail {
namespace {

/// Breaks in template order, each at its earliest start that overlaps none placed before.
std::vector<int> canonical_placement(const shift_template& t, std::size_t k) {
    std::vector<int> offsets;
    for (const break_rule& b : t.breaks) {
        int chosen = -1;
        for (int o = b.earliest; o <= b.latest && chosen < 0; ++o) {
            bool clash = false;
            for (std::size_t j = 0; j < offsets.size(); ++j) {
                const int lo = offsets[j];
                const int hi = lo + t.breaks[j].length;
                clash = clash || (o < hi && lo < o + b.length);
            }
            if (!clash) {
                chosen = o;
            }
        }
        if (chosen < 0) {
            throw wfm::invalid_argument(fmt::format(
                "schedule: templates[{}] '{}': break '{}' cannot be placed without overlapping "
                "an earlier break",
                k, t.name, b.name));
        }
        offsets.push_back(chosen);
    }
    return offsets;
}

/// A template's view for the optimiser, its cost not yet weighted.
compiled_template compile_template(const shift_template& t, std::size_t k,
                                   const std::vector<std::vector<int>>& pattern_days) {
    compiled_template c;
    c.length = t.length;
    c.part_time = t.part_time;
    c.starts = t.starts;
    for (const break_rule& b : t.breaks) {
        c.break_length.push_back(b.length);
        c.break_earliest.push_back(b.earliest);
        c.break_latest.push_back(b.latest);
    }
    c.canonical_breaks = canonical_placement(t, k);
    for (std::size_t i = 0; i < pattern_days.size(); ++i) {
        // the template's own days-off rule, then its days
        bool ok = t.patterns.empty() ||
                  std::binary_search(t.patterns.begin(), t.patterns.end(), static_cast<int>(i));
        for (const int d : pattern_days[i]) {
            ok = ok && (t.days.empty() || t.days[static_cast<std::size_t>(d)]);
        }
        if (ok) {
            c.patterns.push_back(static_cast<int>(i));
        }
    }
    c.min_tours = t.min_tours;
    c.max_tours = t.max_tours.value_or(INT_MAX);
    c.cost = t.cost;
    return c;
}

} // namespace

model compile(const problem& p) {
    check_problem(p);
    model m;
    m.intervals = p.intervals();
    m.periods = p.periods_per_day;
    m.days = p.days;
    m.cyclic = p.cyclic;
    m.band = p.start_band;
    m.required = p.required;
    for (const auto& pat : p.patterns) {
        std::vector<int> d;
        for (std::size_t i = 0; i < pat.size(); ++i) {
            if (pat[i]) {
                d.push_back(static_cast<int>(i));
            }
        }
        m.pattern_days.push_back(std::move(d));
    }
    double labour = p.weights.labour;
    double max_tour_cost = 0;
    for (std::size_t k = 0; k < p.templates.size(); ++k) {
        const shift_template& t = p.templates[k];
        compiled_template c = compile_template(t, k, m.pattern_days);
        max_tour_cost = std::max(max_tour_cost, t.cost * p.days);
        m.max_breaks = std::max(m.max_breaks, static_cast<int>(t.breaks.size()));
        m.templates.push_back(std::move(c));
    }
    switch (p.mode) {
    case objective_mode::weighted:
        m.w_under = p.weights.under;
        m.w_over = p.weights.over;
        break;
    case objective_mode::pure_fit:
        labour = 0;
        m.w_under = 1;
        m.w_over = 1;
        break;
    case objective_mode::full_coverage:
        // An agent-interval short must cost more than any tour that could cover it.
        for (double& r : m.required) {
            r = std::ceil(r - 1e-9);
        }
        m.w_under = labour * max_tour_cost + 1.0;
        m.w_over = 0;
        break;
    }
    for (auto& c : m.templates) {
        c.cost *= labour;
    }
    for (const double r : m.required) {
        const double lo = std::floor(r);
        const double hi = std::ceil(r);
        // requirements are far below INT_MAX agents (checked finite; 1e9 is a sane cap)
        m.floor_required.push_back(static_cast<int>(std::min(lo, 1e9)));
        m.ceil_required.push_back(static_cast<int>(std::min(hi, 1e9)));
        m.steps.push_back(-m.w_under);
        m.steps.push_back(m.w_over * (lo + 1.0 - r) - m.w_under * (r - lo));
        m.steps.push_back(m.w_over);
    }
    return m;
}

} // namespace wfm::schedule::detail
