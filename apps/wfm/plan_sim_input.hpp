#pragma once
// A `wfm plan --out` directory read back as a simulation model (`wfm simulate --plan`,
// `wfm whatif`).

#include <wfm/io/review.hpp>
#include <wfm/plan/config.hpp>
#include <wfm/plan/simulate.hpp>

#include <string>
#include <vector>

namespace wfm::app {

struct plan_sim_input {
    io::plan_dir dir;
    plan::plan_config config;
    std::vector<plan::schedule_line> lines; ///< schedule.csv's lines
    plan::plan_model model;
};

/// Reads DIR (report.json, schedule.csv) and the plan's config (`config_arg`, else the one
/// report.json's notes name); a missing file is a file_error, a bad config a config_error (exit
/// 5) prefixed with its path, a schedule that does not fit the plan an invalid_argument.
[[nodiscard]] plan_sim_input load_plan_sim_input(const std::string& dir,
                                                 const std::string& config_arg);

} // namespace wfm::app
