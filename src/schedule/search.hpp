#pragma once
// The search as the solver runs it: greedy construction (construct.cpp) and the annealing loop
// (anneal.cpp) over the moves, on the search state.

#include "moves.hpp"

#include <wfm/schedule/solve.hpp>

#include <cstdint>
#include <vector>

namespace wfm::schedule::detail {

class search final : public search_moves {
public:
    using search_moves::search_moves;

    /// Greedy: add the tour with the best marginal objective until none improves.
    void construct(clock_type::time_point deadline);

    /// Simulated annealing; returns iterations done.
    std::uint64_t anneal(std::uint64_t max_iterations, clock_type::time_point start,
                         clock_type::time_point deadline, std::vector<trace_point>& trace);

private:
    /// Adds the tour (template, start, pattern, greedy breaks) with the best marginal
    /// objective if that improves the objective; false when none does.
    bool add_best_tour(clock_type::time_point deadline);

    std::vector<double> dv_; ///< per day: coverage gain of a shift-day (construction)
    std::vector<std::vector<int>> distinct_; ///< per template: first pattern of each mask
    std::uint64_t scanned_ = 0;              ///< (template, start) pairs scanned, for the clock
};

} // namespace wfm::schedule::detail
