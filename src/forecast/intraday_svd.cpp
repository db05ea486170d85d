// Penalised least-squares updating of the SVD day scores (see intraday_svd.hpp).
#include "intraday_svd.hpp"

#include "svd.hpp"

#include <Eigen/Cholesky>

#include <algorithm>
#include <cmath>
#include <vector>

namespace wfm::forecast::detail {
namespace {

// Rows: the last `days` dates before today whose every slot in `open` is observed in history.
Eigen::MatrixXd past_days(const time_series& history, const time_series& today,
                          const std::vector<std::size_t>& open, int days) {
    std::vector<std::vector<double>> rows;
    const auto first_day = day_of(history.start());
    for (auto d = day_of(today.start()) - std::chrono::days{1};
         d >= first_day && rows.size() < static_cast<std::size_t>(days);
         d -= std::chrono::days{1}) {
        const auto shift = today.start() - timestamp{d.time_since_epoch()};
        std::vector<double> row;
        row.reserve(open.size());
        for (const std::size_t j : open) {
            const auto k = history.index_of(today.time_at(j) - shift);
            if (!k || !history.observed(*k)) {
                break;
            }
            row.push_back(std::sqrt(history.value(*k)));
        }
        if (row.size() == open.size()) {
            rows.push_back(std::move(row));
        }
    }
    Eigen::MatrixXd x(static_cast<Eigen::Index>(rows.size()),
                      static_cast<Eigen::Index>(open.size()));
    for (std::size_t r = 0; r < rows.size(); ++r) {
        for (std::size_t c = 0; c < open.size(); ++c) {
            x(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = rows[r][c];
        }
    }
    return x;
}

} // namespace

std::optional<time_series> svd_update(const time_series& history, const time_series& today,
                                      timestamp now, int components, double penalty, int days) {
    std::vector<std::size_t> open;
    std::vector<std::size_t> seen; // positions in `open` observed today before now
    std::vector<double> actual;
    double sum_f = 0.0;
    for (std::size_t j = 0; j < today.size(); ++j) {
        if (!today.observed(j)) {
            continue;
        }
        sum_f += today.value(j);
        const auto k = history.index_of(today.time_at(j));
        if (today.time_at(j) < now && k && history.observed(*k)) {
            seen.push_back(open.size());
            actual.push_back(std::sqrt(history.value(*k)));
        }
        open.push_back(j);
    }
    const Eigen::MatrixXd x = past_days(history, today, open, days);
    if (seen.empty() || sum_f <= 0.0 || x.rows() < components + 2) {
        return std::nullopt;
    }
    const Eigen::Index k = std::min<Eigen::Index>(components, x.cols());
    const Eigen::MatrixXd v = leading_singular(x, k).v;
    Eigen::VectorXd f(static_cast<Eigen::Index>(open.size()));
    for (std::size_t c = 0; c < open.size(); ++c) {
        f(static_cast<Eigen::Index>(c)) = std::sqrt(today.value(open[c]));
    }
    const Eigen::VectorXd beta0 = v.transpose() * f;
    const Eigen::VectorXd rest = f - v * beta0; // kept: the day-ahead's part outside the basis
    Eigen::MatrixXd vo(static_cast<Eigen::Index>(seen.size()), k);
    Eigen::VectorXd y(static_cast<Eigen::Index>(seen.size()));
    for (std::size_t s = 0; s < seen.size(); ++s) {
        const auto c = static_cast<Eigen::Index>(seen[s]);
        vo.row(static_cast<Eigen::Index>(s)) = v.row(c);
        y(static_cast<Eigen::Index>(s)) = actual[s] - rest(c);
    }
    const double lambda = penalty * static_cast<double>(open.size()) / sum_f;
    const Eigen::MatrixXd a = vo.transpose() * vo + lambda * Eigen::MatrixXd::Identity(k, k);
    const Eigen::VectorXd beta = a.ldlt().solve(vo.transpose() * y + lambda * beta0);
    const Eigen::VectorXd g = v * beta + rest;
    time_series out = today;
    for (std::size_t c = 0; c < open.size(); ++c) {
        const double s = std::max(0.0, g(static_cast<Eigen::Index>(c)));
        out.set(open[c], s * s);
    }
    return out;
}

} // namespace wfm::forecast::detail
