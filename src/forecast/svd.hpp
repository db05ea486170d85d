#pragma once
// The leading right singular vectors of a days × slots matrix, for the SVD forecast and the
// intraday SVD update. Computed from the eigenvectors of the slots × slots Gram matrix, compiled
// once in svd.cpp: Eigen's BDCSVD<MatrixXd> cost about 25 s of compile CPU per instantiation at
// -O2, the symmetric eigensolver about 6 s (docs/performance.md, "Build time").

#include <Eigen/Core>

namespace wfm::forecast::detail {

/// The `k` leading right singular vectors of `y` (columns of `v`, by decreasing singular value)
/// and their singular values `s` (≥ 0). `k` is at most y.cols(). A component whose singular
/// value is 0 still has a unit vector, orthogonal to the others.
struct leading_svd {
    Eigen::MatrixXd v;
    Eigen::VectorXd s;
};

[[nodiscard]] leading_svd leading_singular(const Eigen::MatrixXd& y, Eigen::Index k);

} // namespace wfm::forecast::detail
