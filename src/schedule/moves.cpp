// The annealing moves (see moves.hpp).
#include "moves.hpp"

#include <algorithm>
#include <cstdlib>
#include <iterator>

namespace wfm::schedule::detail {

search_moves::search_moves(const model& m, const problem& p, std::uint64_t seed)
    : break_placement(m, p, seed) {
    fresh(scratch_old_);
    fresh(scratch_new_);
    {
        // per mille: add, drop, start, pattern, day off, swap, template, day start, break,
        // exchange days
        std::vector<int> w = {80, 80, 260, 40, 40, 40, 50, 50, 360, 150};
        if (m.band == 0) {
            w[7] = 0;
        }
        if (m.max_breaks == 0) {
            w[8] = 0;
        }
        int acc = 0;
        for (const int x : w) {
            acc += x;
            cumulative_.push_back(acc);
        }
    }
    for (std::size_t a = 0; a < m.pattern_days.size(); ++a) {
        std::uint32_t mask = 0;
        for (const int d : m.pattern_days[a]) {
            mask |= 1U << static_cast<unsigned>(d);
        }
        pattern_mask_.push_back(mask);
        by_mask_.emplace_back(mask, static_cast<int>(a));
    }
    std::sort(by_mask_.begin(), by_mask_.end());
    // Patterns with the same number of working days sharing all but one, ascending, one list
    // per distinct mask (duplicated patterns share it): O(patterns × days²), not patterns².
    group_of_.assign(m.pattern_days.size(), 0);
    for (std::size_t i = 0; i < by_mask_.size(); ++i) {
        if (i == 0 || by_mask_[i].first != by_mask_[i - 1].first) {
            neighbours_.push_back(one_day_moved(by_mask_[i].first));
        }
        group_of_[to_index(by_mask_[i].second)] = static_cast<int>(neighbours_.size()) - 1;
    }
}

std::vector<int> search_moves::one_day_moved(std::uint32_t mask) const {
    std::vector<int> out;
    for (int d = 0; d < m_.days; ++d) {
        const std::uint32_t bd = 1U << static_cast<unsigned>(d);
        for (int e = 0; e < m_.days && (mask & bd) != 0; ++e) {
            const std::uint32_t be = 1U << static_cast<unsigned>(e);
            if ((mask & be) != 0) {
                continue;
            }
            const std::uint32_t moved = mask ^ bd ^ be;
            auto it = std::lower_bound(by_mask_.begin(), by_mask_.end(),
                                       std::pair<std::uint32_t, int>{moved, -1});
            for (; it != by_mask_.end() && it->first == moved; ++it) {
                out.push_back(it->second);
            }
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

void search_moves::step(double temp) {
    if (n_ == 0) {
        move_add(temp);
        return;
    }
    const std::uint64_t r = below(to_index(cumulative_.back()));
    std::size_t which = 0;
    while (r >= static_cast<std::uint64_t>(cumulative_[which])) {
        ++which;
    }
    switch (which) {
    case 0:
        move_add(temp);
        break;
    case 1:
        move_drop(temp);
        break;
    case 2:
        move_start(temp);
        break;
    case 3:
        move_pattern(temp);
        break;
    case 4:
        move_day_off(temp);
        break;
    case 5:
        move_swap(temp);
        break;
    case 6:
        move_template(temp);
        break;
    case 7:
        move_day_start(temp);
        break;
    case 8:
        move_break(temp);
        break;
    default:
        move_exchange(temp);
        break;
    }
}

void search_moves::move_add(double temp) {
    if (usable_.empty()) {
        return;
    }
    const double v0 = violation();
    const int k = usable_[to_index(pick(usable_.size()))];
    const compiled_template& c = m_.templates[to_index(k)];
    const int p = c.patterns[to_index(pick(c.patterns.size()))];
    search_tour& x = slot();
    set_tour(x, k, pick(c.starts.size()), p);
    for (const int d : m_.pattern_days[to_index(p)]) {
        place_breaks(x, d);
    }
    const double delta = apply_tour(x, +1) + penalty_ * (violation() - v0);
    if (accept(delta, temp)) {
        leaving_best_before_add(delta);
    } else {
        apply_tour(x, -1);
    }
}

void search_moves::move_drop(double temp) {
    const double v0 = violation();
    const int i = pick_free();
    search_tour& x = tours_[to_index(i)];
    double delta = apply_tour(x, -1) + penalty_ * (violation() - v0);
    const bool repairing = drop_repair_ > 0 && m_.max_breaks > 0;
    if (repairing) {
        if (at_best_) {
            save_best(n_ + 1);
            at_best_ = false;
        }
        delta += repair(i, x, drop_repair_);
    }
    if (accept(delta, temp)) {
        if (!repairing) {
            leaving_best_before_drop(delta);
        }
        std::swap(tours_[to_index(i)], tours_[to_index(n_)]);
    } else {
        if (repairing) {
            undo_repair();
        }
        apply_tour(x, +1);
    }
}

/// Replaces tour i by scratch_new_ built by `build` after tour i is removed.
template <class Build> void search_moves::replace(int i, double temp, Build build) {
    const double v0 = violation();
    search_tour& x = tours_[to_index(i)];
    double delta = apply_tour(x, -1);
    scratch_new_ = x;
    if (!build(scratch_new_)) {
        apply_tour(x, +1);
        return;
    }
    // evaluated without applying: most proposals are rejected, and then only x returns
    const search_tour& y = scratch_new_;
    count(y.k, y.p, +1);
    const double v1 = violation();
    count(y.k, y.p, -1);
    delta += tour_gain(y) + penalty_ * (v1 - v0);
    if (accept(delta, temp)) {
        apply_tour(scratch_new_, +1);
        leaving_best(delta);
        std::swap(x, scratch_new_);
    } else {
        apply_tour(x, +1);
    }
}

void search_moves::move_start(double temp) {
    const int i = pick_free();
    replace(i, temp, [&](search_tour& y) {
        const compiled_template& c = m_.templates[to_index(y.k)];
        const int ns = static_cast<int>(c.starts.size());
        int si = y.si;
        if (below(8) == 0) {
            si = pick(to_index(ns));
        } else {
            const int step = 1 + pick(3);
            si += below(2) == 0 ? step : -step;
        }
        if (si < 0 || si >= ns || si == y.si) {
            return false;
        }
        set_tour(y, y.k, si, y.p);
        replace_breaks(y);
        return true;
    });
}

void search_moves::move_pattern(double temp) {
    const int i = pick_free();
    replace(i, temp, [&](search_tour& y) {
        const compiled_template& c = m_.templates[to_index(y.k)];
        const int p = c.patterns[to_index(pick(c.patterns.size()))];
        if (p == y.p) {
            return false;
        }
        y.p = p;
        std::fill(y.start.begin(), y.start.end(), c.starts[to_index(y.si)]);
        for (const int d : m_.pattern_days[to_index(p)]) {
            place_breaks(y, d);
        }
        return true;
    });
}

/// Moves one working day of a tour to one of its days off (a neighbouring pattern).
void search_moves::move_day_off(double temp) {
    const int i = pick_free();
    replace(i, temp, [&](search_tour& y) {
        const auto& near = neighbours_[to_index(group_of_[to_index(y.p)])];
        if (near.empty()) {
            return false;
        }
        const int p = near[to_index(pick(near.size()))];
        if (!template_allows(y.k, p)) {
            return false;
        }
        const auto& old_days = m_.pattern_days[to_index(y.p)];
        y.p = p;
        for (const int d : m_.pattern_days[to_index(p)]) {
            if (std::find(old_days.begin(), old_days.end(), d) == old_days.end()) {
                y.start[to_index(d)] = m_.templates[to_index(y.k)].starts[to_index(y.si)];
                place_breaks(y, d);
            }
        }
        return rest_ok(y, m_.templates[to_index(y.k)]);
    });
}

/// Two tours exchange their days-off patterns.
void search_moves::move_swap(double temp) {
    if (n_ < 2) {
        return;
    }
    const int i = pick_free();
    const int j = pick_free();
    search_tour& a = tours_[to_index(i)];
    search_tour& b = tours_[to_index(j)];
    if (i == j || a.p == b.p || !template_allows(a.k, b.p) || !template_allows(b.k, a.p)) {
        return;
    }
    const double v0 = violation();
    double delta = apply_tour(a, -1) + apply_tour(b, -1);
    scratch_old_ = a;
    scratch_new_ = b;
    scratch_old_.p = b.p;
    scratch_new_.p = a.p;
    std::fill(scratch_old_.start.begin(), scratch_old_.start.end(),
              m_.templates[to_index(a.k)].starts[to_index(a.si)]);
    std::fill(scratch_new_.start.begin(), scratch_new_.start.end(),
              m_.templates[to_index(b.k)].starts[to_index(b.si)]);
    for (const int d : m_.pattern_days[to_index(scratch_old_.p)]) {
        place_breaks(scratch_old_, d);
    }
    delta += apply_tour(scratch_old_, +1);
    for (const int d : m_.pattern_days[to_index(scratch_new_.p)]) {
        place_breaks(scratch_new_, d);
    }
    delta += apply_tour(scratch_new_, +1) + penalty_ * (violation() - v0);
    if (accept(delta, temp)) {
        leaving_best(delta);
        std::swap(a, scratch_old_);
        std::swap(b, scratch_new_);
    } else {
        apply_tour(scratch_old_, -1);
        apply_tour(scratch_new_, -1);
        apply_tour(a, +1);
        apply_tour(b, +1);
    }
}

void search_moves::move_template(double temp) {
    if (usable_.size() < 2) {
        return;
    }
    const int i = pick_free();
    replace(i, temp, [&](search_tour& y) {
        const int k = usable_[to_index(pick(usable_.size()))];
        if (k == y.k) {
            return false;
        }
        const compiled_template& c = m_.templates[to_index(k)];
        const int old_start = m_.templates[to_index(y.k)].starts[to_index(y.si)];
        const int shift = pick(5) - 2;
        auto it = std::lower_bound(c.starts.begin(), c.starts.end(), old_start);
        int si = static_cast<int>(it - c.starts.begin()) + shift;
        si = std::clamp(si, 0, static_cast<int>(c.starts.size()) - 1);
        int p = y.p;
        if (std::find(c.patterns.begin(), c.patterns.end(), p) == c.patterns.end()) {
            p = c.patterns[to_index(pick(c.patterns.size()))];
        }
        set_tour(y, k, si, p);
        for (const int d : m_.pattern_days[to_index(p)]) {
            place_breaks(y, d);
        }
        return true;
    });
}

/// Moves one working day's start within the band around the reference start.
void search_moves::move_day_start(double temp) {
    const int i = pick_free();
    replace(i, temp, [&](search_tour& y) {
        const compiled_template& c = m_.templates[to_index(y.k)];
        const auto& days = m_.pattern_days[to_index(y.p)];
        const int d = days[to_index(pick(days.size()))];
        const int ref = c.starts[to_index(y.si)];
        const int s = c.starts[to_index(pick(c.starts.size()))];
        if (s == y.start[to_index(d)] || std::abs(s - ref) > m_.band) {
            return false;
        }
        y.start[to_index(d)] = s;
        if (!rest_ok(y, c)) {
            return false;
        }
        place_breaks(y, d);
        return true;
    });
}

/// Pattern index of a working-day mask, −1 when no pattern has it.
int search_moves::pattern_of(std::uint32_t mask) const {
    const auto it =
        std::lower_bound(by_mask_.begin(), by_mask_.end(), std::pair<std::uint32_t, int>{mask, -1});
    return it != by_mask_.end() && it->first == mask ? it->second : -1;
}

/// Two tours exchange one working day each: A works d2 instead of d, B works d instead of
/// d2. Day counts and labour stay; on day d A's shift is replaced by B's and on d2 the other
/// way round. With a partner whose shift differs little from A's this is the fine change of
/// one day's coverage that whole-tour moves cannot make under the weekly same-start rule.
void search_moves::collect_partners(int i, int d, int d2) {
    const search_tour& a = tours_[to_index(i)];
    const std::uint32_t bd = 1U << static_cast<unsigned>(d);
    const std::uint32_t bd2 = 1U << static_cast<unsigned>(d2);
    const int reach = exchange_reach_[to_index(pick(exchange_reach_.size()))];
    const int sa = a.start[to_index(d)];
    const int ea = sa + m_.templates[to_index(a.k)].length;
    candidates_.clear();
    for (int c = fixed_; c < n_; ++c) {
        const search_tour& y = tours_[to_index(c)];
        const std::uint32_t mb = pattern_mask_[to_index(y.p)];
        if (c == i || (mb & bd2) == 0 || (mb & bd) != 0) {
            continue;
        }
        const int sb = y.start[to_index(d2)];
        const int eb = sb + m_.templates[to_index(y.k)].length;
        if (std::abs(sa - sb) + std::abs(ea - eb) <= reach) {
            candidates_.push_back(c);
        }
    }
}

void search_moves::move_exchange(double temp) {
    if (n_ < 2) {
        return;
    }
    const int i = pick_free();
    search_tour& a = tours_[to_index(i)];
    const auto& da = m_.pattern_days[to_index(a.p)];
    if (da.size() == to_index(m_.days)) {
        return;
    }
    const std::uint32_t ma = pattern_mask_[to_index(a.p)];
    const int d = da[to_index(pick(da.size()))];
    int d2 = pick(to_index(m_.days));
    for (int tries = 0; (ma >> static_cast<unsigned>(d2) & 1U) != 0 && tries < 8; ++tries) {
        d2 = pick(to_index(m_.days));
    }
    const std::uint32_t bd = 1U << static_cast<unsigned>(d);
    const std::uint32_t bd2 = 1U << static_cast<unsigned>(d2);
    if ((ma & bd2) != 0) {
        return;
    }
    const int pa = pattern_of(ma ^ bd ^ bd2);
    if (pa < 0 || !template_allows(a.k, pa)) {
        return;
    }
    // Partners working d2 but not d whose shift that day is within `reach` intervals of A's
    // (start and end differences added); the last reach takes any partner.
    collect_partners(i, d, d2);
    int j = -1;
    int pb = -1;
    for (int tries = 0; tries < 4 && j < 0 && !candidates_.empty(); ++tries) {
        const int c = candidates_[to_index(pick(candidates_.size()))];
        pb = pattern_of(pattern_mask_[to_index(tours_[to_index(c)].p)] ^ bd ^ bd2);
        if (pb >= 0 && template_allows(tours_[to_index(c)].k, pb)) {
            j = c;
        }
    }
    if (j < 0) {
        return;
    }
    search_tour& b = tours_[to_index(j)];
    const compiled_template& ca = m_.templates[to_index(a.k)];
    const compiled_template& cb = m_.templates[to_index(b.k)];
    scratch_old_ = a;
    scratch_new_ = b;
    scratch_old_.p = pa;
    scratch_new_.p = pb;
    scratch_old_.start[to_index(d2)] = a.start[to_index(d)];
    scratch_new_.start[to_index(d)] = b.start[to_index(d2)];
    if (!rest_ok(scratch_old_, ca) || !rest_ok(scratch_new_, cb)) {
        return;
    }
    // Day counts, template counts and labour are unchanged: only coverage moves.
    double delta = apply_day(a, d, -1) + apply_day(b, d2, -1);
    place_breaks(scratch_old_, d2);
    delta += apply_day(scratch_old_, d2, +1);
    place_breaks(scratch_new_, d);
    delta += apply_day(scratch_new_, d, +1);
    if (accept(delta, temp)) {
        cover_ += delta;
        leaving_best(delta);
        std::swap(a, scratch_old_);
        std::swap(b, scratch_new_);
    } else {
        apply_day(scratch_old_, d2, -1);
        apply_day(scratch_new_, d, -1);
        apply_day(a, d, +1);
        apply_day(b, d2, +1);
    }
}

void search_moves::move_break(double temp) {
    const int i = pick(to_index(n_));
    search_tour& x = tours_[to_index(i)];
    const compiled_template& c = m_.templates[to_index(x.k)];
    if (c.break_length.empty()) {
        return;
    }
    const auto& days = m_.pattern_days[to_index(x.p)];
    const int d = days[to_index(pick(days.size()))];
    const std::size_t MB = to_index(m_.max_breaks);
    int* br = x.brk.data() + to_index(d) * MB;
    double delta = apply_day(x, d, -1);
    std::copy(br, br + MB, scratch_old_.brk.begin());
    const std::size_t b = below(c.break_length.size());
    if (below(4) == 0) {
        br[b] = c.break_earliest[b] + pick(to_index(c.break_latest[b] - c.break_earliest[b] + 1));
        for (std::size_t j = 0; j < c.break_length.size(); ++j) {
            if (j != b && br[b] < br[j] + c.break_length[j] && br[j] < br[b] + c.break_length[b]) {
                br[b] = scratch_old_.brk[b];
            }
        }
    } else {
        const int o = best_offset(c, d, x.start[to_index(d)], br, b, true);
        if (o >= 0) {
            br[b] = o;
        }
    }
    delta += apply_day(x, d, +1);
    cover_ += delta;
    if (accept(delta, temp)) {
        if (delta > 1e-12 && at_best_) {
            // keep the schedule being left: its breaks are the saved ones
            std::copy(br, br + MB, scratch_new_.brk.begin());
            std::copy(scratch_old_.brk.begin(), scratch_old_.brk.begin() + static_cast<long>(MB),
                      br);
            save_best();
            std::copy(scratch_new_.brk.begin(), scratch_new_.brk.begin() + static_cast<long>(MB),
                      br);
            at_best_ = false;
        }
    } else {
        cover_ -= delta;
        apply_day(x, d, -1);
        std::copy(scratch_old_.brk.begin(), scratch_old_.brk.begin() + static_cast<long>(MB), br);
        apply_day(x, d, +1);
    }
}

} // namespace wfm::schedule::detail
