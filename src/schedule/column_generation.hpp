#pragma once
// Column generation for the LP relaxation of the shift-scheduling problem (lp.hpp): the
// restricted master over tour columns, exact pricing of tours and Farley's bound.

#include <wfm/schedule/detail/model.hpp>
#include <wfm/schedule/detail/simplex.hpp>
#include <wfm/schedule/lp.hpp>

#include <Eigen/Dense>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace wfm::schedule::detail {

/// Grid intervals a tour covers (on shift and not on a break), one entry per covered
/// agent-interval, in day order.
[[nodiscard]] std::vector<int> covered_intervals(const model& m, const tour& t);

/// A deadline read about every 4096 units of work (the clock costs ~25 ns a read); once
/// passed, it stays passed.
class work_clock {
public:
    using clock_type = std::chrono::steady_clock;
    explicit work_clock(clock_type::time_point deadline) : deadline_(deadline) {}
    /// Counts `work` more units; true once the deadline has passed.
    bool expired(std::size_t work) {
        done_ += work;
        if (done_ >= 4096 && !expired_) {
            done_ = 0;
            expired_ = clock_type::now() > deadline_;
        }
        return expired_;
    }

private:
    clock_type::time_point deadline_;
    std::size_t done_ = 4096; ///< the first call reads the clock
    bool expired_ = false;
};

/// A side limit of the master that is linear in its tour columns: Σ_j g_j x_j ≤ rhs (or ≥).
struct side_row {
    enum class kind {
        headcount, ///< g = 1
        part_time, ///< g = 1 − share for a part-time tour, −share otherwise
        day,       ///< g = 1 when the tour works day `index`
        tmpl,      ///< g = 1 when the tour is of template `index`
    } what = kind::headcount;
    int index = 0;
    bool at_least = false; ///< ≥ (an elastic row: its artificial costs the penalty)
    double rhs = 0;
    double share = 0; ///< part_time: the share
    /// a ≤ row with an elastic column too (−1, at the penalty): a branching row, whose
    /// right-hand side may be lowered below the master's value (tighten)
    bool elastic_upper = false;
};

/// The branching rows of the counts branch_on_counts branches on: per template and per day,
/// Σ x ≤ `cap` (elastic) and Σ x ≥ 0, both inactive until tightened.
/// (Their cap starts at 1e9; the master lowers it to ⌈max_tours()⌉.) Templates or days beyond
/// max_branching get none.
inline constexpr std::size_t max_branching = 16;
[[nodiscard]] std::vector<side_row> branching_rows(const model& m, double cap = 1e9);

/// φ(y) = min over integers c ≥ 0 of under·(r − c)⁺ + over·(c − r)⁺ + y c, for −over ≤ y ≤
/// under: the minimum lies at ⌊r⌋ or ⌈r⌉ (and φ(y) = y r when r is an integer).
[[nodiscard]] inline double integer_coverage_term(const model& m, double r, double y) {
    const double lo = std::floor(r);
    const double hi = std::ceil(r);
    return std::min(m.w_under * (r - lo) + y * lo, m.w_over * (hi - r) + y * hi);
}

/// Price of one unit of lower-limit violation: above any tour's labour and coverage value.
[[nodiscard]] double limit_penalty(const model& m);

/// The side rows of a problem's limits (headcount, part-time share, per day, per template).
[[nodiscard]] std::vector<side_row> side_rows(const problem& p, const model& m);

/// A priced tour and its reduced cost.
struct candidate {
    double rc = 0;
    tour t;
};

/// The outcome of one pricing pass.
struct pricing {
    std::vector<candidate> best; ///< improving tours, best first (ties in scan order)
    double min_rc = 0;           ///< minimum reduced cost over the tours priced
    bool complete = true;        ///< every tour was priced (false: the deadline stopped it)
};

class column_generation {
public:
    using clock_type = std::chrono::steady_clock;
    /// The master's rows and slack columns, and the break placements of every template within
    /// the limits of `options`; enumeration stops at `deadline` (see refused()).
    column_generation(const model& m, std::vector<side_row> side, const lp_options& options,
                      clock_type::time_point deadline);

    /// Why there is no LP (too many rows or break placements, out of time); empty when there
    /// is one.
    [[nodiscard]] const std::string& refused() const { return refused_; }
    [[nodiscard]] double cheapest_tour() const { return cheapest_; }
    /// Requirement of each coverage row of the master.
    [[nodiscard]] const std::vector<double>& row_requirements() const { return rhs_; }
    /// Shortage price of the intervals no shift can cover (not rows of the master).
    [[nodiscard]] double uncoverable_price() const { return constant_; }
    [[nodiscard]] const std::vector<side_row>& side() const { return side_; }
    /// Bound Σ x ≤ N on some optimal LP solution (headcount limit, or labour ≤ the elastic
    /// objective of the empty schedule).
    [[nodiscard]] double max_tours() const;

    /// Prices every tour for duals y (coverage rows, then side rows) until `deadline`: the minimum
    /// reduced cost, and the tours below −tol, best first, at most `limit`. Candidates are held as
    /// light records until the `limit` best are known; only those become tours.
    [[nodiscard]] pricing price(const Eigen::VectorXd& y, double tol, std::size_t limit,
                                clock_type::time_point deadline) const;
    /// The master's column of a tour (coverage of its working days, breaks excluded, then its
    /// side-row coefficients).
    [[nodiscard]] sparse_column column_of(const tour& t) const;
    /// Solves the master and prices until convergence or a limit: pricing rounds stop at
    /// `soft`, the final pricing for Farley's bound at `hard`.
    lp_result run(const lp_options& options, clock_type::time_point soft,
                  clock_type::time_point hard);
    /// Sets side row i's right-hand side to `rhs` and keeps the basis primal feasible by
    /// exchanging the row's basic slack (or surplus) with its elastic twin when it would turn
    /// negative; false when the basis cannot be kept feasible that way (the master is then
    /// unchanged in value but not re-solvable: do not run it).
    bool tighten(std::size_t i, double rhs);

private:
    /// The pricing rounds; false when the simplex failed.
    bool iterate(const lp_options& options, clock_type::time_point soft,
                 clock_type::time_point hard, lp_result& out,
                 std::optional<clock_type::duration>& pass);
    struct priced; ///< a light candidate: reduced cost and where to find its tour
    /// Per (day, start) of template k: the dual value of the shift with its best breaks, and
    /// the index of that break placement; false when the clock expired first.
    bool day_values(std::size_t k, const std::vector<double>& w, std::vector<double>& val,
                    std::vector<std::size_t>& arg, work_clock& clock) const;
    /// Per day, the start (index) with the largest value within the band around start ri.
    void best_starts(std::size_t k, std::size_t ri, const std::vector<double>& val,
                     std::vector<std::size_t>& pick) const;
    /// The tours of kept light candidates (each template's day values computed once).
    [[nodiscard]] std::vector<candidate> tours_of(const std::vector<priced>& kept,
                                                  const std::vector<double>& w) const;
    /// Above 2 m tour columns, drops the nonbasic ones of largest reduced cost down to m (m
    /// the master's rows); the pricing brings back any that prices out again.
    void purge();
    void enumerate_placements(const lp_options& options, clock_type::time_point deadline);
    /// The identity start columns (shortage, side slacks or artificials), then the others.
    void slack_columns();
    /// Coefficient of a tour of template k working `days` days in side row i.
    [[nodiscard]] double side_coefficient(std::size_t i, std::size_t k,
                                          const std::vector<int>& days) const;
    /// Side-row duals folded into the pricing: per day (every tour working it) and per
    /// template (every tour of it).
    void side_duals(const Eigen::VectorXd& y, std::vector<double>& per_day,
                    std::vector<double>& per_template) const;
    /// The master's value and the columns with a positive value.
    void columns(lp_result& out) const;
    /// Farley's bound from the duals clamped into the slacks' dual box (pricing stopped at
    /// `deadline`: no bound), and the columns.
    void finish(lp_result& out, clock_type::time_point deadline) const;

    const model& m_;
    std::vector<int> row_of_;
    std::vector<double> rhs_;
    double constant_ = 0;      ///< shortage price of intervals no shift can cover
    bool integer_ = false;     ///< the integer-coverage master (lp_options::integer_coverage)
    double hull_constant_ = 0; ///< integer-coverage master: Σ under·frac r over its rows
    double empty_ = 0;         ///< objective of the empty schedule
    double cheapest_ = 0;
    std::string refused_;
    bool refused_by_clock_ = false;
    std::vector<std::vector<int>> placements_;
    std::optional<simplex> lp_;     ///< by value: a copy of the generation is a copy of its master
    std::vector<std::size_t> twin_; ///< per side row: its −1 column (surplus or elastic), or npos
    std::vector<side_row> side_;
    double elastic_ = 0;      ///< cost of a unit of lower-limit violation (artificials)
    std::size_t first_ = 0;   ///< master column of the first tour
    std::vector<tour> tours_; ///< tour of master column first_ + j
};

/// Branch and bound on the integer counts of a converged master (tours per template, then
/// agents per day: each child tightens one branching row to ⌊v⌋ or ⌈v⌉ and re-solves from its
/// parent's basis): the least bound of the open nodes, at least the root's. Stops when the
/// bound reaches (1 − target) × upper, after `max_nodes` nodes or `max_pivots` pivots in all, or
/// at the deadline (cut_short). `upper` is the objective of a schedule meeting every limit;
/// `improve` is called with each converged child's LP and returns the objective of the best
/// schedule meeting every limit known after it (a search from that LP's core), which becomes
/// `upper` (pruning, the cap N of Farley's bound, the stop).
[[nodiscard]] bound_result branch_on_counts(const model& m, const column_generation& root,
                                            const lp_result& lp, double upper, double target,
                                            int max_nodes, long max_pivots,
                                            std::chrono::steady_clock::time_point deadline,
                                            const std::function<double(const lp_result&)>& improve);

/// The integer-coverage bound of a compiled problem (see wfm::schedule::integer_coverage_bound).
/// (cut_short: the deadline stopped the ascent; the value is then the best so far).
[[nodiscard]] bound_result integer_coverage_bound(const problem& p, const model& m,
                                                  const lp_result& lp, double upper, int iterations,
                                                  std::chrono::steady_clock::time_point deadline);

/// The LP relaxation of a compiled problem (see wfm::schedule::lp_relaxation), its time limit
/// counted from `start`.
[[nodiscard]] lp_result lp_relaxation(const problem& p, const model& m, const lp_options& options,
                                      std::chrono::steady_clock::time_point start);

/// The same, with the master kept (for branch_on_counts); with `branching` the master has the
/// branching rows after the side rows (lp_result::branching_rows).
[[nodiscard]] std::pair<lp_result, std::shared_ptr<const column_generation>>
lp_relaxation_master(const problem& p, const model& m, const lp_options& options,
                     std::chrono::steady_clock::time_point start, bool branching);

} // namespace wfm::schedule::detail
