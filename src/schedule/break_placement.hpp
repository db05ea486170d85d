#pragma once
// Break placement: where a shift's breaks go given the coverage (greedy, the place that gives
// up the least coverage value), and the repair of other shifts' breaks after a tour changes.

#include "search_state.hpp"

#include <cstddef>
#include <vector>

namespace wfm::schedule::detail {

class break_placement : public search_state {
public:
    using search_state::search_state;

    /// Greedy break placement on one day (the shift-day must not be applied).
    void place_breaks(search_tour& x, int d) const;

    /// Coverage delta of adding one shift-day with greedy breaks (nothing applied).
    double day_gain(const compiled_template& c, int d, int s, int* br) const;

protected:
    /// Σ step_up over a break's intervals (the coverage value the break gives up).
    double break_value(int d, int s, int o, int len) const;

    /// Best offset for break b (highest step_up given up) not overlapping the others in `br`
    /// whose index is in [0, placed) or (b, nb) when `all_others`.
    int best_offset(const compiled_template& c, int d, int s, const int* br, std::size_t b,
                    bool all_others) const;

    /// Moves the breaks of a few other shifts on the changed tour's days to their best place
    /// given the new coverage (logged for undo); returns the objective change.
    double repair(int i, const search_tour& changed, int tries_max);

    void undo_repair();

    void replace_breaks(search_tour& y);

    std::vector<int> repair_log_; ///< (tour, day, old breaks…) per repaired shift-day
    int drop_repair_ = 30;        ///< break repairs sampled after dropping a tour
};

} // namespace wfm::schedule::detail
