// The compiled part of core/time.hpp: the timestamp, date and interval-text parsers.
#include <wfm/core/duration.hpp>
#include <wfm/core/error.hpp>
#include <wfm/core/time.hpp>

#include <fmt/format.h>

#include <cmath>

namespace wfm {
namespace {

// Reads exactly `width` decimal digits at `pos`.
bool read_digits(std::string_view text, std::size_t pos, std::size_t width, int& out) noexcept {
    if (pos + width > text.size()) {
        return false;
    }
    int v = 0;
    for (std::size_t i = pos; i < pos + width; ++i) {
        const char c = text[i];
        if (c < '0' || c > '9') {
            return false;
        }
        v = v * 10 + (c - '0');
    }
    out = v;
    return true;
}

std::optional<local_date> date_at_start(std::string_view text) noexcept {
    int y = 0;
    int m = 0;
    int d = 0;
    if (text.size() < 10 || !read_digits(text, 0, 4, y) || text[4] != '-' ||
        !read_digits(text, 5, 2, m) || text[7] != '-' || !read_digits(text, 8, 2, d)) {
        return std::nullopt;
    }
    const std::chrono::year_month_day ymd{std::chrono::year{y},
                                          std::chrono::month{static_cast<unsigned>(m)},
                                          std::chrono::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) {
        return std::nullopt;
    }
    return local_date{ymd};
}

} // namespace

std::optional<std::chrono::local_seconds> try_parse_local_seconds(std::string_view text) noexcept {
    const auto date = date_at_start(text);
    if (!date || (text.size() != 16 && text.size() != 19) || (text[10] != 'T' && text[10] != ' ')) {
        return std::nullopt;
    }
    int hh = 0;
    int mm = 0;
    int ss = 0;
    if (!read_digits(text, 11, 2, hh) || text[13] != ':' || !read_digits(text, 14, 2, mm)) {
        return std::nullopt;
    }
    if (text.size() == 19 && (text[16] != ':' || !read_digits(text, 17, 2, ss))) {
        return std::nullopt;
    }
    if (hh > 23 || mm > 59 || ss > 59) {
        return std::nullopt;
    }
    return std::chrono::local_seconds{*date} + std::chrono::hours{hh} + std::chrono::minutes{mm} +
           std::chrono::seconds{ss};
}

timestamp parse_timestamp(std::string_view text) {
    const auto t = try_parse_local_seconds(text);
    if (!t) {
        throw invalid_argument(
            fmt::format("parse_timestamp: expected YYYY-MM-DDTHH:MM, got '{}'", text));
    }
    if ((t->time_since_epoch() % std::chrono::minutes{1}).count() != 0) {
        throw invalid_argument(
            fmt::format("parse_timestamp: timestamp '{}' is not on a whole minute", text));
    }
    return std::chrono::floor<std::chrono::minutes>(*t);
}

std::optional<local_date> try_parse_date(std::string_view text) noexcept {
    if (text.size() != 10) {
        return std::nullopt;
    }
    return date_at_start(text);
}

local_date parse_date(std::string_view text) {
    const auto d = try_parse_date(text);
    if (!d) {
        throw invalid_argument(fmt::format("parse_date: expected YYYY-MM-DD, got '{}'", text));
    }
    return *d;
}

interval_grid interval_grid::parse(std::string_view text) {
    // A bare number counts minutes (`--interval 30`, as documented since the first release).
    static const duration_syntax syntax{.context = "interval",
                                        .expected = "e.g. 15m, 30m or 1h",
                                        .units = {duration_unit::minutes, duration_unit::hours},
                                        .whole_numbers = true,
                                        .min = std::chrono::minutes{0},
                                        .max = std::chrono::weeks{1}};
    const auto d = parse_duration(text, duration_unit::minutes, syntax);
    return interval_grid{std::chrono::minutes{std::lround(d.count() / 60000.0)}};
}

} // namespace wfm
