#include <wfm/sim/synthetic.hpp>

#include <wfm/core/error.hpp>

#include <boost/random/gamma_distribution.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/poisson_distribution.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>

namespace wfm::sim {
namespace {

using std::chrono::days;
using std::chrono::minutes;

const special_day* find_special(const synthetic_options& options, local_date day) {
    const auto it = std::find_if(options.special_days.begin(), options.special_days.end(),
                                 [&](const special_day& s) { return s.date == day; });
    return it == options.special_days.end() ? nullptr : &*it;
}

double shape_at(const channel_profile& channel, double minute) {
    double value = channel.base;
    for (const auto& peak : channel.peaks) {
        const double z = (minute - peak.at_minute) / peak.width;
        value += peak.height * std::exp(-0.5 * z * z);
    }
    return value;
}

bool is_open(const channel_profile& channel, int minute_of_day) {
    return minute_of_day >= channel.open_minute && minute_of_day < channel.close_minute;
}

double mean_handle_time(const channel_profile& channel, double minute) {
    constexpr double afternoon = 15.0 * 60.0;
    return channel.aht_s *
           (1.0 + channel.aht_intraday_amplitude *
                      std::cos(2.0 * std::numbers::pi * (minute - afternoon) / 1440.0));
}

void check(bool ok, const std::string& what) {
    if (!ok) {
        throw invalid_argument("sim::validate: " + what);
    }
}

} // namespace

synthetic_options sample_options(int weeks, std::uint64_t seed, local_date start) {
    check(weeks >= 1 && weeks <= 520, fmt::format("weeks must be in 1 … 520, got {}", weeks));
    synthetic_options options;
    options.start = start;
    options.weeks = weeks;
    options.seed = seed;
    // 0.5 % a week, capped so the whole history grows by at most 50 % (any weeks in 1 … 520).
    options.trend_per_week = std::min(options.trend_per_week, 0.5 / weeks);
    options.channels = {
        channel_profile{.name = "voice",
                        .mean_daily_volume = 4000.0,
                        .open_minute = 7 * 60,
                        .close_minute = 23 * 60,
                        .base = 0.2,
                        .peaks = {{.at_minute = 10 * 60, .width = 80.0, .height = 1.0},
                                  {.at_minute = 14 * 60 + 30, .width = 100.0, .height = 0.8},
                                  {.at_minute = 20 * 60, .width = 70.0, .height = 0.25}},
                        .aht_s = 240.0,
                        .aht_intraday_amplitude = 0.08,
                        .aht_cv = 0.8},
        channel_profile{.name = "text",
                        .mean_daily_volume = 1500.0,
                        .open_minute = 8 * 60,
                        .close_minute = 22 * 60,
                        .base = 0.3,
                        .peaks = {{.at_minute = 11 * 60, .width = 90.0, .height = 0.8},
                                  {.at_minute = 15 * 60, .width = 100.0, .height = 0.7},
                                  {.at_minute = 20 * 60 + 30, .width = 60.0, .height = 0.6}},
                        .aht_s = 540.0,
                        .aht_intraday_amplitude = 0.05,
                        .aht_cv = 0.9},
        channel_profile{.name = "video",
                        .mean_daily_volume = 220.0,
                        .open_minute = 8 * 60,
                        .close_minute = 22 * 60,
                        .base = 0.2,
                        .peaks = {{.at_minute = 10 * 60 + 30, .width = 90.0, .height = 1.0},
                                  {.at_minute = 15 * 60, .width = 90.0, .height = 0.9}},
                        .aht_s = 420.0,
                        .aht_intraday_amplitude = 0.06,
                        .aht_cv = 0.6},
    };
    options.special_days.push_back(special_day{.date = local_date{std::chrono::year{2026} / 9 / 25},
                                               .label = "Mid-Autumn Festival",
                                               .closed = true,
                                               .uplift = 1.0});
    // Pay day on the 5th of every month the history (and the week after it) touches.
    const local_date end = options.start + days{7 * (weeks + 1)};
    std::chrono::year_month month = std::chrono::year_month_day{options.start}.year() /
                                    std::chrono::year_month_day{options.start}.month();
    for (;; month += std::chrono::months{1}) {
        const local_date pay_day{month / 5};
        if (pay_day >= end) {
            break;
        }
        if (pay_day >= options.start) {
            options.special_days.push_back(
                special_day{.date = pay_day, .label = "pay day", .closed = false, .uplift = 1.3});
        }
    }
    return options;
}

void validate(const synthetic_options& options) {
    check(options.weeks >= 1 && options.weeks <= 520,
          fmt::format("weeks must be in 1 … 520, got {}", options.weeks));
    for (int d = 0; d < 7; ++d) {
        const double f = options.weekday_factor[static_cast<std::size_t>(d)];
        check(std::isfinite(f) && f > 0.0,
              fmt::format("weekday_factor[{}] must be positive, got {}", d, f));
    }
    check(std::isfinite(options.trend_per_week) &&
              std::abs(options.trend_per_week) * options.weeks < 1.0,
          fmt::format("trend_per_week × weeks must be below 1 in size, got {}",
                      options.trend_per_week));
    check(std::isfinite(options.day_noise_cv) && options.day_noise_cv >= 0.0 &&
              options.day_noise_cv <= 1.0,
          fmt::format("day_noise_cv must be in [0, 1], got {}", options.day_noise_cv));
    check(!options.channels.empty(), "at least one channel is needed");
    for (const auto& c : options.channels) {
        const std::string where = fmt::format("channel '{}': ", c.name);
        check(!c.name.empty(), "a channel needs a name");
        check(std::isfinite(c.mean_daily_volume) && c.mean_daily_volume >= 0.0,
              where + fmt::format("mean_daily_volume must be ≥ 0, got {}", c.mean_daily_volume));
        check(c.open_minute >= 0 && c.open_minute < c.close_minute && c.close_minute <= 1440,
              where + fmt::format("opening hours must satisfy 0 ≤ open < close ≤ 1440, got {}–{}",
                                  c.open_minute, c.close_minute));
        check(std::isfinite(c.base) && c.base > 0.0,
              where + fmt::format("base must be positive, got {}", c.base));
        for (const auto& p : c.peaks) {
            check(std::isfinite(p.width) && p.width > 0.0 && std::isfinite(p.height) &&
                      p.height >= 0.0,
                  where + fmt::format("a peak needs width > 0 and height ≥ 0, got {} and {}",
                                      p.width, p.height));
        }
        check(std::isfinite(c.aht_s) && c.aht_s > 0.0,
              where + fmt::format("aht_s must be positive, got {}", c.aht_s));
        check(std::isfinite(c.aht_intraday_amplitude) && std::abs(c.aht_intraday_amplitude) < 1.0,
              where + fmt::format("aht_intraday_amplitude must be in (−1, 1), got {}",
                                  c.aht_intraday_amplitude));
        check(std::isfinite(c.aht_cv) && c.aht_cv > 0.0,
              where + fmt::format("aht_cv must be positive, got {}", c.aht_cv));
    }
    for (const auto& s : options.special_days) {
        check(std::isfinite(s.uplift) && s.uplift > 0.0,
              fmt::format("special day {}: uplift must be positive, got {}", format_date(s.date),
                          s.uplift));
    }
}

std::vector<double> expected_day_profile(const synthetic_options& options,
                                         const channel_profile& channel, local_date day) {
    const auto slots = static_cast<std::size_t>(options.grid.slots_per_day());
    std::vector<double> profile(slots, 0.0);
    const special_day* special = find_special(options, day);
    if (special != nullptr && special->closed) {
        return profile;
    }
    const int step = options.grid.minutes();
    double shape_sum = 0.0;
    for (std::size_t s = 0; s < slots; ++s) {
        const int minute = static_cast<int>(s) * step;
        if (is_open(channel, minute)) {
            profile[s] = shape_at(channel, minute + 0.5 * step);
            shape_sum += profile[s];
        }
    }
    if (shape_sum <= 0.0) {
        return profile;
    }
    const double weekday_mean =
        std::accumulate(options.weekday_factor.begin(), options.weekday_factor.end(), 0.0) / 7.0;
    const double week = static_cast<double>((day - options.start).count() / 7);
    const double level = 1.0 + options.trend_per_week * (week - (options.weeks - 1) / 2.0);
    const double uplift = special != nullptr ? special->uplift : 1.0;
    const double total = channel.mean_daily_volume * level *
                         options.weekday_factor[static_cast<std::size_t>(weekday_index(day))] /
                         weekday_mean * uplift;
    for (double& v : profile) {
        v *= total / shape_sum;
    }
    return profile;
}

synthetic_history generate_history(const synthetic_options& options) {
    validate(options);
    const auto slots = static_cast<std::size_t>(options.grid.slots_per_day());
    const auto day_count = static_cast<std::size_t>(7 * options.weeks);
    const timestamp start{options.start};

    synthetic_history history;
    history.grid = options.grid;
    for (const auto& c : options.channels) {
        history.channels.push_back(
            channel_history{.name = c.name,
                            .volume = time_series(options.grid, start, slots * day_count),
                            .aht_s = time_series(options.grid, start, slots * day_count)});
    }
    const local_date end = options.start + days{static_cast<long>(day_count) + 7};
    for (const auto& s : options.special_days) {
        if (s.date >= options.start && s.date < end) {
            history.special_days.push_back(s);
        }
    }
    std::sort(history.special_days.begin(), history.special_days.end(),
              [](const special_day& a, const special_day& b) { return a.date < b.date; });

    boost::random::mt19937_64 engine{options.seed};
    const int step = options.grid.minutes();
    for (std::size_t d = 0; d < day_count; ++d) {
        const local_date day = options.start + days{static_cast<long>(d)};
        double day_factor = 1.0;
        if (options.day_noise_cv > 0.0) {
            const double k = 1.0 / (options.day_noise_cv * options.day_noise_cv);
            day_factor = boost::random::gamma_distribution<double>{k, 1.0 / k}(engine);
        }
        for (std::size_t c = 0; c < options.channels.size(); ++c) {
            const channel_profile& channel = options.channels[c];
            channel_history& out = history.channels[c];
            const std::vector<double> expected = expected_day_profile(options, channel, day);
            const double shape_k = 1.0 / (channel.aht_cv * channel.aht_cv);
            for (std::size_t s = 0; s < slots; ++s) {
                const std::size_t i = d * slots + s;
                const int minute = static_cast<int>(s) * step;
                if (!is_open(channel, minute) || expected[s] <= 0.0) {
                    continue; // closed (hours or holiday): the series starts closed
                }
                const double mean = expected[s] * day_factor;
                const int volume = boost::random::poisson_distribution<int, double>{mean}(engine);
                out.volume.set(i, volume);
                if (volume == 0) {
                    out.aht_s.set_missing(i);
                    continue;
                }
                const double mean_aht = mean_handle_time(channel, minute + 0.5 * step);
                const double total = boost::random::gamma_distribution<double>{
                    shape_k * volume, mean_aht / shape_k}(engine);
                out.aht_s.set(i, total / volume);
            }
        }
    }
    return history;
}

} // namespace wfm::sim
