#pragma once
/// Files of `wfm simulate`: forecast and coverage inputs of the single-queue check, and sim.csv.

#include <wfm/core/time.hpp>
#include <wfm/sim/day_sim.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace wfm::io {

/// Volume and agents per interval from the forecast's first interval to its last.
struct sim_inputs {
    interval_grid grid{std::chrono::minutes{15}};
    timestamp start{};
    std::vector<double> volume; ///< contacts per interval (a closed interval: 0)
    std::vector<int> agents;    ///< agents on duty per interval (no coverage row: 0)
};

/// Reads `interval_start,volume` and `interval_start,agents` (whole numbers) on one grid.
/// Throws parse_error naming file:line:column for a bad cell, timestamp or header, and for a
/// coverage file on another grid than the forecast.
[[nodiscard]] sim_inputs read_sim_inputs(const std::filesystem::path& forecast,
                                         const std::filesystem::path& coverage);

/// sim.csv: `interval_start` then offered, answered, abandoned, answered_within_t, sl, asa_s,
/// starts, abandonments, busy_agents, p_wait, waiting_at_end, each followed by its `_ci`
/// half-width; a ratio without contacts is an empty cell.
[[nodiscard]] std::string format_sim_csv(interval_grid grid, timestamp start,
                                         const std::vector<sim::interval_figures>& rows);

} // namespace wfm::io
