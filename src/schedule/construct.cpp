// Greedy construction (see search.hpp).
#include "search.hpp"

#include <algorithm>
#include <cstdint>
#include <utility>

namespace wfm::schedule::detail {

/// Greedy: add the tour with the best marginal objective until none improves.
void search::construct(clock_type::time_point deadline) {
    // Patterns with the same working days give the same gain: only the first of each counts
    // (later twins never win the strict comparison), which keeps a long list of duplicated
    // patterns from multiplying the work.
    distinct_.assign(m_.templates.size(), {});
    for (const int k : usable_) {
        std::vector<std::pair<std::uint32_t, int>> seen;
        for (const int p : m_.templates[to_index(k)].patterns) {
            seen.emplace_back(pattern_mask_[to_index(p)], p);
        }
        std::stable_sort(seen.begin(), seen.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        std::vector<int>& out = distinct_[to_index(k)];
        for (std::size_t i = 0; i < seen.size(); ++i) {
            if (i == 0 || seen[i].first != seen[i - 1].first) {
                out.push_back(seen[i].second);
            }
        }
        std::sort(out.begin(), out.end());
    }
    for (int step = 0; step < 1000000; ++step) {
        if ((step & 7) == 0 && clock_type::now() > deadline) {
            break;
        }
        if (!add_best_tour(deadline)) {
            break;
        }
    }
}

/// Adds the tour (template, start, pattern, greedy breaks) with the best marginal
/// objective if that improves the objective; false when none does.
bool search::add_best_tour(clock_type::time_point deadline) {
    const std::size_t D = to_index(m_.days);
    double best = -1e-9;
    int bk = -1;
    int bsi = 0;
    int bp = 0;
    const double v0 = violation() * penalty_;
    for (const int k : usable_) {
        const compiled_template& c = m_.templates[to_index(k)];
        for (std::size_t si = 0; si < c.starts.size(); ++si) {
            if ((++scanned_ & 15U) == 0 && clock_type::now() > deadline) {
                return false; // out of time: the scan is incomplete, add nothing
            }
            dv_.assign(D, 0.0);
            for (std::size_t d = 0; d < D; ++d) {
                dv_[d] = day_gain(c, static_cast<int>(d), c.starts[si], scratch_new_.brk.data());
            }
            for (const int p : distinct_[to_index(k)]) {
                double v = c.cost * static_cast<double>(m_.pattern_days[to_index(p)].size());
                for (const int d : m_.pattern_days[to_index(p)]) {
                    v += dv_[to_index(d)];
                }
                if (constrained_) {
                    count(k, p, +1);
                    v += violation() * penalty_ - v0;
                    count(k, p, -1);
                }
                if (v < best) {
                    best = v;
                    bk = k;
                    bsi = static_cast<int>(si);
                    bp = p;
                }
            }
        }
    }
    if (bk < 0) {
        return false;
    }
    search_tour& x = slot();
    set_tour(x, bk, bsi, bp);
    for (const int d : m_.pattern_days[to_index(bp)]) {
        place_breaks(x, d);
    }
    apply_tour(x, +1);
    return true;
}

} // namespace wfm::schedule::detail
