#pragma once
/// The staffing-requirements CSV: written by `wfm staff` and `wfm plan`, read by `wfm schedule`.

#include <wfm/core/time.hpp>
#include <wfm/erlang/channel.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wfm::io {

/// `interval_start,channel,volume,aht_s,agents,agents_fractional,scheduled_agents,sl,asa_s,`
/// `p_abandon,occupancy` and a newline.
[[nodiscard]] std::string_view requirements_csv_header() noexcept;

/// One row of the requirements CSV for `channel` at `start`, newline included. The metric
/// columns (sl, asa_s, p_abandon, occupancy) are empty when no agent is needed, and any
/// non-finite metric is written as an empty field; sl follows the channel's SL definition.
[[nodiscard]] std::string requirements_csv_row(timestamp start,
                                               const erlang::channel_settings& channel,
                                               const erlang::requirement& r);

/// What to read from a requirements CSV.
struct requirements_read_options {
    std::string column;  ///< requirement column; default `scheduled_agents`, else `required`
    std::string channel; ///< rows of this channel only; required when the file has several
    /// Grid of the week in minutes (the schedule config's `interval_minutes`); inferred from the
    /// timestamps when empty. Timestamps that all lie on a coarser grid are an error, not zeros
    /// between them.
    std::optional<int> interval_minutes;
    std::string interval_source = "the config"; ///< where interval_minutes is set, for messages
    int week_start = 0; ///< weekday the week starts on: 0 = Monday … 6 = Sunday
};

/// One week of requirements, one value per interval from the first day's 00:00 (absent rows
/// are 0).
struct week_requirements {
    local_date first_day; ///< the week's first day, on weekday `week_start`
    int interval_minutes = 0;
    std::vector<double> required;
};

/// Reads a `wfm staff` requirements CSV or an `interval_start,required` CSV holding one week.
/// Every error is a parse_error with file:line:column: no rows, several channels without
/// `channel`, a bad or duplicate timestamp, one outside the first row's week or off the grid, a
/// grid other than 5, 10, 15, 30 or 60 minutes, timestamps on a coarser grid than
/// `interval_minutes`, a negative or non-numeric requirement.
[[nodiscard]] week_requirements read_requirements_csv(const std::filesystem::path& path,
                                                      const requirements_read_options& options);
/// Same from text already in memory; `path` is used in messages.
[[nodiscard]] week_requirements parse_requirements_csv(std::string_view text,
                                                       const std::string& path,
                                                       const requirements_read_options& options);

} // namespace wfm::io
