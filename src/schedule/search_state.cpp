// The search's state (see search_state.hpp).
#include "search_state.hpp"

#include <limits>

namespace wfm::schedule::detail {

search_state::search_state(const model& m, const problem& p, std::uint64_t seed)
    : m_(m), rng_(seed), cov_(to_index(m.intervals), 0), tpl_count_(m.templates.size(), 0),
      day_count_(to_index(m.days), 0) {
    const auto& l = p.limits;
    max_headcount_ = l.max_headcount.value_or(std::numeric_limits<int>::max());
    pt_share_ = l.max_part_time_share.value_or(1.0);
    min_day_ = l.min_per_day;
    max_day_ = l.max_per_day;
    constrained_ =
        l.max_headcount || l.max_part_time_share || !min_day_.empty() || !max_day_.empty();
    double max_tour = 0;
    int max_work = 0;
    double unit_sum = 0;
    for (std::size_t k = 0; k < m.templates.size(); ++k) {
        const compiled_template& c = m.templates[k];
        constrained_ = constrained_ || c.min_tours > 0 || c.max_tours != INT_MAX;
        max_tour = std::max(max_tour, c.cost * m.days);
        max_work = std::max(max_work, c.length * m.days);
        unit_sum += c.cost / c.length;
        if (!c.patterns.empty()) {
            usable_.push_back(static_cast<int>(k));
        }
    }
    penalty_ = max_tour + (m.w_under + m.w_over) * max_work + 1.0;
    unit_ = unit_sum / static_cast<double>(m.templates.size());
    if (!(unit_ > 0)) {
        unit_ = std::max({m.w_under, m.w_over, 1.0});
    }
    for (std::size_t t = 0; t < cov_.size(); ++t) {
        cover_ += m.w_under * m.required[t];
    }
}

/// Adds valid tours as they are (a start schedule).
void search_state::load(const std::vector<tour>& tours) {
    const std::size_t MB = to_index(m_.max_breaks);
    for (const tour& t : tours) {
        const compiled_template& c = m_.templates[to_index(t.template_index)];
        search_tour& x = slot();
        x.k = t.template_index;
        x.p = t.pattern_index;
        const auto it = std::find(c.starts.begin(), c.starts.end(), t.reference_start);
        x.si = static_cast<int>(it - c.starts.begin());
        for (const int d : m_.pattern_days[to_index(x.p)]) {
            x.start[to_index(d)] = t.starts[to_index(d)];
            for (std::size_t b = 0; b < c.break_length.size(); ++b) {
                x.brk[to_index(d) * MB + b] = t.break_offsets[to_index(d)][b];
            }
        }
        apply_tour(x, +1);
    }
}

/// The best schedule found, as public tours.
std::vector<tour> search_state::best_tours() const {
    std::vector<tour> out;
    const std::size_t MB = to_index(m_.max_breaks);
    for (const search_tour& x : best_) {
        const compiled_template& c = m_.templates[to_index(x.k)];
        tour t;
        t.template_index = x.k;
        t.pattern_index = x.p;
        t.reference_start = c.starts[to_index(x.si)];
        t.starts.assign(to_index(m_.days), -1);
        t.break_offsets.assign(to_index(m_.days), {});
        for (const int d : m_.pattern_days[to_index(x.p)]) {
            t.starts[to_index(d)] = x.start[to_index(d)];
            for (std::size_t b = 0; b < c.break_length.size(); ++b) {
                t.break_offsets[to_index(d)].push_back(x.brk[to_index(d) * MB + b]);
            }
        }
        out.push_back(std::move(t));
    }
    return out;
}

/// Consecutive working days must not overlap (a shift crossing midnight).
bool search_state::rest_ok(const search_tour& y, const compiled_template& c) const {
    const auto& days = m_.pattern_days[to_index(y.p)];
    for (std::size_t j = 0; j < days.size(); ++j) {
        const int d = days[j];
        const int e = (d + 1) % m_.days;
        if (e == 0 && !m_.cyclic) {
            continue;
        }
        if (std::find(days.begin(), days.end(), e) == days.end()) {
            continue;
        }
        if (y.start[to_index(d)] + c.length > m_.periods + y.start[to_index(e)]) {
            return false;
        }
    }
    return true;
}

} // namespace wfm::schedule::detail
