#include <wfm/io/csv.hpp>

#include "../core/excerpt.hpp"

#include <wfm/core/time.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>

namespace wfm::io {
namespace {

using wfm::detail::utf8_length;

char detect_delimiter(std::string_view text) {
    std::size_t counts[3] = {0, 0, 0};
    bool quoted = false;
    for (char c : text) {
        if (c == '"') {
            quoted = !quoted;
        } else if (!quoted && (c == '\n' || c == '\r')) {
            break;
        } else if (!quoted) {
            counts[0] += c == ',' ? 1U : 0U;
            counts[1] += c == ';' ? 1U : 0U;
            counts[2] += c == '\t' ? 1U : 0U;
        }
    }
    if (counts[2] > counts[0] && counts[2] >= counts[1]) {
        return '\t';
    }
    if (counts[1] > counts[0]) {
        return ';';
    }
    return ',';
}

// One pass over the text: records fields, their lines and character columns.
class parser {
public:
    parser(std::string_view text, const std::string& path, char delim)
        : text_(text), path_(path), delim_(delim) {}

    // Appends each field's text to `buffer` and its start to `offsets`, its column to `cols`;
    // calls on_row(number of fields, line) after each non-blank record.
    template <class OnRow>
    void run(std::string& buffer, std::vector<std::size_t>& offsets,
             std::vector<std::uint32_t>& cols, OnRow on_row) {
        while (pos_ < text_.size()) {
            const std::size_t record_line = line_;
            if (at_line_end()) { // blank line
                skip_line_end();
                continue;
            }
            std::size_t count = 0;
            while (true) {
                cols.push_back(static_cast<std::uint32_t>(col_));
                offsets.push_back(buffer.size());
                ++count;
                read_field(buffer);
                if (pos_ >= text_.size()) {
                    break;
                }
                if (text_[pos_] == delim_) {
                    advance_byte();
                    continue;
                }
                skip_line_end();
                break;
            }
            on_row(count, record_line);
        }
    }

private:
    [[nodiscard]] bool at_line_end() const noexcept {
        return text_[pos_] == '\n' || text_[pos_] == '\r';
    }
    void skip_line_end() {
        if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') {
            ++pos_;
        }
        ++pos_;
        ++line_;
        col_ = 1;
    }
    void advance_byte() {
        const auto b = static_cast<unsigned char>(text_[pos_]);
        if ((b & 0xC0) != 0x80) {
            ++col_;
        }
        ++pos_;
    }
    [[noreturn]] void fail(std::size_t line, std::size_t col, const std::string& message) const {
        throw parse_error(path_, line, col, "", message);
    }
    void check_utf8() const {
        if (utf8_length(text_, pos_) == 0) {
            fail(line_, col_,
                 fmt::format("invalid UTF-8 byte 0x{:02X}",
                             static_cast<unsigned char>(text_[pos_])));
        }
    }
    void read_field(std::string& out) {
        // A record may end in a delimiter with nothing after it: the last field is empty.
        if (pos_ >= text_.size() || text_[pos_] != '"') {
            const std::size_t begin = pos_;
            while (pos_ < text_.size() && text_[pos_] != delim_ && !at_line_end()) {
                const auto b = static_cast<unsigned char>(text_[pos_]);
                if (b >= 0x80) {
                    check_utf8();
                    const std::size_t n = utf8_length(text_, pos_);
                    pos_ += n;
                    ++col_;
                    continue;
                }
                if (b == '"') {
                    fail(line_, col_, "a quote inside an unquoted field (quote the whole field)");
                }
                ++pos_;
                ++col_;
            }
            out.append(text_.substr(begin, pos_ - begin));
            return;
        }
        const std::size_t open_line = line_;
        const std::size_t open_col = col_;
        advance_byte();
        while (true) {
            if (pos_ >= text_.size()) {
                fail(open_line, open_col, "unterminated quoted field");
            }
            const char c = text_[pos_];
            if (c == '"') {
                if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
                    out += '"';
                    pos_ += 2;
                    col_ += 2;
                    continue;
                }
                advance_byte();
                if (pos_ < text_.size() && text_[pos_] != delim_ && !at_line_end()) {
                    fail(line_, col_,
                         fmt::format("expected a delimiter after the closing quote, found '{}'",
                                     message_excerpt(text_.substr(pos_, 1))));
                }
                return;
            }
            if (c == '\n') {
                out += c;
                ++pos_;
                ++line_;
                col_ = 1;
                continue;
            }
            if (static_cast<unsigned char>(c) >= 0x80) {
                check_utf8();
                const std::size_t n = utf8_length(text_, pos_);
                out.append(text_.substr(pos_, n));
                pos_ += n;
                ++col_;
                continue;
            }
            out += c;
            advance_byte();
        }
    }

    std::string_view text_;
    const std::string& path_;
    char delim_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
    std::size_t col_ = 1;
};

std::string trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string_view::npos) {
        return {};
    }
    const auto e = s.find_last_not_of(" \t");
    return std::string{s.substr(b, e - b + 1)};
}

} // namespace

std::string message_excerpt(std::string_view text, std::size_t max_chars) {
    return wfm::detail::excerpt(text, max_chars, wfm::detail::excerpt_style::text);
}

std::optional<std::size_t> csv_table::find_column(std::string_view name) const noexcept {
    for (std::size_t i = 0; i < header_.size(); ++i) {
        if (header_[i] == name) {
            return i;
        }
    }
    return std::nullopt;
}

std::size_t csv_table::column(std::string_view name) const {
    if (auto i = find_column(name)) {
        return *i;
    }
    std::string names;
    for (const auto& h : header_) {
        names += names.empty() ? "" : ", ";
        names += h;
    }
    throw parse_error(path_, header_line_, 1, std::string{name},
                      fmt::format("missing column '{}' in the header (found: {})", name,
                                  message_excerpt(names, 200)));
}

std::size_t csv_table::column_of(std::size_t row, std::size_t column) const {
    return columns_.at(row * header_.size() + column);
}

parse_error csv_table::error_at(std::size_t row, std::size_t column,
                                const std::string& message) const {
    return parse_error(path_, line_of(row), column_of(row, column),
                       message_excerpt(header_.at(column)), message);
}

parse_error csv_table::header_error(std::size_t column, const std::string& message) const {
    return parse_error(path_, header_line_, header_columns_.at(column),
                       message_excerpt(header_.at(column)), message);
}

double csv_table::number(std::size_t row, std::size_t column) const {
    const std::string_view f = field(row, column);
    double v = 0.0;
    const auto* first = f.data();
    const auto* last = f.data() + f.size();
    if (!f.empty() && *first == '+') {
        ++first;
    }
    const auto [ptr, ec] = std::from_chars(first, last, v);
    if (f.empty() || ec != std::errc{} || ptr != last) {
        throw error_at(row, column,
                       fmt::format("expected a number, found '{}'", message_excerpt(f)));
    }
    if (!std::isfinite(v)) {
        throw error_at(row, column,
                       fmt::format("expected a finite number, found '{}'", message_excerpt(f)));
    }
    return v;
}

double csv_table::non_negative(std::size_t row, std::size_t column, double max) const {
    const double v = number(row, column);
    if (v < 0.0) {
        throw error_at(row, column,
                       fmt::format("expected a non-negative number, found '{}'",
                                   message_excerpt(field(row, column))));
    }
    if (v > max) {
        throw error_at(row, column,
                       fmt::format("expected a number at most {:g}, found '{}'", max,
                                   message_excerpt(field(row, column))));
    }
    return v == 0.0 ? 0.0 : v; // no negative zero
}

std::chrono::local_seconds csv_table::time(std::size_t row, std::size_t column,
                                           std::string_view expected) const {
    const std::string_view f = field(row, column);
    const auto t = try_parse_local_seconds(f);
    if (!t) {
        throw error_at(
            row, column,
            fmt::format("expected a timestamp {}, found '{}'", expected, message_excerpt(f)));
    }
    const int year{std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(*t)}.year()};
    if (year < first_year || year > last_year) {
        throw error_at(row, column,
                       fmt::format("timestamp '{}' is outside the years {}-{}", message_excerpt(f),
                                   first_year, last_year));
    }
    return *t;
}

csv_table parse_csv(std::string_view text, std::string path, csv_options options) {
    csv_table t;
    t.path_ = std::move(path);
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") {
        text.remove_prefix(3);
    }
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        throw parse_error(t.path_, 1, 1, "", "empty file: expected a header line");
    }
    t.delimiter_ = options.delimiter != 0 ? options.delimiter : detect_delimiter(text);
    parser p{text, t.path_, t.delimiter_};
    bool have_header = false;
    t.buffer_.reserve(text.size());
    t.offsets_.reserve(text.size() / 8);
    t.columns_.reserve(text.size() / 8);
    p.run(t.buffer_, t.offsets_, t.columns_, [&](std::size_t count, std::size_t line) {
        const std::size_t first = t.offsets_.size() - count;
        if (!have_header) {
            have_header = true;
            t.header_line_ = line;
            for (std::size_t i = 0; i < count; ++i) {
                const std::size_t b = t.offsets_[first + i];
                const std::size_t e = i + 1 < count ? t.offsets_[first + i + 1] : t.buffer_.size();
                std::string name = trim(std::string_view{t.buffer_}.substr(b, e - b));
                const std::size_t col = t.columns_[first + i];
                if (name.empty()) {
                    throw parse_error(t.path_, line, col, "",
                                      fmt::format("empty column name in header field {}", i + 1));
                }
                if (t.find_column(name)) {
                    const std::string shown = message_excerpt(name);
                    throw parse_error(t.path_, line, col, shown,
                                      fmt::format("duplicate column name '{}'", shown));
                }
                t.header_.push_back(std::move(name));
                t.header_columns_.push_back(col);
            }
            t.buffer_.clear();
            t.offsets_.clear();
            t.columns_.clear();
            return;
        }
        if (count != t.header_.size()) {
            const std::size_t col =
                count > t.header_.size() ? t.columns_[first + t.header_.size()] : t.columns_.back();
            throw parse_error(t.path_, line, col, "",
                              fmt::format("expected {} fields as in the header, found {}",
                                          t.header_.size(), count));
        }
        t.lines_.push_back(line);
    });
    t.offsets_.push_back(t.buffer_.size());
    return t;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw file_error(
            fmt::format("cannot open '{}' for reading: {}", path.string(), std::strerror(errno)));
    }
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        throw file_error(fmt::format("cannot read '{}': it is a directory", path.string()));
    }
    std::string content;
    in.seekg(0, std::ios::end);
    const auto size = in.tellg();
    if (size > 0) {
        content.resize(static_cast<std::size_t>(size));
        in.seekg(0, std::ios::beg);
        in.read(content.data(), static_cast<std::streamsize>(size));
    }
    if (!in) {
        throw file_error(fmt::format("cannot read '{}'", path.string()));
    }
    return content;
}

csv_table read_csv(const std::filesystem::path& path, csv_options options) {
    return parse_csv(read_file(path), path.string(), options);
}

std::string csv_escape(std::string_view field, char delimiter) {
    if (field.find_first_of(std::string{delimiter} + "\"\r\n") == std::string_view::npos) {
        return std::string{field};
    }
    std::string out = "\"";
    for (char c : field) {
        out += c;
        if (c == '"') {
            out += '"';
        }
    }
    out += '"';
    return out;
}

std::string csv_line(const std::vector<std::string>& fields, char delimiter) {
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) {
            out += delimiter;
        }
        out += csv_escape(fields[i], delimiter);
    }
    out += '\n';
    return out;
}

} // namespace wfm::io
