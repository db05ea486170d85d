// Hostile input to the readers: an unterminated last field at the very end of a buffer, control
// characters and huge fields in messages, date spans and magnitudes beyond the limits.
#include "series_options.hpp"

#include <wfm/io/call_log.hpp>
#include <wfm/io/csv.hpp>
#include <wfm/io/series_csv.hpp>

#include <catch2/catch.hpp>

#include <cstring>
#include <memory>
#include <string>

using wfm::test::calls_options;

namespace {

// A heap copy of exactly text.size() bytes: reading one past the end is an ASan report.
class exact_buffer {
public:
    explicit exact_buffer(std::string_view text)
        : data_(std::make_unique<char[]>(text.size())), size_(text.size()) {
        std::memcpy(data_.get(), text.data(), text.size());
    }
    [[nodiscard]] std::string_view view() const { return {data_.get(), size_}; }

private:
    std::unique_ptr<char[]> data_;
    std::size_t size_;
};

} // namespace

TEST_CASE("csv: a buffer ending in a delimiter ends in an empty field, read within bounds",
          "[io]") {
    const exact_buffer text{"a,b\n1,"};
    const auto t = wfm::io::parse_csv(text.view(), "mem.csv");
    REQUIRE(t.rows() == 1);
    CHECK(t.field(0, 0) == "1");
    CHECK(t.field(0, 1).empty());
    const exact_buffer series{"interval_start,calls\n2026-03-02T08:00,"};
    const auto s = wfm::io::parse_series_csv(series.view(), "h.csv", calls_options());
    CHECK(s.at("calls").size() == 1);
    CHECK_FALSE(s.at("calls").observed(0)); // an empty cell is missing
    const exact_buffer log{"arrival,wait_s,answered,handle_s\n2026-03-02T08:00:00,5,1,"};
    CHECK_THROWS_WITH(
        (void)wfm::io::parse_call_log(log.view(), "c.csv", wfm::io::call_log_format::generic),
        "c.csv:2:25: field 'handle_s': expected a number, found ''");
}

TEST_CASE("csv: messages escape control characters and cut long fields", "[io]") {
    using namespace std::string_literals;
    CHECK(wfm::io::message_excerpt("x\0y\t\\\x7f"s) == "x\\x00y\\t\\\\\\x7F");
    CHECK(wfm::io::message_excerpt(std::string(100, 'a'), 5) == "aaaaa\u2026");
    CHECK(wfm::io::message_excerpt("\u00e9t\u00e9", 2) == "\u00e9t\u2026"); // counts characters
    const std::string nul = "interval_start,calls\n2026-03-02T08:00,1\0"
                            "2\n"s;
    CHECK_THROWS_WITH((void)wfm::io::parse_series_csv(nul, "h.csv", calls_options()),
                      "h.csv:2:18: field 'calls': expected a number, found '1\\x002'");
    const std::string huge =
        "interval_start,calls\n2026-03-02T08:00," + std::string(10'000'000, '9') + "x\n";
    CHECK_THROWS_WITH((void)wfm::io::parse_series_csv(huge, "h.csv", calls_options()),
                      "h.csv:2:18: field 'calls': expected a number, found '" +
                          std::string(60, '9') + "\u2026'");
}

TEST_CASE("series_csv: a date span beyond the limit is an error at the row that breaks it",
          "[io]") {
    const std::string text = "interval_start,calls\n2000-01-03T00:00,1\n2019-12-30T00:00,2\n"
                             "2020-01-06T00:00,3\n";
    CHECK_THROWS_WITH(
        (void)wfm::io::parse_series_csv(text, "h.csv", calls_options()),
        "h.csv:4:1: field 'interval_start': timestamp '2020-01-06T00:00' is more than 7305 "
        "days after the first one (line 2): the span limit");
    auto wide = calls_options();
    wide.max_span = std::chrono::days{30 * 366};
    const auto s = wfm::io::parse_series_csv(text, "h.csv", wide);
    CHECK(s.at("calls").observed_sum() == 6.0);
    const std::string far = "interval_start,calls\n0000-01-03T00:00,1\n9999-12-30T00:00,2\n";
    CHECK_THROWS_WITH(
        (void)wfm::io::parse_series_csv(far, "h.csv", calls_options()),
        "h.csv:2:1: field 'interval_start': timestamp '0000-01-03T00:00' is outside the years "
        "1000-8999");
}

TEST_CASE("series_csv: values above the magnitude limit are located errors", "[io]") {
    const std::string text = "interval_start,calls\n2026-03-02T08:00,1e308\n";
    CHECK_THROWS_WITH((void)wfm::io::parse_series_csv(text, "h.csv", calls_options()),
                      "h.csv:2:18: field 'calls': expected a number at most 1e+09, found '1e308'");
    const std::string ok = "interval_start,calls\n2026-03-02T08:00,1e9\n";
    CHECK(wfm::io::parse_series_csv(ok, "h.csv", calls_options()).at("calls").value(0) == 1e9);
}

TEST_CASE("call_log: calls centuries apart and absurd handle times are located errors", "[io]") {
    const std::string wide = "arrival,wait_s,answered,handle_s\n2026-03-02T08:00:00,5,1,100\n"
                             "2526-03-02T08:00:00,5,1,100\n";
    CHECK_THROWS_WITH(
        (void)wfm::io::parse_call_log(wide, "c.csv", wfm::io::call_log_format::generic),
        "c.csv:3:1: field 'arrival': calls span more than 7305 days (with line 2): the "
        "span limit");
    wfm::io::call_log_options o;
    o.max_span = std::chrono::days{600 * 366};
    CHECK(wfm::io::parse_call_log(wide, "c.csv", wfm::io::call_log_format::generic, o).size() == 2);
    const std::string slow = "arrival,wait_s,answered,handle_s\n2026-03-02T08:00:00,5,1,1e308\n";
    CHECK_THROWS_WITH(
        (void)wfm::io::parse_call_log(slow, "c.csv", wfm::io::call_log_format::generic),
        "c.csv:2:25: field 'handle_s': expected a number at most 604800, found '1e308'");
}

TEST_CASE("series_csv: a repeated hour before the first row is out of order, not merged", "[io]") {
    // Found by fuzz_series_csv: the merge took 07:30 for the repeat of 08:00-08:59 and indexed
    // the series before its start.
    auto o = calls_options();
    o.merge_dst_repeat = true;
    const std::string text =
        "interval_start,calls\n2026-03-02T08:00,5\n2026-03-02T08:15,5\n2026-03-02T07:30,6\n";
    CHECK_THROWS_WITH(
        (void)wfm::io::parse_series_csv(text, "h.csv", o),
        "h.csv:4:1: field 'interval_start': out-of-order timestamp '2026-03-02T07:30' after "
        "'2026-03-02T08:15' (line 3)");
}
