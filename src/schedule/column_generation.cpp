// Column generation (Gilmore & Gomory 1961; for tour scheduling e.g. Mehrotra, Murphy & Trick
// 2000). See lp.cpp for the master, the pricing and the bound.
#include "column_generation.hpp"

#include <wfm/schedule/detail/index.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <climits>

#include <chrono>
#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <tuple>
#include <utility>

namespace wfm::schedule::detail {
namespace {

/// Every non-overlapping placement of a template's breaks inside their windows, flattened
/// (placement i is offsets [i·nb, (i+1)·nb)); empty and `over` when there are more than `cap`
/// placements or more than `offsets` offsets (decremented by those stored), or when the search
/// visits more than `nodes` partial placements (decremented).
std::vector<int> placements(const compiled_template& c, std::size_t cap, long& offsets, long& nodes,
                            bool& over) {
    const std::size_t nb = c.break_length.size();
    std::vector<int> out;
    std::vector<int> cur(nb, 0);
    over = false;
    // depth-first over breaks in template order
    auto rec = [&](auto&& self, std::size_t b) -> void {
        if (over) {
            return;
        }
        if (--nodes < 0) {
            over = true;
            return;
        }
        if (b == nb) {
            offsets -= static_cast<long>(nb);
            if (out.size() / std::max<std::size_t>(nb, 1) >= cap || offsets < 0) {
                over = true;
                return;
            }
            out.insert(out.end(), cur.begin(), cur.end());
            return;
        }
        for (int o = c.break_earliest[b]; o <= c.break_latest[b]; ++o) {
            bool clash = false;
            for (std::size_t j = 0; j < b && !clash; ++j) {
                clash = o < cur[j] + c.break_length[j] && cur[j] < o + c.break_length[b];
            }
            if (!clash) {
                cur[b] = o;
                self(self, b + 1);
            }
        }
    };
    rec(rec, 0);
    if (over) {
        out.clear();
    }
    return out;
}

/// A light candidate's order: reduced cost, then scan order (template, reference start,
/// pattern), so that ties keep the order in which the pricing met them.
struct light_order {
    template <class P> bool operator()(const P& a, const P& b) const {
        return std::tie(a.rc, a.k, a.ri, a.pi) < std::tie(b.rc, b.k, b.ri, b.pi);
    }
};

/// Keeps the `limit` first of `v` in light_order (unsorted).
template <class P> void keep_best(std::vector<P>& v, std::size_t limit) {
    if (v.size() > limit) {
        std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(limit), v.end(),
                         light_order{});
        v.resize(limit);
    }
}

/// Intervals some shift of some template can cover.
std::vector<char> coverable_intervals(const model& m) {
    std::vector<char> coverable(to_index(m.intervals), 0);
    for (const auto& c : m.templates) {
        std::vector<char> day_ok(to_index(m.days), 0);
        for (const int pat : c.patterns) {
            for (const int d : m.pattern_days[to_index(pat)]) {
                day_ok[to_index(d)] = 1;
            }
        }
        for (int d = 0; d < m.days; ++d) {
            for (const int s : day_ok[to_index(d)] != 0 ? c.starts : std::vector<int>{}) {
                for (int o = 0; o < c.length; ++o) {
                    const int t = m.at(d, s, o);
                    if (t >= 0) {
                        coverable[to_index(t)] = 1;
                    }
                }
            }
        }
    }
    return coverable;
}

} // namespace

std::vector<int> covered_intervals(const model& m, const tour& t) {
    const compiled_template& c = m.templates[to_index(t.template_index)];
    std::vector<int> out;
    for (int d = 0; d < m.days; ++d) {
        const int s = t.starts[to_index(d)];
        if (s < 0) {
            continue;
        }
        const auto& br = t.break_offsets[to_index(d)];
        for (int o = 0; o < c.length; ++o) {
            bool on_break = false;
            for (std::size_t b = 0; b < br.size(); ++b) {
                on_break = on_break || (o >= br[b] && o < br[b] + c.break_length[b]);
            }
            const int tt = m.at(d, s, o);
            if (!on_break && tt >= 0) {
                out.push_back(tt);
            }
        }
    }
    return out;
}

column_generation::column_generation(const model& m, std::vector<side_row> side,
                                     const lp_options& options, clock_type::time_point deadline)
    : m_(m), side_(std::move(side)) {
    const std::size_t T = to_index(m.intervals);
    const std::vector<char> coverable = coverable_intervals(m);
    row_of_.assign(T, -1);
    std::vector<double> rhs;
    for (std::size_t t = 0; t < T; ++t) {
        const double r = m.required[t];
        empty_ += m.w_under * r;
        if (coverable[t] == 0) {
            constant_ += m.w_under * r;
        } else if (r > 0 || m.w_over > 0) {
            row_of_[t] = static_cast<int>(rhs.size());
            rhs.push_back(r);
        }
    }
    if (rhs.size() > to_index(std::max(options.max_rows, 0))) {
        refused_ = fmt::format("no LP bound: {} coverage rows, above the LP's limit of {}",
                               rhs.size(), options.max_rows);
        return;
    }
    rhs_ = std::move(rhs);
    std::vector<double> all = rhs_;
    integer_ = options.integer_coverage;
    for (std::size_t i = 0; i < rhs_.size() && integer_; ++i) {
        hull_constant_ += m.w_under * (all[i] - std::floor(all[i]));
        all[i] = std::floor(all[i]); // c = ⌊r⌋ − s + h + e, 0 ≤ h ≤ 1 on fractional rows
    }
    for (const side_row& r : side_) {
        all.push_back(r.rhs);
    }
    lp_.emplace(std::move(all));
    slack_columns();
    enumerate_placements(options, deadline);
    if (refused_.empty() && cheapest_ > 0 && std::isfinite(cheapest_)) {
        // the branching rows' cap: Σ x of an optimal schedule is at most max_tours()
        const double cap = std::ceil(max_tours());
        for (std::size_t i = 0; i < side_.size(); ++i) {
            if (side_[i].elastic_upper && side_[i].rhs > cap) {
                side_[i].rhs = cap;
                lp_->set_rhs(rhs_.size() + i, cap);
            }
        }
    }
}

void column_generation::enumerate_placements(const lp_options& options,
                                             clock_type::time_point deadline) {
    cheapest_ = std::numeric_limits<double>::infinity();
    const auto cap = to_index(std::max(options.max_break_placements, 0));
    long offsets = options.max_break_offsets;
    // partial placements visited: a few per placement kept, so dead ends cannot run unbounded
    long nodes = 16 * (options.max_break_offsets + static_cast<long>(m_.templates.size()));
    work_clock clock(deadline);
    for (const auto& c : m_.templates) {
        bool over = false;
        placements_.push_back(placements(c, cap, offsets, nodes, over));
        if (over) {
            refused_ = fmt::format("no LP bound: the break placements exceed the LP's limits "
                                   "({} per template, {} break offsets in all)",
                                   options.max_break_placements, options.max_break_offsets);
            return;
        }
        if (clock.expired(placements_.back().size() + c.patterns.size() + 16)) {
            refused_ = "no LP bound: the time limit cut the LP short, while enumerating break "
                       "placements";
            refused_by_clock_ = true;
            return;
        }
        for (const int pat : c.patterns) {
            cheapest_ = std::min(
                cheapest_, c.cost * static_cast<double>(m_.pattern_days[to_index(pat)].size()));
        }
    }
}

bool column_generation::day_values(std::size_t k, const std::vector<double>& w,
                                   std::vector<double>& val, std::vector<std::size_t>& arg,
                                   work_clock& clock) const {
    const auto at_w = [&](int t) { return t >= 0 ? w[to_index(t)] : 0.0; };
    const compiled_template& c = m_.templates[k];
    const std::size_t D = to_index(m_.days);
    const std::size_t ns = c.starts.size();
    const std::size_t nb = c.break_length.size();
    const std::vector<int>& pl = placements_[k];
    const std::size_t np = nb == 0 ? 1 : pl.size() / nb;
    val.assign(D * ns, 0.0);
    arg.assign(D * ns, 0);
    std::vector<double> bw;
    for (std::size_t d = 0; d < D; ++d) {
        for (std::size_t si = 0; si < ns; ++si) {
            if (clock.expired(to_index(c.length) * (nb + 1) + np * nb)) {
                return false;
            }
            const int day = static_cast<int>(d);
            const int s = c.starts[si];
            double v = 0;
            for (int o = 0; o < c.length; ++o) {
                v += at_w(m_.at(day, s, o));
            }
            double lo = 0;
            std::size_t li = 0;
            if (nb > 0) {
                // Σ y over break b starting at offset o, for every offset of the shift
                bw.assign(nb * to_index(c.length), 0.0);
                for (std::size_t b = 0; b < nb; ++b) {
                    for (int o = c.break_earliest[b]; o <= c.break_latest[b]; ++o) {
                        double x = 0;
                        for (int i = 0; i < c.break_length[b]; ++i) {
                            x += at_w(m_.at(day, s, o + i));
                        }
                        bw[b * to_index(c.length) + to_index(o)] = x;
                    }
                }
                lo = std::numeric_limits<double>::infinity();
                for (std::size_t i = 0; i < np; ++i) {
                    double x = 0;
                    for (std::size_t b = 0; b < nb; ++b) {
                        x += bw[b * to_index(c.length) + to_index(pl[i * nb + b])];
                    }
                    if (x < lo) {
                        lo = x;
                        li = i;
                    }
                }
            }
            val[d * ns + si] = v - lo;
            arg[d * ns + si] = li;
        }
    }
    return true;
}

void column_generation::best_starts(std::size_t k, std::size_t ri, const std::vector<double>& val,
                                    std::vector<std::size_t>& pick) const {
    const compiled_template& c = m_.templates[k];
    const std::size_t D = to_index(m_.days);
    const std::size_t ns = c.starts.size();
    pick.assign(D, ri);
    for (std::size_t d = 0; d < D; ++d) {
        for (std::size_t si = 0; si < ns; ++si) {
            if (std::abs(c.starts[si] - c.starts[ri]) <= m_.band &&
                val[d * ns + si] > val[d * ns + pick[d]]) {
                pick[d] = si;
            }
        }
    }
}

struct column_generation::priced {
    double rc = 0;
    std::size_t k = 0;  ///< template
    std::size_t ri = 0; ///< reference start (index into the template's starts)
    std::size_t pi = 0; ///< pattern (index into the template's patterns)
};

pricing column_generation::price(const Eigen::VectorXd& y, double tol, std::size_t limit,
                                 clock_type::time_point deadline) const {
    const std::size_t T = to_index(m_.intervals);
    std::vector<double> w(T, 0.0);
    for (std::size_t t = 0; t < T; ++t) {
        w[t] = row_of_[t] >= 0 ? y(row_of_[t]) : 0.0;
    }
    pricing out;
    out.min_rc = std::numeric_limits<double>::infinity();
    std::vector<priced> kept; // at most 2·limit + 64: pruned to the limit best when full
    std::vector<double> val;
    std::vector<std::size_t> arg;
    std::vector<std::size_t> pick;
    std::vector<double> du;
    std::vector<double> dk;
    side_duals(y, du, dk);
    work_clock clock(deadline);
    for (std::size_t k = 0; k < m_.templates.size() && out.complete; ++k) {
        const compiled_template& c = m_.templates[k];
        if (c.patterns.empty()) {
            continue;
        }
        if (!day_values(k, w, val, arg, clock)) {
            out.complete = false;
            break;
        }
        const std::size_t ns = c.starts.size();
        for (std::size_t ri = 0; ri < ns; ++ri) {
            best_starts(k, ri, val, pick);
            for (std::size_t pi = 0; pi < c.patterns.size(); ++pi) {
                const auto& days = m_.pattern_days[to_index(c.patterns[pi])];
                double rc = c.cost * static_cast<double>(days.size()) - dk[k];
                for (const int d : days) {
                    rc -= val[to_index(d) * ns + pick[to_index(d)]] + du[to_index(d)];
                }
                out.min_rc = std::min(out.min_rc, rc);
                if (rc < -tol && limit > 0) {
                    kept.push_back({rc, k, ri, pi});
                    if (kept.size() >= 2 * limit + 64) {
                        keep_best(kept, limit);
                    }
                }
            }
            if (clock.expired(c.patterns.size() * to_index(m_.days))) {
                out.complete = false;
                break;
            }
        }
    }
    keep_best(kept, limit);
    std::sort(kept.begin(), kept.end(), light_order{});
    out.best = tours_of(kept, w);
    return out;
}

std::vector<candidate> column_generation::tours_of(const std::vector<priced>& kept,
                                                   const std::vector<double>& w) const {
    const std::size_t D = to_index(m_.days);
    std::vector<std::size_t> order(kept.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return kept[a].k < kept[b].k; });
    std::vector<candidate> out(kept.size());
    std::vector<double> val;
    std::vector<std::size_t> arg;
    std::vector<std::size_t> pick;
    work_clock never(clock_type::time_point::max());
    for (std::size_t i = 0; i < order.size(); ++i) {
        const priced& r = kept[order[i]];
        const compiled_template& c = m_.templates[r.k];
        if (i == 0 || kept[order[i - 1]].k != r.k) {
            (void)day_values(r.k, w, val, arg, never);
        }
        best_starts(r.k, r.ri, val, pick);
        const std::size_t ns = c.starts.size();
        const std::size_t nb = c.break_length.size();
        const std::vector<int>& pl = placements_[r.k];
        candidate& cand = out[order[i]];
        cand.rc = r.rc;
        tour& t = cand.t;
        t.template_index = static_cast<int>(r.k);
        t.pattern_index = c.patterns[r.pi];
        t.reference_start = c.starts[r.ri];
        t.starts.assign(D, -1);
        t.break_offsets.assign(D, {});
        for (const int d : m_.pattern_days[to_index(t.pattern_index)]) {
            const std::size_t si = pick[to_index(d)];
            t.starts[to_index(d)] = c.starts[si];
            const std::size_t li = arg[to_index(d) * ns + si];
            for (std::size_t b = 0; b < nb; ++b) {
                t.break_offsets[to_index(d)].push_back(pl[li * nb + b]);
            }
        }
    }
    return out;
}

sparse_column column_generation::column_of(const tour& t) const {
    const compiled_template& c = m_.templates[to_index(t.template_index)];
    std::vector<int> rows;
    for (const int tt : covered_intervals(m_, t)) {
        if (row_of_[to_index(tt)] >= 0) {
            rows.push_back(row_of_[to_index(tt)]);
        }
    }
    std::sort(rows.begin(), rows.end());
    sparse_column col;
    col.cost = c.cost * static_cast<double>(m_.pattern_days[to_index(t.pattern_index)].size());
    for (const int r : rows) {
        if (!col.rows.empty() && col.rows.back() == r) {
            col.values.back() += 1.0;
        } else {
            col.rows.push_back(r);
            col.values.push_back(1.0);
        }
    }
    const auto& days = m_.pattern_days[to_index(t.pattern_index)];
    for (std::size_t i = 0; i < side_.size(); ++i) {
        const double g = side_coefficient(i, to_index(t.template_index), days);
        if (g != 0.0) {
            col.rows.push_back(static_cast<int>(rhs_.size() + i));
            col.values.push_back(g);
        }
    }
    return col;
}

bool column_generation::iterate(const lp_options& options, clock_type::time_point soft,
                                clock_type::time_point hard, lp_result& out,
                                std::optional<clock_type::duration>& pass) {
    const std::size_t limit = std::max<std::size_t>(50, rhs_.size() / 4);
    constexpr int refactor_pivots = 1000;
    bool clean_pricing = true; // false: refactorise before the next pricing
    long budget = options.max_pivots;
    for (int round = 0; round < options.max_rounds; ++round) {
        const auto status = lp_->optimise(budget, soft);
        // a refactorisation that would run past the hard deadline is skipped: the updated
        // duals still give a valid Farley bound. Between rounds B⁻¹ is refactorised only after
        // refactor_pivots pivots (an O(m³) LU per round was a fifth of the sample's LP time),
        // and always before the pricing that may end the rounds.
        const bool fits = lp_->refactor_fits(hard);
        out.clock_cut = out.clock_cut || !fits;
        if (status == simplex::outcome::failed || status == simplex::outcome::unbounded) {
            return false;
        }
        const bool due = lp_->since_refactor() >= refactor_pivots || !clean_pricing;
        if (fits && due && lp_->since_refactor() > 0 && !lp_->refactor()) {
            return false;
        }
        clean_pricing = true;
        out.rounds = round + 1;
        out.pivots = options.max_pivots - budget;
        if (status == simplex::outcome::pivot_limit) {
            out.clock_cut = out.clock_cut || budget > 0; // not the budget: the clock
            return true; // the duals of a feasible basis still give a valid Farley bound
        }
        purge();
        const auto t0 = clock_type::now();
        const pricing next = price(lp_->y(), 1e-7, limit, soft);
        if (next.complete) {
            pass = clock_type::now() - t0;
        }
        if (next.complete && next.best.empty() && lp_->since_refactor() > 0 && fits) {
            clean_pricing = false; // confirm with the duals of a fresh B⁻¹
            continue;
        }
        if (next.complete && next.best.empty()) {
            out.converged = true;
            return true;
        }
        if (!next.complete || clock_type::now() > soft) {
            out.clock_cut = true;
            return true;
        }
        for (const candidate& cand : next.best) {
            lp_->add(column_of(cand.t));
            tours_.push_back(cand.t);
        }
    }
    return true;
}

void column_generation::purge() {
    const std::size_t m = rhs_.size() + side_.size();
    if (tours_.size() <= 2 * m) {
        return;
    }
    std::vector<std::pair<double, std::size_t>> nonbasic; // (−reduced cost, tour)
    for (std::size_t j = 0; j < tours_.size(); ++j) {
        if (!lp_->basic(first_ + j)) {
            nonbasic.emplace_back(-lp_->reduced(first_ + j), j);
        }
    }
    const std::size_t basic = tours_.size() - nonbasic.size();
    if (basic >= m) {
        return;
    }
    const std::size_t excess = std::min(nonbasic.size(), tours_.size() - m);
    std::partial_sort(nonbasic.begin(), nonbasic.begin() + static_cast<std::ptrdiff_t>(excess),
                      nonbasic.end());
    std::vector<char> drop(lp_->columns(), 0);
    for (std::size_t i = 0; i < excess; ++i) {
        drop[first_ + nonbasic[i].second] = 1;
    }
    lp_->remove(drop);
    std::size_t n = 0;
    for (std::size_t j = 0; j < tours_.size(); ++j) {
        if (drop[first_ + j] == 0) {
            if (n != j) {
                tours_[n] = std::move(tours_[j]);
            }
            ++n;
        }
    }
    tours_.resize(n);
}

lp_result column_generation::run(const lp_options& options, clock_type::time_point soft,
                                 clock_type::time_point hard) {
    lp_result out;
    if (!refused_.empty()) {
        out.note = refused_;
        out.clock_cut = refused_by_clock_;
        return out;
    }
    if (!(cheapest_ > 0) || !std::isfinite(cheapest_)) {
        out.note = "no LP bound: tours must have a positive cost";
        return out;
    }
    std::optional<clock_type::duration> pass; // of the last complete pricing
    if (!iterate(options, soft, hard, out, pass)) {
        out.note = "no LP bound: the simplex did not converge";
        return out;
    }
    // the final pricing is a full pass: started only when the last one would fit (or, with
    // none measured, while the rounds' time lasts), and stopped at the hard deadline
    const auto now = clock_type::now();
    if (pass ? now + *pass < hard : now < soft) {
        finish(out, hard);
    } else {
        columns(out);
        out.clock_cut = true;
        out.note = "no LP bound: the time limit cut the LP short, before the final pricing "
                   "for Farley's bound";
    }
    return out;
}

void column_generation::columns(lp_result& out) const {
    out.value = constant_ + hull_constant_ + lp_->value();
    for (std::size_t j = 0; j < tours_.size(); ++j) {
        const double x = lp_->x(first_ + j);
        if (x > 1e-9) {
            out.columns.push_back(tours_[j]);
            out.x.push_back(x);
        }
    }
}

void column_generation::finish(lp_result& out, clock_type::time_point deadline) const {
    columns(out);
    // duals clamped into the box of the slack columns' reduced costs: −over ≤ y ≤ under on
    // coverage rows, u ≤ 0 on ≤ rows, 0 ≤ u ≤ the elastic price on ≥ rows
    Eigen::VectorXd y = lp_->y();
    const std::size_t rows = rhs_.size();
    for (std::size_t i = 0; i < rows; ++i) {
        y(ei(i)) = std::clamp(y(ei(i)), -m_.w_over, m_.w_under);
    }
    for (std::size_t i = 0; i < side_.size(); ++i) {
        const double u = y(ei(rows + i));
        y(ei(rows + i)) = side_[i].at_least        ? std::clamp(u, 0.0, elastic_)
                          : side_[i].elastic_upper ? std::clamp(u, -elastic_, 0.0)
                                                   : std::min(u, 0.0);
    }
    const pricing farley = price(y, 0.0, 0, deadline);
    if (!farley.complete) {
        out.clock_cut = true;
        out.note = "no LP bound: the time limit cut the LP short, in the final pricing for "
                   "Farley's bound";
        return;
    }
    farley_terms f{constant_, farley.min_rc, cheapest_, max_tours()};
    for (std::size_t i = 0; i < rows; ++i) {
        f.base += integer_ ? integer_coverage_term(m_, rhs_[i], y(ei(i))) : rhs_[i] * y(ei(i));
    }
    for (std::size_t i = 0; i < side_.size(); ++i) {
        f.base += side_[i].rhs * y(ei(rows + i));
    }
    out.farley = f;
    out.duals.assign(y.data(), y.data() + y.size());
    out.lower_bound = f.base + std::min(0.0, f.min_rc) * f.n_max;
    out.note = out.converged
                   ? "LP relaxation (column generation with the side limits)"
                   : "partial LP relaxation (column generation stopped early, Farley bound)";
    if (integer_) {
        out.note += ", coverage cost convexified over integers";
    }
}

} // namespace wfm::schedule::detail
