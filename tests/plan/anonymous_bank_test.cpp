// Issue 13, "done when": a 7-day, 15-minute plan of the Anonymous Bank log (history from
// `wfm kpi --plan-history`) staffs no agent at night and shows no phantom shortage there.
#include "cli.hpp"
#include "shared_data.hpp"

#include <wfm/core/time.hpp>
#include <wfm/io/csv.hpp>
#include <wfm/io/output_files.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

namespace {

using json = nlohmann::json;

// One voice queue per service type of the log that has enough calls to plan; the rest of the
// configuration is the bundled sample's (the same templates, targets and solver budget).
json anonymous_bank_plan(const std::filesystem::path& history) {
    std::ifstream in(WFM_SOURCE_DIR "/data/plan.json");
    json plan = json::parse(in);
    plan.erase("special_days");
    plan["title"] = "Anonymous Bank, February 1999";
    plan["history"] = {{"file", history.string()}, {"time_column", "interval_start"}};
    plan["forecast"] = {{"method", "auto"}, {"level", 80}, {"backtest_origins", 0}};
    json voice = plan.at("channels").at(0);
    plan.erase("channels");
    plan["queues"] = json::array();
    for (const char* type : {"PS", "NW"}) {
        json q = voice;
        q["name"] = type;
        q["channel"] = "voice";
        plan["queues"].push_back(q);
    }
    plan["pools"] = "blended";
    // the log's centre opens early and closes at midnight: templates from 06:00 to 16:00
    for (auto& t : plan.at("shifts").at("templates")) {
        t["start_earliest"] = "06:00";
    }
    return plan;
}

} // namespace

#ifdef WFM_CLI_PATH
TEST_CASE("plan: the Anonymous Bank week staffs no agent at night and shows no phantom shortage",
          "[plan][queues][shared]") {
    const auto log = wfm::test::shared_path("data/anonymous_bank_1999_02_calls.tsv");
    WFM_REQUIRE_SHARED(log);
    const auto dir = wfm::test::fresh_dir("wfm_anonymous_bank_plan");
    const auto history = dir / "history.csv";
    const auto kpi = wfm::test::run_wfm("kpi --format anonymous-bank --interval 15m " +
                                        log.string() + " --plan-history " + history.string() +
                                        " -o " + (dir / "kpi.csv").string());
    REQUIRE(kpi.status == 0);
    {
        std::ofstream out(dir / "plan.json");
        out << anonymous_bank_plan(history).dump(2);
    }
    const auto r = wfm::test::run_wfm("plan -q --config " + (dir / "plan.json").string() +
                                      " --out " + (dir / "out").string());
    INFO(r.err);
    REQUIRE(r.status == 0);
    // Nights (01:00-06:00): the log has no call then, so no forecast, no requirement, no shortage.
    const auto report = json::parse(wfm::io::read_file(dir / "out" / "report.json"));
    std::size_t night = 0;
    std::size_t day_required = 0;
    for (const auto& c : report.at("channels")) {
        for (const auto& x : c.at("intervals")) {
            const auto t = wfm::parse_timestamp(x.at("start").get<std::string>());
            const auto minute = wfm::minute_of_day(t);
            if (minute >= 60 && minute < 360) {
                ++night;
                CAPTURE(c.at("name").get<std::string>(), x.at("start").get<std::string>());
                CHECK(x.at("volume").get<double>() == 0.0);
                CHECK(x.at("required").get<double>() == 0.0);
            } else if (x.at("required").get<double>() > 0.0) {
                ++day_required;
            }
        }
    }
    CHECK(night == 2 * 7 * 20);
    CHECK(day_required > 100); // the day is staffed
    // coverage.csv: nobody is scheduled at night either (the templates start at 06:00)
    const auto cov = wfm::io::parse_csv(wfm::io::read_file(dir / "out" / "coverage.csv"), "cov");
    for (std::size_t i = 0; i < cov.rows(); ++i) {
        const auto t = wfm::parse_timestamp(cov.field(i, cov.column("interval_start")));
        const auto minute = wfm::minute_of_day(t);
        if (minute >= 60 && minute < 360) {
            CAPTURE(cov.field(i, cov.column("interval_start")));
            CHECK(cov.non_negative(i, cov.column("required")) == 0.0);
            CHECK(std::stod(std::string{cov.field(i, cov.column("diff"))}) >= 0.0); // no shortage
        }
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("review: an Anonymous Bank week against its own KPIs, parts adding up to the miss",
          "[review][cli][shared]") {
    const auto log = wfm::test::shared_path("data/anonymous_bank_1999_02_calls.tsv");
    WFM_REQUIRE_SHARED(log);
    const auto dir = wfm::test::fresh_dir("wfm_anonymous_bank_review");
    const auto all = dir / "history_all.csv";
    REQUIRE(wfm::test::run_wfm("kpi --format anonymous-bank --interval 15m " + log.string() +
                               " --plan-history " + all.string())
                .status == 0);
    // The plan of the week from Monday 1999-02-22 sees only the three weeks before it.
    const std::string text = wfm::io::read_file(all);
    std::string before;
    std::size_t pos = 0;
    for (std::size_t next = 0; pos < text.size(); pos = next + 1) {
        next = text.find('\n', pos);
        const std::string line = text.substr(pos, next - pos);
        if (pos == 0 || line.substr(0, 10) < "1999-02-22") {
            before += line + "\n";
        }
        if (next == std::string::npos) {
            break;
        }
    }
    wfm::io::write_file_atomic(dir / "history.csv", before);
    json plan = anonymous_bank_plan(dir / "history.csv");
    plan["week"] = "1999-02-22";
    wfm::io::write_file_atomic(dir / "plan.json", plan.dump(1));
    REQUIRE(wfm::test::run_wfm("plan -q --config " + (dir / "plan.json").string() + " --out " +
                               (dir / "week").string())
                .status == 0);
    std::string actuals;
    std::map<std::string, double> measured_sl; // by wfm kpi --by week, the independent path
    for (const char* q : {"PS", "NW"}) {
        const auto file = dir / (std::string{q} + ".csv");
        REQUIRE(wfm::test::run_wfm("kpi --format anonymous-bank --interval 15m --by interval "
                                   "--queue " +
                                   std::string{q} + " " + log.string() + " -o " + file.string())
                    .status == 0);
        actuals += " --actuals " + std::string{q} + "=" + file.string();
        const auto weekly = wfm::test::run_wfm("kpi --format anonymous-bank --by week --queue " +
                                               std::string{q} + " " + log.string());
        REQUIRE(weekly.status == 0);
        const auto csv = wfm::io::parse_csv(weekly.out, "weekly");
        for (std::size_t i = 0; i < csv.rows(); ++i) {
            if (csv.field(i, 0) == "1999-02-22") {
                measured_sl[q] = std::stod(std::string{csv.field(i, csv.column("sl"))});
            }
        }
    }
    const auto r =
        wfm::test::run_wfm("review -q --plan " + (dir / "week").string() + actuals + " --config " +
                           (dir / "plan.json").string() + " -o " + (dir / "review").string());
    INFO(r.err);
    REQUIRE(r.status == 0);
    const auto doc = json::parse(wfm::io::read_file(dir / "review" / "report.json"));
    REQUIRE(doc.at("queues").size() == 2);
    for (const auto& q : doc.at("queues")) {
        const std::string name = q.at("name");
        CAPTURE(name);
        const auto& m = q.at("week").at("sl_miss");
        CHECK(m.at("volume").get<double>() + m.at("aht").get<double>() +
                  m.at("execution").get<double>() ==
              Approx(m.at("total").get<double>()).margin(1e-9));
        REQUIRE(measured_sl.count(name) == 1);
        CHECK(q.at("week").at("sl_actual").get<double>() == Approx(measured_sl[name]).margin(5e-4));
    }
    std::filesystem::remove_all(dir);
}
#endif
