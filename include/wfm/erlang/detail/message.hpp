#pragma once
/// Internal: error-message text without a formatting library, so that the header-only engine
/// needs Boost.Math alone. Numbers read exactly as fmt's `{}` writes them (the messages the
/// compiled engine printed before).

#include <wfm/core/error.hpp>

#include <charconv>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <string>
#include <string_view>

namespace wfm::erlang::detail {

/// `value` as fmt's `{}` writes a double: the shortest digits that round-trip, in fixed notation
/// when the decimal exponent is in [−4, 16), else as d.ddde±XX; `inf`, `nan`, `-` when negative.
[[nodiscard]] inline std::string format_number(double value) {
    const std::string sign = std::signbit(value) ? "-" : "";
    if (std::isnan(value)) {
        return sign + "nan";
    }
    if (std::isinf(value)) {
        return sign + "inf";
    }
    char buffer[32];
    const auto written = std::to_chars(buffer, buffer + sizeof buffer, std::abs(value),
                                       std::chars_format::scientific);
    const std::string_view text(buffer, static_cast<std::size_t>(written.ptr - buffer));
    const std::size_t e = text.find('e'); // d[.ddd]e±XX
    std::string digits(1, text[0]);
    if (e > 1) {
        digits.append(text.substr(2, e - 2));
    }
    int exponent = 0;
    std::from_chars(text.data() + e + 2, text.data() + text.size(), exponent);
    exponent = text[e + 1] == '-' ? -exponent : exponent;
    const auto count = static_cast<int>(digits.size());
    if (exponent >= -4 && exponent < 16) {
        if (exponent >= count - 1) {
            return sign + digits + std::string(static_cast<std::size_t>(exponent - count + 1), '0');
        }
        if (exponent >= 0) {
            const auto point = static_cast<std::size_t>(exponent + 1);
            return sign + digits.substr(0, point) + "." + digits.substr(point);
        }
        return sign + "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
    }
    std::string out = sign + digits.substr(0, 1);
    if (count > 1) {
        out += "." + digits.substr(1);
    }
    const int magnitude = exponent < 0 ? -exponent : exponent;
    out += exponent < 0 ? "e-" : "e+";
    return out + (magnitude < 10 ? "0" : "") + std::to_string(magnitude);
}

inline void append_part(std::string& out, std::string_view text) {
    out += text;
}
inline void append_part(std::string& out, double value) {
    out += format_number(value);
}
template <std::integral I> void append_part(std::string& out, I value) {
    out += std::to_string(value);
}

/// The parts written one after another (strings as they are, numbers as fmt's `{}`).
template <class... Parts> [[nodiscard]] std::string message(const Parts&... parts) {
    std::string out;
    (append_part(out, parts), ...);
    return out;
}

/// Throws wfm::invalid_argument "erlang::FUNCTION: NAME must be a finite number >= 0, got V".
inline void require_finite_non_negative(const char* function, const char* name, double value) {
    if (!std::isfinite(value) || value < 0.0) {
        throw wfm::invalid_argument(message("erlang::", function, ": ", name,
                                            " must be a finite number >= 0, got ", value));
    }
}

} // namespace wfm::erlang::detail
