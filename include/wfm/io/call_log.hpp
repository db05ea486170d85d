#pragma once
/// Per-call logs: the generic CSV format and the Anonymous Bank (Technion SEE) format.

#include <wfm/core/call.hpp>
#include <wfm/core/time.hpp>
#include <wfm/io/csv.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace wfm::io {

enum class call_log_format {
    generic,        ///< CSV with named columns, see docs/formats.md "Per-call logs"
    anonymous_bank, ///< tab-separated, 17 columns, February 1999 Anonymous Bank log
};

/// Limits of a per-call log, each a parse_error at the row that breaks it.
struct call_log_options {
    /// Longest span between the earliest and the latest call (KPI tables are sized by it).
    std::chrono::days max_span{std::chrono::days{20 * 365 + 5}}; // 20 years
    /// Largest wait or handle time in seconds (one week).
    double max_seconds = 7 * 86400.0;
};

/// Parses `generic` or `anonymous-bank`; throws wfm::invalid_argument otherwise.
[[nodiscard]] call_log_format parse_call_log_format(std::string_view name);

/// Calls from a log; rows that are not offered contacts (IVR-only hang-ups, PHANTOM) are dropped.
/// Bad rows throw parse_error with file:line:column and field.
[[nodiscard]] std::vector<call_record> parse_call_log(std::string_view text,
                                                      const std::string& path,
                                                      call_log_format format,
                                                      const call_log_options& options = {});
/// Reads a per-call log file.
[[nodiscard]] std::vector<call_record> read_call_log(const std::filesystem::path& path,
                                                     call_log_format format,
                                                     const call_log_options& options = {});

} // namespace wfm::io
