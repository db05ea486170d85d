#pragma once
/// Revised primal simplex for the restricted master of the column generation (lp.hpp): an
/// explicit dense basis inverse with product-form updates, refactorised with an LU every 1000
/// pivots, Devex pricing on masters of more than devex_rows rows (Forrest & Goldfarb 1992:
/// reduced costs and reference weights updated from the pivot row, which halves the pivots of
/// Dantzig's rule on the sample's masters; Dantzig over rotating segments on smaller ones), a
/// pivot tolerance of 1e-7 in the ratio test, and Bland's rule after a run of degenerate pivots
/// against cycling (Chvátal, Linear Programming, 1983, ch. 3).

#include <Eigen/Dense>

#include <chrono>
#include <cstddef>
#include <vector>

namespace wfm::schedule::detail {

/// A column of A with its cost: nonzero rows (ascending) and their values.
struct sparse_column {
    std::vector<int> rows;
    std::vector<double> values;
    double cost = 0;
};

/// min c·x subject to A x = b, x ≥ 0, with b ≥ 0, started from the basis of the first m columns,
/// which must be the identity (slacks or artificials). Columns may be added between solves.
class simplex {
public:
    /// Masters of more rows are priced by Devex; smaller ones keep Dantzig's partial pricing,
    /// with which the reference instances' results were measured (week30: 336 rows).
    static constexpr std::size_t devex_rows = 400;
    using clock_type = std::chrono::steady_clock;
    enum class outcome {
        optimal,     ///< no column prices out
        pivot_limit, ///< the pivot budget or the deadline stopped it (the basis stays feasible)
        unbounded,   ///< an improving column with no positive entry in B⁻¹a
        failed,      ///< the basis became numerically unsound
    };

    /// The right-hand side b (every entry ≥ 0).
    explicit simplex(std::vector<double> rhs);

    /// Adds a column; returns its index.
    std::size_t add(sparse_column c);
    /// Installs the identity basis; call after the first m (identity) columns were added.
    void start();
    /// Pivots until optimal, the budget is spent (decremented per pivot) or the deadline passes
    /// (read before every pivot, and a due refactorisation that would end past it stops it).
    outcome optimise(long& pivot_budget, clock_type::time_point deadline);
    /// Recomputes B⁻¹, x_B and y from the basis; false when they are not sound.
    bool refactor();
    /// A refactorisation (O(m³)) would end before `deadline`, judged by the last one's time
    /// (or by m³ ns before the first).
    [[nodiscard]] bool refactor_fits(clock_type::time_point deadline) const;

    /// Duals y = B⁻ᵀ c_B.
    [[nodiscard]] const Eigen::VectorXd& y() const { return y_; }
    /// Objective c·x of the current basic solution.
    [[nodiscard]] double value() const;
    /// Value of variable j in the current basic solution.
    [[nodiscard]] double x(std::size_t j) const {
        return in_basis_[j] >= 0 ? xb_(in_basis_[j]) : 0.0;
    }
    [[nodiscard]] std::size_t columns() const { return cols_.size(); }
    /// Reduced cost of column j for the current duals (0 when basic).
    [[nodiscard]] double reduced(std::size_t j) const {
        return in_basis_[j] >= 0 ? 0.0 : reduced_cost(j);
    }
    [[nodiscard]] bool basic(std::size_t j) const { return in_basis_[j] >= 0; }
    /// Removes the nonbasic columns j with drop[j] set (basic ones stay); the others keep
    /// their order, so column j becomes the number of kept columns before it.
    void remove(const std::vector<char>& drop);

private:
    [[nodiscard]] double reduced_cost(std::size_t j) const;
    /// The entering column: Devex (more than devex_rows rows) or Dantzig over a segment, or
    /// Bland's first improving one; n = none.
    std::size_t entering(bool bland, double& best);
    [[nodiscard]] std::size_t devex_entering(double& best) const;
    std::size_t partial_entering(double& best);
    [[nodiscard]] bool devex() const { return m_ > devex_rows; }
    [[nodiscard]] double current_reduced_cost(std::size_t j) const {
        return devex() ? reduced_[j] : reduced_cost(j);
    }
    /// The leaving row for entering direction alpha; m = none (unbounded).
    std::size_t leaving(const Eigen::VectorXd& alpha, bool bland, double& ratio) const;
    void pivot(std::size_t q, std::size_t r, double ratio, double reduced, Eigen::VectorXd& alpha);
    /// Updates the reduced costs and the Devex weights for entering q, leaving `leave`.
    void update_pricing(std::size_t q, std::size_t leave, double ar, double reduced,
                        const Eigen::RowVectorXd& row);
    void duals();

    std::size_t m_;
    Eigen::VectorXd rhs_;
    std::vector<sparse_column> cols_;
    /// A run of consecutive rows [begin, end) of one value in a column: a tour covers whole
    /// stretches of intervals, so a dot product with a row vector is a few prefix-sum
    /// differences instead of one term per covered interval.
    struct run {
        int begin;
        int end;
        double value;
    };
    std::vector<std::vector<run>> runs_; ///< per column
    std::vector<double> prefix_;         ///< prefix sums of the pivot row (update_pricing)
    std::vector<int> in_basis_;          ///< row of a basic variable, −1 when nonbasic
    std::vector<std::size_t> basis_;
    Eigen::MatrixXd binv_;
    Eigen::VectorXd xb_;
    Eigen::VectorXd y_;
    int since_refactor_ = 0;
    clock_type::duration refactor_time_{-1}; ///< duration of the last refactorisation
    std::size_t cursor_ = 0;
    std::vector<double> reduced_; ///< Devex: reduced cost per column (0 when basic)
    std::vector<double> weight_;  ///< Devex reference weight per column
};

} // namespace wfm::schedule::detail
