#pragma once
// Number and text formatting shared by the report renderers.

#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>

namespace wfm::report::detail {

/// numerator / denominator, or none unless the denominator is positive.
[[nodiscard]] inline std::optional<double> ratio(double numerator, double denominator) noexcept {
    return denominator > 0.0 ? std::optional<double>{numerator / denominator} : std::nullopt;
}

/// `92.1%`, or `n/a` when undefined.
[[nodiscard]] inline std::string percent(const std::optional<double>& share, int decimals = 1) {
    return share ? fmt::format("{:.{}f}%", *share * 100.0, decimals) : std::string{"n/a"};
}

/// Fixed decimals, or `n/a` when undefined.
[[nodiscard]] inline std::string number(const std::optional<double>& value, int decimals = 1) {
    return value ? fmt::format("{:.{}f}", *value, decimals) : std::string{"n/a"};
}

/// Text safe inside HTML elements and double- or single-quoted attributes.
[[nodiscard]] inline std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char ch : text) {
        switch (ch) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += ch;
        }
    }
    return out;
}

} // namespace wfm::report::detail
