#include "../cli.hpp"

#include <wfm/core/time.hpp>
#include <wfm/io/csv.hpp>

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#ifdef WFM_CLI_PATH
namespace {

namespace fs = std::filesystem;
using wfm::test::run_wfm;

// Ten weeks of weekday 08:00-20:00 history every 30 minutes from Monday 2024-01-01, then Monday
// 2024-03-11 up to 10:00 running 20% high; with an AHT column when `aht`.
std::string history_csv(bool aht) {
    std::string out = aht ? "interval_start,calls,aht_s\n" : "interval_start,calls\n";
    const wfm::local_date first{std::chrono::year{2024} / 1 / 1};
    const auto today = wfm::timestamp{wfm::local_date{std::chrono::year{2024} / 3 / 11}};
    for (int d = 0; d <= 70; ++d) {
        const auto day = first + std::chrono::days{d};
        if (wfm::weekday_index(day) >= 5) {
            continue;
        }
        for (int slot = 16; slot < 40; ++slot) {
            const auto t = wfm::timestamp{day} + std::chrono::minutes{30 * slot};
            if (t >= today + std::chrono::hours{10}) {
                break;
            }
            const double calls = (100.0 + 3.0 * slot + 5.0 * (d % 3)) * (t >= today ? 1.2 : 1.0);
            out += fmt::format("{},{:.0f}", wfm::format_timestamp(t), calls);
            out += aht ? fmt::format(",{}\n", 200 + slot) : "\n";
        }
    }
    return out;
}

struct intraday_fixture {
    fs::path dir;
    fs::path history;
    fs::path out;
    explicit intraday_fixture(const std::string& name, bool aht = false)
        : dir(wfm::test::fresh_dir(name)), history(dir / "history.csv"), out(dir / "r.csv") {
        wfm::io::write_file_atomic(history, history_csv(aht));
    }
    [[nodiscard]] std::string args(const std::string& now, const std::string& more = "") const {
        return fmt::format("intraday --history {} --now {} -o {} {}", history.string(), now,
                           out.string(), more);
    }
};

} // namespace

TEST_CASE("intraday cli: one row per open interval from now to the end of the day",
          "[intraday][cli]") {
    const intraday_fixture f("wfm_intraday_cli_rows");
    const auto r = run_wfm(f.args("2024-03-11T10:00"));
    INFO(r.err);
    REQUIRE(r.status == 0);
    const auto table = wfm::io::read_csv(f.out);
    REQUIRE(table.header() == std::vector<std::string>{"interval_start", "volume", "lower", "upper",
                                                       "day_ahead_volume"});
    REQUIRE(table.rows() == 20); // 10:00-20:00
    REQUIRE(table.field(0, 0) == "2024-03-11T10:00");
    REQUIRE(table.field(19, 0) == "2024-03-11T19:30");
    for (std::size_t i = 0; i < table.rows(); ++i) {
        INFO(table.field(i, 0));
        const double volume = table.number(i, 1);
        REQUIRE(table.non_negative(i, 2) <= volume);
        REQUIRE(volume <= table.number(i, 3));
        // The morning ran 20% high: the update moves more than half of the way at 10:00, and
        // the factor fades with the lead (intraday_options::lead_decay_hours, 6 h).
        const double lead_h = 0.5 * static_cast<double>(i);
        REQUIRE(volume >= (1.0 + 0.10 * std::exp(-lead_h / 6.0)) * table.number(i, 4));
        REQUIRE(volume <= 1.25 * table.number(i, 4));
    }
    CHECK(r.err.find("intraday: 2024-03-11T10:00") != std::string::npos);
}

TEST_CASE("intraday cli: the AHT column is forecast and unchanged by the update",
          "[intraday][cli]") {
    const intraday_fixture f("wfm_intraday_cli_aht", true);
    const auto r = run_wfm(f.args("2024-03-11T10:00"));
    INFO(r.err);
    REQUIRE(r.status == 0);
    const auto table = wfm::io::read_csv(f.out);
    REQUIRE(table.header().back() == "aht_s");
    REQUIRE(table.rows() == 20);
    for (std::size_t i = 0; i < table.rows(); ++i) {
        const auto slot = wfm::minute_of_day(wfm::parse_timestamp(table.field(i, 0))) / 30;
        REQUIRE(table.number(i, 5) == Approx(200.0 + slot).margin(1.0));
    }
}

TEST_CASE("intraday cli: bad input exits with one line and its code, writing nothing",
          "[intraday][cli]") {
    const intraday_fixture f("wfm_intraday_cli_bad");
    struct bad_case {
        std::string args;
        int status;
        std::string says;
    };
    const std::vector<bad_case> cases{
        {f.args("2024-03-11T10:10"), 2, "--now 2024-03-11T10:10 is not on the 30m grid"},
        {f.args("2024-03-11T10:30"), 3, "the actuals must reach --now 2024-03-11T10:30"},
        {f.args("2024-03-12T10:00"), 3, "the actuals must reach --now"},
        {f.args("2024-01-01T08:00"), 3, "is not after the history's first interval"},
        {f.args("2023-12-01T08:00"), 3, "is not after the history's first interval"},
        {f.args("2024-03-11T10:00", "--column offered"), 3, "offered"},
        {f.args("2024-03-11T10:00", "--level 0"), 2, "--level"},
        {f.args("2024-03-11T10:00", "--level 100"), 2, "--level"},
        {f.args("2024-03-11T25:00"), 2, "--now"},
        {f.args("2024-03-11T10:00", "--config plan.json"), 2, "--config"},
        {f.args("2024-03-11T10:00", "--interval 7x"), 2, "--interval"},
    };
    for (const auto& c : cases) {
        INFO(c.args);
        const auto r = run_wfm(c.args);
        INFO(r.err);
        CHECK(r.status == c.status);
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
        CHECK(r.err.rfind("wfm: error: ", 0) == 0);
        CHECK(r.err.find(c.says) != std::string::npos);
        CHECK(!fs::exists(f.out));
    }
}

TEST_CASE("intraday cli: --now one interval past the history's end is accepted",
          "[intraday][cli]") {
    const intraday_fixture f("wfm_intraday_cli_end");
    // The history's last row is 09:30: --now 10:00 is its end (tested above); 09:30 too.
    const auto r = run_wfm(f.args("2024-03-11T09:30"));
    INFO(r.err);
    REQUIRE(r.status == 0);
    REQUIRE(wfm::io::read_csv(f.out).rows() == 21);
}
#endif
