// Revised primal simplex (see wfm/schedule/detail/simplex.hpp).
#include <wfm/schedule/detail/simplex.hpp>

#include <wfm/schedule/detail/index.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <utility>

namespace wfm::schedule::detail {

simplex::simplex(std::vector<double> rhs) : m_(rhs.size()), rhs_(ei(m_)) {
    for (std::size_t i = 0; i < m_; ++i) {
        rhs_(ei(i)) = rhs[i];
    }
}

std::size_t simplex::add(sparse_column c) {
    std::vector<run> runs;
    for (std::size_t i = 0; i < c.rows.size(); ++i) {
        if (!runs.empty() && runs.back().end == c.rows[i] && runs.back().value == c.values[i]) {
            ++runs.back().end;
        } else {
            runs.push_back({c.rows[i], c.rows[i] + 1, c.values[i]});
        }
    }
    runs_.push_back(std::move(runs));
    cols_.push_back(std::move(c));
    in_basis_.push_back(-1);
    at_upper_.push_back(0);
    weight_.push_back(1.0);
    reduced_.push_back(y_.size() == ei(m_) ? reduced_cost(cols_.size() - 1) : 0.0);
    return cols_.size() - 1;
}

void simplex::remove(const std::vector<char>& drop) {
    std::vector<std::size_t> to(cols_.size());
    std::size_t n = 0;
    for (std::size_t j = 0; j < cols_.size(); ++j) {
        if (drop[j] != 0 && in_basis_[j] < 0 && at_upper_[j] == 0) {
            continue;
        }
        to[j] = n;
        if (n != j) {
            cols_[n] = std::move(cols_[j]);
            runs_[n] = std::move(runs_[j]);
            in_basis_[n] = in_basis_[j];
            at_upper_[n] = at_upper_[j];
            reduced_[n] = reduced_[j];
            weight_[n] = weight_[j];
        }
        ++n;
    }
    cols_.resize(n);
    runs_.resize(n);
    in_basis_.resize(n);
    at_upper_.resize(n);
    reduced_.resize(n);
    weight_.resize(n);
    for (std::size_t& b : basis_) {
        b = to[b];
    }
    cursor_ = 0;
}

void simplex::set_rhs(std::size_t i, double value) {
    rhs_(ei(i)) = value;
    primal_values();
}

bool simplex::primal_feasible() const {
    for (std::size_t i = 0; i < m_; ++i) {
        const double v = xb_(ei(i));
        if (!(v >= -1e-7 && v <= cols_[basis_[i]].upper + 1e-7)) {
            return false;
        }
    }
    return true;
}

void simplex::negate_basic(std::size_t out, std::size_t in) {
    const int r = in_basis_[out];
    binv_.row(r) *= -1.0;
    xb_(r) = -xb_(r);
    in_basis_[out] = -1;
    at_upper_[out] = 0;
    basis_[to_index(r)] = in;
    in_basis_[in] = r;
    at_upper_[in] = 0;
    duals();
}

void simplex::start() {
    basis_.resize(m_);
    for (std::size_t i = 0; i < m_; ++i) {
        basis_[i] = i;
        in_basis_[i] = static_cast<int>(i);
    }
    binv_ = Eigen::MatrixXd::Identity(ei(m_), ei(m_));
    xb_ = rhs_;
    duals();
}

std::size_t simplex::entering(bool bland, double& best) {
    const std::size_t n = cols_.size();
    std::size_t q = n;
    if (bland) {
        for (std::size_t j = 0; j < n && q == n; ++j) {
            const double d = in_basis_[j] >= 0 ? 0.0 : improving(j, current_reduced_cost(j));
            if (d < best) {
                best = d;
                q = j;
            }
        }
        return q;
    }
    return devex() ? devex_entering(best) : partial_entering(best);
}

std::size_t simplex::devex_entering(double& best) const {
    // the largest d_j² / w_j among the improving columns
    const std::size_t n = cols_.size();
    std::size_t q = n;
    double score = 0;
    for (std::size_t j = 0; j < n; ++j) {
        const double d = improving(j, reduced_[j]);
        if (d < best && in_basis_[j] < 0 && d * d / weight_[j] > score) {
            score = d * d / weight_[j];
            q = j;
        }
    }
    if (q < n) {
        best = improving(q, reduced_[q]);
    }
    return q;
}

std::size_t simplex::partial_entering(double& best) {
    // partial pricing: the best of the first segment (from a rotating cursor) that holds an
    // improving column
    const std::size_t n = cols_.size();
    std::size_t q = n;
    const std::size_t segment = std::max<std::size_t>(256, n / 8);
    std::size_t j = cursor_ % n;
    for (std::size_t scanned = 0; scanned < n && q == n;) {
        const std::size_t end = std::min(scanned + segment, n);
        for (; scanned < end; ++scanned, j = j + 1 == n ? 0 : j + 1) {
            const double d = in_basis_[j] >= 0 ? 0.0 : improving(j, reduced_cost(j));
            if (d < best) {
                best = d;
                q = j;
            }
        }
    }
    cursor_ = j;
    return q;
}

std::size_t simplex::leaving(const Eigen::VectorXd& alpha, std::size_t q, double dir, bool bland,
                             double& ratio, bool& to_upper) const {
    // min ratio over the basic variables falling to 0 or rising to their upper bound; ties to
    // the larger pivot, or the smallest variable (Bland)
    std::size_t r = m_;
    ratio = std::numeric_limits<double>::infinity();
    to_upper = false;
    for (std::size_t i = 0; i < m_; ++i) {
        const double ai = dir * alpha(ei(i));
        const double ui = cols_[basis_[i]].upper;
        double t = 0;
        if (ai > 1e-7) { // small pivots make the basis ill-conditioned
            t = std::max(xb_(ei(i)), 0.0) / ai;
        } else if (ai < -1e-7 && ui < std::numeric_limits<double>::infinity()) {
            t = std::max(ui - xb_(ei(i)), 0.0) / -ai;
        } else {
            continue;
        }
        bool take = t < ratio - 1e-12;
        if (!take && t <= ratio + 1e-12 && r < m_) {
            take = bland ? basis_[i] < basis_[r] : std::abs(ai) > std::abs(alpha(ei(r)));
        }
        if (take) {
            ratio = t;
            r = i;
            to_upper = ai < 0;
        }
    }
    if (cols_[q].upper < std::numeric_limits<double>::infinity() && cols_[q].upper <= ratio) {
        // the entering column reaches its other bound first
        ratio = cols_[q].upper;
        r = m_ + 1;
    }
    return r;
}

void simplex::pivot(std::size_t q, std::size_t r, double step, double reduced, bool to_upper,
                    Eigen::VectorXd& alpha) {
    const double ar = alpha(ei(r));
    const bool from_upper = at_upper_[q] != 0;
    xb_ -= (from_upper ? -step : step) * alpha;
    xb_(ei(r)) = from_upper ? cols_[q].upper - step : step;
    at_upper_[q] = 0;
    at_upper_[basis_[r]] = to_upper ? 1 : 0;
    const Eigen::RowVectorXd row = binv_.row(ei(r)) / ar;
    y_ += reduced * row.transpose();
    if (devex()) {
        update_pricing(q, basis_[r], ar, reduced, row);
    }
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

void simplex::update_pricing(std::size_t q, std::size_t leave, double ar, double reduced,
                             const Eigen::RowVectorXd& row) {
    // pivot row entries α_rj / α_rq = (row r of B⁻¹ / α_rq) · a_j (Forrest & Goldfarb 1992)
    const double wq = weight_[q];
    prefix_.resize(m_ + 1);
    prefix_[0] = 0;
    for (std::size_t i = 0; i < m_; ++i) {
        prefix_[i + 1] = prefix_[i] + row(ei(i));
    }
    for (std::size_t j = 0; j < cols_.size(); ++j) {
        if (in_basis_[j] >= 0) {
            continue;
        }
        double v = 0;
        for (const run& u : runs_[j]) {
            v += u.value * (prefix_[to_index(u.end)] - prefix_[to_index(u.begin)]);
        }
        if (v != 0.0) {
            reduced_[j] -= reduced * v;
            weight_[j] = std::max(weight_[j], v * v * wq);
        }
    }
    reduced_[q] = 0.0;
    reduced_[leave] = -reduced / ar;
    weight_[leave] = std::max(wq / (ar * ar), 1.0);
}

simplex::outcome simplex::optimise(long& pivot_budget, clock_type::time_point deadline) {
    const double tol = 1e-9;
    int degenerate = 0;
    Eigen::VectorXd alpha(ei(m_));
    for (;;) {
        if (since_refactor_ >= 1000) {
            if (!refactor_fits(deadline)) {
                return outcome::pivot_limit;
            }
            if (!refactor()) {
                return outcome::failed;
            }
        }
        // entering: Dantzig, or Bland (first improving index) after degenerate pivots
        const bool bland = degenerate > 50;
        double best = -tol;
        const std::size_t q = entering(bland, best);
        if (q == cols_.size()) {
            return outcome::optimal;
        }
        // a pivot costs O(m²) (m ≥ 1), well above a clock read
        if (pivot_budget <= 0 || clock_type::now() > deadline) {
            return outcome::pivot_limit;
        }
        --pivot_budget;
        ++pivots_;
        alpha.setZero();
        const sparse_column& a = cols_[q];
        for (std::size_t i = 0; i < a.rows.size(); ++i) {
            alpha += a.values[i] * binv_.col(a.rows[i]);
        }
        const double dir = at_upper_[q] != 0 ? -1.0 : 1.0;
        double ratio = 0;
        bool to_upper = false;
        const std::size_t r = leaving(alpha, q, dir, bland, ratio, to_upper);
        if (r == m_) {
            return outcome::unbounded;
        }
        degenerate = ratio < 1e-12 ? degenerate + 1 : 0;
        if (r == m_ + 1) { // bound flip: the basis and the duals stay
            xb_ -= dir * ratio * alpha;
            at_upper_[q] = at_upper_[q] != 0 ? 0 : 1;
            continue;
        }
        pivot(q, r, ratio, dir * best, to_upper, alpha);
    }
}

bool simplex::refactor_fits(clock_type::time_point deadline) const {
    const double m = static_cast<double>(m_);
    const auto estimate = refactor_time_.count() >= 0
                              ? refactor_time_
                              : std::chrono::duration_cast<clock_type::duration>(
                                    std::chrono::duration<double, std::nano>(m * m * m));
    const auto now = clock_type::now();
    return deadline - now > estimate;
}

bool simplex::refactor() {
    const auto t0 = clock_type::now();
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
    primal_values();
    if (!xb_.allFinite()) {
        return false;
    }
    for (std::size_t i = 0; i < m_; ++i) {
        const double u = cols_[basis_[i]].upper;
        const double v = xb_(ei(i));
        if (v < -1e-7 || v > u + 1e-7) {
            return false;
        }
        xb_(ei(i)) = std::clamp(v, 0.0, u);
    }
    duals();
    since_refactor_ = 0;
    refactor_time_ = clock_type::now() - t0;
    return true;
}

void simplex::primal_values() {
    Eigen::VectorXd b = rhs_;
    for (std::size_t j = 0; j < cols_.size(); ++j) {
        if (at_upper_[j] != 0) {
            const sparse_column& a = cols_[j];
            for (std::size_t k = 0; k < a.rows.size(); ++k) {
                b(a.rows[k]) -= a.upper * a.values[k];
            }
        }
    }
    xb_ = binv_ * b;
}

double simplex::value() const {
    double v = 0;
    for (std::size_t i = 0; i < m_; ++i) {
        v += cols_[basis_[i]].cost * xb_(ei(i));
    }
    for (std::size_t j = 0; j < cols_.size(); ++j) {
        v += at_upper_[j] != 0 ? cols_[j].cost * cols_[j].upper : 0.0;
    }
    return v;
}

double simplex::reduced_cost(std::size_t j) const {
    const sparse_column& a = cols_[j];
    double d = a.cost;
    for (std::size_t i = 0; i < a.rows.size(); ++i) {
        d -= a.values[i] * y_(a.rows[i]);
    }
    return d;
}

void simplex::duals() {
    Eigen::VectorXd cb(ei(m_));
    for (std::size_t i = 0; i < m_; ++i) {
        cb(ei(i)) = cols_[basis_[i]].cost;
    }
    y_ = binv_.transpose() * cb;
    std::fill(weight_.begin(), weight_.end(), 1.0); // a new reference framework
    for (std::size_t j = 0; j < cols_.size() && devex(); ++j) {
        reduced_[j] = in_basis_[j] >= 0 ? 0.0 : reduced_cost(j);
    }
}

} // namespace wfm::schedule::detail
