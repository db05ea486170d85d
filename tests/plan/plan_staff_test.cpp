// `wfm plan` fills the report's staff figures from the schedule (on-duty and break hours, paid
// hours, FTE) and writes the report in Chinese on request, with the JSON keys unchanged.
#include "cli.hpp"

#include <wfm/io/csv.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>
#include <string>

#ifdef WFM_CLI_PATH
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

const fs::path sample_plan_json{std::string{WFM_SOURCE_DIR} + "/data/plan.json"};

void keys_of(const json& j, const std::string& at, std::set<std::string>& out) {
    if (j.is_object()) {
        for (const auto& [key, value] : j.items()) {
            out.insert(at + "/" + key);
            keys_of(value, at + "/" + key, out);
        }
    } else if (j.is_array() && !j.empty()) {
        keys_of(j[0], at + "/0", out);
    }
}

} // namespace

TEST_CASE("plan cli: the report's staff figures follow from the schedule's tours",
          "[plan][cli][report]") {
    const auto dir = wfm::test::fresh_dir("wfm_plan_staff");
    const auto en =
        wfm::test::run_wfm("plan --quiet --start greedy --config " + sample_plan_json.string() +
                           " --out " + (dir / "en").string());
    REQUIRE(en.status == 0);
    const auto report = json::parse(wfm::io::read_file(dir / "en" / "report.json"));
    REQUIRE(report.at("schedules").size() == 3);
    double all_paid = 0.0;
    for (const auto& s : report.at("schedules")) {
        CAPTURE(s.at("pool"));
        // The sample's templates: "full 8h" is 8.5 h on duty with 1 h of breaks (30 min unpaid),
        // "part 4h" 4 h with a paid 15-minute break.
        double full_days = 0.0;
        double part_days = 0.0;
        for (const auto& t : s.at("templates")) {
            const double paid = t.at("paid_hours").get<double>();
            if (t.at("name") == "full 8h") {
                full_days += paid / 8.0;
            } else {
                part_days += paid / 4.0;
            }
            CHECK(t.at("cost").is_null()); // no hourly rate in the sample
        }
        REQUIRE(full_days + part_days >= 5.0);
        const double on_duty = full_days * 8.5 + part_days * 4.0;
        const double breaks = full_days * 1.0 + part_days * 0.25;
        CHECK(s.at("on_duty_hours").get<double>() == Approx(on_duty));
        CHECK(s.at("break_hours").get<double>() == Approx(breaks));
        CHECK(s.at("utilisation").get<double>() == Approx(1.0 - breaks / on_duty));
        CHECK(s.at("utilisation").get<double>() >= 1.0 - 1.0 / 8.5 - 1e-12);
        CHECK(s.at("utilisation").get<double>() <= 1.0 - 0.25 / 4.0 + 1e-12);
        CHECK(s.at("fte").get<double>() == Approx(s.at("paid_hours").get<double>() / 40.0));
        CHECK(s.at("cost").is_null());
        all_paid += s.at("paid_hours").get<double>();
    }
    CHECK(report.at("staff").at("paid_hours").get<double>() == Approx(all_paid));

    const auto zh =
        wfm::test::run_wfm("plan --start greedy --lang zh-CN --config " +
                           sample_plan_json.string() + " --out " + (dir / "zh").string());
    REQUIRE(zh.status == 0);
    const std::string text = wfm::io::read_file(dir / "zh" / "report.txt");
    CHECK_THAT(text, Catch::Contains("排班拟合度") && Catch::Contains("座席利用率") &&
                         Catch::Contains("服务水平"));
    CHECK_THAT(zh.out, Catch::Contains("排班拟合度"));
    CHECK_THAT(wfm::io::read_file(dir / "zh" / "report.html"),
               Catch::Contains("<html lang=\"zh-CN\">"));
    const auto zh_report = json::parse(wfm::io::read_file(dir / "zh" / "report.json"));
    std::set<std::string> en_keys;
    std::set<std::string> zh_keys;
    keys_of(report, "", en_keys);
    keys_of(zh_report, "", zh_keys);
    CHECK(en_keys == zh_keys);
    CHECK(zh_report.at("lang") == "zh-CN");
    fs::remove_all(dir);
}
#endif
