// Property: for every method and any history of finite counts within the documented limit, every
// forecast interval is finite and ordered, 0 ≤ lower ≤ point ≤ upper.
#include "dates.hpp"

#include <wfm/core/error.hpp>
#include <wfm/forecast/forecast.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <random>
#include <string>

using namespace std::chrono_literals;
namespace fc = wfm::forecast;
using wfm::local_date;
using wfm::timestamp;
using wfm::test::monday_2024_01_01;

namespace {

// The kinds of history the property is checked on.
enum class shape {
    poisson,     // Poisson counts around a random level
    zeros,       // all zero
    constant,    // one value everywhere (small or at the limit)
    spike,       // zeros with one spike at the limit somewhere
    huge,        // uniform up to the limit
    mixed,       // each cell one of 0, 1e-12, 1 or the limit
    weekdays,    // the limit on weekdays, 0 at weekends
    last_spike,  // small counts with spikes at the limit in the last days
    long_zeros,  // three years of zeros, then a week at the limit
    alternating, // 0 and the limit alternating by day
};
constexpr int shapes = 10;

struct generated {
    wfm::time_series history;
    std::string name;
};

generated make_history(int seed) {
    std::mt19937_64 rng{static_cast<std::uint64_t>(seed)};
    const auto kind = static_cast<shape>(seed % shapes);
    const double limit = fc::max_history_value;
    const wfm::interval_grid grid{60min};
    const int weeks = kind == shape::long_zeros ? 160 : 4 + static_cast<int>(rng() % 5);
    const std::size_t n = static_cast<std::size_t>(weeks) * 7 * 24;
    wfm::time_series s{grid, timestamp{monday_2024_01_01}, n};
    std::uniform_real_distribution<double> unit{0.0, 1.0};
    const double level = std::pow(10.0, 4.0 * unit(rng) - 1.0);
    const double constant = seed % 20 < 10 ? 7.0 : limit;
    const auto spike_at = static_cast<std::size_t>(rng() % n);
    const bool holes = seed % 3 == 0; // some cells missing
    for (std::size_t i = 0; i < n; ++i) {
        const timestamp t = s.time_at(i);
        const int day = static_cast<int>((wfm::day_of(t) - monday_2024_01_01).count());
        const int w = wfm::weekday_index(wfm::day_of(t));
        const int slot = grid.slot_of_day(t);
        if (holes && unit(rng) < 0.05) {
            continue;
        }
        if (kind != shape::long_zeros && kind != shape::weekdays && (slot < 6 || slot >= 22)) {
            s.set(i, 0.0);
            continue;
        }
        double v = 0.0;
        switch (kind) {
        case shape::poisson: {
            std::poisson_distribution<long> p{level * (1.0 + 0.5 * std::sin(slot * 0.4))};
            v = static_cast<double>(p(rng));
            break;
        }
        case shape::zeros:
            v = 0.0;
            break;
        case shape::constant:
            v = constant;
            break;
        case shape::spike:
            v = i == spike_at ? limit : 0.0;
            break;
        case shape::huge:
            v = limit * unit(rng);
            break;
        case shape::mixed: {
            constexpr std::array<double, 3> small{0.0, 1e-12, 1.0};
            const auto k = rng() % 4;
            v = k == 3 ? limit : small[k];
            break;
        }
        case shape::weekdays:
            v = w < 5 ? limit : 0.0;
            break;
        case shape::last_spike:
            v = n - i < 48 && unit(rng) < 0.3 ? limit : std::floor(level * unit(rng));
            break;
        case shape::long_zeros:
            v = n - i <= 7 * 24 ? limit : 0.0;
            break;
        case shape::alternating:
            v = day % 2 == 0 ? limit : 0.0;
            break;
        }
        s.set(i, v);
    }
    return {s, "seed " + std::to_string(seed) + ", shape " + std::to_string(seed % shapes)};
}

void require_ordered(const fc::forecast_result& r) {
    REQUIRE(r.point.size() > 0);
    for (std::size_t i = 0; i < r.point.size(); ++i) {
        REQUIRE(r.lower.observed(i) == r.point.observed(i));
        REQUIRE(r.upper.observed(i) == r.point.observed(i));
        if (!r.point.observed(i)) {
            continue;
        }
        const double lo = r.lower.value(i);
        const double f = r.point.value(i);
        const double hi = r.upper.value(i);
        INFO("interval " << wfm::format_timestamp(r.point.time_at(i)) << ": " << lo << " ≤ " << f
                         << " ≤ " << hi);
        REQUIRE(std::isfinite(lo));
        REQUIRE(std::isfinite(hi));
        REQUIRE(0.0 <= lo);
        REQUIRE(lo <= f);
        REQUIRE(f <= hi);
    }
}

} // namespace

TEST_CASE("forecast: 0 <= lower <= point <= upper for every method on extreme histories",
          "[forecast][property]") {
    const std::array<const char*, 7> methods{"snaive",   "avg4",       "topdown", "svd",
                                             "ensemble", "regression", "auto"};
    for (int seed = 0; seed < 40; ++seed) {
        const auto g = make_history(seed);
        INFO(g.name);
        for (const char* name : methods) {
            INFO(name);
            for (double level : {0.5, 0.8, 0.98}) {
                fc::forecast_options options;
                options.method = fc::method::parse(name);
                options.level = level;
                options.horizon = std::chrono::days{3};
                require_ordered(fc::forecast(g.history, g.history.end(), options));
            }
        }
    }
}

TEST_CASE("forecast: intervals stay ordered when every backtest error has one sign",
          "[forecast][property]") {
    // A history that grows by 50% a week: every in-history forecast is too low, so the
    // calibrated error quantiles are all positive; the lower bound must still not pass the point.
    const wfm::interval_grid grid{60min};
    wfm::time_series s{grid, timestamp{monday_2024_01_01}, 12 * 7 * 24};
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto week = static_cast<double>(i / (7 * 24));
        s.set(i, std::round(100.0 * std::pow(1.5, week)));
    }
    for (const char* name : {"snaive", "avg4", "topdown", "svd", "ensemble", "regression"}) {
        INFO(name);
        fc::forecast_options options;
        options.method = fc::method::parse(name);
        const auto r = fc::forecast(s, s.end(), options);
        REQUIRE(r.calibrated);
        require_ordered(r);
    }
}

TEST_CASE("forecast: history values outside [0, max_history_value] are rejected, named",
          "[forecast]") {
    const wfm::interval_grid grid{60min};
    wfm::time_series s{grid, timestamp{monday_2024_01_01}, 3 * 7 * 24};
    for (std::size_t i = 0; i < s.size(); ++i) {
        s.set(i, 10.0);
    }
    const std::size_t bad = 2 * 7 * 24 + 5;
    const timestamp bad_time = s.time_at(bad);
    for (double v : {1e308, fc::max_history_value * 1.5, -1.0}) {
        s.set(bad, v);
        INFO(v);
        for (const char* name : {"snaive", "topdown", "svd", "ensemble", "auto"}) {
            INFO(name);
            fc::forecast_options options;
            options.method = fc::method::parse(name);
            REQUIRE_THROWS_AS(fc::forecast(s, s.end(), options), wfm::invalid_argument);
            REQUIRE_THROWS_WITH(
                fc::forecast(s, s.end(), options),
                Catch::Contains("history value at " + wfm::format_timestamp(bad_time)) &&
                    Catch::Contains("expected a count in [0, 1e+12]"));
        }
        REQUIRE_THROWS_AS(
            fc::point_forecast(s, s.end(), std::chrono::days{1}, fc::method::parse("avg4")),
            wfm::invalid_argument);
    }
    // The limit itself is accepted.
    s.set(bad, fc::max_history_value);
    fc::forecast_options options;
    options.method = fc::method::parse("auto");
    require_ordered(fc::forecast(s, s.end(), options));
}
