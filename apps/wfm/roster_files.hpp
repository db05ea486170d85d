#pragma once
// The roster's output files and exit status, shared by `wfm roster` and `wfm plan --agents`
// (apps/wfm/cmd_roster.cpp).

#include <wfm/io/output_files.hpp>
#include <wfm/roster/roster.hpp>

#include <cstdint>
#include <filesystem>
#include <string>

namespace wfm::app {

/// Names of the roster's files in its output directory (`wfm plan` renames the two that a plan
/// also writes).
struct roster_file_names {
    std::string coverage = "coverage.csv";
    std::string report = "report.txt";
};

/// Adds roster.csv, agents_summary.csv, the coverage, shortfall.csv, the report and ics/<agent>.ics
/// under `dir`; returns the report's text.
std::string add_roster_files(io::output_files& files, const std::filesystem::path& dir,
                             const roster::roster_input& in, const roster::roster_result& r,
                             std::uint64_t seed, const roster_file_names& names = {});

/// After the files are written: an internal error when the validator found a broken rule, exit 6
/// (infeasible) naming the first uncovered shift and the hours when the agents cannot cover.
void check_roster_result(const roster::roster_input& in, const roster::roster_result& r);

} // namespace wfm::app
