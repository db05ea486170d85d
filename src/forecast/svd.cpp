// The one instantiation of Eigen::BDCSVD<Eigen::MatrixXd> (see svd.hpp).
#include "svd.hpp"

template class Eigen::BDCSVD<Eigen::MatrixXd>;
