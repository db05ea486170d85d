#pragma once
/// Strict JSON reading for configuration files: every problem is an io::parse_error naming
/// `file:line:column` (exit code 3), never the JSON library's own exception.
///
/// Beyond RFC 8259 syntax the reader rejects, each at its line and column: nesting deeper than
/// `max_json_depth` arrays and objects; a key given twice in one object (the message names its
/// JSON pointer and the line of the first); a NUL byte anywhere in the file, also after the
/// document; text after the document; a number beyond the range of a double (`1e400`). Text
/// echoed in a message is cut after 60 bytes and its control characters are escaped.

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace wfm::io {

/// Arrays and objects may nest this deep (the document's own object or array is level 1).
inline constexpr std::size_t max_json_depth = 64;

/// Parses `text`; `name` is the file name used in messages.
[[nodiscard]] nlohmann::json parse_json(std::string_view text, const std::string& name);

/// Reads and parses a JSON file (a file_error when it cannot be read).
[[nodiscard]] nlohmann::json read_json_file(const std::filesystem::path& path);

} // namespace wfm::io
