#pragma once
/// Files of `wfm simulate`: forecast and coverage inputs of the single-queue check, and sim.csv.

#include <wfm/core/time.hpp>
#include <wfm/plan/simulate.hpp>
#include <wfm/report/sim_page.hpp>
#include <wfm/sim/day_sim.hpp>

#include <nlohmann/json_fwd.hpp>

#include <filesystem>
#include <string>
#include <string_view>
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

/// simulation.csv of `wfm simulate --plan`: `queue,period,start,open,forecast`, then offered,
/// answered, abandoned, waiting_at_end each with `_ci`, then for sl, answer_rate, asa_s,
/// abandon and occupancy the simulated value, `_ci`, `erlang_` prediction and `_flag` (1 when the
/// prediction is outside the CI). `period` is `interval`, `day` or `week`; an undefined value is
/// an empty cell.
[[nodiscard]] std::string format_plan_sim_csv(const plan::plan_simulation& s);

/// report.json of `wfm simulate --plan`: the run (replications, seed, confidence, contacts) and
/// per queue the week, days and intervals with every figure; undefined values are null.
[[nodiscard]] nlohmann::json plan_sim_json(const plan::plan_simulation& s);

/// report.txt of `wfm simulate --plan` in `lang` (`en` or `zh-CN`): per queue the week and each
/// day, simulated ± CI beside Erlang, `*` where they disagree, and the number of flagged
/// intervals (src/io/plan_sim_report.cpp).
[[nodiscard]] std::string render_plan_sim_text(const plan::plan_simulation& s,
                                               std::string_view lang = "en");

/// The data of report.html of `wfm simulate --plan` (report::render_sim_html), its table cells
/// and captions in `lang`.
[[nodiscard]] report::sim_page plan_sim_page(const plan::plan_simulation& s,
                                             std::string_view lang = "en");

} // namespace wfm::io
