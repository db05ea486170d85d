#include "dates.hpp"

#include <wfm/core/error.hpp>
#include <wfm/forecast/backtest.hpp>
#include <wfm/forecast/forecast.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>
#include <random>

using namespace std::chrono_literals;
namespace fc = wfm::forecast;
using wfm::local_date;
using wfm::timestamp;
using wfm::test::monday_2024_01_01;

namespace {

using cell_fn = std::function<std::optional<double>(local_date, int slot)>;

// `days` days from `first` on `grid`; a cell returning nullopt has no row (closed slot).
wfm::time_series make_series(wfm::interval_grid grid, local_date first, int days,
                             const cell_fn& cell) {
    const auto per_day = static_cast<std::size_t>(grid.slots_per_day());
    wfm::time_series s{grid, timestamp{first}, static_cast<std::size_t>(days) * per_day};
    for (std::size_t i = 0; i < s.size(); ++i) {
        const timestamp t = s.time_at(i);
        if (const auto v = cell(wfm::day_of(t), grid.slot_of_day(t))) {
            s.set(i, *v);
        }
    }
    return s;
}

constexpr std::array<double, 7> weekday_factor{1.3, 1.0, 0.9, 0.95, 1.05, 0.0, 0.0};

// Weekdays 08:00-18:00 on a 60-minute grid: level × weekday factor × a fixed intraday shape.
std::optional<double> bank_cell(local_date d, int slot) {
    const int w = wfm::weekday_index(d);
    if (w >= 5 || slot < 8 || slot >= 18) {
        return std::nullopt;
    }
    const double shape = 1.0 + 0.5 * std::sin((slot - 8) * 0.6);
    return 1000.0 * weekday_factor[static_cast<std::size_t>(w)] * shape;
}

void require_matches(const wfm::time_series& f, const cell_fn& truth, double rel) {
    std::size_t open = 0;
    for (std::size_t i = 0; i < f.size(); ++i) {
        const timestamp t = f.time_at(i);
        const auto v = truth(wfm::day_of(t), f.grid().slot_of_day(t));
        INFO(wfm::format_timestamp(t));
        REQUIRE(f.observed(i) == v.has_value());
        if (v) {
            REQUIRE(f.value(i) == Approx(*v).epsilon(rel));
            ++open;
        }
    }
    REQUIRE(open > 0);
}

} // namespace

TEST_CASE("forecast: every method recovers an exact weekly pattern", "[forecast]") {
    const wfm::interval_grid grid{60min};
    const auto history = make_series(grid, monday_2024_01_01, 10 * 7, bank_cell);
    const timestamp origin{monday_2024_01_01 + std::chrono::days{70}};
    for (const char* name : {"snaive", "avg4", "avg8", "topdown", "regression", "ensemble"}) {
        INFO(name);
        const auto f =
            fc::point_forecast(history, origin, std::chrono::days{7}, fc::method::parse(name));
        require_matches(f, bank_cell, 1e-9);
    }
    // The SVD works on √(x + ¼), so an exact product structure is recovered only approximately.
    const auto f =
        fc::point_forecast(history, origin, std::chrono::days{7}, fc::method::parse("svd"));
    require_matches(f, bank_cell, 2e-3);
}

TEST_CASE("forecast: missing days and a mid-week start never shift the weekly seasonality",
          "[forecast]") {
    const wfm::interval_grid grid{60min};
    // Starts on a Wednesday; two whole open weekdays have no rows at all.
    const local_date wednesday = monday_2024_01_01 + std::chrono::days{2};
    const local_date gap1 = monday_2024_01_01 + std::chrono::days{15}; // Tuesday
    const local_date gap2 = monday_2024_01_01 + std::chrono::days{60}; // Friday, last week
    auto cell = [&](local_date d, int slot) -> std::optional<double> {
        if (d == gap1 || d == gap2) {
            return std::nullopt;
        }
        return bank_cell(d, slot);
    };
    const auto history = make_series(grid, wednesday, 61, cell);
    const timestamp origin{monday_2024_01_01 + std::chrono::days{63}};
    for (const char* name : {"snaive", "avg4", "topdown", "ensemble"}) {
        INFO(name);
        const auto f =
            fc::point_forecast(history, origin, std::chrono::days{7}, fc::method::parse(name));
        // The missing Friday is forecast from earlier Fridays, never as zero.
        require_matches(f, bank_cell, 1e-9);
    }
}

TEST_CASE("forecast: a calendar-closed day forecasts zero and does not pull the level down",
          "[forecast]") {
    const wfm::interval_grid grid{60min};
    const local_date holiday_past = monday_2024_01_01 + std::chrono::days{51}; // a Wednesday
    const local_date holiday_next = monday_2024_01_01 + std::chrono::days{72}; // next Wednesday
    auto cell = [&](local_date d, int slot) -> std::optional<double> {
        if (d == holiday_past) {
            return slot >= 8 && slot < 18 ? std::optional<double>{0.0} : std::nullopt;
        }
        return bank_cell(d, slot);
    };
    const auto history = make_series(grid, monday_2024_01_01, 70, cell);
    fc::special_days calendar;
    calendar.add({holiday_past, "holiday", true});
    calendar.add({holiday_next, "holiday", true});
    // The Thursday after each holiday takes Monday's level (the backlog rule, docs/methods.md);
    // the one in the history is left out of the fits, so every other day stays exact.
    auto truth = [&](local_date d, int slot) -> std::optional<double> {
        if (d == holiday_next) {
            return std::nullopt;
        }
        if (d == holiday_next + std::chrono::days{1}) {
            const auto v = bank_cell(d, slot);
            return v ? std::optional<double>{*v * weekday_factor[0] / weekday_factor[3]} : v;
        }
        return bank_cell(d, slot);
    };
    fc::forecast_options options;
    options.calendar = calendar;
    for (const char* name : {"topdown", "regression", "ensemble"}) {
        INFO(name);
        options.method = fc::method::parse(name);
        const auto r =
            fc::forecast(history, timestamp{monday_2024_01_01 + std::chrono::days{70}}, options);
        require_matches(r.point, truth, 1e-9);
    }
    // avg4 has no level model: the same-slot average of the last four Thursdays.
    options.method = fc::method::parse("avg4");
    require_matches(
        fc::forecast(history, timestamp{monday_2024_01_01 + std::chrono::days{70}}, options).point,
        [&](local_date d, int slot) {
            return d == holiday_next ? std::nullopt : bank_cell(d, slot);
        },
        1e-9);
    const auto sn =
        fc::point_forecast(history, timestamp{monday_2024_01_01 + std::chrono::days{56}},
                           std::chrono::days{7}, fc::method::parse("snaive"), calendar);
    // Snaive skips the closed Wednesday of the week before and takes the one before it.
    const auto i = sn.index_of(timestamp{monday_2024_01_01 + std::chrono::days{58}} + 10h);
    REQUIRE(i);
    REQUIRE(sn.value(*i) == Approx(*bank_cell(monday_2024_01_01 + std::chrono::days{58}, 10)));
}

TEST_CASE("forecast: the day after a closed Monday keeps Tuesday's hours and closed slots stay "
          "zero",
          "[forecast]") {
    // Tuesday closes two hours earlier than Monday: the backlog rule takes Monday's level but
    // not its profile, so Tuesday's closed slots stay closed (issue 13's zero rule).
    const wfm::interval_grid grid{60min};
    auto cell = [](local_date d, int slot) -> std::optional<double> {
        if (wfm::weekday_index(d) == 1 && slot >= 16) {
            return std::nullopt;
        }
        return bank_cell(d, slot);
    };
    const auto history = make_series(grid, monday_2024_01_01, 70, cell);
    const local_date closed_monday = monday_2024_01_01 + std::chrono::days{70};
    fc::special_days calendar;
    calendar.add({closed_monday, "holiday", true});
    fc::forecast_options options;
    options.calendar = calendar;
    options.method = fc::method::parse("regression");
    const auto r = fc::forecast(history, timestamp{closed_monday}, options);
    const local_date tuesday = closed_monday + std::chrono::days{1};
    double monday_total = 0.0;
    double tuesday_total = 0.0;
    for (int slot = 0; slot < 24; ++slot) {
        const auto i = r.point.index_of(timestamp{tuesday} + std::chrono::hours{slot});
        REQUIRE(i);
        if (slot >= 16 || slot < 8) {
            REQUIRE(!r.point.observed(*i));
        } else {
            tuesday_total += r.point.value(*i);
        }
        monday_total += cell(monday_2024_01_01, slot).value_or(0.0);
    }
    // Monday's daily total, spread over Tuesday's open hours.
    REQUIRE(tuesday_total == Approx(monday_total).epsilon(1e-9));
    // The Wednesday after it is an ordinary Wednesday.
    const auto w = r.point.index_of(timestamp{tuesday + std::chrono::days{1}} + 10h);
    REQUIRE(r.point.value(*w) == Approx(*bank_cell(tuesday + std::chrono::days{1}, 10)));
}

TEST_CASE("forecast: a labelled day gets the effect learned from past days with that label",
          "[forecast]") {
    const wfm::interval_grid grid{60min};
    // Every fourth Thursday is a pay day with 1.5 × the usual volume.
    auto payday = [&](local_date d) {
        const auto days = (d - monday_2024_01_01).count();
        return wfm::weekday_index(d) == 3 && (days / 7) % 4 == 3;
    };
    auto cell = [&](local_date d, int slot) -> std::optional<double> {
        const auto v = bank_cell(d, slot);
        return v && payday(d) ? std::optional<double>{1.5 * *v} : v;
    };
    const auto history = make_series(grid, monday_2024_01_01, 11 * 7, cell);
    fc::special_days calendar;
    for (local_date d = monday_2024_01_01; d < monday_2024_01_01 + std::chrono::days{100};
         d += std::chrono::days{1}) {
        if (payday(d)) {
            calendar.add({d, "pay day", false});
        }
    }
    const timestamp origin{monday_2024_01_01 + std::chrono::days{77}}; // week 11; Thursday pays
    REQUIRE(payday(monday_2024_01_01 + std::chrono::days{80}));
    const auto f = fc::point_forecast(history, origin, std::chrono::days{7},
                                      fc::method::parse("topdown"), calendar);
    require_matches(f, cell, 1e-9);
}

TEST_CASE("forecast: a DST day with a skipped hour keeps a 24-hour centre aligned", "[forecast]") {
    const wfm::interval_grid grid{60min};
    const local_date dst = local_date{std::chrono::year{2024} / 3 / 31}; // a Sunday
    const local_date first = local_date{std::chrono::year{2024} / 2 / 5};
    auto cell = [&](local_date d, int slot) -> std::optional<double> {
        if (d == dst && slot == 2) {
            return std::nullopt; // 02:00-03:00 does not exist that day
        }
        const int w = wfm::weekday_index(d);
        return 100.0 * (w == 6 ? 0.5 : 1.0) * (1.0 + 0.3 * std::cos(slot * 0.26));
    };
    const auto history = make_series(grid, first, 9 * 7, cell);
    const timestamp origin{first + std::chrono::days{63}};
    for (const char* name : {"snaive", "topdown", "ensemble"}) {
        INFO(name);
        const auto f =
            fc::point_forecast(history, origin, std::chrono::days{7}, fc::method::parse(name));
        require_matches(f, cell, 1e-9);
    }
}

TEST_CASE("forecast: all-zero nights forecast exactly zero in the interval 0 to 0", "[forecast]") {
    const wfm::interval_grid grid{30min};
    std::mt19937 rng{7};
    const local_date first = monday_2024_01_01;
    auto mean = [](int slot) { return slot < 14 || slot >= 44 ? 0.0 : 60.0 + 2.0 * (slot - 14); };
    auto history = make_series(grid, first, 10 * 7, [&](local_date, int slot) {
        std::poisson_distribution<int> p{std::max(mean(slot), 1e-12)};
        return std::optional<double>{mean(slot) > 0.0 ? p(rng) : 0.0};
    });
    fc::forecast_options options;
    options.method = fc::method::parse("auto");
    const auto r = fc::forecast(history, history.end(), options);
    REQUIRE(r.calibrated);
    for (std::size_t i = 0; i < r.point.size(); ++i) {
        REQUIRE(r.point.observed(i)); // every slot was observed, so every slot is open
        const int slot = grid.slot_of_day(r.point.time_at(i));
        REQUIRE(r.lower.value(i) >= 0.0);
        REQUIRE(r.lower.value(i) <= r.upper.value(i));
        if (mean(slot) == 0.0) {
            REQUIRE(r.point.value(i) == 0.0); // the zero rule: exactly 0 in [0, 0]
            REQUIRE(r.upper.value(i) == 0.0);
        } else {
            REQUIRE(r.point.value(i) == Approx(mean(slot)).epsilon(0.25));
        }
    }
}

TEST_CASE("forecast: calibrated 80% intervals cover about 80% of Poisson arrivals", "[forecast]") {
    const wfm::interval_grid grid{30min};
    std::mt19937 rng{42};
    auto history = make_series(grid, monday_2024_01_01, 20 * 7, [&](local_date d, int slot) {
        const auto v = bank_cell(d, slot / 2);
        if (!v) {
            return std::optional<double>{};
        }
        std::poisson_distribution<int> p{*v / 10.0};
        return std::optional<double>{p(rng)};
    });
    fc::backtest_options options;
    options.methods = {fc::method::parse("topdown")};
    const auto origins = fc::weekly_origins(history, 6, std::chrono::days{5});
    const auto r = fc::backtest(history, origins, options);
    REQUIRE(r.methods.size() == 3); // snaive and avg4 always included
    for (const auto& m : r.methods) {
        INFO(m.method.name());
        REQUIRE(m.overall.coverage > 0.72);
        REQUIRE(m.overall.coverage < 0.88);
        REQUIRE(m.by_lead_day.size() == 5);
    }
    // On a stationary series the smoothed methods beat the noisy one-week naive.
    REQUIRE(r.methods[2].overall.mae < r.methods[1].overall.mae);
    REQUIRE(r.methods[1].overall.mae < r.methods[0].overall.mae);
}

TEST_CASE("backtest: metrics match hand-computed values", "[forecast]") {
    // Weeks alternate between 10 and 14 per open slot; the fifth week (the test week) is 10.
    const wfm::interval_grid grid{60min};
    auto cell = [&](local_date d, int slot) -> std::optional<double> {
        if (wfm::weekday_index(d) >= 5 || slot < 9 || slot >= 17) {
            return std::nullopt;
        }
        return (d - monday_2024_01_01).count() / 7 % 2 == 0 ? 10.0 : 14.0;
    };
    const auto history = make_series(grid, monday_2024_01_01, 5 * 7, cell);
    const std::vector<timestamp> origins{timestamp{monday_2024_01_01 + std::chrono::days{28}}};
    fc::backtest_options options;
    options.methods = {};
    options.horizon = std::chrono::days{5};
    const auto r = fc::backtest(history, origins, options);
    REQUIRE(r.methods.size() == 2);
    const auto& sn = r.methods[0].overall; // forecasts 14 against 10
    REQUIRE(sn.points == 5 * 8);
    REQUIRE(sn.mae == Approx(4.0));
    REQUIRE(sn.rmse == Approx(4.0));
    REQUIRE(sn.wape == Approx(0.4));
    REQUIRE(sn.bias == Approx(0.4));
    REQUIRE(sn.mase == Approx(1.0));        // in-sample weekly naive MAE is 4
    const auto& avg = r.methods[1].overall; // forecasts (14 + 10 + 14 + 10) / 4 = 12
    REQUIRE(avg.mae == Approx(2.0));
    REQUIRE(avg.mase == Approx(0.5));
    REQUIRE(avg.bias == Approx(0.2));
    REQUIRE(r.methods[1].by_lead_day[4].mae == Approx(2.0));
}

TEST_CASE("forecast: auto keeps the ensemble unless a candidate is at least 5% better",
          "[forecast]") {
    const wfm::interval_grid grid{60min};
    for (unsigned seed : {1U, 2U, 3U, 4U}) {
        INFO("seed " << seed);
        std::mt19937 rng{seed};
        const auto history = make_series(grid, monday_2024_01_01, 10 * 7, [&](local_date d, int s) {
            const auto mean = bank_cell(d, s);
            if (!mean) {
                return mean;
            }
            std::poisson_distribution<int> p{std::max(*mean, 1e-12)};
            return std::optional<double>{static_cast<double>(p(rng))};
        });
        const auto r = fc::forecast(history, history.end(), fc::forecast_options{});
        REQUIRE(r.scores.size() == 5);
        const auto& ens = r.scores[4];
        REQUIRE(ens.method == fc::method::parse("ensemble"));
        double best = ens.mae;
        for (const auto& sc : r.scores) {
            best = std::min(best, sc.mae);
        }
        if (best > 0.95 * ens.mae) {
            REQUIRE(r.method == fc::method::parse("ensemble"));
        } else {
            const auto it = std::find_if(r.scores.begin(), r.scores.end(),
                                         [&](const auto& sc) { return sc.method == r.method; });
            REQUIRE(it != r.scores.end());
            REQUIRE(it->mae == best);
        }
    }
    // Exact structure: snaive's in-history MAE is 0, clearly better than anything positive.
    const auto exact = make_series(grid, monday_2024_01_01, 10 * 7, bank_cell);
    fc::forecast_options options;
    options.candidates = {fc::method::parse("snaive"), fc::method::parse("svd"),
                          fc::method::parse("ensemble")};
    REQUIRE(fc::forecast(exact, exact.end(), options).method == fc::method::parse("snaive"));
}

TEST_CASE("forecast: auto picks the candidate with the lowest in-history MAE", "[forecast]") {
    const wfm::interval_grid grid{60min};
    const auto history = make_series(grid, monday_2024_01_01, 10 * 7, bank_cell);
    fc::forecast_options options;
    options.candidates = {fc::method::parse("snaive"), fc::method::parse("svd")};
    const auto r = fc::forecast(history, history.end(), options);
    REQUIRE(r.scores.size() == 2);
    REQUIRE(r.scores[0].mae == Approx(0.0).margin(1e-9)); // snaive is exact on this series
    REQUIRE(r.scores[1].mae > 0.0);
    REQUIRE(r.method == fc::method::parse("snaive"));
    // An exact series calibrates to zero-width intervals.
    for (std::size_t i = 0; i < r.point.size(); ++i) {
        if (r.point.observed(i)) {
            REQUIRE(r.upper.value(i) - r.lower.value(i) == Approx(0.0).margin(1e-3));
        }
    }
}

TEST_CASE("forecast: bad arguments are rejected with the value named", "[forecast]") {
    const wfm::interval_grid grid{60min};
    const auto history = make_series(grid, monday_2024_01_01, 14, bank_cell);
    REQUIRE_THROWS_WITH(fc::method::parse("arima"), Catch::Contains("unknown method 'arima'"));
    REQUIRE_THROWS_AS(fc::method::parse("avg0"), wfm::invalid_argument);
    REQUIRE(fc::method::parse("avg12").name() == "avg12");
    REQUIRE(fc::parse_horizon("7d") == std::chrono::minutes{7 * 1440});
    REQUIRE(fc::parse_horizon("36h") == std::chrono::minutes{36 * 60});
    REQUIRE_THROWS_WITH(fc::parse_horizon("7w"), Catch::Contains("'7w'"));
    REQUIRE_THROWS_WITH(
        fc::point_forecast(history, history.start(), std::chrono::days{1}, fc::method{}),
        Catch::Contains("not after the history start"));
    REQUIRE_THROWS_WITH(fc::point_forecast(history, history.end() + std::chrono::days{400},
                                           std::chrono::days{1}, fc::method::parse("avg4")),
                        Catch::Contains("more than a year after the history end"));
    REQUIRE_THROWS_WITH(fc::point_forecast(history, history.end() + 30min, std::chrono::days{1},
                                           fc::method::parse("snaive")),
                        Catch::Contains("not on the 60m grid"));
    fc::forecast_options options;
    options.level = 1.0;
    REQUIRE_THROWS_WITH(fc::forecast(history, history.end(), options),
                        Catch::Contains("level must be in (0, 1)"));
    REQUIRE_THROWS_WITH(fc::forecast(wfm::time_series{grid, timestamp{monday_2024_01_01}, 24},
                                     timestamp{monday_2024_01_01 + std::chrono::days{1}}, {}),
                        Catch::Contains("no observed interval"));
}

TEST_CASE("forecast: an all-zero history forecasts zero, never NaN", "[forecast]") {
    const wfm::interval_grid grid{60min};
    const auto history = make_series(grid, monday_2024_01_01, 6 * 7, [](local_date d, int slot) {
        return bank_cell(d, slot) ? std::optional<double>{0.0} : std::nullopt;
    });
    for (const auto& m : fc::default_methods()) {
        INFO(m.name());
        fc::forecast_options options;
        options.method = m;
        const auto r = fc::forecast(history, history.end(), options);
        REQUIRE(r.point.observed_count() == 5 * 10);
        for (std::size_t i = 0; i < r.point.size(); ++i) {
            REQUIRE(r.point.value(i) == Approx(0.0).margin(1e-9));
            REQUIRE(r.lower.value(i) == 0.0);
            REQUIRE(std::isfinite(r.upper.value(i)));
        }
    }
}

TEST_CASE("forecast: a short history falls back to Poisson intervals", "[forecast]") {
    const wfm::interval_grid grid{60min};
    const auto history = make_series(grid, monday_2024_01_01, 10, bank_cell);
    fc::forecast_options options;
    const auto r = fc::forecast(history, history.end(), options);
    REQUIRE_FALSE(r.calibrated);
    REQUIRE(r.method == fc::method::parse("avg4"));
    const auto i = r.point.index_of(timestamp{monday_2024_01_01 + std::chrono::days{14}} + 12h);
    REQUIRE(i);
    const double f = r.point.value(*i);
    REQUIRE(f == Approx(*bank_cell(monday_2024_01_01, 12)));
    // 80%: f ± 1.2816 √(f + 1)
    REQUIRE(r.upper.value(*i) == Approx(f + 1.2815516 * std::sqrt(f + 1.0)).epsilon(1e-6));
    REQUIRE(r.lower.value(*i) == Approx(f - 1.2815516 * std::sqrt(f + 1.0)).epsilon(1e-6));
}

TEST_CASE("forecast: auto without in-history evidence takes the ensemble from two weeks on",
          "[forecast]") {
    const wfm::interval_grid grid{60min};
    // 18 days: the one weekly in-history origin would have 11 days behind it, too few to score.
    const auto history = make_series(grid, monday_2024_01_01, 18, bank_cell);
    const auto r = fc::forecast(history, history.end(), fc::forecast_options{});
    REQUIRE_FALSE(r.calibrated);
    REQUIRE(r.method == fc::method::parse("ensemble"));
    for (const auto& sc : r.scores) {
        REQUIRE(sc.points == 0);
    }
    // Without the ensemble among the candidates the 4-week average is still the fallback.
    fc::forecast_options options;
    options.candidates = {fc::method::parse("snaive"), fc::method::parse("avg4")};
    REQUIRE(fc::forecast(history, history.end(), options).method == fc::method::parse("avg4"));
}
