#include "series_options.hpp"

#include <wfm/io/csv.hpp>
#include <wfm/io/series_csv.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <fmt/format.h>

using wfm::test::calls_options;

namespace {

std::string fixture(const std::string& name) {
    return std::string{WFM_TEST_DATA_DIR} + "/io/" + name;
}

// The message of the parse_error that reading `name` throws.
std::string read_error(const std::string& name,
                       const wfm::io::series_read_options& o = calls_options()) {
    try {
        (void)wfm::io::read_series_csv(fixture(name), o);
    } catch (const wfm::io::parse_error& e) {
        return e.what();
    }
    return "no error";
}

} // namespace

TEST_CASE("csv: every rejection names file, line, column, field and what was found", "[io]") {
    using Catch::Matchers::EndsWith;
    CHECK_THAT(read_error("empty.csv"),
               EndsWith("empty.csv:1:1: empty file: expected a header line"));
    CHECK_THAT(read_error("header_only.csv"),
               EndsWith("header_only.csv:2:1: no data rows after the header"));
    CHECK_THAT(read_error("missing_column.csv"),
               EndsWith("missing_column.csv:1:1: field 'calls': missing column 'calls' in the "
                        "header (found: interval_start, volume)"));
    CHECK_THAT(read_error("ragged.csv"),
               EndsWith("ragged.csv:3:20: expected 2 fields as in the header, found 3"));
    CHECK_THAT(read_error("non_numeric.csv"),
               EndsWith("non_numeric.csv:3:18: field 'calls': expected a number, found 'abc'"));
    CHECK_THAT(read_error("negative.csv"),
               EndsWith("negative.csv:2:18: field 'calls': expected a non-negative number, "
                        "found '-5'"));
    CHECK_THAT(read_error("nan.csv"),
               EndsWith("nan.csv:3:18: field 'calls': expected a finite number, found 'nan'"));
    CHECK_THAT(read_error("inf.csv"),
               EndsWith("inf.csv:2:18: field 'calls': expected a finite number, found 'inf'"));
    CHECK_THAT(read_error("duplicate.csv"),
               EndsWith("duplicate.csv:4:1: field 'interval_start': duplicate timestamp "
                        "'2026-03-02T08:30' (first at line 3)"));
    CHECK_THAT(read_error("out_of_order.csv"),
               EndsWith("out_of_order.csv:4:1: field 'interval_start': out-of-order timestamp "
                        "'2026-03-02T08:30' after '2026-03-02T09:00' (line 3)"));
    CHECK_THAT(read_error("bad_date.csv"),
               EndsWith("bad_date.csv:3:1: field 'interval_start': expected a timestamp "
                        "YYYY-MM-DDTHH:MM, found '2026-02-30T08:30'"));
    CHECK_THAT(read_error("bad_utf8.csv"), EndsWith("bad_utf8.csv:3:19: invalid UTF-8 byte 0xFF"));
    CHECK_THAT(read_error("unterminated.csv"),
               EndsWith("unterminated.csv:2:1: unterminated quoted field"));
}

TEST_CASE("csv: a timestamp off the requested grid is rejected at its line", "[io]") {
    auto o = calls_options();
    o.grid = wfm::interval_grid{std::chrono::minutes{30}};
    CHECK_THAT(read_error("off_grid.csv", o),
               Catch::EndsWith("off_grid.csv:3:1: field 'interval_start': timestamp "
                               "'2026-03-02T08:40' is off the 30m grid"));
    // Without a requested grid, the grid is inferred (here 10 minutes) and the file is valid.
    const auto t = wfm::io::read_series_csv(fixture("off_grid.csv"), calls_options());
    CHECK(t.grid.minutes() == 10);
    CHECK(t.at("calls").size() == 5);
    CHECK(t.at("calls").observed_count() == 2);
}

TEST_CASE("csv: a missing file is a file_error naming the path", "[io]") {
    CHECK_THROWS_AS(wfm::io::read_series_csv(fixture("no_such_file.csv"), calls_options()),
                    wfm::io::file_error);
    CHECK_THROWS_WITH(wfm::io::read_csv(fixture("no_such_file.csv")),
                      Catch::Contains("no_such_file.csv"));
}

TEST_CASE("csv: RFC 4180 quoting, CRLF, BOM and delimiter detection", "[io]") {
    const auto t = wfm::io::read_csv(fixture("bom_semicolon_crlf.csv"));
    CHECK(t.delimiter() == ';');
    REQUIRE(t.header() == std::vector<std::string>{"interval_start", "calls", "note; free"});
    REQUIRE(t.rows() == 2);
    CHECK(t.field(0, 2) == "said \"hi\"");
    CHECK(t.field(1, 2) == "multi\nline");
    CHECK(t.line_of(1) == 3);
    CHECK(t.number(1, 1) == 12.0);
    const auto tab = wfm::io::read_csv(fixture("tab.csv"));
    CHECK(tab.delimiter() == '\t');
    CHECK(tab.field(0, 0) == "2026-03-02T08:00");
}

TEST_CASE("csv: columns count characters, not bytes, in UTF-8 text", "[io]") {
    const std::string text = "name,calls\nZürich,x\n";
    const auto t = wfm::io::parse_csv(text, "mem.csv");
    CHECK_THROWS_WITH(t.number(0, 1), "mem.csv:2:8: field 'calls': expected a number, found 'x'");
}

TEST_CASE("csv: lenient mode skips bad rows and reports each one", "[io]") {
    const std::string text = "interval_start,calls\n2026-03-02T08:00,5\n2026-03-02T08:30,-1\n"
                             "bad,3\n2026-03-02T09:00,4\n2026-03-02T09:00,9\n";
    auto o = calls_options();
    o.lenient = true;
    const auto t = wfm::io::parse_series_csv(text, "h.csv", o);
    REQUIRE(t.warnings.size() == 3);
    CHECK_THAT(t.warnings[0], Catch::StartsWith("h.csv:3:18: field 'calls'"));
    CHECK_THAT(t.warnings[1], Catch::StartsWith("h.csv:4:1:"));
    CHECK_THAT(t.warnings[2], Catch::StartsWith("h.csv:6:1:") && Catch::Contains("duplicate"));
    const auto& s = t.at("calls");
    CHECK(s.observed_sum() == 9.0);
    CHECK(s.state(1) == wfm::slot_state::closed); // the skipped 08:30 row leaves no data
}

TEST_CASE("csv: empty and NA cells are missing, absent rows are closed", "[io]") {
    const std::string text = "interval_start,calls,aht_s\n2026-03-02T08:00,5,\n2026-03-02T08:15,NA,"
                             "200\n2026-03-02T09:00,7,180\n";
    auto o = calls_options();
    o.optional_columns = {"aht_s", "absent"};
    const auto t = wfm::io::parse_series_csv(text, "h.csv", o);
    CHECK(t.grid.minutes() == 15);
    CHECK_FALSE(t.has("absent"));
    const auto& calls = t.at("calls");
    REQUIRE(calls.size() == 5);
    CHECK(calls.state(0) == wfm::slot_state::observed);
    CHECK(calls.state(1) == wfm::slot_state::missing);
    CHECK(calls.state(2) == wfm::slot_state::closed);
    CHECK(t.at("aht_s").state(0) == wfm::slot_state::missing);
    CHECK(t.at("aht_s").value(4) == 180.0);
}

TEST_CASE("csv: the repeated hour of a fall-back day is merged only when asked", "[io]") {
    // 2026-10-25, Europe: 02:00-03:00 happens twice on the wall clock.
    std::string text = "interval_start,calls,aht_s\n";
    for (const char* hm : {"01:30", "02:00", "02:30", "02:00", "02:30", "03:00"}) {
        text += fmt::format("2026-10-25T{},10,{}\n", hm, std::string{hm} < "02:31" ? 100 : 200);
    }
    text.replace(text.find("02:00,10,100", text.find("02:30")), 12, "02:00,30,300");
    auto o = calls_options();
    o.optional_columns = {"aht_s"};
    CHECK_THROWS_WITH(wfm::io::parse_series_csv(text, "dst.csv", o),
                      Catch::Contains("dst.csv:5:1:") && Catch::Contains("out-of-order"));
    o.merge_dst_repeat = true;
    o.weighted_columns = {{"aht_s", "calls"}};
    const auto t = wfm::io::parse_series_csv(text, "dst.csv", o);
    const auto& calls = t.at("calls");
    REQUIRE(calls.size() == 4);
    CHECK(calls.value(1) == 40.0);                      // 02:00 = 10 + 30
    CHECK(t.at("aht_s").value(1) == Approx(250.0));     // (10·100 + 30·300) / 40
    CHECK(calls.value(2) == 20.0);                      // 02:30 twice
    CHECK(calls.observed_sum() == 10.0 + 40 + 20 + 10); // conservation: every call kept
}

TEST_CASE("csv: output files appear only on commit and temporaries are removed", "[io]") {
    const auto dir = std::filesystem::temp_directory_path() / "wfm_io_test_out";
    std::filesystem::remove_all(dir);
    {
        wfm::io::output_files out;
        out.add(dir / "a.csv", "x\n1\n");
        CHECK_FALSE(std::filesystem::exists(dir / "a.csv"));
    } // abandoned: nothing remains (the directory was new, so it never appears)
    CHECK_FALSE(std::filesystem::exists(dir));
    wfm::io::output_files out;
    out.add(dir / "a.csv", "x\n1\n");
    out.add(dir / "b.csv", "y\n2\n");
    out.commit();
    CHECK(wfm::io::read_file(dir / "b.csv") == "y\n2\n");
    CHECK(std::distance(std::filesystem::directory_iterator(dir),
                        std::filesystem::directory_iterator{}) == 2);
    std::filesystem::remove_all(dir);
}

TEST_CASE("csv: writing escapes fields and round-trips through the reader", "[io]") {
    const std::vector<std::string> fields{"a,b", "say \"x\"", "plain", "two\nlines"};
    const std::string text = "h1,h2,h3,h4\n" + wfm::io::csv_line(fields);
    const auto t = wfm::io::parse_csv(text, "mem.csv");
    for (std::size_t i = 0; i < fields.size(); ++i) {
        CHECK(t.field(0, i) == fields[i]);
    }
}
