#pragma once
// Column generation for the LP relaxation of the shift-scheduling problem (lp.hpp): the
// restricted master over tour columns, exact pricing of tours and Farley's bound.

#include <wfm/schedule/detail/model.hpp>
#include <wfm/schedule/detail/simplex.hpp>
#include <wfm/schedule/lp.hpp>

#include <Eigen/Dense>

#include <cstddef>
#include <memory>
#include <vector>

namespace wfm::schedule::detail {

/// Grid intervals a tour covers (on shift and not on a break), one entry per covered
/// agent-interval, in day order.
[[nodiscard]] std::vector<int> covered_intervals(const model& m, const tour& t);

/// A priced tour and its reduced cost.
struct candidate {
    double rc = 0;
    tour t;
};

class column_generation {
public:
    /// The master's rows and slack columns; `cap` limits the break placements per template.
    column_generation(const model& m, int cap);

    [[nodiscard]] bool too_many_placements() const { return over_cap_; }
    [[nodiscard]] double cheapest_tour() const { return cheapest_; }

    /// Tours with reduced cost below −tol for duals y (row space), best first, at most `limit`;
    /// also sets the minimum reduced cost over all tours.
    std::vector<candidate> price(const Eigen::VectorXd& y, double tol, std::size_t limit,
                                 double& min_rc) const;
    /// The master's column of a tour (coverage of its working days, breaks excluded).
    [[nodiscard]] sparse_column column_of(const tour& t) const;
    /// Solves the master and prices until convergence or a limit.
    lp_result run(const lp_options& options);

private:
    /// Per (day, start) of template k: the dual value of the shift with its best breaks, and
    /// the index of that break placement.
    void day_values(std::size_t k, const std::vector<double>& w, std::vector<double>& val,
                    std::vector<std::size_t>& arg) const;
    /// Farley's bound from the duals clamped into the slacks' dual box, and the columns.
    void finish(lp_result& out) const;

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

} // namespace wfm::schedule::detail
