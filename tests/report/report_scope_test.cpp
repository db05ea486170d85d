// The report's scope (closed intervals and days), the standard's utilisation, FTE and cost, the
// Simplified Chinese rendering and the display width its text tables align by.
#include "../../src/report/strings.hpp"
#include "report/example_report.hpp"
#include "text_util.hpp"

#include <wfm/core/error.hpp>
#include <wfm/report/plan_report.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <set>
#include <sstream>
#include <string>

namespace {

using json = nlohmann::json;

using wfm::test::count;

/// Terminal columns by an independent rule: a 3-byte UTF-8 character from U+3000 to U+9FFF or
/// U+FF00 to U+FF60 (CJK, full-width punctuation) takes 2, any other character 1.
std::size_t columns(const std::string& line) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < line.size();) {
        const auto b = static_cast<unsigned char>(line[i]);
        const std::size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        const std::uint32_t cp =
            len == 3
                ? ((b & 0x0Fu) << 12) | ((static_cast<unsigned char>(line[i + 1]) & 0x3Fu) << 6) |
                      (static_cast<unsigned char>(line[i + 2]) & 0x3Fu)
                : 0;
        n += (cp >= 0x3000 && cp <= 0x9FFF) || (cp >= 0xFF00 && cp <= 0xFF60) ? 2 : 1;
        i += len;
    }
    return n;
}

/// The lines of `text` from the one starting with `head` to the next blank line, without the
/// indented continuation lines (template and method lists).
std::vector<std::string> block(const std::string& text, const std::string& head) {
    std::istringstream in{text};
    std::vector<std::string> out;
    std::string line;
    bool inside = false;
    while (std::getline(in, line)) {
        inside = inside ? !line.empty() : line.rfind(head, 0) == 0;
        if (inside && line.rfind("  ", 0) != 0) {
            out.push_back(line);
        }
    }
    return out;
}

/// Every key path of a JSON document (array elements by index).
void key_paths(const json& j, const std::string& at, std::set<std::string>& out) {
    if (j.is_object()) {
        for (const auto& [key, value] : j.items()) {
            out.insert(at + "/" + key);
            key_paths(value, at + "/" + key, out);
        }
    } else if (j.is_array()) {
        for (std::size_t i = 0; i < j.size(); ++i) {
            key_paths(j[i], fmt::format("{}/{}", at, i), out);
        }
    }
}

} // namespace

TEST_CASE("report scope: closed intervals are not counted and closed days are not shown",
          "[report]") {
    auto r = wfm::test::example_report();
    const auto open_report = r;
    for (auto& c : r.channels) {
        wfm::test::close_outside(c, 0, 24); // weekdays stay open all day, the weekend closes
    }
    // A closed interval with a forecast, a requirement and a failed prediction is still out of
    // scope: not shortage, not below target.
    auto& sat = r.channels[0].intervals[5 * 96 + 40];
    sat.volume = 30;
    sat.required = 9;
    sat.service_level = 0.0;
    const auto s = wfm::report::summarise(r);
    const auto full = wfm::report::summarise(open_report);
    REQUIRE(s.all_channels.days.size() == 5);
    CHECK(wfm::format_date(s.all_channels.days.back().start) == "2026-11-06");
    for (std::size_t i = 0; i < s.channels.size(); ++i) {
        CAPTURE(i);
        wfm::report::fit_totals weekdays;
        std::size_t predicted = 0;
        for (std::size_t d = 0; d < 5; ++d) {
            weekdays += full.channels[i].days[d].fit;
            predicted += full.channels[i].days[d].outcome.intervals;
        }
        CHECK(s.channels[i].week.fit.shortage == Approx(weekdays.shortage));
        CHECK(s.channels[i].week.fit.required == Approx(weekdays.required));
        CHECK(s.channels[i].week.outcome.intervals == predicted);
        CHECK(s.channels[i].days.size() == 5);
    }
    CHECK(s.pools.size() == 2);
    CHECK(s.pools[1].days.size() == 5);

    const std::string text = wfm::report::render_text(r);
    CHECK(text.find("Fri 2026-11-06") != std::string::npos);
    CHECK(text.find("Sat 2026-11-07") == std::string::npos);
    for (const auto& row : block(text, "Per day")) {
        CHECK(row.find("Sun") == std::string::npos);
    }
    const auto j = wfm::report::to_json(r);
    CHECK(j.at("channels").at(0).at("days").size() == 5);
    CHECK(j.at("all_channels").at("days").size() == 5);
    CHECK(j.at("channels").at(0).at("intervals").size() == 7u * 96u); // keys and rows kept
    CHECK(j.at("channels").at(0).at("intervals").at(5 * 96 + 40).at("open") == false);
    CHECK(j.at("channels").at(0).at("intervals").at(40).at("open") == true);
    const std::string html = wfm::report::render_html(r);
    CHECK(html.find(">Sat") == std::string::npos);
    CHECK(html.find(">Sun") == std::string::npos);
    CHECK(count(html, ">Fri") > 0);
    // Each of the 6 compact charts has a panel per weekday.
    CHECK(count(html, ">Mon 11-02</text>") == 6);
    CHECK(count(html, ">Fri 11-06</text>") == 6);
}

TEST_CASE("report staff: utilisation, FTE and cost of the schedules", "[report]") {
    const auto r = wfm::test::example_report();
    const auto s = wfm::report::summarise(r);
    const auto& voice = r.schedules[0];
    // 52 agents × 5 days × 8.5 h on duty with 1 h of breaks: 1 − 1/8.5.
    CHECK(*voice.utilisation() == Approx(1.0 - 1.0 / 8.5));
    CHECK(voice.paid_hours() == Approx(2080.0));
    CHECK(*voice.fte(40.0) == Approx(52.0));
    CHECK(*voice.fte(37.5) == Approx(2080.0 / 37.5));
    CHECK(*voice.cost() == Approx(560.0 * 30 + 880.0 * 30 + 640.0 * 32));
    CHECK_FALSE(r.schedules[1].cost().has_value()); // no hourly rate
    CHECK_FALSE(s.all_schedules.cost().has_value());
    CHECK(s.all_schedules.headcount() == 74);
    CHECK(*s.all_schedules.utilisation() == Approx(1.0 - 74.0 * 5.0 / (74.0 * 5.0 * 8.5)));
    CHECK_FALSE(wfm::report::schedule_summary{}.utilisation().has_value());
    REQUIRE(s.pools[0].schedule == 0u);
    REQUIRE(s.pools[1].schedule == 1u);
    CHECK(s.pools[1].channels == std::vector<std::size_t>{1, 2});
    // The model's occupancy of a pool weights its channels by coverage.
    const auto& text_o = s.channels[1].week.outcome;
    const auto& video_o = s.channels[2].week.outcome;
    CHECK(*s.pools[1].week.outcome.occupancy() ==
          Approx((text_o.busy_weighted + video_o.busy_weighted) /
                 (text_o.occupancy_weight + video_o.occupancy_weight)));

    const auto j = wfm::report::to_json(r);
    CHECK(j.at("schedules").at(0).at("fte").get<double>() == Approx(52.0));
    CHECK(j.at("schedules").at(0).at("cost").get<double>() == Approx(63680.0));
    CHECK(j.at("schedules").at(0).at("templates").at(2).at("cost").get<double>() ==
          Approx(20480.0));
    CHECK(j.at("schedules").at(1).at("cost").is_null());
    CHECK(j.at("schedules").at(1).at("utilisation").get<double>() == Approx(1.0 - 1.0 / 8.5));
    CHECK(j.at("staff").at("fte").get<double>() == Approx(74.0));
    CHECK(j.at("pools").at(1).at("channels") == json{"text", "video"});
    CHECK(j.at("contract_hours_per_week") == 40.0);

    const std::string text = wfm::report::render_text(r);
    const auto staff = block(text, "Staff");
    REQUIRE(staff.size() == 5); // head, 2 pools, all, the definitions
    CHECK_THAT(staff[1], Catch::Contains("2080.0") && Catch::Contains("52.0") &&
                             Catch::Contains("63680") && Catch::Contains("88.2%"));
    CHECK_THAT(staff[2], Catch::Contains("n/a"));
    CHECK_THAT(staff[4], Catch::Contains("utilis. (standard)") && Catch::Contains("occ. (model)"));
    CHECK_THAT(wfm::report::render_html(r),
               Catch::Contains("id=\"table-staff\"") && Catch::Contains("<td>63680</td>"));
}

TEST_CASE("report staff: bad hours, contract hours and language are rejected", "[report]") {
    auto r = wfm::test::example_report();
    r.schedules[0].break_hours = r.schedules[0].on_duty_hours + 1;
    CHECK_THROWS_WITH(wfm::report::summarise(r),
                      Catch::Contains("'voice'") && Catch::Contains("break_hours"));
    r = wfm::test::example_report();
    r.schedules[1].templates[0].cost = -1.0;
    CHECK_THROWS_WITH(wfm::report::summarise(r), Catch::Contains("cost"));
    r = wfm::test::example_report();
    r.contract_hours_per_week = 0;
    CHECK_THROWS_WITH(wfm::report::render_text(r), Catch::Contains("contract_hours_per_week"));
    r = wfm::test::example_report();
    r.lang = "fr";
    CHECK_THROWS_WITH(wfm::report::render_html(r), Catch::Contains("'fr'"));
}

TEST_CASE("report zh-CN: the text report uses the standard's terms and stays aligned", "[report]") {
    auto r = wfm::test::example_report();
    r.lang = "zh-CN";
    const std::string zh = wfm::report::render_text(r);
    for (const char* term :
         {"排班拟合度", "人员不足率", "人员冗余率", "服务水平", "人工接通率", "人工呼入量",
          "座席利用率", "占用率", "日人均话务处理量", "周一", "全职当量", "无下界"}) {
        CAPTURE(term);
        CHECK(zh.find(term) != std::string::npos);
    }
    for (const char* english : {"Schedule fit", "Predicted", "Per day", "Staff", "shortage"}) {
        CAPTURE(english);
        CHECK(zh.find(english) == std::string::npos);
    }
    // Right-aligned tables: every row of a table ends in the same terminal column.
    for (const auto& [lang, text] :
         {std::pair{"en", wfm::report::render_text(wfm::test::example_report())},
          std::pair{"zh-CN", zh}}) {
        const bool en = std::string{lang} == "en";
        for (const char* head : {en ? "Schedule fit" : "排班拟合度", en ? "Predicted" : "预测结果",
                                 en ? "Per day" : "每日", en ? "Schedule  " : "排班  "}) {
            const auto rows = block(text, head);
            CAPTURE(lang, head);
            REQUIRE(rows.size() >= 3);
            for (const auto& row : rows) {
                CAPTURE(row);
                CHECK(columns(row) == columns(rows[0]));
            }
        }
    }
}

TEST_CASE("report zh-CN: the HTML page is Chinese and the JSON keys do not change", "[report]") {
    auto r = wfm::test::example_report();
    r.lang = "zh-CN";
    const std::string html = wfm::report::render_html(r);
    CHECK_THAT(html, Catch::Contains("<html lang=\"zh-CN\">") && Catch::Contains("本周概览") &&
                         Catch::Contains("座席利用率") && Catch::Contains("人力缺口") &&
                         Catch::Contains("人力冗余") && Catch::Contains("排班拟合度"));
    CHECK(html.find("Week at a glance") == std::string::npos);
    CHECK(count(html, "<svg class=\"chart") == 8);

    const auto zh = wfm::report::to_json(r);
    auto en = wfm::report::to_json(wfm::test::example_report());
    std::set<std::string> zh_keys;
    std::set<std::string> en_keys;
    key_paths(zh, "", zh_keys);
    key_paths(en, "", en_keys);
    CHECK(zh_keys == en_keys);
    CHECK(zh.at("lang") == "zh-CN");
    en["lang"] = "zh-CN";
    CHECK(zh == en); // only the language differs
}

TEST_CASE("report text width: CJK characters take two columns", "[report]") {
    using wfm::report::detail::display_width;
    CHECK(display_width("") == 0);
    CHECK(display_width("fit") == 3);
    CHECK(display_width("±5%") == 3);
    CHECK(display_width("排班拟合度") == 10);
    CHECK(display_width("人力（座席组）") == 14);
    CHECK(display_width("SL 服务") == 7);
    CHECK(display_width("\xff") == 1); // a malformed byte is one column, not a crash
    CHECK(wfm::report::detail::pad("排班", 6, true) == "排班  ");
    CHECK(wfm::report::detail::pad("排班", 6, false) == "  排班");
    CHECK(wfm::report::detail::pad("排班拟合度", 4, false) == "排班拟合度");
    CHECK(wfm::report::detail::truncate_to_width("零售语音", 5) == "零售");
    CHECK(wfm::report::detail::truncate_to_width("cards-voice", 5) == "cards");
}

TEST_CASE("report twelve queues: grouped by pool, every figure present", "[report]") {
    const auto r = wfm::test::twelve_queue_report();
    const auto s = wfm::report::summarise(r);
    REQUIRE(s.pools.size() == 3);
    CHECK(s.pools[2].name == "wealth");
    CHECK(s.pools[2].channels == std::vector<std::size_t>{8, 9, 10, 11});
    CHECK(s.all_channels.days.size() == 5);
    const std::string html = wfm::report::render_html(r);
    CHECK(count(html, "<svg class=\"chart coverage\"") == 12);
    CHECK(count(html, "<svg class=\"chart service-level\"") == 12);
    CHECK(count(html, "<svg class=\"chart heatmap\"") == 3);
    CHECK(count(html, "<h3 class=\"pool\">") == 9);
    const std::string text = wfm::report::render_text(r);
    std::istringstream in{text};
    std::string line;
    while (std::getline(in, line)) {
        CAPTURE(line);
        CHECK(columns(line) <= 110);
    }
    // More than four queues: the per-day table shows SL per pool.
    CHECK_THAT(block(text, "Per day")[0],
               Catch::Contains("SL retail") && Catch::Contains("SL wealth"));
}
