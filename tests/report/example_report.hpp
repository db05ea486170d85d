#pragma once
// A realistic plan_report for the report tests: the sample generator's noise-free demand for
// the week after the bundled history, Erlang C requirement and prediction (integer agents,
// B(k) = A·B(k−1) / (k + A·B(k−1)); C = n·B / (n − A(1 − B)); SL = 1 − C·e^{−(n−A)t/AHT}),
// and a "schedule" that smooths the requirement over ±1 h, so it is short at the peaks and
// over in the troughs as real shift schedules are. Illustrative only: not the library's
// staffing or scheduling.

#include <wfm/report/plan_report.hpp>
#include <wfm/sim/synthetic.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <vector>

namespace wfm::test {

struct erlang_c_result {
    double service_level;
    double asa_s;
    double occupancy;
    bool stable;
};

inline erlang_c_result erlang_c_fixture(double erlangs, int agents, double aht_s, double t_s) {
    if (erlangs <= 0.0) {
        return {1.0, 0.0, 0.0, true};
    }
    if (agents <= erlangs) {
        return {0.0, 0.0, 1.0, false};
    }
    double b = 1.0;
    for (int k = 1; k <= agents; ++k) {
        b = erlangs * b / (k + erlangs * b);
    }
    const double n = agents;
    const double c = n * b / (n - erlangs * (1.0 - b));
    return {1.0 - c * std::exp(-(n - erlangs) * t_s / aht_s), c * aht_s / (n - erlangs),
            erlangs / n, true};
}

inline int erlang_c_staff(double erlangs, double aht_s, double t_s, double target) {
    int n = std::max(1, static_cast<int>(std::floor(erlangs)) + 1);
    while (erlang_c_fixture(erlangs, n, aht_s, t_s).service_level < target) {
        ++n;
    }
    return n;
}

inline report::channel_plan example_channel(const sim::synthetic_options& options,
                                            const sim::channel_profile& profile, local_date week,
                                            int threshold_s, int concurrency, double shrinkage) {
    report::channel_plan c;
    c.name = profile.name;
    c.target.threshold = std::chrono::seconds{threshold_s};
    c.shrinkage = shrinkage;
    c.self_service_rate = profile.name == "voice" ? 0.3 : 0.1;
    c.concurrency = concurrency;
    const interval_grid grid = options.grid;
    const double step_s = grid.minutes() * 60.0;
    for (int d = 0; d < 7; ++d) {
        const local_date day = week + std::chrono::days{d};
        const auto expected = sim::expected_day_profile(options, profile, day);
        const std::size_t first = c.intervals.size();
        for (std::size_t s = 0; s < expected.size(); ++s) {
            report::interval_outcome x;
            x.start = timestamp{day} + grid.step() * static_cast<long>(s);
            x.volume = expected[s];
            x.volume_lower = std::max(0.0, x.volume - 1.96 * std::sqrt(x.volume));
            x.volume_upper = x.volume + 1.96 * std::sqrt(x.volume);
            x.aht_s = x.volume > 0.0 ? profile.aht_s : 0.0;
            if (x.volume > 0.0) {
                const double aht = profile.aht_s / concurrency;
                const double a = x.volume * aht / step_s;
                const int n = erlang_c_staff(a, aht, threshold_s, c.target.service_level);
                x.required_fractional = n / (1.0 - shrinkage);
                x.required = std::ceil(x.required_fractional);
            }
            c.intervals.push_back(x);
        }
        // Coverage: the requirement averaged over ±1 h (4 slots each side), rounded.
        for (std::size_t i = first; i < c.intervals.size(); ++i) {
            double sum = 0.0;
            int n = 0;
            for (std::size_t j = std::max(first, i >= 4 ? i - 4 : 0);
                 j < std::min(c.intervals.size(), i + 5); ++j) {
                sum += c.intervals[j].required;
                ++n;
            }
            auto& x = c.intervals[i];
            x.scheduled = x.required > 0.0 || sum > 0.0 ? std::round(sum / n) : 0.0;
            if (x.volume <= 0.0) {
                continue;
            }
            const double aht = profile.aht_s / concurrency;
            const double a = x.volume * aht / step_s;
            const int staffed = static_cast<int>(std::floor(x.scheduled * (1.0 - shrinkage)));
            const auto e = erlang_c_fixture(a, staffed, aht, threshold_s);
            x.service_level = e.service_level;
            x.asa_s = e.stable ? e.asa_s : 300.0;
            x.abandon = e.stable ? 0.1 * (1.0 - e.service_level) : 0.2;
            x.answer_rate = 1.0 - *x.abandon;
            x.occupancy = e.occupancy;
        }
    }
    return c;
}

/// Three channels (voice, text with concurrency 3, video) for the week of Monday 2026-11-02
/// (pay day on Thursday 2026-11-05), in two pools (`voice`, `text+video`) with a schedule each
/// (52 full-time agents × 5 days × 8.5 h on duty with 1 h of breaks, 8 h paid; voice carries
/// hourly rates) and three backtest tables.
inline report::plan_report example_report() {
    const auto options = sim::sample_options(8, 1);
    const local_date week{std::chrono::year{2026} / 11 / 2};
    report::plan_report r;
    r.title = "Weekly plan: remote service centre";
    r.week_start = week;
    r.grid = options.grid;
    r.channels.push_back(example_channel(options, options.channels[0], week, 20, 1, 0.30));
    r.channels.push_back(example_channel(options, options.channels[1], week, 60, 3, 0.25));
    r.channels.push_back(example_channel(options, options.channels[2], week, 20, 1, 0.30));
    r.channels[0].pool = "voice";
    r.channels[1].pool = "text+video";
    r.channels[2].pool = "text+video";
    r.schedules.push_back(
        report::schedule_summary{.pool = "voice",
                                 .status = "optimal",
                                 .templates = {{"early 07:00 8h", 14, 560.0, 560.0 * 30.0},
                                               {"day 09:00 8h", 22, 880.0, 880.0 * 30.0},
                                               {"late 15:00 8h", 16, 640.0, 640.0 * 32.0}},
                                 .objective = 2080.0,
                                 .lower_bound = 2051.5,
                                 .objective_unit = "paid hours",
                                 .solver_seconds = 0.42,
                                 .on_duty_hours = 52 * 5 * 8.5,
                                 .break_hours = 52 * 5 * 1.0});
    r.schedules.push_back(
        report::schedule_summary{.pool = "text+video",
                                 .status = "feasible (time limit)",
                                 .templates = {{"day 08:00 8h", 12, 480.0, std::nullopt},
                                               {"late 14:00 8h", 10, 400.0, std::nullopt}},
                                 .objective = 880.0,
                                 .lower_bound = std::nullopt,
                                 .objective_unit = "paid hours",
                                 .solver_seconds = 1.20,
                                 .on_duty_hours = 22 * 5 * 8.5,
                                 .break_hours = 22 * 5 * 1.0});
    for (const char* channel : {"voice", "text", "video"}) {
        r.backtests.push_back(report::backtest_table{
            .channel = channel,
            .series = "volume",
            .chosen_method = "ets",
            .origins = 4,
            .rows = {{"seasonal_naive", 9.8, 13.1, 0.121, 1.0, 0.004, 0.81},
                     {"four_week_average", 7.9, 10.6, 0.094, 0.78, -0.011, 0.86},
                     {"ets", 7.1, 9.7, 0.083, 0.70, 0.006, 0.92}}});
    }
    r.notes = {"history: data/sample_history.csv", "config: data/sample_plan.json"};
    return r;
}

/// Closes Saturday and Sunday and, on weekdays, the hours outside [open_h, close_h): those
/// intervals get open = false, no forecast, no requirement and no prediction (a shift may still
/// overlap them, so `scheduled` is kept).
inline void close_outside(report::channel_plan& c, int open_h, int close_h) {
    for (auto& x : c.intervals) {
        const int m = minute_of_day(x.start);
        if (weekday_index(x.start) < 5 && m >= open_h * 60 && m < close_h * 60) {
            continue;
        }
        const double scheduled = x.scheduled;
        const timestamp start = x.start;
        x = report::interval_outcome{};
        x.start = start;
        x.scheduled = scheduled;
        x.open = false;
    }
}

/// Twelve queues in three pools of four (retail, cards, wealth), open Monday to Friday, with
/// staggered opening hours: the report a 12-queue bank centre produces.
inline report::plan_report twelve_queue_report() {
    auto r = example_report();
    const auto options = sim::sample_options(8, 1);
    const std::array<const char*, 3> pools{"retail", "cards", "wealth"};
    const std::array<const char*, 4> queues{"voice", "english", "chat", "video"};
    r.channels.clear();
    r.schedules.clear();
    r.backtests.clear();
    for (std::size_t p = 0; p < pools.size(); ++p) {
        report::schedule_summary s;
        s.pool = pools[p];
        s.status = "feasible";
        for (std::size_t q = 0; q < queues.size(); ++q) {
            const auto& profile = options.channels[q % 3];
            auto c = example_channel(options, profile, r.week_start, q == 2 ? 60 : 20,
                                     q == 2 ? 3 : 1, 0.3);
            c.name = std::string{pools[p]} + "-" + queues[q];
            c.channel = profile.name;
            c.pool = pools[p];
            close_outside(c, 8 + static_cast<int>(q % 2), 20 - static_cast<int>(p));
            r.channels.push_back(std::move(c));
        }
        const int agents = 20 + 4 * static_cast<int>(p);
        s.templates = {{"full 8h", agents, agents * 40.0, std::nullopt}};
        s.on_duty_hours = agents * 5 * 8.5;
        s.break_hours = agents * 5 * 1.0;
        r.schedules.push_back(std::move(s));
    }
    r.title = "Weekly plan: 12 queues in 3 pools";
    return r;
}

} // namespace wfm::test
