#pragma once
/// Exception hierarchy shared by every wfm module (CLI11-style: each error knows its exit code).

#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>

namespace wfm {

/// Process exit codes used by the `wfm` tool; each error class maps to one.
enum class exit_code : int {
    success = 0,
    error = 1,
    invalid_argument = 2,
    parse_error = 3,
    file_error = 4,
    config_error = 5,
    infeasible = 6,
};

/// Root of every exception wfm throws.
class error : public std::runtime_error {
public:
    explicit error(const std::string& message, wfm::exit_code code = exit_code::error)
        : std::runtime_error(message), code_(code) {}
    [[nodiscard]] wfm::exit_code code() const noexcept { return code_; }

private:
    wfm::exit_code code_;
};

/// A value passed to a wfm function is out of its domain; the message names function and value.
/// `field()` names the member that is out of domain when one is (e.g. `aht`), else is empty.
class invalid_argument : public error {
public:
    explicit invalid_argument(const std::string& message)
        : error(message, exit_code::invalid_argument) {}
    invalid_argument(const std::string& message, std::string field)
        : error(message, exit_code::invalid_argument), field_(std::move(field)) {}
    [[nodiscard]] const std::string& field() const noexcept { return field_; }

private:
    std::string field_;
};

/// A configuration document (JSON) is not what was expected; `path()` is a JSON pointer.
class config_error : public error {
public:
    config_error(std::string json_path, const std::string& message)
        : error(json_path + ": " + message, exit_code::config_error),
          json_path_(std::move(json_path)) {}
    [[nodiscard]] const std::string& json_path() const noexcept { return json_path_; }

private:
    std::string json_path_;
};

namespace io {

/// Malformed input file: carries file, 1-based line and column, and the field name.
class parse_error : public error {
public:
    parse_error(std::string path, std::size_t line, std::size_t column, std::string field,
                const std::string& message)
        : error(path + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
                    (field.empty() ? std::string{} : "field '" + field + "': ") + message,
                exit_code::parse_error),
          path_(std::move(path)), line_(line), column_(column), field_(std::move(field)) {}
    [[nodiscard]] const std::string& path() const noexcept { return path_; }
    [[nodiscard]] std::size_t line() const noexcept { return line_; }
    [[nodiscard]] std::size_t column() const noexcept { return column_; }
    [[nodiscard]] const std::string& field() const noexcept { return field_; }

private:
    std::string path_;
    std::size_t line_;
    std::size_t column_;
    std::string field_;
};

/// A file cannot be opened, read or written.
class file_error : public error {
public:
    explicit file_error(const std::string& message) : error(message, exit_code::file_error) {}
};

} // namespace io
} // namespace wfm
