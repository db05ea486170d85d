// Leading singular vectors through the symmetric eigensolver (see svd.hpp).
#include "svd.hpp"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>

namespace wfm::forecast::detail {

leading_svd leading_singular(const Eigen::MatrixXd& y, Eigen::Index k) {
    const Eigen::Index m = y.cols();
    k = std::clamp<Eigen::Index>(k, 0, m);
    leading_svd out{Eigen::MatrixXd(m, k), Eigen::VectorXd(k)};
    if (k == 0) {
        return out;
    }
    // YᵀY = V S² Vᵀ; the eigenvalues come in increasing order.
    const Eigen::MatrixXd gram = y.transpose() * y;
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(gram);
    for (Eigen::Index c = 0; c < k; ++c) {
        const Eigen::Index from = m - 1 - c;
        out.v.col(c) = eigen.eigenvectors().col(from);
        out.s(c) = std::sqrt(std::max(0.0, eigen.eigenvalues()(from)));
    }
    return out;
}

} // namespace wfm::forecast::detail
