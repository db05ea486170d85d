// Rounding of an LP solution into a start schedule (see round_lp in lp.hpp).
#include "column_generation.hpp"

#include <wfm/schedule/detail/index.hpp>
#include <wfm/schedule/detail/model.hpp>
#include <wfm/schedule/lp.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>

namespace wfm::schedule {
namespace {

using detail::compiled_template;
using detail::model;
using detail::to_index;

/// The schedule being rounded: its coverage and the counts the upper limits restrict.
class rounding {
public:
    rounding(const problem& p, const lp_result& lp)
        : m_(detail::compile(p)), limits_(p.limits), lp_(lp), cov_(to_index(m_.intervals), 0),
          per_template_(m_.templates.size(), 0), per_day_(to_index(m_.days), 0) {
        for (const tour& t : lp.columns) {
            covers_.push_back(detail::covered_intervals(m_, t));
        }
    }

    /// One more copy of column t keeps every upper limit.
    [[nodiscard]] bool allowed(const tour& t) const {
        const auto& l = limits_;
        const compiled_template& c = m_.templates[to_index(t.template_index)];
        if (l.max_headcount && headcount_ + 1 > *l.max_headcount) {
            return false;
        }
        if (per_template_[to_index(t.template_index)] + 1 > c.max_tours) {
            return false;
        }
        if (l.max_part_time_share && c.part_time &&
            static_cast<double>(part_time_ + 1) >
                *l.max_part_time_share * static_cast<double>(headcount_ + 1) + 1e-9) {
            return false;
        }
        for (const int d : m_.pattern_days[to_index(t.pattern_index)]) {
            if (!l.max_per_day.empty() && per_day_[to_index(d)] + 1 > l.max_per_day[to_index(d)]) {
                return false;
            }
        }
        return true;
    }

    /// Objective change of one more copy of column j.
    [[nodiscard]] double cost(std::size_t j) const {
        const tour& t = lp_.columns[j];
        double v = m_.templates[to_index(t.template_index)].cost *
                   static_cast<double>(m_.pattern_days[to_index(t.pattern_index)].size());
        // cumulative: a column may cover an interval twice only with overlapping days
        std::vector<int> seen;
        for (const int tt : covers_[j]) {
            const int extra = static_cast<int>(std::count(seen.begin(), seen.end(), tt));
            v += m_.step_up(cov_[to_index(tt)] + extra, tt);
            if (m_.band > 0) {
                seen.push_back(tt);
            }
        }
        return v;
    }

    void add(std::size_t j) {
        const tour& t = lp_.columns[j];
        for (const int tt : covers_[j]) {
            ++cov_[to_index(tt)];
        }
        ++per_template_[to_index(t.template_index)];
        for (const int d : m_.pattern_days[to_index(t.pattern_index)]) {
            ++per_day_[to_index(d)];
        }
        ++headcount_;
        part_time_ += m_.templates[to_index(t.template_index)].part_time ? 1 : 0;
        out_.push_back(t);
    }

    std::vector<tour> take() { return std::move(out_); }

private:
    model m_;
    const schedule_limits& limits_;
    const lp_result& lp_;
    std::vector<int> cov_;
    std::vector<int> per_template_;
    std::vector<int> per_day_;
    int headcount_ = 0;
    int part_time_ = 0;
    std::vector<std::vector<int>> covers_; ///< covered intervals of each column
    std::vector<tour> out_;
};

} // namespace

std::vector<tour> round_lp(const problem& p, const lp_result& lp,
                           std::chrono::steady_clock::time_point deadline) {
    rounding r(p, lp);
    for (std::size_t j = 0; j < lp.columns.size(); ++j) {
        for (double k = std::floor(lp.x[j] + 1e-9); k > 0.5 && r.allowed(lp.columns[j]); k -= 1) {
            r.add(j);
        }
    }
    while (std::chrono::steady_clock::now() <= deadline) {
        double best = -1e-9;
        std::size_t bj = lp.columns.size();
        for (std::size_t j = 0; j < lp.columns.size(); ++j) {
            if (!r.allowed(lp.columns[j])) {
                continue;
            }
            const double v = r.cost(j);
            if (v < best) {
                best = v;
                bj = j;
            }
        }
        if (bj == lp.columns.size()) {
            break;
        }
        r.add(bj);
    }
    return r.take();
}

} // namespace wfm::schedule
