// Input text as shown in error messages: the one cutting and escaping routine.
#include "excerpt.hpp"

#include <fmt/format.h>

namespace wfm::detail {
namespace {

bool is_continuation(char c) noexcept {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// The unit the limit counts at text[i]: a character (a valid UTF-8 sequence, or one invalid
// byte) for text; for json a byte and the continuation bytes after it, so a cut never falls
// inside a sequence. `valid` tells whether the unit is valid UTF-8 (json units always count as
// valid: their bytes beyond ASCII are copied unchanged).
std::size_t unit_length(std::string_view text, std::size_t i, excerpt_style style,
                        bool& valid) noexcept {
    if (style == excerpt_style::json) {
        std::size_t end = i + 1;
        while (end < text.size() && is_continuation(text[end])) {
            ++end;
        }
        valid = true;
        return end - i;
    }
    const std::size_t n = utf8_length(text, i);
    valid = n != 0;
    return n == 0 ? 1 : n;
}

// Appends one unit with its first byte escaped per style (the only byte that can need it: a
// text unit that needs escaping is one byte; a json unit's other bytes are continuation bytes).
void append_unit(std::string& out, std::string_view unit, bool valid, excerpt_style style) {
    const auto c = static_cast<unsigned char>(unit.front());
    const bool json = style == excerpt_style::json;
    if (c == '\t' || c == '\r' || c == '\n') {
        out += c == '\t' ? "\\t" : c == '\r' ? "\\r" : "\\n";
    } else if (c == '\\') {
        out += "\\\\";
    } else if (c == '"' && json) {
        out += "\\\"";
    } else if (!valid || c < 0x20 || c == 0x7F) {
        out += json ? fmt::format("\\u{:04x}", c) : fmt::format("\\x{:02X}", c);
    } else {
        out += unit;
        return;
    }
    out += unit.substr(1);
}

} // namespace

std::string excerpt(std::string_view text, std::size_t max, excerpt_style style) {
    std::string out;
    std::size_t used = 0;
    for (std::size_t i = 0; i < text.size();) {
        bool valid = true;
        const std::size_t n = unit_length(text, i, style, valid);
        const std::size_t cost = style == excerpt_style::json ? n : 1;
        if (used + cost > max) {
            out += "…";
            return out;
        }
        append_unit(out, text.substr(i, n), valid, style);
        i += n;
        used += cost;
    }
    return out;
}

} // namespace wfm::detail
