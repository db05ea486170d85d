#include "cli.hpp"

#include <wfm/io/csv.hpp>
#include <wfm/io/series_csv.hpp>
#include <wfm/sim/synthetic.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#ifdef WFM_CLI_PATH
namespace {

namespace fs = std::filesystem;

using wfm::test::fresh_dir;
using wfm::test::run_wfm;

} // namespace

TEST_CASE("sample cli: the wide history reads back per channel as the generator made it",
          "[sim][cli]") {
    const auto dir = fresh_dir("wfm_sample_cli");
    REQUIRE(run_wfm("sample --out " + dir.string() + " --weeks 4 --seed 5").status == 0);
    const auto expected = wfm::sim::generate_history(wfm::sim::sample_options(4, 5));
    for (const auto& channel : expected.channels) {
        wfm::io::series_read_options options;
        options.columns = {channel.name + "_volume"};
        options.optional_columns = {channel.name + "_aht_s"};
        const auto table = wfm::io::read_series_csv(dir / "sample_history.csv", options);
        CHECK(table.grid.minutes() == 15);
        const auto& volume = table.at(channel.name + "_volume");
        const auto& aht = table.at(channel.name + "_aht_s");
        INFO(channel.name);
        // The file starts at the first open interval of the first day and ends at the last.
        CHECK(volume.start() == wfm::timestamp{wfm::sim::sample_start} + std::chrono::hours{7});
        std::size_t compared = 0;
        for (std::size_t i = 0; i < channel.volume.size(); ++i) {
            const auto k = volume.index_of(channel.volume.time_at(i));
            if (channel.volume.observed(i)) {
                REQUIRE(k.has_value());
                CHECK(volume.value(*k) == channel.volume.value(i));
                if (channel.aht_s.observed(i)) {
                    REQUIRE(aht.observed(*k));
                    CHECK(aht.value(*k) == Approx(channel.aht_s.value(i)).margin(0.05));
                } else {
                    CHECK(aht.state(*k) == wfm::slot_state::missing);
                }
                ++compared;
            } else if (k && volume.observed(*k)) {
                CHECK(volume.value(*k) == 0.0); // another channel is open: this one reads 0
            }
        }
        CHECK(compared > 1000);
        // The holiday (2026-09-25) has no rows at all: closed, not zero.
        const auto holiday_noon =
            volume.index_of(wfm::timestamp{wfm::local_date{std::chrono::year{2026} / 9 / 25}} +
                            std::chrono::hours{12});
        REQUIRE(holiday_noon.has_value());
        CHECK(volume.state(*holiday_noon) == wfm::slot_state::closed);
    }
    CHECK(wfm::io::read_file(dir / "sample_special_days.csv") ==
          "date,label,closed\n2026-09-25,Mid-Autumn Festival,true\n2026-10-05,pay day,false\n");
    fs::remove_all(dir);
}

TEST_CASE("sample cli: the bundled data files are what the default command writes", "[sim][cli]") {
    const fs::path bundled = fs::path{WFM_SOURCE_DIR} / "data";
    if (!fs::exists(bundled / "sample_history.csv")) {
        WARN("data/sample_history.csv is absent: regression check skipped");
        return;
    }
    const auto dir = fresh_dir("wfm_sample_cli_default");
    REQUIRE(run_wfm("sample --out " + dir.string()).status == 0);
    for (const char* name : {"sample_history.csv", "sample_special_days.csv"}) {
        INFO(name);
        CHECK(wfm::io::read_file(dir / name) == wfm::io::read_file(bundled / name));
    }
    CHECK(fs::file_size(bundled / "sample_history.csv") < 2'000'000);
    fs::remove_all(dir);
}

TEST_CASE("sample cli: bad arguments exit non-zero and write nothing", "[sim][cli]") {
    const auto dir = fresh_dir("wfm_sample_cli_bad");
    const auto bad_start = run_wfm("sample --out " + dir.string() + " --start 2026-13-01");
    CHECK(bad_start.status == 2);
    CHECK_THAT(bad_start.err, Catch::Contains("--start") && Catch::Contains("2026-13-01"));
    CHECK(run_wfm("sample --out " + dir.string() + " --weeks 0").status != 0);
    CHECK_FALSE(fs::exists(dir / "sample_history.csv"));
    CHECK_FALSE(fs::exists(dir / "sample_special_days.csv"));
    fs::remove_all(dir);
}
TEST_CASE("sample cli: every documented length, 1 to 520 weeks, is written", "[sim][cli]") {
    const auto dir = fresh_dir("wfm_sample_cli_weeks");
    for (const int weeks : {1, 199, 200, 520}) {
        INFO(weeks);
        const auto r = run_wfm("sample --out " + dir.string() + " --weeks " +
                               std::to_string(weeks) + " --seed 3");
        CHECK(r.status == 0);
        CHECK(r.err.empty());
    }
    // The 520-week file (written last) spans 3640 days from 2026-09-07.
    const auto table = wfm::io::read_csv(dir / "sample_history.csv");
    CHECK(table.field(table.rows() - 1, 0).substr(0, 10) == "2036-08-24");
    fs::remove_all(dir);
}

TEST_CASE("sample cli: a long history keeps every week's volume level positive", "[sim]") {
    // The trend is capped at 0.5 / weeks: the mean daily volume of the first and last week stay
    // within 25 % of the middle (levels 1 ± 0.25 × (weeks - 1) / weeks).
    const auto options = wfm::sim::sample_options(520, 1);
    CHECK(options.trend_per_week == Approx(0.5 / 520));
    CHECK(wfm::sim::sample_options(8, 1).trend_per_week == 0.005);
    CHECK(wfm::sim::sample_options(100, 1).trend_per_week == 0.005);
    CHECK(wfm::sim::sample_options(101, 1).trend_per_week == Approx(0.5 / 101));
}

TEST_CASE("sample cli: a start whose history leaves the years 1000..8999 exits 2", "[sim][cli]") {
    const auto dir = fresh_dir("wfm_sample_cli_years");
    const std::string out = " --out " + dir.string();
    for (const std::string bad : {"9999-11-29", "8999-12-20", "0999-12-31"}) {
        INFO(bad);
        const auto r = run_wfm("sample" + out + " --weeks 1 --start " + bad);
        CHECK(r.status == 2);
        CHECK(r.err == "wfm: error: sample: --start: the history from " + bad +
                           " over 1 weeks (and its special days a week beyond) must stay within "
                           "the years 1000..8999\n");
    }
    CHECK_FALSE(fs::exists(dir / "sample_history.csv"));
    // The last start that fits: 14 days from 8999-12-18 end on 8999-12-31; it reads back.
    REQUIRE(run_wfm("sample" + out + " --weeks 1 --start 8999-12-18").status == 0);
    wfm::io::series_read_options options;
    options.columns = {"voice_volume"};
    const auto back = wfm::io::read_series_csv(dir / "sample_history.csv", options);
    CHECK(back.at("voice_volume").observed_count() > 0);
    CHECK(run_wfm("sample" + out + " --weeks 1 --start 1000-01-01").status == 0);
    fs::remove_all(dir);
}
#endif
