#pragma once
/// The optimiser's compiled view of a problem: effective weights and requirement per mode,
/// compatible patterns per template, a canonical break placement, and the objective pieces.

#include <wfm/schedule/problem.hpp>

#include <climits>
#include <cstddef>
#include <vector>

namespace wfm::schedule::detail {

struct compiled_template {
    int length = 1;
    double cost = 0; ///< labour weight × template cost, per shift
    bool part_time = false;
    std::vector<int> starts;
    std::vector<int> break_length;
    std::vector<int> break_earliest;
    std::vector<int> break_latest;
    std::vector<int> canonical_breaks; ///< one non-overlapping placement (offsets)
    std::vector<int> patterns;         ///< indices of patterns the template may work
    int min_tours = 0;
    int max_tours = INT_MAX;
};

struct model {
    int intervals = 0;
    int periods = 0;
    int days = 0;
    bool cyclic = false;
    int band = 0;
    int max_breaks = 0;
    std::vector<double> required; ///< effective: ⌈r⌉ in full-coverage mode
    double w_under = 0;           ///< effective: a price above any tour's cost in full coverage
    double w_over = 0;
    std::vector<compiled_template> templates;
    std::vector<std::vector<int>> pattern_days; ///< working days of each pattern

    std::vector<int> floor_required; ///< ⌊r⌋
    std::vector<int> ceil_required;  ///< ⌈r⌉
    /// per interval: step_up below ⌊r⌋, at ⌊r⌋ when r is fractional, and from ⌈r⌉ on
    std::vector<double> steps;

    /// f(c + 1) − f(c) at interval t, f(c) = under × (r − c)⁺ + over × (c − r)⁺. Branch-free:
    /// the search calls it for every interval a move touches, where c is near r and a branch
    /// would be mispredicted half the time.
    [[nodiscard]] double step_up(int c, int t) const noexcept {
        const auto i = static_cast<std::size_t>(t);
        const auto k = static_cast<std::size_t>(c >= floor_required[i]) +
                       static_cast<std::size_t>(c >= ceil_required[i]);
        return steps[3 * i + k];
    }
    /// Global interval of offset `o` into a shift starting at `start` on `day`; −1 past the end
    /// of a non-cyclic horizon.
    [[nodiscard]] int at(int day, int start, int o) const noexcept {
        int t = day * periods + start + o;
        if (t >= intervals) {
            t = cyclic ? t - intervals : -1;
        }
        return t;
    }
};

/// Compiles a checked problem; throws wfm::invalid_argument when a template's breaks cannot be
/// placed without overlapping.
[[nodiscard]] model compile(const problem& p);

} // namespace wfm::schedule::detail
