#pragma once
// The annealing moves (Brusco & Jacobs style neighbourhoods): add, drop, move start, change
// days off, change template, move a break, re-place breaks, and exchange one working day
// between two tours with similar shifts. Each move proposes a change, evaluates its objective
// change incrementally and keeps or undoes it by the Metropolis rule.

#include "break_placement.hpp"

#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

namespace wfm::schedule::detail {

class search_moves : public break_placement {
public:
    search_moves(const model& m, const problem& p, std::uint64_t seed);

    /// One random move at temperature temp (weights: see the constructor).
    void step(double temp);

protected:
    void move_add(double temp);
    void move_drop(double temp);
    /// Replaces tour i by scratch_new_ built by `build` after tour i is removed.
    template <class Build> void replace(int i, double temp, Build build);
    void move_start(double temp);
    void move_pattern(double temp);
    /// Moves one working day of a tour to one of its days off (a neighbouring pattern).
    void move_day_off(double temp);
    /// Two tours exchange their days-off patterns.
    void move_swap(double temp);
    void move_template(double temp);
    /// Moves one working day's start within the band around the reference start.
    void move_day_start(double temp);
    /// Pattern index of a working-day mask, −1 when no pattern has it.
    [[nodiscard]] int pattern_of(std::uint32_t mask) const;
    /// Two tours exchange one working day each: A works d2 instead of d, B works d instead of
    /// d2. Day counts and labour stay; on day d A's shift is replaced by B's and on d2 the other
    /// way round. With a partner whose shift differs little from A's this is the fine change of
    /// one day's coverage that whole-tour moves cannot make under the weekly same-start rule.
    void move_exchange(double temp);
    /// Fills candidates_ with the exchange partners of tour i (working d2 but not d, with a
    /// shift on d2 within a random reach of tour i's shift on d).
    void collect_partners(int i, int d, int d2);
    /// Patterns whose working days are `mask` with one working day moved to a day off.
    [[nodiscard]] std::vector<int> one_day_moved(std::uint32_t mask) const;
    void move_break(double temp);

    search_tour scratch_old_;
    search_tour scratch_new_;
    std::vector<int> cumulative_; ///< cumulative move weights
    /// Patterns that move one working day, per distinct working-day mask (group_of_).
    std::vector<std::vector<int>> neighbours_;
    std::vector<int> group_of_;               ///< pattern → its mask's entry in neighbours_
    std::vector<std::uint32_t> pattern_mask_; ///< working days of each pattern as bits
    std::vector<std::pair<std::uint32_t, int>> by_mask_; ///< (mask, pattern), ascending
    std::vector<int> candidates_;                        ///< exchange partners
    /// exchange partners' shift within this many intervals of A's (any partner for the last)
    std::vector<int> exchange_reach_ = {1, 2, 4, std::numeric_limits<int>::max() / 4};
};

} // namespace wfm::schedule::detail
