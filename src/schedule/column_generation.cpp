// Column generation (Gilmore & Gomory 1961; for tour scheduling e.g. Mehrotra, Murphy & Trick
// 2000). See lp.cpp for the master, the pricing and the bound.
#include "column_generation.hpp"

#include <wfm/schedule/detail/index.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <utility>

namespace wfm::schedule::detail {
namespace {

using clock_type = std::chrono::steady_clock;

Eigen::Index ei(std::size_t i) {
    return static_cast<Eigen::Index>(i);
}

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
            if (out.size() / std::max<std::size_t>(nb, 1) >= to_index(cap)) {
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

column_generation::column_generation(const model& m, int cap) : m_(m) {
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
            cheapest_ = std::min(
                cheapest_, c.cost * static_cast<double>(m.pattern_days[to_index(pat)].size()));
        }
    }
}

void column_generation::day_values(std::size_t k, const std::vector<double>& w,
                                   std::vector<double>& val, std::vector<std::size_t>& arg) const {
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
}

std::vector<candidate> column_generation::price(const Eigen::VectorXd& y, double tol,
                                                std::size_t limit, double& min_rc) const {
    const std::size_t T = to_index(m_.intervals);
    std::vector<double> w(T, 0.0);
    for (std::size_t t = 0; t < T; ++t) {
        w[t] = row_of_[t] >= 0 ? y(row_of_[t]) : 0.0;
    }
    std::vector<candidate> out;
    min_rc = std::numeric_limits<double>::infinity();
    const std::size_t D = to_index(m_.days);
    std::vector<double> val;
    std::vector<std::size_t> arg;
    for (std::size_t k = 0; k < m_.templates.size(); ++k) {
        const compiled_template& c = m_.templates[k];
        if (c.patterns.empty()) {
            continue;
        }
        const std::size_t ns = c.starts.size();
        const std::size_t nb = c.break_length.size();
        const std::vector<int>& pl = placements_[k];
        day_values(k, w, val, arg);
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
                const auto& days = m_.pattern_days[to_index(pat)];
                double rc = c.cost * static_cast<double>(days.size());
                for (const int d : days) {
                    rc -= val[to_index(d) * ns + pick[to_index(d)]];
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
                    const std::size_t si = pick[to_index(d)];
                    t.starts[to_index(d)] = c.starts[si];
                    const std::size_t li = arg[to_index(d) * ns + si];
                    for (std::size_t b = 0; b < nb; ++b) {
                        t.break_offsets[to_index(d)].push_back(pl[li * nb + b]);
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
    return col;
}

lp_result column_generation::run(const lp_options& options) {
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
        if (status == simplex::outcome::failed || status == simplex::outcome::unbounded ||
            !lp_->refactor()) {
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
    finish(out);
    return out;
}

void column_generation::finish(lp_result& out) const {
    out.value = constant_ + lp_->value();
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
}

} // namespace wfm::schedule::detail
