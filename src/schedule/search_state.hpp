#pragma once
// The search's state: the schedule as tours, its coverage per interval, the counts the limits
// restrict, and the objective pieces (coverage, labour, limit penalties), kept up to date by
// O(shift length) apply/remove operations. The components built on it: break placement
// (break_placement.hpp), the moves (moves.hpp), and construction and annealing (search.hpp).

#include <wfm/schedule/detail/index.hpp>
#include <wfm/schedule/detail/model.hpp>
#include <wfm/schedule/problem.hpp>
#include <wfm/schedule/solve.hpp>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace wfm::schedule::detail {

using clock_type = std::chrono::steady_clock;

/// One agent's tour in the search's representation.
struct search_tour {
    int k = 0;              ///< template index
    int p = 0;              ///< pattern index
    int si = 0;             ///< index of the reference start in the template's starts
    std::vector<int> start; ///< per day, start interval within the day
    std::vector<int> brk;   ///< per day × max_breaks, break offsets
};

class search_state {
public:
    search_state(const model& m, const problem& p, std::uint64_t seed);

    [[nodiscard]] bool has_usable_template() const { return !usable_.empty(); }
    [[nodiscard]] double total() const { return cover_ + labour_ + penalty_ * violation(); }
    [[nodiscard]] double violation() const {
        if (!constrained_) {
            return 0;
        }
        double v = std::max(0, n_ - max_headcount_);
        for (std::size_t k = 0; k < tpl_count_.size(); ++k) {
            const compiled_template& c = m_.templates[k];
            v +=
                std::max(0, c.min_tours - tpl_count_[k]) + std::max(0, tpl_count_[k] - c.max_tours);
        }
        for (std::size_t d = 0; d < min_day_.size(); ++d) {
            v += std::max(0, min_day_[d] - day_count_[d]);
        }
        for (std::size_t d = 0; d < max_day_.size(); ++d) {
            v += std::max(0, day_count_[d] - max_day_[d]);
        }
        v += std::max(0.0, n_pt_ - pt_share_ * n_);
        return v;
    }

    /// Adds valid tours as they are (a start schedule).
    void load(const std::vector<tour>& tours);
    /// Fixes the tours loaded so far: moves keep them (only their breaks may move) until the
    /// share `release_at` of the search has passed (≥ 1: for the whole search).
    void fix_loaded(double release_at) {
        fixed_ = n_;
        release_at_ = release_at;
    }
    [[nodiscard]] int fixed_tours() const { return fixed_; }

    /// The best schedule found, as public tours.
    [[nodiscard]] std::vector<tour> best_tours() const;
    /// Its objective with the limits' penalty (set by the annealing loop).
    [[nodiscard]] double best_total() const { return best_total_; }

protected:
    void fresh(search_tour& x) const {
        x.start.assign(to_index(m_.days), 0);
        x.brk.assign(to_index(m_.days) * to_index(std::max(m_.max_breaks, 1)), 0);
    }
    search_tour& slot() {
        if (to_index(n_) == tours_.size()) {
            tours_.emplace_back();
            fresh(tours_.back());
        }
        return tours_[to_index(n_)];
    }
    std::uint64_t below(std::size_t n) { return rng_() % static_cast<std::uint64_t>(n); }
    /// A tour that moves may change: any but the fixed ones (any at all when every one is).
    int pick_free() {
        return n_ > fixed_ ? fixed_ + static_cast<int>(below(to_index(n_ - fixed_)))
                           : static_cast<int>(below(to_index(n_)));
    }
    int pick(std::size_t n) { return static_cast<int>(below(n)); }
    double uniform() { return static_cast<double>(rng_() >> 11U) * 0x1.0p-53; }

    void set_tour(search_tour& x, int k, int si, int p) const {
        x.k = k;
        x.si = si;
        x.p = p;
        std::fill(x.start.begin(), x.start.end(), m_.templates[to_index(k)].starts[to_index(si)]);
    }

    void count(int k, int p, int sign) {
        tpl_count_[to_index(k)] += sign;
        for (const int d : m_.pattern_days[to_index(p)]) {
            day_count_[to_index(d)] += sign;
        }
        n_pt_ += m_.templates[to_index(k)].part_time ? sign : 0;
        n_ += sign;
    }

    /// Adds (Sign = +1) or removes (−1) one agent at interval t ≥ 0; returns the objective
    /// change. Raw pointers: the compiler cannot prove that writes to cov_ leave the model's

    /// Adds (Sign = +1) or removes (−1) one agent at interval t ≥ 0; returns the objective
    /// change. Raw pointers: the compiler cannot prove that writes to cov_ leave the model's
    /// vectors alone, and reloading them costs as much as the work.
    template <int Sign> struct bumper {
        int* cov;
        const int* lo;
        const int* hi;
        const double* steps;
        double operator()(int t) const {
            const auto i = static_cast<std::size_t>(t);
            int c = cov[i];
            if constexpr (Sign < 0) {
                --c;
            }
            const double v = steps[3 * i + static_cast<std::size_t>(c >= lo[i]) +
                                   static_cast<std::size_t>(c >= hi[i])];
            if constexpr (Sign > 0) {
                ++c;
            }
            cov[i] = c;
            return Sign > 0 ? v : -v;
        }
    };

    /// Σ on(t) over the intervals of tour x's shift on day d plus Σ off(t) over its breaks'
    /// intervals (past the end of a non-cyclic week: nothing), shift first.
    template <class On, class Off>
    double walk_day(const search_tour& x, int d, const On& on, const Off& off) const {
        const compiled_template& c = m_.templates[to_index(x.k)];
        const int s = x.start[to_index(d)];
        double delta = 0;
        const int base = d * m_.periods + s;
        const int length = c.length;
        if (base + length <= m_.intervals) {
            for (int t = base; t < base + length; ++t) {
                delta += on(t);
            }
        } else {
            for (int o = 0; o < length; ++o) {
                const int t = m_.at(d, s, o);
                delta += t >= 0 ? on(t) : 0.0;
            }
        }
        const int* br = x.brk.data() + to_index(d) * to_index(m_.max_breaks);
        for (std::size_t b = 0; b < c.break_length.size(); ++b) {
            for (int i = 0; i < c.break_length[b]; ++i) {
                const int t = m_.at(d, s, br[b] + i);
                delta += t >= 0 ? off(t) : 0.0;
            }
        }
        return delta;
    }

    template <int Sign> double apply_day_as(const search_tour& x, int d) {
        const bumper<Sign> on{cov_.data(), m_.floor_required.data(), m_.ceil_required.data(),
                              m_.steps.data()};
        const bumper<-Sign> off{cov_.data(), m_.floor_required.data(), m_.ceil_required.data(),
                                m_.steps.data()};
        return walk_day(x, d, on, off);
    }

    double apply_day(const search_tour& x, int d, int sign) {
        return sign > 0 ? apply_day_as<1>(x, d) : apply_day_as<-1>(x, d);
    }

    double apply_tour(const search_tour& x, int sign) {
        double delta = 0;
        for (const int d : m_.pattern_days[to_index(x.p)]) {
            delta += apply_day(x, d, sign);
        }
        const double lab = sign * m_.templates[to_index(x.k)].cost *
                           static_cast<double>(m_.pattern_days[to_index(x.p)].size());
        labour_ += lab;
        cover_ += delta;
        count(x.k, x.p, sign);
        return delta + lab;
    }

    /// Objective change apply_tour(x, +1) would make, without applying it: the same walk over
    /// the tour's intervals with the coverage left alone (the shift-days of a tour never overlap
    /// one another, so each interval is counted at the coverage it has).
    [[nodiscard]] double tour_gain(const search_tour& x) const {
        const auto up = [&](int t) { return m_.step_up(cov_[to_index(t)], t); };
        const auto down = [&](int t) { return -m_.step_up(cov_[to_index(t)], t); };
        const auto& days = m_.pattern_days[to_index(x.p)];
        double v = m_.templates[to_index(x.k)].cost * static_cast<double>(days.size());
        for (const int d : days) {
            v += walk_day(x, d, up, down);
        }
        return v;
    }

    bool accept(double delta, double temp) {
        if (delta <= 0) {
            return true;
        }
        return temp > 0 && uniform() < std::exp(-delta / temp);
    }

    void save_best(int n) { best_.assign(tours_.begin(), tours_.begin() + n); }
    void save_best() { save_best(n_); }
    /// Before a worsening move is committed, the schedule it leaves is kept if it was the best.
    void leaving_best(double delta) {
        if (delta > 1e-12 && at_best_) {
            save_best();
            at_best_ = false;
        }
    }
    void leaving_best_before_add(double delta) {
        if (delta > 1e-12 && at_best_) {
            save_best(n_ - 1);
            at_best_ = false;
        }
    }
    void leaving_best_before_drop(double delta) {
        if (delta > 1e-12 && at_best_) {
            save_best(n_ + 1);
            at_best_ = false;
        }
    }

    [[nodiscard]] bool works(const search_tour& y, int d) const {
        const auto& days = m_.pattern_days[to_index(y.p)];
        return std::binary_search(days.begin(), days.end(), d);
    }

    [[nodiscard]] bool template_allows(int k, int p) const {
        const auto& ps = m_.templates[to_index(k)].patterns;
        return std::binary_search(ps.begin(), ps.end(), p);
    }

    /// Consecutive working days must not overlap (a shift crossing midnight).
    bool rest_ok(const search_tour& y, const compiled_template& c) const;

    const model& m_;
    std::mt19937_64 rng_;
    std::vector<int> cov_;
    std::vector<search_tour> tours_;
    std::vector<search_tour> best_;
    std::vector<int> usable_; ///< templates with at least one pattern
    int n_ = 0;               ///< tours in the schedule: tours_[0, n_)
    int n_pt_ = 0;            ///< part-time tours
    std::vector<int> tpl_count_;
    std::vector<int> day_count_;
    int max_headcount_ = 0;
    double pt_share_ = 1;
    std::vector<int> min_day_;
    std::vector<int> max_day_;
    bool constrained_ = false; ///< some side limit exists
    double penalty_ = 0;       ///< price of one unit of limit violation
    double unit_ = 1;          ///< mean labour price of one agent-interval
    double cover_ = 0;         ///< coverage part of the objective
    double labour_ = 0;        ///< labour part of the objective
    double best_total_ = 0;
    bool at_best_ = false; ///< the current schedule is the best one (not yet saved)
    int fixed_ = 0;        ///< tours [0, fixed_) keep template, start and days (see fix_loaded)
    double release_at_ = 1.0;
};

} // namespace wfm::schedule::detail
