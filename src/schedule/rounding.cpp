// Rounding of an LP solution into a start schedule (see round_lp in lp.hpp).
#include "column_generation.hpp"
#include "start.hpp"

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
          per_template_(m_.templates.size(), 0), per_day_(to_index(m_.days), 0),
          penalty_(detail::limit_penalty(m_)) {
        for (const tour& t : lp.columns) {
            covers_.push_back(detail::covered_intervals(m_, t));
        }
    }

    [[nodiscard]] bool part_time(std::size_t j) const {
        return m_.templates[to_index(lp_.columns[j].template_index)].part_time;
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

    /// Objective change of one more copy of column j, less the penalty of the lower-limit
    /// deficit (per template, per day) it removes.
    [[nodiscard]] double cost(std::size_t j) const {
        const tour& t = lp_.columns[j];
        const compiled_template& c = m_.templates[to_index(t.template_index)];
        const auto& days = m_.pattern_days[to_index(t.pattern_index)];
        double v = c.cost * static_cast<double>(days.size());
        int met = per_template_[to_index(t.template_index)] < c.min_tours ? 1 : 0;
        for (const int d : days) {
            const auto i = to_index(d);
            met += i < limits_.min_per_day.size() && per_day_[i] < limits_.min_per_day[i] ? 1 : 0;
        }
        v -= penalty_ * met;
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

    /// ⌊x⌋ copies of every column while the upper limits allow, full-time columns first.
    void floors() {
        for (const bool pt : {false, true}) {
            for (std::size_t j = 0; j < lp_.columns.size(); ++j) {
                if (part_time(j) != pt) {
                    continue;
                }
                for (double k = std::floor(lp_.x[j] + 1e-9); k > 0.5 && allowed(lp_.columns[j]);
                     k -= 1) {
                    add(j);
                }
            }
        }
    }

    /// Single copies that most decrease the objective (with the deficit penalty) while one
    /// does, the upper limits allow and `deadline` has not passed.
    void improve(std::chrono::steady_clock::time_point deadline) {
        while (std::chrono::steady_clock::now() <= deadline) {
            double best = -1e-9;
            std::size_t bj = lp_.columns.size();
            for (std::size_t j = 0; j < lp_.columns.size(); ++j) {
                if (!allowed(lp_.columns[j])) {
                    continue;
                }
                const double v = cost(j);
                if (v < best) {
                    best = v;
                    bj = j;
                }
            }
            if (bj == lp_.columns.size()) {
                break;
            }
            add(bj);
        }
    }

    std::vector<tour> take() { return std::move(out_); }

private:
    model m_;
    const schedule_limits& limits_;
    const lp_result& lp_;
    std::vector<int> cov_;
    std::vector<int> per_template_;
    std::vector<int> per_day_;
    double penalty_ = 0; ///< price of a unit of lower-limit deficit
    int headcount_ = 0;
    int part_time_ = 0;
    std::vector<std::vector<int>> covers_; ///< covered intervals of each column
    std::vector<tour> out_;
};

} // namespace

std::vector<tour> round_lp(const problem& p, const lp_result& lp,
                           std::chrono::steady_clock::time_point deadline) {
    rounding r(p, lp);
    r.floors();
    r.improve(deadline);
    return r.take();
}

namespace detail {

std::vector<tour> within_upper_limits(const problem& p, const std::vector<tour>& tours) {
    lp_result once;
    once.columns = tours;
    once.x.assign(tours.size(), 1.0);
    rounding r(p, once);
    r.floors();
    return r.take();
}

} // namespace detail
} // namespace wfm::schedule
