#include "shared_data.hpp"

#include <wfm/forecast/backtest.hpp>
#include <wfm/io/series_csv.hpp>

#include <catch2/catch.hpp>

#include <filesystem>

namespace fc = wfm::forecast;

namespace {

// MAE ratios to avg4 of the default method (`auto`) and of `regression` on one set of origins.
struct ratios {
    double snaive = 0.0;
    double automatic = 0.0;
    double regression = 0.0;
    double coverage = 0.0;
};

ratios score(const wfm::time_series& calls, std::span<const wfm::timestamp> origins,
             const fc::special_days& calendar = {}) {
    fc::backtest_options options;
    options.calendar = calendar;
    options.methods = {fc::method::parse("auto"), fc::method::parse("regression")};
    const auto r = fc::backtest(calls, origins, options);
    const double avg4 = r.methods[1].overall.mae;
    return {r.methods[0].overall.mae / avg4, r.methods[2].overall.mae / avg4,
            r.methods[3].overall.mae / avg4, r.methods[2].overall.coverage};
}

} // namespace

// The benchmark's split (bm_forecast_accuracy, docs/performance.md): the `regression` level,
// the ensemble's members and `auto`'s rule were chosen on the 8 validation weeks; the 8
// evaluation weeks after them were not looked at for any choice. Bounds are the measured
// figures (validation 0.877, evaluation 0.916 for `auto`; regression 0.875 on validation)
// plus about 0.01.
TEST_CASE("forecast: on the US bank data the default beats the 4-week average on validation and "
          "evaluation weeks",
          "[forecast][data][shared]") {
    const auto file = wfm::test::shared_path("data/us_bank_2003_5min.csv");
    WFM_REQUIRE_SHARED(file);
    wfm::io::series_read_options ro;
    ro.columns = {"calls"};
    const auto calls = wfm::aggregate_sum(wfm::io::read_series_csv(file, ro).at("calls"),
                                          wfm::interval_grid{std::chrono::minutes{30}});
    // Every Monday of the last 16 weeks (the file ends on Friday 2003-07-25), 1-5 days ahead.
    const auto origins = fc::weekly_origins(calls, 16, std::chrono::days{5});
    REQUIRE(wfm::format_timestamp(origins.front()) == "2003-04-07T00:00");
    REQUIRE(wfm::format_timestamp(origins[8]) == "2003-06-02T00:00");
    const auto validation = score(calls, std::span{origins}.first(8));
    const auto evaluation = score(calls, std::span{origins}.last(8));
    REQUIRE(evaluation.snaive > 1.0 / 0.85); // the strong baseline really is strong
    REQUIRE(validation.regression < 0.885);  // the validation winner
    REQUIRE(validation.automatic < 0.89);
    REQUIRE(evaluation.automatic < 0.925);
    REQUIRE(evaluation.coverage > 0.75);
    REQUIRE(evaluation.coverage < 0.85);

    // With the holidays as closed days (as bm_forecast_accuracy runs): the Tuesday after
    // Memorial Day (05-27, +27% on a usual Tuesday) takes Monday's level. Measured: validation
    // auto 0.828, regression 0.827; evaluation auto 0.896 (0.916 without the calendar).
    fc::special_days holidays;
    holidays.add({wfm::parse_date("2003-05-26"), "Memorial Day", true});
    holidays.add({wfm::parse_date("2003-07-04"), "Independence Day", true});
    const auto v_cal = score(calls, std::span{origins}.first(8), holidays);
    const auto e_cal = score(calls, std::span{origins}.last(8), holidays);
    REQUIRE(v_cal.regression < 0.837);
    REQUIRE(v_cal.automatic < 0.838);
    REQUIRE(e_cal.automatic < 0.906);
    REQUIRE(e_cal.coverage > 0.75);
    REQUIRE(e_cal.coverage < 0.85);
}
