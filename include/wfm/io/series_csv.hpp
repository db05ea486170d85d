#pragma once
/// Interval history in CSV: one timestamp column and value columns, read strictly.

#include <wfm/core/series.hpp>
#include <wfm/io/csv.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace wfm::io {

/// What to read from an interval CSV.
struct series_read_options {
    std::string time_column = "interval_start";
    std::vector<std::string> columns;          ///< value columns that must be present
    std::vector<std::string> optional_columns; ///< value columns read when present
    std::optional<interval_grid> grid;         ///< expected grid; inferred when empty
    bool lenient = false; ///< skip bad rows (each reported in warnings) instead of failing
    /// On a fall-back (25-hour) day, merge the repeated wall-clock hour into the first one:
    /// counts are added; columns listed in `weighted_columns` get the weighted mean.
    bool merge_dst_repeat = false;
    /// {value column, weight column}: e.g. {"aht_s", "answered"}; used when merging.
    std::vector<std::pair<std::string, std::string>> weighted_columns;
    /// Longest span from the first to the last timestamp (memory is sized by the span, so this
    /// bounds it); a row beyond it is a parse_error at that row.
    std::chrono::days max_span{std::chrono::days{20 * 365 + 5}}; // 20 years
    /// Largest value of a value column (a volume per interval, seconds of handle time): the
    /// forecast and staffing maths stay exact well beyond it.
    double max_value = 1e9;
    csv_options csv{};
};

/// Columns read from an interval CSV, all on one grid and one frame (same start and size).
/// A row's interval is observed; an empty or `NA` cell is missing; an interval with no row is
/// closed.
struct series_table {
    interval_grid grid{std::chrono::minutes{60}};
    std::map<std::string, time_series, std::less<>> columns;
    std::vector<std::string> warnings; ///< one `file:line:column: …` line per skipped row

    [[nodiscard]] bool has(std::string_view name) const {
        return columns.find(name) != columns.end();
    }
    [[nodiscard]] const time_series& at(std::string_view name) const;
};

/// Reads interval history. Strict checks, each a parse_error with file:line:column: empty file,
/// missing header or column, ragged row, non-numeric, negative, NaN/inf, unparseable or
/// duplicate or out-of-order timestamp, timestamp off the grid, invalid UTF-8, a year outside
/// [first_year, last_year], a span over `max_span`, a value over `max_value`.
[[nodiscard]] series_table read_series_csv(const std::filesystem::path& path,
                                           const series_read_options& options);
/// Same from text already in memory; `path` is used in messages.
[[nodiscard]] series_table parse_series_csv(std::string_view text, const std::string& path,
                                            const series_read_options& options);

/// CSV text `interval_start,<name>…` of the given columns (same frame); observed intervals only,
/// unless `include_missing` (then missing intervals are written with empty cells).
[[nodiscard]] std::string format_series_csv(const std::vector<std::string>& names,
                                            const std::vector<const time_series*>& columns,
                                            bool include_missing = false);

} // namespace wfm::io
