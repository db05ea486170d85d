#pragma once
// Eigen's divide-and-conquer SVD, instantiated once for the library in svd.cpp: each implicit
// instantiation of BDCSVD<MatrixXd> costs about 30 s of compile CPU at -O2, and two forecast
// sources use it (docs/performance.md, "Build time").

#include <Eigen/SVD>

extern template class Eigen::BDCSVD<Eigen::MatrixXd>;
