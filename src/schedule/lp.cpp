// LP relaxation of the shift-scheduling problem by column generation (Gilmore & Gomory 1961;
// for tour scheduling e.g. Mehrotra, Murphy & Trick 2000), and an LP-rounding start.
//
// Master (rows: intervals that some shift can cover and that carry a price):
//   min Σ_j c_j x_j + under Σ_t s_t + over Σ_t e_t   s.t.  Σ_j a_tj x_j + s_t − e_t = r_t,
//   x, s, e ≥ 0,
// columns j are tours: template, reference start, days-off pattern, and per working day a
// start and a break placement. Pricing is exact: for duals y, a tour's reduced cost is its
// cost minus Σ over its working days of (Σ y over the shift − Σ y over its breaks), and each
// day's start (within the band) and break placement (all non-overlapping placements in the
// windows, enumerated once per template) can be chosen on its own. With the start band > 0 the
// rule that a shift may not overlap the next day's one is dropped from pricing, and side limits
// (headcount, per day, part-time share, per template) are dropped from the master; both only
// weaken the bound.
//
// The bound is not the master's value but Farley's (1990) bound from the last duals clamped to
// −over ≤ y ≤ under: Σ_t r_t y_t + N · min(0, min_j d_j), N = (under Σ r) / cheapest tour (an
// optimal relaxed schedule costs at most the empty one), so it is valid whether or not the
// column generation converged, and equals the LP value when it did.
//
// The restricted master is solved by a revised primal simplex with an explicit dense basis
// inverse (product-form updates, refactorised with an LU), Dantzig pricing, and Bland's rule
// after a run of degenerate pivots against cycling.
#include <wfm/schedule/detail/model.hpp>
#include <wfm/schedule/lp.hpp>

#include <Eigen/Dense>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <limits>
#include <memory>
#include <utility>

namespace wfm::schedule {
namespace {

using detail::compiled_template;
using detail::model;
using clock_type = std::chrono::steady_clock;

std::size_t uz(int i) {
    return static_cast<std::size_t>(i);
}
Eigen::Index ei(std::size_t i) {
    return static_cast<Eigen::Index>(i);
}

/// Grid intervals a tour covers (on shift and not on a break), one entry per covered
/// agent-interval, in day order.
std::vector<int> covered_intervals(const model& m, const tour& t) {
    const compiled_template& c = m.templates[uz(t.template_index)];
    std::vector<int> out;
    for (int d = 0; d < m.days; ++d) {
        const int s = t.starts[uz(d)];
        if (s < 0) {
            continue;
        }
        const auto& br = t.break_offsets[uz(d)];
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

struct sparse_column {
    std::vector<int> rows;
    std::vector<double> values;
    double cost = 0;
};

/// Revised primal simplex on min c·x, A x = b, x ≥ 0, b ≥ 0, starting from the slack basis
/// (variables 0..m−1 must be the identity columns).
class simplex {
public:
    enum class outcome { optimal, pivot_limit, failed };

    explicit simplex(std::vector<double> rhs) : m_(rhs.size()), rhs_(ei(m_)) {
        for (std::size_t i = 0; i < m_; ++i) {
            rhs_(ei(i)) = rhs[i];
        }
    }

    std::size_t add(sparse_column c) {
        cols_.push_back(std::move(c));
        in_basis_.push_back(-1);
        return cols_.size() - 1;
    }

    /// Call after the first m identity columns were added.
    void start() {
        basis_.resize(m_);
        for (std::size_t i = 0; i < m_; ++i) {
            basis_[i] = i;
            in_basis_[i] = static_cast<int>(i);
        }
        binv_ = Eigen::MatrixXd::Identity(ei(m_), ei(m_));
        xb_ = rhs_;
        duals();
    }

    outcome optimise(long& pivot_budget, clock_type::time_point deadline) {
        const double tol = 1e-9;
        int degenerate = 0;
        Eigen::VectorXd alpha(ei(m_));
        for (;;) {
            if (since_refactor_ >= 1000 && !refactor()) {
                return outcome::failed;
            }
            // entering: Dantzig, or Bland (first improving index) after degenerate pivots
            const bool bland = degenerate > 50;
            const std::size_t n = cols_.size();
            std::size_t q = n;
            double best = -tol;
            if (bland) {
                for (std::size_t j = 0; j < n && q == n; ++j) {
                    const double d = in_basis_[j] >= 0 ? 0.0 : reduced_cost(j);
                    if (d < best) {
                        best = d;
                        q = j;
                    }
                }
            } else {
                // partial pricing: the best of the first segment (from a rotating cursor)
                // that holds an improving column
                const std::size_t segment = std::max<std::size_t>(256, n / 8);
                std::size_t j = cursor_ % n;
                for (std::size_t scanned = 0; scanned < n && q == n;) {
                    const std::size_t end = std::min(scanned + segment, n);
                    for (; scanned < end; ++scanned, j = j + 1 == n ? 0 : j + 1) {
                        const double d = in_basis_[j] >= 0 ? 0.0 : reduced_cost(j);
                        if (d < best) {
                            best = d;
                            q = j;
                        }
                    }
                }
                cursor_ = j;
            }
            if (q == n) {
                return outcome::optimal;
            }
            if (pivot_budget <= 0 || ((pivot_budget & 63) == 0 && clock_type::now() > deadline)) {
                return outcome::pivot_limit;
            }
            --pivot_budget;
            alpha.setZero();
            const sparse_column& a = cols_[q];
            for (std::size_t i = 0; i < a.rows.size(); ++i) {
                alpha += a.values[i] * binv_.col(a.rows[i]);
            }
            // leaving: min ratio; ties to the larger pivot, or the smallest variable (Bland)
            std::size_t r = m_;
            double ratio = std::numeric_limits<double>::infinity();
            for (std::size_t i = 0; i < m_; ++i) {
                const double ai = alpha(ei(i));
                if (ai <= 1e-9) {
                    continue;
                }
                const double t = std::max(xb_(ei(i)), 0.0) / ai;
                bool take = t < ratio - 1e-12;
                if (!take && t <= ratio + 1e-12 && r < m_) {
                    take = bland ? basis_[i] < basis_[r] : ai > alpha(ei(r));
                }
                if (take) {
                    ratio = t;
                    r = i;
                }
            }
            if (r == m_) {
                return outcome::failed; // unbounded: impossible with costs ≥ 0
            }
            degenerate = ratio < 1e-12 ? degenerate + 1 : 0;
            const double ar = alpha(ei(r));
            xb_ -= ratio * alpha;
            xb_(ei(r)) = ratio;
            const Eigen::RowVectorXd row = binv_.row(ei(r)) / ar;
            y_ += best * row.transpose();
            alpha(ei(r)) -= 1.0;
            for (Eigen::Index j = 0; j < row.size(); ++j) {
                if (row(j) != 0.0) { // rows of B⁻¹ are sparse early on
                    binv_.col(j) -= row(j) * alpha;
                }
            }
            binv_.row(ei(r)) = row;
            in_basis_[basis_[r]] = -1;
            basis_[r] = q;
            in_basis_[q] = static_cast<int>(r);
            ++since_refactor_;
        }
    }

    /// Recomputes B⁻¹, x_B and y from the basis; false when they are not sound.
    bool refactor() {
        Eigen::MatrixXd b = Eigen::MatrixXd::Zero(ei(m_), ei(m_));
        for (std::size_t i = 0; i < m_; ++i) {
            const sparse_column& a = cols_[basis_[i]];
            for (std::size_t k = 0; k < a.rows.size(); ++k) {
                b(a.rows[k], ei(i)) += a.values[k];
            }
        }
        const Eigen::PartialPivLU<Eigen::MatrixXd> lu(b);
        if (!(lu.rcond() > 1e-12)) {
            return false;
        }
        binv_ = lu.inverse();
        xb_ = binv_ * rhs_;
        if (xb_.minCoeff() < -1e-7 || !xb_.allFinite()) {
            return false;
        }
        xb_ = xb_.cwiseMax(0.0);
        duals();
        since_refactor_ = 0;
        return true;
    }

    [[nodiscard]] const Eigen::VectorXd& y() const { return y_; }
    [[nodiscard]] double value() const {
        double v = 0;
        for (std::size_t i = 0; i < m_; ++i) {
            v += cols_[basis_[i]].cost * xb_(ei(i));
        }
        return v;
    }
    /// Value of variable j in the current basic solution.
    [[nodiscard]] double x(std::size_t j) const {
        return in_basis_[j] >= 0 ? xb_(in_basis_[j]) : 0.0;
    }
    [[nodiscard]] std::size_t columns() const { return cols_.size(); }

private:
    [[nodiscard]] double reduced_cost(std::size_t j) const {
        const sparse_column& a = cols_[j];
        double d = a.cost;
        for (std::size_t i = 0; i < a.rows.size(); ++i) {
            d -= a.values[i] * y_(a.rows[i]);
        }
        return d;
    }
    void duals() {
        Eigen::VectorXd cb(ei(m_));
        for (std::size_t i = 0; i < m_; ++i) {
            cb(ei(i)) = cols_[basis_[i]].cost;
        }
        y_ = binv_.transpose() * cb;
    }

    std::size_t m_;
    Eigen::VectorXd rhs_;
    std::vector<sparse_column> cols_;
    std::vector<int> in_basis_; ///< row of a basic variable, −1 when nonbasic
    std::vector<std::size_t> basis_;
    Eigen::MatrixXd binv_;
    Eigen::VectorXd xb_;
    Eigen::VectorXd y_;
    int since_refactor_ = 0;
    std::size_t cursor_ = 0;
};

/// Every non-overlapping placement of a template's breaks inside their windows, flattened
/// (placement i is offsets [i·nb, (i+1)·nb)); empty when there are more than `cap`.
std::vector<int> placements(const compiled_template& c, int cap, bool& over_cap) {
    const std::size_t nb = c.break_length.size();
    std::vector<int> out;
    std::vector<int> cur(nb, 0);
    over_cap = false;
    // depth-first over breaks in template order
    auto rec = [&](auto&& self, std::size_t b) -> void {
        if (over_cap) {
            return;
        }
        if (b == nb) {
            if (out.size() / std::max<std::size_t>(nb, 1) >= uz(cap)) {
                over_cap = true;
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
    return out;
}

struct candidate {
    double rc = 0;
    tour t;
};

class column_generation {
public:
    column_generation(const model& m, int cap) : m_(m) {
        const std::size_t T = uz(m.intervals);
        std::vector<char> coverable(T, 0);
        for (const auto& c : m.templates) {
            std::vector<char> day_ok(uz(m.days), 0);
            for (const int pat : c.patterns) {
                for (const int d : m.pattern_days[uz(pat)]) {
                    day_ok[uz(d)] = 1;
                }
            }
            for (int d = 0; d < m.days; ++d) {
                for (const int s : day_ok[uz(d)] != 0 ? c.starts : std::vector<int>{}) {
                    for (int o = 0; o < c.length; ++o) {
                        const int t = m.at(d, s, o);
                        if (t >= 0) {
                            coverable[uz(t)] = 1;
                        }
                    }
                }
            }
        }
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
        lp_ = std::make_unique<simplex>(rhs);
        const std::size_t rows = rhs.size();
        for (std::size_t i = 0; i < rows; ++i) {
            lp_->add({{static_cast<int>(i)}, {1.0}, m.w_under});
        }
        for (std::size_t i = 0; i < rows; ++i) {
            lp_->add({{static_cast<int>(i)}, {-1.0}, m.w_over});
        }
        lp_->start();
        rhs_ = std::move(rhs);
        cheapest_ = std::numeric_limits<double>::infinity();
        for (const auto& c : m.templates) {
            placements_.push_back(placements(c, cap, over_cap_));
            if (over_cap_) {
                return;
            }
            for (const int pat : c.patterns) {
                cheapest_ = std::min(cheapest_,
                                     c.cost * static_cast<double>(m.pattern_days[uz(pat)].size()));
            }
        }
    }

    [[nodiscard]] bool too_many_placements() const { return over_cap_; }
    [[nodiscard]] double cheapest_tour() const { return cheapest_; }

    /// Tours with reduced cost below −tol for duals y (row space), best first, at most `limit`;
    /// also sets the minimum reduced cost over all tours.
    std::vector<candidate> price(const Eigen::VectorXd& y, double tol, std::size_t limit,
                                 double& min_rc) const {
        const std::size_t T = uz(m_.intervals);
        std::vector<double> w(T, 0.0);
        for (std::size_t t = 0; t < T; ++t) {
            w[t] = row_of_[t] >= 0 ? y(row_of_[t]) : 0.0;
        }
        const auto at_w = [&](int t) { return t >= 0 ? w[uz(t)] : 0.0; };
        std::vector<candidate> out;
        min_rc = std::numeric_limits<double>::infinity();
        const std::size_t D = uz(m_.days);
        for (std::size_t k = 0; k < m_.templates.size(); ++k) {
            const compiled_template& c = m_.templates[k];
            if (c.patterns.empty()) {
                continue;
            }
            const std::size_t ns = c.starts.size();
            const std::size_t nb = c.break_length.size();
            const std::vector<int>& pl = placements_[k];
            const std::size_t np = nb == 0 ? 1 : pl.size() / nb;
            // value and best placement of each (day, start)
            std::vector<double> val(D * ns, 0.0);
            std::vector<std::size_t> arg(D * ns, 0);
            std::vector<double> bw;
            for (std::size_t d = 0; d < D; ++d) {
                for (std::size_t si = 0; si < ns; ++si) {
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
                        bw.assign(nb * uz(c.length), 0.0);
                        for (std::size_t b = 0; b < nb; ++b) {
                            for (int o = c.break_earliest[b]; o <= c.break_latest[b]; ++o) {
                                double x = 0;
                                for (int i = 0; i < c.break_length[b]; ++i) {
                                    x += at_w(m_.at(day, s, o + i));
                                }
                                bw[b * uz(c.length) + uz(o)] = x;
                            }
                        }
                        lo = std::numeric_limits<double>::infinity();
                        for (std::size_t i = 0; i < np; ++i) {
                            double x = 0;
                            for (std::size_t b = 0; b < nb; ++b) {
                                x += bw[b * uz(c.length) + uz(pl[i * nb + b])];
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
            for (std::size_t ri = 0; ri < ns; ++ri) {
                // best start per day within the band around the reference start
                std::vector<std::size_t> pick(D, ri);
                for (std::size_t d = 0; d < D; ++d) {
                    for (std::size_t si = 0; si < ns; ++si) {
                        if (std::abs(c.starts[si] - c.starts[ri]) <= m_.band &&
                            val[d * ns + si] > val[d * ns + pick[d]]) {
                            pick[d] = si;
                        }
                    }
                }
                for (const int pat : c.patterns) {
                    const auto& days = m_.pattern_days[uz(pat)];
                    double rc = c.cost * static_cast<double>(days.size());
                    for (const int d : days) {
                        rc -= val[uz(d) * ns + pick[uz(d)]];
                    }
                    min_rc = std::min(min_rc, rc);
                    if (rc >= -tol) {
                        continue;
                    }
                    candidate cand;
                    cand.rc = rc;
                    tour& t = cand.t;
                    t.template_index = static_cast<int>(k);
                    t.pattern_index = pat;
                    t.reference_start = c.starts[ri];
                    t.starts.assign(D, -1);
                    t.break_offsets.assign(D, {});
                    for (const int d : days) {
                        const std::size_t si = pick[uz(d)];
                        t.starts[uz(d)] = c.starts[si];
                        const std::size_t li = arg[uz(d) * ns + si];
                        for (std::size_t b = 0; b < nb; ++b) {
                            t.break_offsets[uz(d)].push_back(pl[li * nb + b]);
                        }
                    }
                    out.push_back(std::move(cand));
                }
            }
        }
        std::sort(out.begin(), out.end(),
                  [](const candidate& a, const candidate& b) { return a.rc < b.rc; });
        if (out.size() > limit) {
            out.resize(limit);
        }
        return out;
    }

    /// The master's column of a tour (coverage of its working days, breaks excluded).
    [[nodiscard]] sparse_column column_of(const tour& t) const {
        const compiled_template& c = m_.templates[uz(t.template_index)];
        std::vector<int> rows;
        for (const int tt : covered_intervals(m_, t)) {
            if (row_of_[uz(tt)] >= 0) {
                rows.push_back(row_of_[uz(tt)]);
            }
        }
        std::sort(rows.begin(), rows.end());
        sparse_column col;
        col.cost = c.cost * static_cast<double>(m_.pattern_days[uz(t.pattern_index)].size());
        for (const int r : rows) {
            if (!col.rows.empty() && col.rows.back() == r) {
                col.values.back() += 1.0;
            } else {
                col.rows.push_back(r);
                col.values.push_back(1.0);
            }
        }
        return col;
    }

    lp_result run(const lp_options& options) {
        const auto deadline = clock_type::now() + options.time_limit;
        lp_result out;
        if (over_cap_) {
            out.note = "no LP bound: a template has too many break placements to enumerate";
            return out;
        }
        if (!(cheapest_ > 0) || !std::isfinite(cheapest_)) {
            out.note = "no LP bound: tours must have a positive cost";
            return out;
        }
        const std::size_t limit = std::max<std::size_t>(50, rhs_.size() / 4);
        long budget = options.max_pivots;
        bool failed = false;
        double min_rc = 0;
        for (int round = 0; round < options.max_rounds; ++round) {
            const auto status = lp_->optimise(budget, deadline);
            if (status == simplex::outcome::failed || !lp_->refactor()) {
                failed = true;
                break;
            }
            out.rounds = round + 1;
            if (status == simplex::outcome::pivot_limit) {
                break; // the duals of a feasible basis still give a valid Farley bound
            }
            const auto cands = price(lp_->y(), 1e-7, limit, min_rc);
            if (cands.empty()) {
                out.converged = true;
                break;
            }
            if (clock_type::now() > deadline) {
                break;
            }
            for (const candidate& cand : cands) {
                lp_->add(column_of(cand.t));
                tours_.push_back(cand.t);
            }
        }
        out.pivots = options.max_pivots - budget;
        if (failed) {
            out.note = "no LP bound: the simplex did not converge";
            return out;
        }
        out.value = constant_ + lp_->value();
        // Farley's bound from the duals clamped into the slacks' dual box
        Eigen::VectorXd y = lp_->y().cwiseMin(m_.w_under).cwiseMax(-m_.w_over);
        double rc = 0;
        (void)price(y, 0.0, 0, rc);
        double bound = constant_;
        for (std::size_t i = 0; i < rhs_.size(); ++i) {
            bound += rhs_[i] * y(ei(i));
        }
        const double n_max = empty_ / cheapest_;
        bound += std::min(0.0, rc) * n_max;
        out.lower_bound = bound;
        out.note = out.converged
                       ? "LP relaxation (column generation, side limits dropped)"
                       : "partial LP relaxation (column generation stopped early, Farley bound)";
        const std::size_t first = 2 * rhs_.size();
        for (std::size_t j = 0; j < tours_.size(); ++j) {
            const double x = lp_->x(first + j);
            if (x > 1e-9) {
                out.columns.push_back(tours_[j]);
                out.x.push_back(x);
            }
        }
        return out;
    }

private:
    const model& m_;
    std::vector<int> row_of_;
    std::vector<double> rhs_;
    double constant_ = 0; ///< shortage price of intervals no shift can cover
    double empty_ = 0;    ///< objective of the empty schedule
    double cheapest_ = 0;
    bool over_cap_ = false;
    std::vector<std::vector<int>> placements_;
    std::unique_ptr<simplex> lp_;
    std::vector<tour> tours_; ///< tour of master column 2·rows + j
};

} // namespace

lp_result lp_relaxation(const problem& p, const lp_options& options) {
    const model m = detail::compile(p);
    if (p.mode == objective_mode::pure_fit) {
        lp_result out;
        out.note = "no LP bound: not implemented for the pure-fit objective";
        return out;
    }
    column_generation cg(m, options.max_break_placements);
    return cg.run(options);
}

} // namespace wfm::schedule

namespace wfm::schedule {

std::vector<tour> round_lp(const problem& p, const lp_result& lp) {
    const model m = detail::compile(p);
    const auto& l = p.limits;
    std::vector<int> cov(uz(m.intervals), 0);
    std::vector<int> per_template(m.templates.size(), 0);
    std::vector<int> per_day(uz(m.days), 0);
    int headcount = 0;
    int part_time = 0;
    // covered intervals of each column (breaks excluded)
    std::vector<std::vector<int>> covers;
    for (const tour& t : lp.columns) {
        covers.push_back(covered_intervals(m, t));
    }
    const auto allowed = [&](const tour& t) {
        const compiled_template& c = m.templates[uz(t.template_index)];
        if (l.max_headcount && headcount + 1 > *l.max_headcount) {
            return false;
        }
        if (per_template[uz(t.template_index)] + 1 > c.max_tours) {
            return false;
        }
        if (l.max_part_time_share && c.part_time &&
            static_cast<double>(part_time + 1) >
                *l.max_part_time_share * static_cast<double>(headcount + 1) + 1e-9) {
            return false;
        }
        for (const int d : m.pattern_days[uz(t.pattern_index)]) {
            if (!l.max_per_day.empty() && per_day[uz(d)] + 1 > l.max_per_day[uz(d)]) {
                return false;
            }
        }
        return true;
    };
    const auto cost = [&](std::size_t j) {
        const tour& t = lp.columns[j];
        double v = m.templates[uz(t.template_index)].cost *
                   static_cast<double>(m.pattern_days[uz(t.pattern_index)].size());
        // cumulative: a column may cover an interval twice only with overlapping days
        std::vector<int> seen;
        for (const int tt : covers[j]) {
            const int extra = static_cast<int>(std::count(seen.begin(), seen.end(), tt));
            v += m.step_up(cov[uz(tt)] + extra, tt);
            if (m.band > 0) {
                seen.push_back(tt);
            }
        }
        return v;
    };
    std::vector<tour> out;
    const auto add = [&](std::size_t j) {
        const tour& t = lp.columns[j];
        for (const int tt : covers[j]) {
            ++cov[uz(tt)];
        }
        ++per_template[uz(t.template_index)];
        for (const int d : m.pattern_days[uz(t.pattern_index)]) {
            ++per_day[uz(d)];
        }
        ++headcount;
        part_time += m.templates[uz(t.template_index)].part_time ? 1 : 0;
        out.push_back(t);
    };
    for (std::size_t j = 0; j < lp.columns.size(); ++j) {
        for (double k = std::floor(lp.x[j] + 1e-9); k > 0.5 && allowed(lp.columns[j]); k -= 1) {
            add(j);
        }
    }
    for (;;) {
        double best = -1e-9;
        std::size_t bj = lp.columns.size();
        for (std::size_t j = 0; j < lp.columns.size(); ++j) {
            if (!allowed(lp.columns[j])) {
                continue;
            }
            const double v = cost(j);
            if (v < best) {
                best = v;
                bj = j;
            }
        }
        if (bj == lp.columns.size()) {
            break;
        }
        add(bj);
    }
    return out;
}

} // namespace wfm::schedule
