// Branch and bound on the integer counts of the column-generation master (docs/methods.md,
// "Branching on counts"): an integer schedule has a whole number of tours of each template and
// of agents working each day, the LP often not. A node tightens one branching row of its
// parent's master (Σ x ≤ ⌊v⌋ or Σ x ≥ ⌈v⌉) and re-solves it from the parent's basis: the row's
// slack (or surplus), driven negative by the new right-hand side, is exchanged with its elastic
// twin, so the basis stays primal feasible and the primal simplex and the pricing go on from
// there. The elastic master only relaxes the child, so each child's Farley bound is valid for
// the integer schedules of its branch, and the least bound over the open nodes is valid for all.
#include "column_generation.hpp"

#include <wfm/schedule/detail/index.hpp>
#include <wfm/schedule/lp.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

namespace wfm::schedule::detail {
namespace {

struct node {
    std::shared_ptr<column_generation> master;
    lp_result lp;
    double bound = 0;
};

/// Σ x over the columns of the LP solution that side row `r` counts (template or day rows).
double count_of(const model& m, const side_row& r, const lp_result& lp) {
    double v = 0;
    for (std::size_t j = 0; j < lp.columns.size(); ++j) {
        const tour& t = lp.columns[j];
        const bool counts =
            r.what == side_row::kind::tmpl
                ? t.template_index == r.index
                : std::find(m.pattern_days[to_index(t.pattern_index)].begin(),
                            m.pattern_days[to_index(t.pattern_index)].end(),
                            r.index) != m.pattern_days[to_index(t.pattern_index)].end();
        v += counts ? lp.x[j] : 0.0;
    }
    return v;
}

/// The branching row (its ≤ row; the ≥ row follows it) of the most fractional count, templates
/// before days; npos when every count is integral.
std::size_t branching_row(const model& m, const column_generation& cg, const lp_result& lp,
                          double& value) {
    const auto& side = cg.side();
    for (const side_row::kind what : {side_row::kind::tmpl, side_row::kind::day}) {
        std::size_t best = static_cast<std::size_t>(-1);
        double closest = 1.0; // distance of the fractional part from 1/2, the least wins
        for (std::size_t i = 0; i + 1 < side.size(); ++i) {
            if (!side[i].elastic_upper || side[i].what != what) {
                continue;
            }
            const double v = count_of(m, side[i], lp);
            const double frac = v - std::floor(v);
            if (frac > 1e-6 && frac < 1 - 1e-6 && std::abs(frac - 0.5) < closest) {
                closest = std::abs(frac - 0.5);
                best = i;
                value = v;
            }
        }
        if (best != static_cast<std::size_t>(-1)) {
            return best;
        }
    }
    return static_cast<std::size_t>(-1);
}

} // namespace

bound_result branch_on_counts(const model& m, const column_generation& root, const lp_result& lp,
                              double upper, double target, int max_nodes, long max_pivots,
                              std::chrono::steady_clock::time_point deadline,
                              const std::function<double(const lp_result&)>& improve) {
    bound_result out;
    const std::optional<double> root_bound = lp_bound(lp, upper);
    if (!lp.branching_rows || !lp.converged || !root_bound || !std::isfinite(upper)) {
        return out;
    }
    std::vector<node> open;
    open.push_back({std::make_shared<column_generation>(root), lp, *root_bound});
    double settled = std::numeric_limits<double>::infinity(); // nodes that cannot be branched
    long pivots = 0;
    int nodes = 0;
    const auto least = [&] {
        double b = std::min(settled, upper);
        for (const node& n : open) {
            b = std::min(b, n.bound);
        }
        return b;
    };
    while (!open.empty()) {
        if (least() >= (1 - target) * upper || nodes + 2 > max_nodes || pivots >= max_pivots) {
            break;
        }
        if (std::chrono::steady_clock::now() > deadline) {
            out.cut_short = true;
            break;
        }
        // best first: the open node of least bound (ties: the earliest)
        const auto it =
            std::min_element(open.begin(), open.end(),
                             [](const node& a, const node& b) { return a.bound < b.bound; });
        node parent = std::move(*it);
        open.erase(it);
        double v = 0;
        const std::size_t row = branching_row(m, *parent.master, parent.lp, v);
        if (row == static_cast<std::size_t>(-1)) {
            settled = std::min(settled, parent.bound);
            continue;
        }
        for (const bool up : {false, true}) {
            ++nodes;
            node child{std::make_shared<column_generation>(*parent.master), {}, parent.bound};
            const std::size_t i = up ? row + 1 : row;
            if (!child.master->tighten(i, up ? std::ceil(v) : std::floor(v))) {
                settled = std::min(settled, parent.bound); // not re-solvable: the parent's bound
                continue;
            }
            lp_options lo;
            lo.max_pivots = std::max(1L, max_pivots - pivots);
            child.lp = child.master->run(lo, deadline, deadline);
            pivots += child.lp.pivots;
            out.cut_short = out.cut_short || child.lp.clock_cut;
            if (const std::optional<double> b = lp_bound(child.lp, upper)) {
                child.bound = std::max(child.bound, *b);
            }
            if (child.lp.converged && !child.lp.columns.empty()) {
                upper = std::min(upper, improve(child.lp));
            }
            if (child.bound >= upper - 1e-9) {
                continue; // pruned: no schedule of this branch beats the best one
            }
            if (!child.lp.converged) {
                settled = std::min(settled, child.bound); // its bound, but no branching on it
                continue;
            }
            open.push_back(std::move(child));
        }
    }
    out.iterations = nodes;
    out.value = least();
    return out;
}

} // namespace wfm::schedule::detail
