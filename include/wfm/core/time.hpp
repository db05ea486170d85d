#pragma once
/// Local wall-clock timestamps and the interval grid (5, 10, 15, 30 or 60 minutes).
///
/// wfm works on the local wall clock, with no time zone: every calendar day has 24 wall-clock
/// hours of slots. Daylight-saving rule: on a 23-hour day the skipped hour simply has no rows
/// (its slots are absent, never invented); on a 25-hour day the repeated hour appears twice in
/// the input and is rejected as a duplicate unless the reader is told to merge it (counts summed).
///
/// Header-only except the text parsers (try_parse_local_seconds, parse_timestamp, try_parse_date,
/// parse_date, interval_grid::parse), which are compiled into the library.

#include <wfm/core/error.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace wfm {

using timestamp = std::chrono::local_time<std::chrono::minutes>;
using local_date = std::chrono::local_days;

/// Parses `YYYY-MM-DDTHH:MM` (or a space for `T`, optional `:SS`) to wall-clock seconds.
[[nodiscard]] std::optional<std::chrono::local_seconds>
try_parse_local_seconds(std::string_view text) noexcept;
/// Parses a timestamp on whole minutes; throws wfm::invalid_argument naming the text.
[[nodiscard]] timestamp parse_timestamp(std::string_view text);
/// Parses `YYYY-MM-DD`; empty optional when the text is not a valid date.
[[nodiscard]] std::optional<local_date> try_parse_date(std::string_view text) noexcept;
/// Parses `YYYY-MM-DD`; throws wfm::invalid_argument naming the text.
[[nodiscard]] local_date parse_date(std::string_view text);

/// The calendar day a timestamp falls on.
[[nodiscard]] constexpr local_date day_of(timestamp t) noexcept {
    return std::chrono::floor<std::chrono::days>(t);
}
/// Minutes since local midnight, 0..1439.
[[nodiscard]] constexpr int minute_of_day(timestamp t) noexcept {
    return static_cast<int>((t - day_of(t)).count());
}
/// 0 = Monday … 6 = Sunday.
[[nodiscard]] constexpr int weekday_index(local_date d) noexcept {
    return static_cast<int>(std::chrono::weekday{d}.iso_encoding()) - 1;
}
/// 0 = Monday … 6 = Sunday.
[[nodiscard]] constexpr int weekday_index(timestamp t) noexcept {
    return weekday_index(day_of(t));
}
/// Monday 00:00 of the ISO week that contains `t`.
[[nodiscard]] constexpr local_date week_start(local_date d) noexcept {
    return d - std::chrono::days{weekday_index(d)};
}
/// Three-letter English weekday name for 0 = Monday … 6 = Sunday; throws wfm::invalid_argument
/// for another index.
[[nodiscard]] constexpr std::string_view weekday_name(int weekday_index) {
    constexpr std::array<std::string_view, 7> names{"Mon", "Tue", "Wed", "Thu",
                                                    "Fri", "Sat", "Sun"};
    if (weekday_index < 0 || weekday_index > 6) {
        throw invalid_argument("weekday_name: index " + std::to_string(weekday_index) +
                               " not in 0..6");
    }
    return names[static_cast<std::size_t>(weekday_index)];
}

namespace detail {

/// `value` in decimal, zero-padded to `width` characters after any `-` (fmt's `{:0Nd}`).
[[nodiscard]] inline std::string zero_padded(long long value, std::size_t width) {
    std::string digits = std::to_string(value < 0 ? -static_cast<unsigned long long>(value)
                                                  : static_cast<unsigned long long>(value));
    const std::size_t sign = value < 0 ? 1 : 0;
    if (digits.size() + sign < width) {
        digits.insert(0, width - sign - digits.size(), '0');
    }
    return value < 0 ? "-" + digits : digits;
}

} // namespace detail

/// Formats as `YYYY-MM-DD`.
[[nodiscard]] inline std::string format_date(local_date d) {
    const std::chrono::year_month_day ymd{d};
    return detail::zero_padded(static_cast<int>(ymd.year()), 4) + "-" +
           detail::zero_padded(static_cast<unsigned>(ymd.month()), 2) + "-" +
           detail::zero_padded(static_cast<unsigned>(ymd.day()), 2);
}
/// Formats as `YYYY-MM-DDTHH:MM`.
[[nodiscard]] inline std::string format_timestamp(timestamp t) {
    const int m = minute_of_day(t);
    return format_date(day_of(t)) + "T" + detail::zero_padded(m / 60, 2) + ":" +
           detail::zero_padded(m % 60, 2);
}

/// A uniform grid of wall-clock intervals aligned to local midnight.
class interval_grid {
public:
    /// Step must be 5, 10, 15, 30 or 60 minutes; throws wfm::invalid_argument otherwise.
    explicit constexpr interval_grid(std::chrono::minutes step) : step_(step) {
        switch (step.count()) {
        case 5:
        case 10:
        case 15:
        case 30:
        case 60:
            return;
        default:
            throw invalid_argument("interval_grid: step must be 5, 10, 15, 30 or 60 minutes, got " +
                                   std::to_string(step.count()));
        }
    }
    /// Parses `5m`, `15m`, `30min`, `60m`, `1h`; throws wfm::invalid_argument otherwise.
    [[nodiscard]] static interval_grid parse(std::string_view text);

    [[nodiscard]] constexpr std::chrono::minutes step() const noexcept { return step_; }
    [[nodiscard]] constexpr int minutes() const noexcept { return static_cast<int>(step_.count()); }
    [[nodiscard]] constexpr int slots_per_day() const noexcept { return 1440 / minutes(); }
    [[nodiscard]] constexpr int slots_per_week() const noexcept { return 7 * slots_per_day(); }
    [[nodiscard]] constexpr bool on_grid(timestamp t) const noexcept {
        return minute_of_day(t) % minutes() == 0;
    }
    /// Start of the interval that contains `t`.
    [[nodiscard]] constexpr timestamp floor(timestamp t) const noexcept {
        return day_of(t) + std::chrono::minutes{minute_of_day(t) / minutes() * minutes()};
    }
    /// Index of `t`'s interval within its day, 0 … slots_per_day()-1.
    [[nodiscard]] constexpr int slot_of_day(timestamp t) const noexcept {
        return minute_of_day(t) / minutes();
    }
    /// weekday_index × slots_per_day + slot_of_day.
    [[nodiscard]] constexpr int slot_of_week(timestamp t) const noexcept {
        return weekday_index(t) * slots_per_day() + slot_of_day(t);
    }
    /// True when `coarser` is a whole multiple of this grid.
    [[nodiscard]] constexpr bool divides(interval_grid coarser) const noexcept {
        return coarser.minutes() % minutes() == 0;
    }
    /// `30m`, `60m`, ….
    [[nodiscard]] std::string name() const { return std::to_string(minutes()) + "m"; }

    friend bool operator==(interval_grid, interval_grid) = default;

private:
    std::chrono::minutes step_;
};

} // namespace wfm
