// The one duration parser: units, what a bare number means, and range, all stated by the caller.
#include <wfm/core/duration.hpp>
#include <wfm/core/error.hpp>

#include "json_decode.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace wfm {
namespace {

// The unit a suffix names; empty for an unknown suffix.
std::optional<duration_unit> unit_of(std::string_view suffix) {
    if (suffix == "ms") {
        return duration_unit::milliseconds;
    }
    if (suffix == "s") {
        return duration_unit::seconds;
    }
    if (suffix == "m" || suffix == "min") {
        return duration_unit::minutes;
    }
    if (suffix == "h") {
        return duration_unit::hours;
    }
    if (suffix == "d") {
        return duration_unit::days;
    }
    if (suffix == "w") {
        return duration_unit::weeks;
    }
    return std::nullopt;
}

double milliseconds_per(duration_unit u) {
    switch (u) {
    case duration_unit::milliseconds:
        return 1.0;
    case duration_unit::seconds:
        return 1000.0;
    case duration_unit::minutes:
        return 60000.0;
    case duration_unit::hours:
        return 3600000.0;
    case duration_unit::days:
        return 86400000.0;
    case duration_unit::weeks:
        return 604800000.0;
    }
    return 0.0;
}

} // namespace

std::chrono::duration<double, std::milli> parse_duration(std::string_view text,
                                                         std::optional<duration_unit> bare,
                                                         const duration_syntax& syntax) {
    const auto fail = [&] {
        return invalid_argument(fmt::format("{}: expected {}, got '{}'", syntax.context,
                                            syntax.expected, decode::escaped_excerpt(text)));
    };
    std::size_t digits = 0;
    std::size_t points = 0;
    while (digits < text.size() && ((text[digits] >= '0' && text[digits] <= '9') ||
                                    (text[digits] == '.' && !syntax.whole_numbers))) {
        points += text[digits] == '.' ? 1U : 0U;
        ++digits;
    }
    double value = 0.0;
    const char* last = text.data() + digits;
    const auto [ptr, ec] = std::from_chars(text.data(), last, value);
    if (digits == 0 || points > 1 || ec != std::errc{} || ptr != last) {
        throw fail();
    }
    const std::string_view suffix = text.substr(digits);
    const auto unit = suffix.empty() ? bare : unit_of(suffix);
    const bool allowed =
        suffix.empty() ||
        (unit && std::find(syntax.units.begin(), syntax.units.end(), *unit) != syntax.units.end());
    if (!unit || !allowed) {
        throw fail();
    }
    const std::chrono::duration<double, std::milli> d{value * milliseconds_per(*unit)};
    if (!std::isfinite(d.count()) || d < syntax.min || d > syntax.max) {
        throw fail();
    }
    return d;
}

} // namespace wfm
