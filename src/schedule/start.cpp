// The starting schedule (see start.hpp).
#include "start.hpp"

#include "column_generation.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace wfm::schedule::detail {

bool has_side_limits(const problem& p) {
    const auto& l = p.limits;
    if (l.max_headcount || l.max_part_time_share || !l.min_per_day.empty() ||
        !l.max_per_day.empty()) {
        return true;
    }
    return std::any_of(p.templates.begin(), p.templates.end(), [](const shift_template& t) {
        return t.min_tours > 0 || t.max_tours.has_value();
    });
}

/// columns with the largest fractional parts while the count stays within `share` × Σx.
/// (Measured on the reference week30 instance, 8 seeds at 2 s: fixing 60–75% of Σx gives mean
/// objectives 3508–3510, 80% gives 3512 and 85% 3529; the search needs room around the core.)
std::vector<tour> lp_core(const lp_result& lp, double share) {
    std::vector<tour> out;
    double sum = 0;
    std::vector<std::size_t> order;
    const auto fraction = [&](std::size_t j) { return lp.x[j] - std::floor(lp.x[j] + 1e-9); };
    for (std::size_t j = 0; j < lp.columns.size(); ++j) {
        sum += lp.x[j];
        const auto copies = static_cast<long>(std::floor(lp.x[j] + 1e-9));
        for (long c = 0; c < copies; ++c) {
            out.push_back(lp.columns[j]);
        }
        order.push_back(j);
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return fraction(a) > fraction(b); });
    for (const std::size_t j : order) {
        if (static_cast<double>(out.size()) + 1.0 > share * sum || fraction(j) <= 1e-9) {
            break;
        }
        out.push_back(lp.columns[j]);
    }
    return out;
}

namespace {

/// The tours whose shape is valid (the pricing with a start band ignores the rest between
/// days); limits are not checked.
std::vector<tour> valid_shapes(const problem& p, const std::vector<tour>& tours) {
    problem q = p;
    q.limits = {};
    for (shift_template& t : q.templates) {
        t.min_tours = 0;
        t.max_tours.reset();
    }
    std::vector<tour> out;
    for (const tour& t : tours) {
        if (validate(q, {t}).empty()) {
            out.push_back(t);
        }
    }
    return out;
}

} // namespace

start_plan plan_start(const problem& p, const model& m, const solve_options& options,
                      clock_type::time_point deadline) {
    using start_kind = solve_options::start_kind;
    const bool lp_start =
        options.start == start_kind::lp ||
        (options.start == start_kind::automatic && p.mode != objective_mode::pure_fit);
    if (!lp_start) {
        return {};
    }
    // The LP stops by its round and pivot counts (reproducible); the clock (9/10 of the time
    // limit for the pricing rounds, `deadline` for the final pricing and the rounding) is a
    // safety cap, and what the LP has when cut short is used. `automatic` leaves masters of
    // more than automatic_lp_rows coverage rows to greedy, and stops the LP after 60 pivots
    // per interval: larger or degenerate masters take minutes to converge (the sample's
    // 15-minute pools have 448 rows and converge in 12k–20k pivots of their 40k, 1.7–2.7 s
    // of CPU each on a loaded machine, so their plan would pass its 10 s limit under load).
    lp_options lo{.time_limit = options.time_limit * 9 / 10, .deadline = deadline};
    // the integer-coverage LP: a stronger bound, and a core whose coverage is nearer integers
    lo.integer_coverage = true;
    if (options.start == start_kind::automatic) {
        lo.max_rows = automatic_lp_rows;
        lo.max_pivots = 60L * m.intervals; // week30 converges in 12.4k of its 20.2k
    }
    start_plan out;
    auto [lp, master] = lp_relaxation_master(p, m, lo, clock_type::now(), true);
    out.lp = std::move(lp);
    out.master = std::move(master);
    if (out.lp->columns.empty()) {
        return out;
    }
    out.core = core_of(p, *out.lp);
    return out;
}

std::vector<tour> core_of(const problem& p, const lp_result& lp) {
    // under side limits the core keeps the upper ones; the search meets the lower ones
    std::vector<tour> core = valid_shapes(p, lp_core(lp, 0.7));
    if (has_side_limits(p)) {
        core = within_upper_limits(p, core);
    }
    return core;
}

void load_start(const start_plan& plan, const solve_options& options, search& s) {
    if (!plan.core.empty()) {
        s.load(plan.core);
        s.fix_loaded(options.core_release);
    }
}

} // namespace wfm::schedule::detail
