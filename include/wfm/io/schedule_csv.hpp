#pragma once
/// The schedule CSV (one row per agent line) and the coverage CSV (scheduled against required),
/// written by `wfm schedule` and `wfm plan`, and their readers.

#include <wfm/core/series.hpp>
#include <wfm/core/time.hpp>
#include <wfm/schedule/problem.hpp>
#include <wfm/schedule/solve.hpp>

#include <array>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wfm::io {

/// `[pool,]line,template,working_days,Mon_start,Mon_breaks,…,Sun_start,Sun_breaks`; breaks as
/// `name HH:MM` joined by `;`. A non-empty `pool` adds a leading pool column.
[[nodiscard]] std::string format_schedule_csv(const schedule::problem& p,
                                              const schedule::solution& s,
                                              std::string_view pool = {}, bool header = true);

/// `interval_start,[pool,]required,scheduled,diff` for every interval of the week from `monday`.
[[nodiscard]] std::string format_coverage_csv(const schedule::problem& p,
                                              const schedule::solution& s, local_date monday,
                                              std::string_view pool = {}, bool header = true);

/// A break as written in the schedule CSV: its name and the minute of the day it starts.
struct schedule_csv_break {
    std::string name;
    int minute = 0; ///< 0 … 1439
};

/// One worked day of a schedule line: the shift's start (minute of the day) and its breaks.
struct schedule_csv_day {
    int start_minute = 0; ///< 0 … 1439
    std::vector<schedule_csv_break> breaks;
};

/// One row of a schedule CSV as written, without the problem it came from.
struct schedule_csv_line {
    std::string pool; ///< empty when the file has no pool column
    int line = 0;     ///< the `line` column (1, 2, … within a pool)
    std::string template_name;
    std::array<std::optional<schedule_csv_day>, 7> days; ///< Monday first; empty = day off
    std::size_t file_line = 0;                           ///< 1-based line in the file
};

/// Reads a schedule CSV into plain lines. Every error is a parse_error with file:line:column:
/// a missing column, a line number that is not a positive integer, a start or break time that
/// is not `HH:MM`, a break not written `name HH:MM`, breaks on a day off, `working_days` naming
/// another set of days than the days with a start.
[[nodiscard]] std::vector<schedule_csv_line> read_schedule_csv(const std::filesystem::path& path);
/// Same from text already in memory; `path` is used in messages.
[[nodiscard]] std::vector<schedule_csv_line> parse_schedule_csv(std::string_view text,
                                                                const std::string& path);

/// Reads the lines of one pool of a schedule CSV as tours of `p` (the problem the schedule was
/// solved on): templates by name, days-off patterns by the working days, starts and break
/// offsets in intervals. `pool` selects the rows of that pool; it is required when the file has
/// several pools and must be empty when it has no pool column. Beyond the checks of
/// read_schedule_csv, a parse_error names an unknown template, a start or break off the grid,
/// breaks other than the template's (names, in order), working days that are no pattern of
/// `p`, and a pool without rows. The reference start is the first working day's start when
/// p.start_band is 0, else the smallest allowed start within the band of every working day's
/// start. The tours are not otherwise checked: schedule::validate says what breaks a rule.
[[nodiscard]] std::vector<schedule::tour> read_schedule_tours(const std::filesystem::path& path,
                                                              const schedule::problem& p,
                                                              const std::string& pool = {});
/// Same from text already in memory; `path` is used in messages.
[[nodiscard]] std::vector<schedule::tour> parse_schedule_tours(std::string_view text,
                                                               const std::string& path,
                                                               const schedule::problem& p,
                                                               const std::string& pool = {});

/// One pool's coverage read back: required and scheduled agents per interval of the week.
struct pool_coverage {
    std::string pool; ///< empty when the file has no pool column
    time_series required;
    time_series scheduled;
};

/// A coverage CSV read back: one entry per pool, in the order of the file.
struct coverage_table {
    interval_grid grid{std::chrono::minutes{60}};
    std::vector<pool_coverage> pools;
};

/// Reads a coverage CSV. Every error is a parse_error with file:line:column: no rows, a missing
/// column, a bad timestamp, a grid other than 5, 10, 15, 30 or 60 minutes, a row of a pool that
/// does not follow its previous row by one interval, a negative or non-numeric value.
[[nodiscard]] coverage_table read_coverage_csv(const std::filesystem::path& path);
/// Same from text already in memory; `path` is used in messages.
[[nodiscard]] coverage_table parse_coverage_csv(std::string_view text, const std::string& path);

} // namespace wfm::io
