// Break placement (see break_placement.hpp).
#include "break_placement.hpp"

#include <algorithm>
#include <limits>

namespace wfm::schedule::detail {

/// Σ step_up over a break's intervals (the coverage value the break gives up).
double break_placement::break_value(int d, int s, int o, int len) const {
    double v = 0;
    for (int i = 0; i < len; ++i) {
        const int t = m_.at(d, s, o + i);
        if (t >= 0) {
            v += m_.step_up(cov_[to_index(t)], t);
        }
    }
    return v;
}

/// Best offset for break b (highest step_up given up) not overlapping the others in `br`
/// whose index is in [0, placed) or (b, nb) when `all_others`.
int break_placement::best_offset(const compiled_template& c, int d, int s, const int* br,
                                 std::size_t b, bool all_others) const {
    int chosen = -1;
    double best = -std::numeric_limits<double>::infinity();
    double best_slack = -std::numeric_limits<double>::infinity();
    const int len = c.break_length[b];
    for (int o = c.break_earliest[b]; o <= c.break_latest[b]; ++o) {
        bool clash = false;
        for (std::size_t j = 0; j < c.break_length.size() && !clash; ++j) {
            if (j == b || (!all_others && j > b)) {
                continue;
            }
            clash = o < br[j] + c.break_length[j] && br[j] < o + len;
        }
        if (clash) {
            continue;
        }
        const double v = break_value(d, s, o, len);
        // Ties (common when over-coverage is free) go to the most over-covered place, which
        // keeps slack where later moves need it: measured 1-2% better on the references.
        double slack = 0;
        for (int q = 0; q < len; ++q) {
            const int t = m_.at(d, s, o + q);
            slack += t >= 0 ? cov_[to_index(t)] - m_.required[to_index(t)] : 0.0;
        }
        if (v > best + 1e-12 || (v >= best - 1e-12 && slack > best_slack)) {
            best = v;
            best_slack = slack;
            chosen = o;
        }
    }
    return chosen;
}

/// Greedy break placement on one day (the shift-day must not be applied).
void break_placement::place_breaks(search_tour& x, int d) const {
    const compiled_template& c = m_.templates[to_index(x.k)];
    int* br = x.brk.data() + to_index(d) * to_index(m_.max_breaks);
    for (std::size_t b = 0; b < c.break_length.size(); ++b) {
        const int o = best_offset(c, d, x.start[to_index(d)], br, b, false);
        if (o < 0) {
            std::copy(c.canonical_breaks.begin(), c.canonical_breaks.end(), br);
            return;
        }
        br[b] = o;
    }
}

/// Coverage delta of adding one shift-day with greedy breaks (nothing applied).
double break_placement::day_gain(const compiled_template& c, int d, int s, int* br) const {
    double v = 0;
    for (int o = 0; o < c.length; ++o) {
        const int t = m_.at(d, s, o);
        if (t >= 0) {
            v += m_.step_up(cov_[to_index(t)], t);
        }
    }
    for (std::size_t b = 0; b < c.break_length.size(); ++b) {
        const int o = best_offset(c, d, s, br, b, false);
        if (o < 0) {
            std::copy(c.canonical_breaks.begin(), c.canonical_breaks.end(), br);
            double back = 0;
            for (std::size_t j = 0; j < c.break_length.size(); ++j) {
                back += break_value(d, s, br[j], c.break_length[j]);
            }
            return v - back;
        }
        br[b] = o;
        v -= break_value(d, s, o, c.break_length[b]);
    }
    return v;
}

/// Moves the breaks of a few other shifts on the changed tour's days to their best place
/// given the new coverage (logged for undo); returns the objective change.
double break_placement::repair(int i, const search_tour& changed, int tries_max) {
    repair_log_.clear();
    if (n_ == 0) {
        return 0;
    }
    const std::size_t MB = to_index(m_.max_breaks);
    const auto& days = m_.pattern_days[to_index(changed.p)];
    const compiled_template& cc = m_.templates[to_index(changed.k)];
    double delta = 0;
    const bool all = tries_max >= 1000;
    const int count = all ? n_ : tries_max;
    for (int tries = 0; tries < count; ++tries) {
        const int j = all ? tries : pick(to_index(n_));
        search_tour& y = tours_[to_index(j)];
        const compiled_template& c = m_.templates[to_index(y.k)];
        if (j == i || c.break_length.empty()) {
            continue;
        }
        // all: every changed day; sampled: one changed day per try
        const std::size_t first = all ? 0 : to_index(pick(days.size()));
        const std::size_t last = all ? days.size() : first + 1;
        for (std::size_t di = first; di < last; ++di) {
            const int d = days[di];
            if (!works(y, d)) {
                continue;
            }
            const int s = y.start[to_index(d)];
            const int cs = changed.start[to_index(d)];
            if (s + c.length <= cs || cs + cc.length <= s) {
                continue;
            }
            int* br = y.brk.data() + to_index(d) * MB;
            repair_log_.push_back(j);
            repair_log_.push_back(d);
            repair_log_.insert(repair_log_.end(), br, br + MB);
            delta += apply_day(y, d, -1);
            for (std::size_t b = 0; b < c.break_length.size(); ++b) {
                const int o = best_offset(c, d, s, br, b, true);
                if (o >= 0) {
                    br[b] = o;
                }
            }
            delta += apply_day(y, d, +1);
        }
    }
    cover_ += delta;
    return delta;
}

void break_placement::undo_repair() {
    const std::size_t MB = to_index(m_.max_breaks);
    const std::size_t stride = 2 + MB;
    for (std::size_t e = repair_log_.size(); e >= stride; e -= stride) {
        const std::size_t at = e - stride;
        search_tour& y = tours_[to_index(repair_log_[at])];
        const int d = repair_log_[at + 1];
        cover_ += apply_day(y, d, -1);
        std::copy(repair_log_.begin() + static_cast<long>(at + 2),
                  repair_log_.begin() + static_cast<long>(e),
                  y.brk.begin() + static_cast<long>(to_index(d) * MB));
        cover_ += apply_day(y, d, +1);
    }
    repair_log_.clear();
}

void break_placement::replace_breaks(search_tour& y) {
    if (m_.max_breaks > 0 && below(2) == 0) {
        for (const int d : m_.pattern_days[to_index(y.p)]) {
            place_breaks(y, d);
        }
    }
}

} // namespace wfm::schedule::detail
