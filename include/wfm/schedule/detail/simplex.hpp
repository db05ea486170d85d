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
#include <limits>
#include <vector>

namespace wfm::schedule::detail {

/// A row or column index as Eigen's index type.
[[nodiscard]] inline Eigen::Index ei(std::size_t i) noexcept {
    return static_cast<Eigen::Index>(i);
}

/// A column of A with its cost: nonzero rows (ascending) and their values, and an upper bound
/// on its variable (infinite: none).
struct sparse_column {
    std::vector<int> rows;
    std::vector<double> values;
    double cost = 0;
    double upper = std::numeric_limits<double>::infinity();
};

/// min c·x subject to A x = b, 0 ≤ x ≤ u, with b ≥ 0, started from the basis of the first m
/// columns, which must be the identity (slacks or artificials) and unbounded above. Columns may
/// be added between solves (at their lower bound 0). A bounded column is nonbasic at 0 or at its
/// upper bound, and the ratio test includes the bound flip of the entering column and basic
/// variables reaching their upper bound (the bounded primal simplex; Chvátal 1983, ch. 8).
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
        return in_basis_[j] >= 0 ? xb_(in_basis_[j]) : at_upper_[j] != 0 ? cols_[j].upper : 0.0;
    }
    [[nodiscard]] std::size_t columns() const { return cols_.size(); }
    /// Reduced cost of column j for the current duals (0 when basic).
    [[nodiscard]] double reduced(std::size_t j) const {
        return in_basis_[j] >= 0 ? 0.0 : reduced_cost(j);
    }
    [[nodiscard]] bool basic(std::size_t j) const { return in_basis_[j] >= 0; }
    /// Pivots and bound flips so far (every optimise call).
    [[nodiscard]] long pivots() const { return pivots_; }
    /// Pivots since the last refactorisation (or the start).
    [[nodiscard]] int since_refactor() const { return since_refactor_; }
    /// Changes b_i and recomputes x_B from the current B⁻¹ (the basis may become infeasible:
    /// see primal_feasible and negate_basic).
    void set_rhs(std::size_t i, double value);
    /// Every basic variable within its bounds (1e-7).
    [[nodiscard]] bool primal_feasible() const;
    /// Replaces the basic unit column `out` by the nonbasic column `in`, its negative (a slack
    /// and its elastic twin): B⁻¹'s row and x_B's entry at out's position change sign, so a
    /// slack driven negative by set_rhs becomes its twin at a positive value. Duals and the
    /// Devex reference framework are recomputed.
    void negate_basic(std::size_t out, std::size_t in);
    /// Removes the nonbasic columns j with drop[j] set (basic ones and those at their upper
    /// bound stay); the others keep
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
    /// The leaving row for entering column q moving in direction `dir` (+1 up from 0, −1 down
    /// from its upper bound) along alpha = B⁻¹a_q: m = none (unbounded), m + 1 = the bound flip
    /// of q; `to_upper` when the leaving variable reaches its upper bound.
    std::size_t leaving(const Eigen::VectorXd& alpha, std::size_t q, double dir, bool bland,
                        double& ratio, bool& to_upper) const;
    void pivot(std::size_t q, std::size_t r, double step, double reduced, bool to_upper,
               Eigen::VectorXd& alpha);
    /// x_B = B⁻¹ (b − Σ over the columns at their upper bound of u_j a_j).
    void primal_values();
    /// The reduced cost d_j with the sign that makes moving column j off its bound improve
    /// when negative (−d_j at the upper bound).
    [[nodiscard]] double improving(std::size_t j, double d) const {
        return at_upper_[j] != 0 ? -d : d;
    }
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
    std::vector<char> at_upper_;         ///< nonbasic at its upper bound
    std::vector<std::size_t> basis_;
    Eigen::MatrixXd binv_;
    Eigen::VectorXd xb_;
    Eigen::VectorXd y_;
    int since_refactor_ = 0;
    long pivots_ = 0;
    clock_type::duration refactor_time_{-1}; ///< duration of the last refactorisation
    std::size_t cursor_ = 0;
    std::vector<double> reduced_; ///< Devex: reduced cost per column (0 when basic)
    std::vector<double> weight_;  ///< Devex reference weight per column
};

} // namespace wfm::schedule::detail
