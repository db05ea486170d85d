#include <wfm/core/time.hpp>
#include <wfm/io/csv.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>

#ifdef WFM_CLI_PATH
namespace {

namespace fs = std::filesystem;

int run(const std::string& args, const fs::path& stderr_file) {
    const std::string cmd = std::string{WFM_CLI_PATH} + " " + args + " 2>" + stderr_file.string();
    const int status = std::system(cmd.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Six weeks of weekday 08:00-18:00 history every 30 minutes, with answered and AHT columns.
std::string history_csv() {
    std::string out = "interval_start,calls,answered,aht_s\n";
    const wfm::local_date first{std::chrono::year{2024} / 1 / 1};
    for (int d = 0; d < 42; ++d) {
        const auto day = first + std::chrono::days{d};
        if (wfm::weekday_index(day) >= 5) {
            continue;
        }
        for (int slot = 16; slot < 36; ++slot) {
            const auto t = wfm::timestamp{day} + std::chrono::minutes{30 * slot};
            const int calls = 40 + slot + 7 * (d % 3);
            out += fmt::format("{},{},{},{}\n", wfm::format_timestamp(t), calls, calls - 2,
                               150 + slot);
        }
    }
    return out;
}

} // namespace

TEST_CASE("forecast cli: open intervals with bounds and AHT, closed days left out",
          "[forecast][cli]") {
    const auto dir = fs::temp_directory_path() / "wfm_forecast_cli";
    fs::remove_all(dir);
    fs::create_directories(dir);
    wfm::io::write_file_atomic(dir / "history.csv", history_csv());
    wfm::io::write_file_atomic(dir / "calendar.csv", "date,label,closed\n2024-02-14,holiday,1\n");
    REQUIRE(run("forecast --history " + (dir / "history.csv").string() + " --horizon 7d " +
                    "--calendar " + (dir / "calendar.csv").string() + " -o " +
                    (dir / "f.csv").string(),
                dir / "err.txt") == 0);
    const auto table = wfm::io::read_csv(dir / "f.csv");
    REQUIRE(table.header() ==
            std::vector<std::string>{"interval_start", "volume", "lower", "upper", "aht_s"});
    REQUIRE(table.rows() == 4 * 20); // Mon-Fri 08:00-18:00 less the closed Wednesday
    REQUIRE(table.field(0, 0) == "2024-02-12T08:00");
    for (std::size_t r = 0; r < table.rows(); ++r) {
        INFO(table.field(r, 0));
        REQUIRE(table.field(r, 0).substr(0, 10) != "2024-02-14");
        const double lower = table.non_negative(r, 2);
        REQUIRE(lower <= table.number(r, 3));
        REQUIRE(table.number(r, 1) > 0.0);
        const auto slot = wfm::minute_of_day(wfm::parse_timestamp(table.field(r, 0))) / 30;
        // Constant AHT per slot; the shrinkage towards the neighbouring slots moves it < 1 s.
        REQUIRE(table.number(r, 4) == Approx(150.0 + slot).margin(1.0));
    }
    const std::string err = wfm::io::read_file(dir / "err.txt");
    CHECK(err.find("forecast: method") != std::string::npos);
}

TEST_CASE("forecast cli: bad input exits non-zero naming file, line and column",
          "[forecast][cli]") {
    const auto dir = fs::temp_directory_path() / "wfm_forecast_cli_bad";
    fs::remove_all(dir);
    fs::create_directories(dir);
    wfm::io::write_file_atomic(dir / "history.csv", history_csv());
    const std::string bad = std::string{WFM_TEST_DATA_DIR} + "/forecast/bad_calendar.csv";
    REQUIRE(run("forecast --history " + (dir / "history.csv").string() + " --calendar " + bad +
                    " -o " + (dir / "f.csv").string(),
                dir / "err.txt") == 3);
    CHECK(wfm::io::read_file(dir / "err.txt").find("bad_calendar.csv:3:24: field 'closed'") !=
          std::string::npos);
    CHECK_FALSE(fs::exists(dir / "f.csv"));
    REQUIRE(run("forecast --history " + (dir / "history.csv").string() + " --method arima",
                dir / "err.txt") == 2);
    CHECK(wfm::io::read_file(dir / "err.txt").find("unknown method 'arima'") != std::string::npos);
}

TEST_CASE("backtest cli: json report with the baselines and lead days", "[forecast][cli]") {
    const auto dir = fs::temp_directory_path() / "wfm_backtest_cli";
    fs::remove_all(dir);
    fs::create_directories(dir);
    wfm::io::write_file_atomic(dir / "history.csv", history_csv());
    REQUIRE(run("backtest --history " + (dir / "history.csv").string() +
                    " --origins 2 --horizon 5d --methods topdown --format json -o " +
                    (dir / "b.json").string(),
                dir / "err.txt") == 0);
    const auto j = nlohmann::json::parse(wfm::io::read_file(dir / "b.json"));
    REQUIRE(j["origins"] == nlohmann::json::array({"2024-01-29T00:00", "2024-02-05T00:00"}));
    REQUIRE(j["methods"].size() == 3);
    REQUIRE(j["methods"][0]["method"] == "snaive");
    REQUIRE(j["methods"][1]["method"] == "avg4");
    REQUIRE(j["methods"][2]["method"] == "topdown");
    REQUIRE(j["methods"][2]["by_lead_day"].size() == 5);
    REQUIRE(j["methods"][2]["overall"]["points"] == 2 * 5 * 20);
    // calls = 40 + slot + 7·(day mod 3): the same-slot value one week back is off by 7 or 14.
    REQUIRE(j["methods"][0]["overall"]["mae"].get<double>() > 6.9);
}
#endif
