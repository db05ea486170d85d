#pragma once
/// RFC 4180 CSV reading (quotes, CRLF, UTF-8 BOM; `,` `;` or tab) and CSV writing.

#include <wfm/core/error.hpp>
#include <wfm/io/output_files.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wfm::io {

/// Years a timestamp in an input file may have: the 4-digit format must hold every time derived
/// from it downstream (a forecast horizon, a schedule week), so the last millennium is kept free.
inline constexpr int first_year = 1000;
inline constexpr int last_year = 8999;

/// How to read a delimited file.
struct csv_options {
    /// Field delimiter; 0 = detect from the header line (`,`, `;` or tab, whichever is found).
    char delimiter = 0;
};

/// A whole delimited file, parsed and checked for shape (UTF-8, quotes, equal field counts).
/// Every accessor that finds a bad value throws parse_error naming file:line:column and field.
class csv_table {
public:
    [[nodiscard]] const std::string& path() const noexcept { return path_; }
    [[nodiscard]] char delimiter() const noexcept { return delimiter_; }
    [[nodiscard]] const std::vector<std::string>& header() const noexcept { return header_; }
    [[nodiscard]] std::size_t rows() const noexcept { return lines_.size(); }
    [[nodiscard]] std::size_t columns() const noexcept { return header_.size(); }
    /// The unquoted text of a field; valid while the table lives.
    [[nodiscard]] std::string_view field(std::size_t row, std::size_t column) const {
        const std::size_t k = row * header_.size() + column;
        const std::size_t begin = offsets_.at(k);
        return std::string_view{buffer_}.substr(begin, offsets_.at(k + 1) - begin);
    }
    /// Index of a header name; empty when absent.
    [[nodiscard]] std::optional<std::size_t> find_column(std::string_view name) const noexcept;
    /// Index of a header name; throws parse_error at the header line when absent.
    [[nodiscard]] std::size_t column(std::string_view name) const;
    /// 1-based line (of the file) where data row `row` starts.
    [[nodiscard]] std::size_t line_of(std::size_t row) const { return lines_.at(row); }
    /// 1-based character column where field `column` of data row `row` starts.
    [[nodiscard]] std::size_t column_of(std::size_t row, std::size_t column) const;
    /// A parse_error located at a field of a data row.
    [[nodiscard]] parse_error error_at(std::size_t row, std::size_t column,
                                       const std::string& message) const;
    /// Field as a finite number (std::from_chars); throws parse_error otherwise.
    [[nodiscard]] double number(std::size_t row, std::size_t column) const;
    /// Field as a finite number in [0, max]; throws parse_error otherwise.
    [[nodiscard]] double non_negative(std::size_t row, std::size_t column,
                                      double max = std::numeric_limits<double>::max()) const;
    /// Field as a local time `YYYY-MM-DDTHH:MM[:SS]` with a year in [first_year, last_year];
    /// throws parse_error "expected a timestamp <expected>, found '…'" otherwise.
    [[nodiscard]] std::chrono::local_seconds time(std::size_t row, std::size_t column,
                                                  std::string_view expected) const;
    /// A parse_error located at a header field (line 1).
    [[nodiscard]] parse_error header_error(std::size_t column, const std::string& message) const;

    friend csv_table parse_csv(std::string_view text, std::string path, csv_options options);

private:
    std::string path_;
    char delimiter_ = ',';
    std::vector<std::string> header_;
    std::size_t header_line_ = 1;
    std::vector<std::size_t> header_columns_;
    std::string buffer_;                 // every data field's text, back to back
    std::vector<std::size_t> offsets_;   // start of each field in buffer_, row-major, then end
    std::vector<std::uint32_t> columns_; // character column of each field, row-major
    std::vector<std::size_t> lines_;     // line where each data row starts
};

/// Input text as shown in a message: control characters, NUL and `\` escaped (`\t`, `\x00`),
/// cut after `max_chars` characters with `…`, so a 10 MB field gives a short, whole line.
[[nodiscard]] std::string message_excerpt(std::string_view text, std::size_t max_chars = 60);

/// Parses CSV text; `path` is used in error messages only. Throws parse_error on an empty input,
/// invalid UTF-8, an unterminated quote, text after a closing quote, or a ragged row.
[[nodiscard]] csv_table parse_csv(std::string_view text, std::string path,
                                  csv_options options = {});
/// Reads and parses a file; throws file_error when it cannot be read.
[[nodiscard]] csv_table read_csv(const std::filesystem::path& path, csv_options options = {});
/// Reads a whole file into memory; throws file_error naming the path and the reason.
[[nodiscard]] std::string read_file(const std::filesystem::path& path);

/// A field quoted per RFC 4180 when it holds the delimiter, a quote or a line break.
[[nodiscard]] std::string csv_escape(std::string_view field, char delimiter = ',');
/// One CSV line (with `\n`) from fields.
[[nodiscard]] std::string csv_line(const std::vector<std::string>& fields, char delimiter = ',');

} // namespace wfm::io
