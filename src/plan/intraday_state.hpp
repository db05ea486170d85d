#pragma once
// The intraday re-plan's working state: each pool's coverage per interval of the day, its new
// requirement, the split of its agents between its queues, and a memo of the predicted outcome
// per (interval, agents), so that the actions (intraday_actions.cpp) compare placements by table
// look-ups.

#include <wfm/plan/intraday.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace wfm::plan::intraday_detail {

/// The predicted outcome of one pool-interval at c agents.
struct cell {
    double sl_weighted = 0.0; ///< Σ over the pool's queues of offered × SL
    bool meets = true;        ///< every queue with contacts and a target meets it
    bool known = false;
};

struct pool_state {
    std::string name;
    std::vector<std::size_t> queues; ///< indices into input.queues
    std::vector<std::size_t> lines;  ///< indices into day_state::lines
    std::vector<int> coverage;       ///< agents on duty and not on break, per interval
    std::vector<double> required;    ///< Σ of its queues' new requirement
    std::vector<double> offered;     ///< Σ of its queues' offered where predicted
    /// The published surplus max(0, coverage − planned requirement): the schedule's shape,
    /// which time off keeps (it releases only what the reforecast freed).
    std::vector<double> surplus;
    std::vector<std::vector<double>> share; ///< [queue of the pool][interval]: share of agents
    std::vector<std::vector<cell>> memo;    ///< [interval][agents]
};

class day_state {
public:
    explicit day_state(const intraday_input& in);

    [[nodiscard]] int periods() const noexcept { return periods_; }
    [[nodiscard]] int now() const noexcept { return in_.now; }
    [[nodiscard]] const intraday_input& input() const noexcept { return in_; }
    [[nodiscard]] std::vector<pool_state>& pools() noexcept { return pools_; }
    [[nodiscard]] std::vector<intraday_line>& lines() noexcept { return lines_; }
    /// The new requirement of queue q at interval t (0 when closed).
    [[nodiscard]] double required(std::size_t q, int t) const {
        return required_[q][static_cast<std::size_t>(t)];
    }

    /// The memoised outcome of pool p at interval t with c agents.
    const cell& at(pool_state& p, int t, int c);
    /// max(0, required − c) of pool p at interval t.
    [[nodiscard]] double shortage(const pool_state& p, int t, int c) const;
    /// The pool's rest-of-day SL (offered-weighted; 1 without predicted contacts).
    [[nodiscard]] double pool_sl(pool_state& p);
    /// Adds `sign` (±1) to the pool's coverage over the line's working intervals in [from, to).
    void add_line(pool_state& p, const intraday_line& l, int sign);
    /// Replaces the pool's split of agents and clears its memo.
    void set_share(pool_state& p, std::vector<std::vector<double>> share);
    /// One queue's outcome at interval t with `scheduled` agents (before shrinkage).
    [[nodiscard]] report::interval_outcome outcome(std::size_t q, int t, double scheduled) const;

private:
    void build_pools();
    void split_published(pool_state& p);

    const intraday_input& in_;
    int periods_ = 0;
    std::vector<intraday_line> lines_;
    std::vector<std::vector<double>> required_; ///< [queue][interval]
    std::vector<pool_state> pools_;
};

/// A time of the day as HH:MM from an interval index.
[[nodiscard]] std::string clock_of(int t, int step_minutes);

/// The actions, applied to `s` in this order; each appends to `out`.
void move_pool_agents(day_state& s, pool_state& p, std::vector<intraday_action>& out);
void move_breaks(day_state& s, pool_state& p, std::vector<intraday_action>& out);
void add_overtime(day_state& s, pool_state& p, std::vector<intraday_action>& out);
void offer_vto(day_state& s, pool_state& p, std::vector<intraday_action>& out);

} // namespace wfm::plan::intraday_detail
