// The side limits in the column-generation master (docs/methods.md, "Side limits in the master"):
// their rows, the elastic rows' penalty, each column's coefficients, the duals' share of a
// tour's reduced cost, and the tightening of a row by the branching on counts.
#include "column_generation.hpp"

#include <wfm/schedule/detail/index.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

namespace wfm::schedule::detail {

std::vector<side_row> side_rows(const problem& p, const model& m) {
    using kind = side_row::kind;
    std::vector<side_row> out;
    const auto& l = p.limits;
    if (l.max_headcount) {
        out.push_back({kind::headcount, 0, false, static_cast<double>(*l.max_headcount)});
    }
    if (l.max_part_time_share && *l.max_part_time_share < 1.0) {
        out.push_back({kind::part_time, 0, false, 0.0, *l.max_part_time_share});
    }
    for (int d = 0; d < m.days; ++d) {
        const auto i = to_index(d);
        if (i < l.min_per_day.size() && l.min_per_day[i] > 0) {
            out.push_back({kind::day, d, true, static_cast<double>(l.min_per_day[i])});
        }
        if (i < l.max_per_day.size()) {
            out.push_back({kind::day, d, false, static_cast<double>(l.max_per_day[i])});
        }
    }
    for (std::size_t k = 0; k < m.templates.size(); ++k) {
        const compiled_template& c = m.templates[k];
        if (c.min_tours > 0) {
            out.push_back(
                {kind::tmpl, static_cast<int>(k), true, static_cast<double>(c.min_tours)});
        }
        if (c.max_tours != INT_MAX) {
            out.push_back(
                {kind::tmpl, static_cast<int>(k), false, static_cast<double>(c.max_tours)});
        }
    }
    return out;
}

std::vector<side_row> branching_rows(const model& m, double cap) {
    using kind = side_row::kind;
    std::vector<side_row> out;
    // a few rows each: the master's basis inverse is dense (rows²)
    for (std::size_t k = 0; k < m.templates.size() && m.templates.size() <= max_branching; ++k) {
        out.push_back({kind::tmpl, static_cast<int>(k), false, cap, 0.0, true});
        out.push_back({kind::tmpl, static_cast<int>(k), true, 0.0});
    }
    for (int d = 0; d < m.days && m.days <= static_cast<int>(max_branching); ++d) {
        out.push_back({kind::day, d, false, cap, 0.0, true});
        out.push_back({kind::day, d, true, 0.0});
    }
    return out;
}

double limit_penalty(const model& m) {
    double max_tour = 0;
    for (const auto& c : m.templates) {
        max_tour = std::max(max_tour, (c.cost + (m.w_under + m.w_over) * c.length) * m.days);
    }
    return max_tour + 1.0;
}

void column_generation::slack_columns() {
    // the elastic rows' artificials cost more than any tour is worth, so that the elastic
    // rows are met when they can be
    elastic_ = limit_penalty(m_);
    const std::size_t rows = rhs_.size();
    const auto row = [&](std::size_t i) { return static_cast<int>(i); };
    for (std::size_t i = 0; i < rows; ++i) {
        lp_->add({{row(i)}, {1.0}, m_.w_under});
    }
    for (std::size_t i = 0; i < side_.size(); ++i) {
        lp_->add({{row(rows + i)}, {1.0}, side_[i].at_least ? elastic_ : 0.0});
    }
    lp_->start();
    for (std::size_t i = 0; i < rows; ++i) {
        lp_->add({{row(i)}, {-1.0}, m_.w_over});
    }
    twin_.assign(side_.size(), static_cast<std::size_t>(-1));
    for (std::size_t i = 0; i < side_.size(); ++i) {
        if (side_[i].at_least) {
            twin_[i] = lp_->add({{row(rows + i)}, {-1.0}, 0.0});
        } else if (side_[i].elastic_upper) {
            twin_[i] = lp_->add({{row(rows + i)}, {-1.0}, elastic_});
        }
    }
    // integer-coverage master: the middle piece of the hull between ⌊r⌋ and ⌈r⌉, from
    // under·frac at ⌊r⌋ to over·(1 − frac) at ⌈r⌉
    for (std::size_t i = 0; i < rows && integer_; ++i) {
        const double frac = rhs_[i] - std::floor(rhs_[i]);
        if (frac > 0) {
            lp_->add({{row(i)}, {-1.0}, m_.w_over * (1 - frac) - m_.w_under * frac, 1.0});
        }
    }
    first_ = lp_->columns();
}

double column_generation::side_coefficient(std::size_t i, std::size_t k,
                                           const std::vector<int>& days) const {
    const side_row& r = side_[i];
    switch (r.what) {
    case side_row::kind::headcount:
        return 1.0;
    case side_row::kind::part_time:
        return m_.templates[k].part_time ? 1.0 - r.share : -r.share;
    case side_row::kind::day:
        return std::find(days.begin(), days.end(), r.index) != days.end() ? 1.0 : 0.0;
    case side_row::kind::tmpl:
        return to_index(r.index) == k ? 1.0 : 0.0;
    }
    return 0.0;
}

void column_generation::side_duals(const Eigen::VectorXd& y, std::vector<double>& per_day,
                                   std::vector<double>& per_template) const {
    per_day.assign(to_index(m_.days), 0.0);
    per_template.assign(m_.templates.size(), 0.0);
    for (std::size_t i = 0; i < side_.size(); ++i) {
        const side_row& r = side_[i];
        const double u = y(ei(rhs_.size() + i));
        if (r.what == side_row::kind::day) {
            per_day[to_index(r.index)] += u;
        } else if (r.what == side_row::kind::tmpl) {
            per_template[to_index(r.index)] += u;
        } else {
            for (std::size_t k = 0; k < per_template.size(); ++k) {
                per_template[k] += u * side_coefficient(i, k, {});
            }
        }
    }
}

double column_generation::max_tours() const {
    double elastic = empty_;
    double n = std::numeric_limits<double>::infinity();
    for (const side_row& r : side_) {
        elastic += r.at_least ? elastic_ * r.rhs : 0.0;
        if (r.what == side_row::kind::headcount) {
            n = std::min(n, r.rhs);
        }
    }
    return std::min(n, elastic / cheapest_);
}

bool column_generation::tighten(std::size_t i, double rhs) {
    const std::size_t row = rhs_.size() + i;
    side_[i].rhs = rhs;
    lp_->set_rhs(row, rhs);
    const std::size_t unit = row; // slack (≤) or artificial (≥): the identity column of the row
    const std::size_t twin = twin_[i];
    if (twin != static_cast<std::size_t>(-1)) {
        if (!side_[i].at_least && lp_->basic(unit) && lp_->x(unit) < 0) {
            lp_->negate_basic(unit, twin); // the slack → the elastic column
        } else if (side_[i].at_least && lp_->basic(twin) && lp_->x(twin) < 0) {
            lp_->negate_basic(twin, unit); // the surplus → the artificial
        }
    }
    return lp_->primal_feasible();
}

} // namespace wfm::schedule::detail
