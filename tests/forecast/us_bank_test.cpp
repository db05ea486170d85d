#include "shared_data.hpp"

#include <wfm/forecast/backtest.hpp>
#include <wfm/io/series_csv.hpp>

#include <catch2/catch.hpp>

#include <filesystem>

namespace fc = wfm::forecast;

TEST_CASE("forecast: on the US bank data the ensemble beats the 4-week average by 10%",
          "[forecast][data][shared]") {
    const auto file = wfm::test::shared_path("data/us_bank_2003_5min.csv");
    WFM_REQUIRE_SHARED(file);
    wfm::io::series_read_options ro;
    ro.columns = {"calls"};
    const auto calls = wfm::aggregate_sum(wfm::io::read_series_csv(file, ro).at("calls"),
                                          wfm::interval_grid{std::chrono::minutes{30}});
    // Every Monday of the last 8 weeks (the file ends on Friday 2003-07-25), 1-5 days ahead.
    const auto origins = fc::weekly_origins(calls, 8, std::chrono::days{5});
    REQUIRE(wfm::format_timestamp(origins.front()) == "2003-06-02T00:00");
    fc::backtest_options options;
    options.methods = {fc::method::parse("ensemble")};
    const auto r = fc::backtest(calls, origins, options);
    const auto& snaive = r.methods[0].overall;
    const auto& avg4 = r.methods[1].overall;
    const auto& ensemble = r.methods[2].overall;
    REQUIRE(avg4.mae < 0.85 * snaive.mae);   // the strong baseline really is strong
    REQUIRE(ensemble.mae < 0.90 * avg4.mae); // issue 4's target
    REQUIRE(ensemble.coverage > 0.75);
    REQUIRE(ensemble.coverage < 0.85);
}
