#include <wfm/erlang/channel.hpp>
#include <wfm/erlang/formulas.hpp>
#include <wfm/io/requirements_csv.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace {

using namespace std::chrono_literals;

std::vector<std::string> fields(const std::string& line) {
    std::vector<std::string> out(1);
    for (const char c : line) {
        if (c == ',') {
            out.emplace_back();
        } else if (c != '\n') {
            out.back() += c;
        }
    }
    return out;
}

wfm::erlang::channel_settings voice() {
    wfm::erlang::channel_settings c;
    c.kind = wfm::erlang::model::erlang_c;
    c.aht = wfm::erlang::seconds_d{180.0};
    c.goals.service_level = 0.8;
    c.goals.sl_time = wfm::erlang::seconds_d{20.0};
    c.shrinkage = 0.3;
    return c;
}

} // namespace

TEST_CASE("requirements csv: a row carries the staffing result in the header's columns", "[io]") {
    const auto header = fields(std::string{wfm::io::requirements_csv_header()});
    REQUIRE(header.size() == 11);
    CHECK(header.front() == "interval_start");
    CHECK(header.back() == "occupancy");

    const auto ch = voice();
    const wfm::timestamp start = wfm::parse_timestamp("2026-03-02 09:15");
    const auto r = wfm::erlang::staff_interval(ch, 100.0, wfm::erlang::seconds_d{900.0});
    const std::string line = wfm::io::requirements_csv_row(start, ch, r);
    CHECK(line.back() == '\n');
    const auto row = fields(line);
    REQUIRE(row.size() == header.size());
    CHECK(row[0] == "2026-03-02T09:15");
    CHECK(row[1] == "voice");
    CHECK(std::stod(row[2]) == Approx(100.0));
    CHECK(std::stod(row[3]) == Approx(180.0));
    // 100 calls × 180 s / 900 s = 20 erlangs; Erlang C at n agents, checked independently.
    const long n = std::stol(row[4]);
    const auto sl = [](double agents) {
        const double load = 20.0;
        return 1.0 -
               wfm::erlang::erlang_c(agents, load) * std::exp(-(agents - load) * 20.0 / 180.0);
    };
    CHECK(sl(static_cast<double>(n)) >= 0.8);
    CHECK(sl(static_cast<double>(n - 1)) < 0.8);
    CHECK(std::stod(row[6]) == Approx(static_cast<double>(n) / 0.7).margin(1e-4));
    CHECK(std::stod(row[7]) == Approx(sl(static_cast<double>(n))).margin(1e-6));
    const double fractional = std::stod(row[5]);
    CHECK(fractional > static_cast<double>(n - 1));
    CHECK(fractional <= static_cast<double>(n));
    CHECK(std::stod(row[10]) == Approx(20.0 / static_cast<double>(n)).margin(1e-6));
}

TEST_CASE("requirements csv: an interval without volume leaves the metrics empty", "[io]") {
    const auto ch = voice();
    const auto r = wfm::erlang::staff_interval(ch, 0.0, wfm::erlang::seconds_d{900.0});
    const auto row =
        fields(wfm::io::requirements_csv_row(wfm::parse_timestamp("2026-03-02 03:00"), ch, r));
    REQUIRE(row.size() == 11);
    CHECK(row[4] == "0");
    CHECK(std::stod(row[6]) == 0.0);
    for (std::size_t i = 7; i < 11; ++i) {
        CHECK(row[i].empty());
    }
}

TEST_CASE("requirements csv: rows written for a channel read back as the week's requirement",
          "[io]") {
    const auto ch = voice();
    std::string text{wfm::io::requirements_csv_header()};
    std::vector<wfm::erlang::requirement> written;
    for (const char* when : {"2026-03-03 09:00", "2026-03-03 09:30", "2026-03-08 23:30"}) {
        written.push_back(wfm::erlang::staff_interval(ch, 60.0, wfm::erlang::seconds_d{1800.0}));
        text += wfm::io::requirements_csv_row(wfm::parse_timestamp(when), ch, written.back());
    }
    const auto w = wfm::io::parse_requirements_csv(text, "r.csv", {});
    CHECK(wfm::format_date(w.first_day) == "2026-03-02");
    CHECK(w.interval_minutes == 30); // the timestamps' common step
    REQUIRE(w.required.size() == 7U * 48U);
    // Tuesday 09:00 is slot 48 + 18; Sunday 23:30 the last slot; the rest is 0.
    CHECK(w.required[66] == Approx(written[0].scheduled_agents).margin(1e-4));
    CHECK(w.required[67] == Approx(written[1].scheduled_agents).margin(1e-4));
    CHECK(w.required.back() == Approx(written[2].scheduled_agents).margin(1e-4));
    double total = 0.0;
    for (const double r : w.required) {
        total += r;
    }
    CHECK(total == Approx(3.0 * written[0].scheduled_agents).margin(1e-3));
    wfm::io::requirements_read_options hourly;
    hourly.interval_minutes = 60;
    CHECK_THROWS_WITH(wfm::io::parse_requirements_csv(text, "r.csv", hourly),
                      Catch::StartsWith("r.csv:3:1:") && Catch::Contains("not on the 60-minute"));
}

TEST_CASE("requirements csv: the reader picks a channel and locates bad rows", "[io]") {
    const std::string two = "interval_start,channel,required\n2026-03-02T08:00,voice,3\n"
                            "2026-03-02T08:00,text,2\n2026-03-02T08:15,text,4\n";
    CHECK_THROWS_WITH(wfm::io::parse_requirements_csv(two, "r.csv", {}),
                      Catch::StartsWith("r.csv:3:18:") &&
                          Catch::Contains("several channels ('voice', 'text')"));
    wfm::io::requirements_read_options text_only;
    text_only.channel = "text";
    const auto w = wfm::io::parse_requirements_csv(two, "r.csv", text_only);
    CHECK(w.interval_minutes == 15);
    REQUIRE(w.required.size() == 7U * 96U);
    CHECK(w.required[32] == 2.0);
    CHECK(w.required[33] == 4.0);
    text_only.channel = "fax";
    CHECK_THROWS_WITH(wfm::io::parse_requirements_csv(two, "r.csv", text_only),
                      Catch::Contains("no rows of channel 'fax'"));
    CHECK_THROWS_WITH(
        wfm::io::parse_requirements_csv(
            "interval_start,required\n2026-03-02T08:00,1\n2026-03-02T08:00,2\n", "r.csv", {}),
        Catch::StartsWith("r.csv:3:1:") && Catch::Contains("duplicate interval"));
    CHECK_THROWS_WITH(
        wfm::io::parse_requirements_csv(
            "interval_start,required\n2026-03-02T08:00,1\n2026-03-09T08:00,2\n", "r.csv", {}),
        Catch::Contains("outside the week starting Monday 2026-03-02"));
    CHECK_THROWS_WITH(wfm::io::parse_requirements_csv(
                          "interval_start,required\n2026-03-02T08:00,-1\n", "r.csv", {}),
                      Catch::StartsWith("r.csv:2:18:"));
}
