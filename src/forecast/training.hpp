#pragma once
// The day × slot view of a history that the day-level forecasting methods fit on (internal:
// only the forecast sources include it).

#include <wfm/core/series.hpp>
#include <wfm/forecast/calendar.hpp>

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace wfm::forecast::detail {

enum class day_kind : std::uint8_t {
    closed,  ///< calendar-closed, or a weekday the centre does not open
    missing, ///< an open weekday with no (or too little) data
    usable,  ///< an ordinary day, open slots observed or imputed
    special, ///< a labelled day: excluded from fitting, used to learn its label's effect
};

/// History before the origin's day as a day × slot matrix with learned opening hours.
struct training {
    interval_grid grid{std::chrono::minutes{60}};
    int slots = 0;         ///< slots per day
    local_date first_day;  ///< day 0
    int days = 0;          ///< days before the origin's day
    std::vector<double> x; ///< days × slots; open slots of usable/special days are imputed
    std::vector<day_kind> kind;
    std::vector<double> total; ///< open-slot total of usable and special days
    std::vector<std::string> label;
    std::array<bool, 7> open_weekday{};
    std::array<std::vector<std::uint8_t>, 7> open; ///< slot open, by weekday
    std::array<std::vector<double>, 7> profile;    ///< share of the day in each slot, by weekday
    special_days calendar;

    /// True when `d` is a business day: an open weekday not closed by the calendar.
    [[nodiscard]] bool business_day(local_date d) const noexcept;
    /// Place of `d` in its month: 1, 2, 3 for the first three business days, 4 for the last
    /// business day, 0 otherwise (and for non-business days).
    [[nodiscard]] int month_position(local_date d) const noexcept;
    /// Place of `d` among the business days from the 15th of its month on: 1, 2, 3 for the
    /// first three, 0 otherwise (mid-month pay days).
    [[nodiscard]] int mid_month_position(local_date d) const noexcept;

    [[nodiscard]] std::size_t at(int day, int slot) const noexcept {
        return static_cast<std::size_t>(day) * static_cast<std::size_t>(slots) +
               static_cast<std::size_t>(slot);
    }
    [[nodiscard]] local_date date(int day) const noexcept {
        return first_day + std::chrono::days{day};
    }
    [[nodiscard]] int weekday(int day) const noexcept { return weekday_index(date(day)); }
    /// The weekday whose level effect and intraday profile `d` takes: the week's first open
    /// weekday (Monday) for the first business day after a calendar-closed open weekday (the
    /// backlog of a holiday arrives like a Monday's), else `d`'s own weekday.
    [[nodiscard]] int effect_weekday(local_date d) const noexcept;
    /// True when training day `day` is a business day whose effect_weekday is not its own
    /// (left out of the level and weekday fits: its backlog is not its weekday's level).
    [[nodiscard]] bool after_closure(int day) const noexcept {
        return effect_weekday(date(day)) != weekday(day);
    }
    /// The weekday whose intraday profile `d` takes: effect_weekday(d) when that weekday has the
    /// same open slots as `d`'s own (closed slots stay closed), else `d`'s own weekday.
    [[nodiscard]] int profile_weekday(local_date d) const noexcept {
        const int e = effect_weekday(d);
        const int w = weekday_index(d);
        return open[static_cast<std::size_t>(e)] == open[static_cast<std::size_t>(w)] ? e : w;
    }
    /// True when the centre is open at `slot` on date `d` (learned hours, calendar closures).
    [[nodiscard]] bool is_open(local_date d, int slot) const;
};

/// Builds the training view from the part of `history` before `origin_day`. Opening hours: a
/// weekday is open when at least half of its last 8 (non-calendar-closed) dates have data; a
/// slot is open on a weekday when observed on at least half of that weekday's last 8 dates
/// with data.
[[nodiscard]] training make_training(const time_series& history, local_date origin_day,
                                     const special_days& calendar);

/// Forecast rows (slots values, 0 where closed) for future `days`, by a day-level method.
[[nodiscard]] std::vector<std::vector<double>> topdown_days(const training& tr,
                                                            std::span<const local_date> days);
[[nodiscard]] std::vector<std::vector<double>> svd_days(const training& tr,
                                                        std::span<const local_date> days);

/// Level tuning of regression_days (the public regression_tuning's fields).
struct level_tuning {
    double alpha = 0.3;
    double clip = 1.0;
    double trend = 0.0;   ///< β (0: no trend)
    double damping = 0.9; ///< φ
};

/// Rows by the calendar regression of daily totals (regression.cpp).
[[nodiscard]] std::vector<std::vector<double>>
regression_days(const training& tr, std::span<const local_date> days, const level_tuning& tuning);

/// Multiplicative effect of each label seen in training: Σ total of the labelled days over Σ of
/// the mean total of ordinary same-weekday days within two weeks of each.
[[nodiscard]] double label_effect(const training& tr, std::string_view label);

} // namespace wfm::forecast::detail
