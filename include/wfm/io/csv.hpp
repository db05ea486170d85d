#pragma once
/// RFC 4180 CSV reading (quotes, CRLF, UTF-8 BOM; `,` `;` or tab) and atomic CSV writing.

#include <wfm/core/error.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wfm::io {

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
    /// Field as a finite number ≥ 0; throws parse_error otherwise.
    [[nodiscard]] double non_negative(std::size_t row, std::size_t column) const;
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

/// Output files that appear all together or not at all: each is written to a temporary file
/// beside its target, and commit() renames them into place. Uncommitted temporaries are removed.
class output_files {
public:
    output_files() = default;
    output_files(const output_files&) = delete;
    output_files& operator=(const output_files&) = delete;
    ~output_files();

    /// Writes `content` to a temporary file for `target`; throws file_error on failure.
    void add(const std::filesystem::path& target, std::string_view content);
    /// Renames every temporary onto its target (creating parent directories first).
    void commit();

private:
    std::vector<std::pair<std::filesystem::path, std::filesystem::path>> pending_;
};

/// Writes one file atomically (temporary + rename).
void write_file_atomic(const std::filesystem::path& target, std::string_view content);

} // namespace wfm::io
