#pragma once
/// Deterministic synthetic contact-centre history: interval volumes and AHT per channel.
///
/// The model, per channel c, day d and open interval i (interval midpoint m_i, minutes):
///   expected(c, d, i) = mean_daily_volume_c · level(week) · weekday_factor[d] / mean(weekday)
///                       · day_factor(d) · uplift(d) · shape_c(m_i) / Σ_open shape_c
///   shape_c(m)        = base + Σ_peaks height · exp(−(m − at)² / (2 · width²))
///   level(week)       = 1 + trend_per_week · (week − (weeks − 1) / 2)   (history mean = 1)
///   day_factor(d)     ~ Gamma with mean 1 and coefficient of variation day_noise_cv
///                       (day-to-day over-dispersion, shared by the channels of a day)
///   volume            ~ Poisson(expected)
///   AHT of interval   = (Σ of `volume` handle times) / volume, each handle time
///                       ~ Gamma(mean aht_s · (1 + aht_intraday_amplitude · cos(2π(m −
///                       15:00)/24h)),
///                               cv aht_cv), so the interval mean is one Gamma draw;
///                       missing when volume = 0.
/// Closed days (public holidays) and hours outside a channel's opening hours are closed slots.
/// Random numbers: boost::random::mt19937_64 and Boost.Random distributions, whose output is
/// fixed by Boost's implementation, so a seed gives the same history with any standard library.

#include <wfm/core/series.hpp>
#include <wfm/core/time.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace wfm::sim {

/// One Gaussian bump of the intraday arrival shape.
struct intraday_peak {
    int at_minute = 600; ///< centre, minutes after midnight
    double width = 90.0; ///< standard deviation, minutes
    double height = 1.0; ///< relative to the flat base of 1
};

/// How one channel's demand is generated.
struct channel_profile {
    std::string name;                     ///< `voice`, `text`, `video`
    double mean_daily_volume = 1000.0;    ///< expected contacts on an average regular open day
    int open_minute = 7 * 60;             ///< opening time, minutes after midnight
    int close_minute = 23 * 60;           ///< closing time (exclusive), minutes after midnight
    double base = 0.25;                   ///< flat part of the intraday shape
    std::vector<intraday_peak> peaks;     ///< intraday bumps (two for a double peak)
    double aht_s = 240.0;                 ///< mean handle time per contact, seconds
    double aht_intraday_amplitude = 0.08; ///< relative swing of the AHT over the day
    double aht_cv = 0.8;                  ///< coefficient of variation of one contact's handle time
};

/// A day with its own treatment: closed (holiday) or an uplifted "key service day".
struct special_day {
    local_date date;
    std::string label;
    bool closed = false;
    double uplift = 1.0; ///< multiplies the expected volume of every channel (1 when closed)
};

/// Everything the generator needs; `sample_options()` gives the bundled sample's settings.
struct synthetic_options {
    local_date start; ///< first day of the history
    int weeks = 8;    ///< length in whole weeks, 1 … 520
    interval_grid grid{std::chrono::minutes{15}};
    std::uint64_t seed = 20260907;
    std::array<double, 7> weekday_factor{1.25, 1.08, 1.0, 1.0, 1.05, 0.72, 0.62}; ///< Mon … Sun
    double trend_per_week = 0.005; ///< relative growth per week
    double day_noise_cv = 0.04;    ///< day-to-day over-dispersion (0 = pure Poisson)
    std::vector<channel_profile> channels;
    std::vector<special_day> special_days; ///< days outside the history are ignored
};

/// One channel's generated history on the common frame.
struct channel_history {
    std::string name;
    time_series volume; ///< contacts offered per interval; closed outside opening hours
    time_series aht_s;  ///< mean handle time (s); missing when the interval had no contacts
};

/// The generated history: every channel on the same frame (start at `start` 00:00, whole weeks).
struct synthetic_history {
    interval_grid grid{std::chrono::minutes{15}};
    std::vector<channel_history> channels;
    std::vector<special_day> special_days; ///< those inside the history and the week after it
};

/// The first day of the bundled sample: Monday 2026-09-07.
inline constexpr local_date sample_start{std::chrono::year{2026} / 9 / 7};

/// The bundled sample's settings: voice 07:00–23:00 (4000 calls/day, AHT 240 s), text
/// 08:00–22:00 (1500 sessions/day, 540 s), video 08:00–22:00 (220 calls/day, 420 s), a holiday on
/// 2026-09-25 (Mid-Autumn Festival, closed) when inside the history, and pay day on the 5th of
/// each month (+30 %) through the week after the history. The trend is 0.5 % a week, capped at
/// 0.5 / weeks so that the history grows by at most 50 % in all (1 … 520 weeks).
[[nodiscard]] synthetic_options sample_options(int weeks = 8, std::uint64_t seed = 20260907,
                                               local_date start = sample_start);

/// Checks the options; throws wfm::invalid_argument naming the bad field and value.
void validate(const synthetic_options& options);

/// Expected (noise-free) contacts of `channel` in each slot of `day`, on `options.grid`
/// (closed slots 0), before the day factor; `uplift` scales the whole day.
[[nodiscard]] std::vector<double> expected_day_profile(const synthetic_options& options,
                                                       const channel_profile& channel,
                                                       local_date day);

/// Generates the history; same options and seed give the same history.
[[nodiscard]] synthetic_history generate_history(const synthetic_options& options);

} // namespace wfm::sim
