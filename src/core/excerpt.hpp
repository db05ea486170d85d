#pragma once
/// Inside the library: input text as shown in an error message, cut and escaped. One
/// implementation for the two places text reaches a message: raw text (CSV fields, headers) and
/// the inside of a JSON string (configuration values, JSON tokens, command-line values).

#include <cstddef>
#include <string>
#include <string_view>

namespace wfm::detail {

/// Length of the UTF-8 sequence at text[i], or 0 when it is not valid UTF-8 (RFC 3629).
[[nodiscard]] inline std::size_t utf8_length(std::string_view text, std::size_t i) noexcept {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
        return 1;
    }
    std::size_t n = 0;
    unsigned min = 0;
    unsigned cp = 0;
    if ((b & 0xE0) == 0xC0) {
        n = 2;
        cp = b & 0x1Fu;
        min = 0x80;
    } else if ((b & 0xF0) == 0xE0) {
        n = 3;
        cp = b & 0x0Fu;
        min = 0x800;
    } else if ((b & 0xF8) == 0xF0) {
        n = 4;
        cp = b & 0x07u;
        min = 0x10000;
    } else {
        return 0;
    }
    if (i + n > text.size()) {
        return 0;
    }
    for (std::size_t k = 1; k < n; ++k) {
        const auto c = static_cast<unsigned char>(text[i + k]);
        if ((c & 0xC0) != 0x80) {
            return 0;
        }
        cp = (cp << 6) | (c & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return 0;
    }
    return n;
}

/// Where an excerpt is printed, which decides its escaping and what its limit counts.
enum class excerpt_style {
    /// Raw text between quotes (`found '…'`): the limit counts characters; `\`, tab, CR and LF
    /// as `\\`, `\t`, `\r`, `\n`; other control characters, DEL and invalid UTF-8 bytes as `\x7F`.
    text,
    /// The inside of a JSON string (`got "…"`): the limit counts bytes and never cuts inside a
    /// UTF-8 sequence; also `"` as `\"`; other control characters and DEL as `\u007f`; bytes
    /// beyond ASCII unchanged.
    json,
};

/// At most `max` characters (text) or bytes (json) of `text`, escaped per `style`; a cut text
/// ends in `…`.
[[nodiscard]] std::string excerpt(std::string_view text, std::size_t max, excerpt_style style);

} // namespace wfm::detail
