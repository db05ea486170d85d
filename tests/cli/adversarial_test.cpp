// Every subcommand on adversarial inputs (issue 12): deep and huge JSON, a 10 MB field, wide date
// spans, extreme parameters and special output files. Each run must finish within a wall-clock
// limit, exit with a documented code (2-6: a usage error is 2, never CLI11's 105-109, never 1 and
// never a signal), print at most one bounded line on standard error without "internal error", and
// leave every output (and the input) as it was. Big inputs are generated at test time.
//
// Cases that fail today are listed in `known_failures` with what was observed; they run and are
// reported (WARN) but do not fail the suite unless WFM_ADVERSARIAL_STRICT=1 is set. A listed case
// that now passes is reported too, so the list can shrink.
#include "cli.hpp"

#ifdef WFM_CLI_PATH
#include <wfm/io/csv.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <tuple>
#include <unistd.h>
#include <vector>

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

constexpr int time_limit_s = 20;           // per run; generous for ASan builds
constexpr std::size_t huge = 10'000'000;   // bytes of a huge field or string
constexpr std::size_t deep = 100'000;      // nesting levels of deep JSON
constexpr std::size_t max_message = 2'000; // bytes of the one stderr line

// Cases failing on main when this test was written (name → observed); see the file comment.
const std::set<std::string> known_failures = {};

const fs::path source{WFM_SOURCE_DIR};
const fs::path test_data{WFM_TEST_DATA_DIR};

void write(const fs::path& p, const std::string& text) {
    std::ofstream f(p, std::ios::binary);
    f << text;
}

std::string slurp(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

// What a path is, to compare before and after a run (content by hash).
std::string snapshot(const fs::path& p) {
    std::error_code ec;
    const auto st = fs::symlink_status(p, ec);
    switch (st.type()) {
    case fs::file_type::not_found:
        return "absent";
    case fs::file_type::symlink:
        return "symlink to " + fs::read_symlink(p).string();
    case fs::file_type::regular:
        return fmt::format("file {}", std::hash<std::string>{}(slurp(p)));
    case fs::file_type::directory: {
        std::set<std::string> names;
        for (const auto& e : fs::directory_iterator(p)) {
            names.insert(e.path().filename().string() + "=" + snapshot(e.path()));
        }
        return fmt::format("dir {}", fmt::join(names, ","));
    }
    case fs::file_type::fifo:
        return "fifo";
    case fs::file_type::character:
        return "character device";
    default:
        return "other";
    }
}

struct adversarial_case {
    std::string name;
    std::string args;              // after `wfm`, paths absolute
    std::vector<fs::path> watched; // outputs and inputs that an error must leave as they were
    bool success = false;          // a valid input: exit 0 expected
    int status = -1;               // the exit code expected exactly (-1: any documented one)
    std::vector<std::string> err;  // texts the one stderr line must contain
};

struct outcome {
    int status = -1; // exit code; 124/137 timeout; 128+n signal
    std::string err;
    std::string out;
};

outcome run(const fs::path& dir, const std::string& args) {
    const auto out = dir / "run.out";
    const auto err = dir / "run.err";
    const auto cmd = fmt::format("cd {} && timeout -k 2 {} {} {} >{} 2>{} </dev/null", dir.string(),
                                 time_limit_s, WFM_CLI_PATH, args, out.string(), err.string());
    const int st = std::system(cmd.c_str());
    outcome o;
    o.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
    o.err = slurp(err);
    o.out = slurp(out);
    fs::remove(out);
    fs::remove(err);
    return o;
}

bool documented_error(int status) {
    return status >= 2 && status <= 6;
}

std::string cut(const std::string& s) {
    return s.size() > 300 ? s.substr(0, 300) + fmt::format("… ({} bytes)", s.size()) : s;
}

// Problems of one run against the contract ("" when none).
std::string judge(const adversarial_case& c, const outcome& o,
                  const std::vector<std::string>& before) {
    std::vector<std::string> problems;
    if (o.status == 124 || o.status == 137) {
        problems.push_back(fmt::format("timed out after {} s", time_limit_s));
    } else if (o.status > 128) {
        problems.push_back(fmt::format("killed by signal {}", o.status - 128));
    } else if (c.success ? o.status != 0 : !documented_error(o.status)) {
        problems.push_back(fmt::format("exit {}", o.status));
    } else if (c.status >= 0 && o.status != c.status) {
        problems.push_back(fmt::format("exit {}, expected {}", o.status, c.status));
    }
    for (const auto& text : c.err) {
        if (o.err.find(text) == std::string::npos) {
            problems.push_back(fmt::format("stderr lacks \"{}\"", text));
        }
    }
    const auto lines = std::count(o.err.begin(), o.err.end(), '\n');
    if (!c.success && (lines > 1 || o.err.size() > max_message)) {
        problems.push_back(fmt::format("stderr has {} lines, {} bytes", lines, o.err.size()));
    }
    if (o.err.find("internal error") != std::string::npos) {
        problems.push_back("internal error");
    }
    if (!c.success && o.status != 6) {
        if (!o.out.empty()) {
            problems.push_back(fmt::format("{} bytes on stdout", o.out.size()));
        }
        for (std::size_t i = 0; i < c.watched.size(); ++i) {
            const auto now = snapshot(c.watched[i]);
            if (now != before[i]) {
                problems.push_back(fmt::format("{} changed: {} → {}",
                                               c.watched[i].filename().string(), cut(before[i]),
                                               cut(now)));
            }
        }
    }
    if (problems.empty()) {
        return "";
    }
    return fmt::format("{} [exit {}; stderr: {}]", fmt::join(problems, "; "), o.status, cut(o.err));
}

void check_cases(const fs::path& dir, const std::vector<adversarial_case>& cases) {
    const bool strict = std::getenv("WFM_ADVERSARIAL_STRICT") != nullptr;
    std::string table;
    for (const auto& c : cases) {
        std::vector<std::string> before;
        for (const auto& p : c.watched) {
            before.push_back(snapshot(p));
        }
        const auto problem = judge(c, run(dir, c.args), before);
        const bool known = known_failures.contains(c.name);
        table += fmt::format("| {} | {} |\n", c.name, problem.empty() ? "ok" : problem);
        INFO("case " << c.name << ": wfm " << cut(c.args));
        if (known && !strict) {
            if (problem.empty()) {
                WARN("known failure now passes (remove it from the list): " << c.name);
            } else {
                WARN("known failure: " << c.name << ": " << problem);
            }
        } else {
            CHECK(problem == "");
        }
    }
    WARN("results:\n" << table);
}

// `command flags` plus each default whose flag `flags` does not give itself.
std::string with_defaults(const std::string& command, const std::string& flags,
                          const std::vector<std::pair<std::string, std::string>>& defaults) {
    std::string out = command;
    for (const auto& [flag, value] : defaults) {
        if ((" " + flags + " ").find(" " + flag + " ") == std::string::npos) {
            out += " " + flag + " " + value;
        }
    }
    return out + " " + flags;
}

// A scratch directory with small valid inputs of every command.
struct fixture {
    fs::path dir;
    fs::path history;  // interval history: interval_start,calls,aht_s + plan columns
    fs::path forecast; // wfm staff input
    fs::path log;      // wfm kpi input (one channel)
    fs::path required; // wfm schedule input
    fs::path plan;     // a quick plan.json (absolute file names)
    fs::path schedule = source / "data" / "schedule.json";

    explicit fixture(const std::string& name) : dir(wfm::test::fresh_dir(name)) {
        history = dir / "history.csv";
        fs::copy_file(source / "data" / "sample_history.csv", history);
        forecast = dir / "forecast.csv";
        fs::copy_file(test_data / "erlang" / "forecast_voice.csv", forecast);
        log = dir / "log.csv";
        write(log, "arrival,queue_entry,answer_time,handle_s,channel,agent\n"
                   "2026-03-02T09:00:05,2026-03-02T09:00:10,2026-03-02T09:00:25,300,voice,ann\n"
                   "2026-03-02T09:01:00,2026-03-02T09:01:00,,0,voice,\n");
        required = dir / "required.csv";
        fs::copy_file(test_data / "schedule" / "week30_required.csv", required);
        plan = dir / "plan.json";
        write(plan, quick_plan().dump());
    }
    ~fixture() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    fixture(const fixture&) = delete;
    fixture& operator=(const fixture&) = delete;

    [[nodiscard]] json quick_plan() const {
        auto doc = json::parse(slurp(source / "data" / "plan.json"));
        doc["history"]["file"] = history.string();
        doc["special_days"] = (source / "data" / "sample_special_days.csv").string();
        doc["forecast"] = {{"method", "snaive"}, {"backtest_origins", 0}};
        doc["solver"] = {{"seed", 1}, {"iterations", 2000}, {"time_limit_s", 5}};
        return doc;
    }
    [[nodiscard]] fs::path file(const std::string& name, const std::string& text) const {
        write(dir / name, text);
        return dir / name;
    }
    [[nodiscard]] std::string p(const std::string& name) const { return (dir / name).string(); }

    // Per-command argument prefixes reading the valid inputs, without the output flag.
    [[nodiscard]] std::string forecast_args(const fs::path& h) const {
        return fmt::format("forecast --history {} --column voice_volume --interval 15m "
                           "--method snaive",
                           h.string());
    }
    [[nodiscard]] std::string backtest_args(const fs::path& h, const std::string& flags) const {
        return with_defaults("backtest --history " + h.string() +
                                 " --column voice_volume --interval 15m --methods snaive",
                             flags, {{"--origins", "1"}, {"--horizon", "1d"}});
    }
    [[nodiscard]] std::string staff_args(const fs::path& f, const std::string& flags) const {
        return with_defaults("staff --forecast " + f.string(), flags,
                             {{"--aht-s", "180"}, {"--target-sl", "0.8"}});
    }
    [[nodiscard]] std::string schedule_args(const fs::path& r, const fs::path& config,
                                            const std::string& flags) const {
        return with_defaults(fmt::format("schedule --requirements {} --config {} --no-bound",
                                         r.string(), config.string()),
                             flags, {{"--iterations", "1000"}});
    }
    [[nodiscard]] std::string kpi_args(const fs::path& log_file) const {
        return fmt::format("kpi {}", log_file.string());
    }
};

std::string nested(std::size_t levels) {
    return std::string(levels, '[') + std::string(levels, ']');
}

} // namespace

TEST_CASE("adversarial: deep and huge JSON in every JSON-reading command", "[cli][adversarial]") {
    const fixture f("wfm_adversarial_json");
    const std::string big(huge, 'x');
    const auto deep_channels = f.file("deep_channels.json", "{\"channels\": " + nested(deep) + "}");
    const auto deep_title = f.file("deep_title.json", "{\"title\": " + nested(deep) + "}");
    const auto deep_templates =
        f.file("deep_templates.json", "{\"templates\": " + nested(deep) + "}");
    const auto huge_model =
        f.file("huge_model.json", R"({"channels": [{"name": "voice", "model": ")" + big + "\"}]}");
    const auto huge_key = f.file("huge_key.json", "{\"" + big + "\": 1}");
    const auto huge_mode = f.file("huge_mode.json", R"({"mode": ")" + big + "\"}");
    const auto huge_week = f.file("huge_week.json", R"({"week": ")" + big + "\"}");
    const auto big_number =
        f.file("big_number.json", R"({"channels": [{"name": "voice", "aht_s": 1e400}]})");
    const auto out = f.p("out.csv");
    const std::vector<fs::path> watch{out, f.dir / "out"};
    std::vector<adversarial_case> cases;
    for (const auto& [name, config] :
         std::vector<std::pair<std::string, fs::path>>{{"deep", deep_channels},
                                                       {"huge string", huge_model},
                                                       {"huge key", huge_key},
                                                       {"1e400", big_number}}) {
        cases.push_back({"staff: " + name + " JSON",
                         fmt::format("staff --forecast {} --config {} -o {}", f.forecast.string(),
                                     config.string(), out),
                         watch});
    }
    for (const auto& [name, config] : std::vector<std::pair<std::string, fs::path>>{
             {"deep", deep_templates}, {"huge string", huge_mode}, {"huge key", huge_key}}) {
        cases.push_back({"schedule: " + name + " JSON",
                         f.schedule_args(f.required, config, "-o " + out), watch});
    }
    for (const auto& [name, config] : std::vector<std::pair<std::string, fs::path>>{
             {"deep", deep_title}, {"huge string", huge_week}, {"huge key", huge_key}}) {
        cases.push_back({"plan: " + name + " JSON",
                         fmt::format("plan -q --start greedy --config {} --out {}", config.string(),
                                     f.p("out")),
                         watch});
    }
    check_cases(f.dir, cases);
}

TEST_CASE("adversarial: a 10 MB CSV field in every CSV-reading command", "[cli][adversarial]") {
    const fixture f("wfm_adversarial_field");
    const std::string big(huge, '7');
    const std::string bad_big = std::string(huge, 'z');
    auto history = slurp(f.history);
    history.insert(history.find(',', history.find('\n')) + 1, bad_big); // row 1, voice_volume
    const auto big_history = f.file("big_history.csv", history);
    const auto big_forecast = f.file(
        "big_forecast.csv", "interval_start,volume,aht_s\n2026-01-05T08:00," + big + ",180\n");
    const auto big_required =
        f.file("big_required.csv", "interval_start,required\n2026-11-23T07:00,z" + big + "\n");
    const auto big_log =
        f.file("big_log.csv", "arrival,queue_entry,answer_time,handle_s,channel,agent\n"
                              "2026-03-02T09:00:05,2026-03-02T09:00:10,2026-03-02T09:00:25," +
                                  bad_big + ",voice,ann\n");
    const auto out = f.p("out.csv");
    const std::vector<fs::path> watch{out, f.dir / "out"};
    check_cases(f.dir,
                {
                    {"kpi: 10 MB field", f.kpi_args(big_log) + " -o " + out, watch},
                    {"forecast: 10 MB field", f.forecast_args(big_history) + " -o " + out, watch},
                    {"backtest: 10 MB field", f.backtest_args(big_history, "-o " + out), watch},
                    {"staff: 10 MB field", f.staff_args(big_forecast, "-o " + out), watch},
                    {"schedule: 10 MB field",
                     f.schedule_args(big_required, f.schedule, "-o " + out), watch},
                    {"plan: 10 MB field",
                     fmt::format("plan -q --start greedy --config {} --history {} --out {}",
                                 f.plan.string(), big_history.string(), f.p("out")),
                     watch},
                });
}

TEST_CASE("adversarial: wide date spans", "[cli][adversarial]") {
    const fixture f("wfm_adversarial_span");
    const auto span = f.file("span.csv", "interval_start,voice_volume,voice_aht_s,text_volume,"
                                         "text_aht_s,video_volume,video_aht_s\n"
                                         "1000-01-06T00:00,10,200,1,300,1,300\n"
                                         "8999-01-06T00:00,10,200,1,300,1,300\n");
    const auto span_forecast = f.file("span_forecast.csv", "interval_start,volume,aht_s\n"
                                                           "1000-01-06T08:00,100,180\n"
                                                           "8999-01-06T08:00,100,180\n");
    const auto span_required = f.file("span_required.csv", "interval_start,required\n"
                                                           "1000-01-06T08:00,3\n"
                                                           "8999-01-06T08:00,3\n");
    const auto span_log =
        f.file("span_log.csv",
               "arrival,queue_entry,answer_time,handle_s,channel,agent\n"
               "2026-03-02T09:00:05,2026-03-02T09:00:10,2026-03-02T09:00:25,300,voice,a\n"
               "2526-03-02T09:00:05,2526-03-02T09:00:10,2526-03-02T09:00:25,300,voice,a\n");
    const auto out = f.p("out.csv");
    const std::vector<fs::path> watch{out, f.dir / "out"};
    check_cases(
        f.dir,
        {
            {"kpi: calls 500 years apart", f.kpi_args(span_log) + " -o " + out, watch},
            {"kpi: calls 500 years apart, by total",
             f.kpi_args(span_log) + " --by total -o " + out + " --agents " + f.p("agents.csv"),
             {out, f.dir / "agents.csv"}},
            {"forecast: rows 1000 and 8999", f.forecast_args(span) + " -o " + out, watch},
            {"forecast: rows 1000 and 8999, 60m",
             fmt::format("forecast --history {} --column voice_volume --interval 60m -o {}",
                         span.string(), out),
             watch},
            {"backtest: rows 1000 and 8999", f.backtest_args(span, "-o " + out), watch},
            {"staff: rows 1000 and 8999", f.staff_args(span_forecast, "-o " + out), watch},
            {"schedule: rows 1000 and 8999",
             f.schedule_args(span_required, f.schedule, "-o " + out), watch},
            {"plan: rows 1000 and 8999",
             fmt::format("plan -q --start greedy --config {} --history {} --out {}",
                         f.plan.string(), span.string(), f.p("out")),
             watch},
            {"sample: --start 9999-11-29",
             fmt::format("sample --start 9999-11-29 --out {}", f.p("out")), watch},
            {"sample: --weeks 520 (documented range)",
             fmt::format("sample --weeks 520 --out {}", f.p("sample520")),
             {},
             true},
        });
}

TEST_CASE("adversarial: extreme parameters on numeric flags and config numbers",
          "[cli][adversarial]") {
    const fixture f("wfm_adversarial_params");
    const auto out = f.p("out.csv");
    const std::vector<fs::path> watch{out, f.dir / "out"};
    std::vector<adversarial_case> cases;
    // The flags under test replace the valid defaults they name.
    const auto erlang_args = [](const std::string& flags) {
        return with_defaults("erlang", flags, {{"--aht-s", "180"}, {"--target-sl", "0.8"}});
    };
    for (const std::string& flags :
         {"--calls 1e308",
          "--calls nan",
          "--calls -1",
          "--calls inf",
          "--calls 1e15 --model b --max-blocking 0.01",
          "--calls 1e15 --model b --max-blocking 0.01 --concurrency 1000 --compose-ratio "
          "0.5",
          "--calls 100 --concurrency 2000000000 --compose-ratio 0.5",
          "--calls 100 --concurrency -1",
          "--calls 100 --lines 1000000000",
          "--calls 100 --lines 9223372036854775807",
          "--calls 100 --lines 99999999999999999999",
          "--calls 100 --aht-s 1e308",
          "--calls 100 --aht-s nan",
          "--calls 100 --interval-s 1e308",
          "--calls 100 --interval-s nan",
          "--calls 100 --interval-s -1",
          "--calls 100 --sl-time 1e308",
          "--calls 100 --target-sl nan",
          "--calls 100 --shrinkage nan",
          "--calls 100 --patience-s 1e-308 --model a"}) {
        cases.push_back({"erlang: " + flags, erlang_args(flags), {}});
    }
    for (const std::string& flags :
         {"--calls 100 --agents 1e308", "--calls 100 --agents nan", "--calls 1e308 --agents 10"}) {
        cases.push_back({"erlang: " + flags, "erlang --aht-s 180 " + flags, {}});
    }
    const auto big_volume = f.file("big_volume.csv", "interval_start,volume,aht_s\n"
                                                     "2026-01-05T08:00,1e308,180\n");
    const auto big_aht = f.file("big_aht.csv", "interval_start,volume,aht_s\n"
                                               "2026-01-05T08:00,100,1e308\n");
    cases.push_back({"staff: volume 1e308", f.staff_args(big_volume, "-o " + out), watch});
    cases.push_back({"staff: aht_s 1e308", f.staff_args(big_aht, "-o " + out), watch});
    for (const std::string& flags :
         {"--lines 1000000000", "--lines 9223372036854775807",
          "--concurrency 2000000000 --compose-ratio 0.5", "--aht-s 1e308", "--shrinkage nan"}) {
        cases.push_back({"staff: " + flags, f.staff_args(f.forecast, flags + " -o " + out), watch});
    }
    for (const auto& [name, lines] : std::vector<std::pair<std::string, json>>{
             {"1e8", 100000000}, {"1e9", 1000000000}, {"INT64_MAX", INT64_MAX}}) {
        const auto config =
            f.file("lines_" + name + ".json", json{{"channels",
                                                    {{{"name", "voice"},
                                                      {"aht_s", 180},
                                                      {"lines", lines},
                                                      {"targets", {{"service_level", 0.8}}}}}}}
                                                  .dump());
        cases.push_back({"staff: config lines " + name,
                         fmt::format("staff --forecast {} --config {} -o {}", f.forecast.string(),
                                     config.string(), out),
                         watch});
    }
    const auto big_history = f.file("big_value.csv", "interval_start,voice_volume\n"
                                                     "2026-01-05T08:00,1e308\n"
                                                     "2026-01-05T08:15,1e308\n");
    cases.push_back({"forecast: value 1e308 (auto)",
                     fmt::format("forecast --history {} --column voice_volume --interval 15m -o {}",
                                 big_history.string(), out),
                     watch});
    for (const std::string& flags :
         {"--level nan", "--level 1e308", "--level -1", "--horizon 99999999999d",
          "--horizon 1e308d", "--horizon -1d", "--origin 9999-12-31T23:45"}) {
        cases.push_back(
            {"forecast: " + flags, f.forecast_args(f.history) + " " + flags + " -o " + out, watch});
    }
    for (const std::string& flags : {"--origins 99999999999999999999", "--origins -1",
                                     "--origins 1000000", "--horizon 1e308d", "--level nan"}) {
        cases.push_back(
            {"backtest: " + flags, f.backtest_args(f.history, flags + " -o " + out), watch});
    }
    for (const std::string& flags :
         {"--seed -1", "--iterations -1 --time-limit 2s", "--iterations 99999999999999999999999",
          "--time-limit 1e308s", "--time-limit nans", "--time-limit -1s",
          "--time-limit 99999999999999999999h"}) {
        cases.push_back({"schedule: " + flags,
                         f.schedule_args(f.required, f.schedule, flags + " -o " + out), watch});
    }
    for (const std::string& flags :
         {"--sl-time 99999999999999999999", "--sl-time -1", "--standard-day-h 1e300",
          "--standard-day-h nan", "--standard-day-h -1"}) {
        cases.push_back(
            {"kpi: " + flags,
             f.kpi_args(f.log) + " " + flags + " -o " + out + " --agents " + f.p("agents.csv"),
             {out, f.dir / "agents.csv"}});
    }
    for (const std::string& flags :
         {"--weeks 99999999999", "--weeks nan", "--weeks -1", "--seed -1"}) {
        cases.push_back(
            {"sample: " + flags, fmt::format("sample {} --out {}", flags, f.p("out")), watch});
    }
    for (const auto& [name, edit] : std::vector<std::pair<std::string, std::function<void(json&)>>>{
             {"standard_day_h 1e300", [](json& d) { d["standard_day_h"] = 1e300; }},
             {"solver iterations 2^64-1",
              [](json& d) { d["solver"]["iterations"] = 18446744073709551615ULL; }},
             {"channel lines 1e9", [](json& d) { d["channels"][0]["lines"] = 1000000000; }},
             {"channel concurrency 2e9",
              [](json& d) { d["channels"][1]["concurrency"] = 2000000000; }}}) {
        auto doc = f.quick_plan();
        edit(doc);
        const auto config = f.file("plan_" + std::to_string(cases.size()) + ".json", doc.dump());
        cases.push_back({"plan: " + name,
                         fmt::format("plan -q --start greedy --config {} --out {}", config.string(),
                                     f.p("out")),
                         watch});
    }
    check_cases(f.dir, cases);
}

// Every numeric, duration and choice option of every subcommand (as `wfm CMD --help` lists them)
// has a bad value here; each exits 2 with one line naming the option and the value (finding 12).
// A new numeric option without a case fails the coverage check.
TEST_CASE("adversarial: a bad value of every option of every subcommand exits 2 naming it",
          "[cli][adversarial]") {
    const fixture f("wfm_adversarial_every_flag");
    const auto out = f.p("out.csv");
    const std::string erl = "erlang --calls 100 --aht-s 180 --target-sl 0.8";
    const std::string staff =
        "staff --forecast " + f.forecast.string() + " --aht-s 180 --target-sl 0.8 -o " + out;
    const std::string fc = f.forecast_args(f.history) + " -o " + out;
    const std::string bt = f.backtest_args(f.history, "-o " + out);
    const std::string sch = f.schedule_args(f.required, f.schedule, "-o " + out);
    const std::string kpi = f.kpi_args(f.log) + " -o " + out;
    const std::string plan =
        fmt::format("plan -q --start greedy --config {} --out {}", f.plan.string(), f.p("o"));
    const std::string sample = "sample --out " + f.p("o");
    const std::string intra = fmt::format("intraday --history {} -o {}", f.history.string(), out);
    const std::string intra_now = intra + " --now 2026-01-05T10:00";
    const std::string sim =
        fmt::format("simulate --forecast {0} --coverage {0} -o {1}", f.forecast.string(), out);
    // {command line before the flag, flag, bad values}
    const std::vector<std::tuple<std::string, std::string, std::vector<std::string>>> table{
        {"erlang --aht-s 180 --agents 10", "--calls", {"-5", "nan", "1e16", "x"}},
        {erl, "--interval-s", {"0", "-1", "86401"}},
        {"erlang --calls 100 --aht-s 180", "--agents", {"0", "-1", "1000001"}},
        {erl, "--aht-s", {"0", "-180", "inf"}},
        {erl, "--patience-s", {"-1", "0", "1e-308", "0.0009", "86401"}},
        {erl + " --patience-s 300", "--lines", {"0", "-1", "100001", "2.5"}},
        {erl, "--sl-time", {"-1", "86401", "nan"}},
        {"erlang --calls 100 --aht-s 180", "--target-sl", {"0", "1", "1.5", "-0.1"}},
        {"erlang --calls 100 --aht-s 180", "--max-asa-s", {"0", "-5", "86401"}},
        {"erlang --calls 100 --aht-s 180", "--max-abandon", {"0", "1", "2"}},
        {"erlang --calls 100 --aht-s 180", "--min-answer-rate", {"0", "1", "-1"}},
        {"erlang --calls 100 --aht-s 180", "--max-occupancy", {"0", "1.01"}},
        {"erlang --calls 100 --aht-s 180 --model b", "--max-blocking", {"0", "1"}},
        {erl, "--shrinkage", {"1", "-0.1"}},
        {erl, "--self-service-rate", {"1", "-0.1"}},
        {erl, "--concurrency", {"0", "1001", "1.5"}},
        {erl + " --concurrency 2", "--compose-ratio", {"0", "-1", "1e7"}},
        {erl, "--model", {"d", "erlang"}},
        {erl, "--sl-definition", {"all"}},
        {erl, "--format", {"xml"}},
        {staff, "--aht-s", {"0"}},
        {staff, "--patience-s", {"-1", "1e-308"}},
        {staff, "--target-sl", {"2"}},
        {staff, "--max-asa-s", {"-1"}},
        {staff, "--max-abandon", {"1"}},
        {staff, "--min-answer-rate", {"1"}},
        {staff, "--max-occupancy", {"2"}},
        {staff, "--max-blocking", {"1"}},
        {staff, "--shrinkage", {"1"}},
        {staff, "--self-service-rate", {"1"}},
        {staff, "--sl-time", {"-1"}},
        {staff + " --patience-s 300", "--lines", {"0"}},
        {staff, "--concurrency", {"0"}},
        {staff + " --concurrency 2", "--compose-ratio", {"0"}},
        {staff, "--model", {"z"}},
        {staff, "--sl-definition", {"z"}},
        {fc, "--level", {"0", "100", "-1", "nan"}},
        {fc, "--interval", {"0", "7x", "-15m"}},
        {fc, "--horizon", {"0d", "-1d", "1e308d"}},
        {fc, "--method", {"magic", "avg0"}},
        {fc, "--origin", {"2026-13-01T00:00"}},
        {bt, "--level", {"0", "100"}},
        {bt, "--interval", {"0"}},
        {bt, "--horizon", {"-1d"}},
        {bt, "--format", {"xml"}},
        {sch, "--seed", {"-1", "1.5"}},
        {sch, "--iterations", {"0", "-1", "1000000001"}},
        {sch, "--start", {"best"}},
        {kpi, "--sl-time", {"-1", "1.5", "86401"}},
        {kpi, "--standard-day-h", {"0", "25", "nan"}},
        {kpi, "--interval", {"0", "7x"}},
        {kpi, "--format", {"excel"}},
        {kpi, "--by", {"year"}},
        {plan, "--lang", {"fr"}},
        {plan, "--weeks", {"0", "7", "-1", "1.5"}},
        {sample, "--weeks", {"0", "521", "-1"}},
        {sample, "--seed", {"-1"}},
        {intra_now, "--level", {"0", "100", "nan"}},
        {intra_now, "--interval", {"0", "7x"}},
        {intra, "--now", {"2026-13-01T00:00", "today"}},
        {sim, "--aht-s", {"0", "-1", "86401", "nan"}},
        {sim, "--patience-s", {"0", "inf"}},
        {sim, "--sl-time", {"-1", "86401"}},
        {sim, "--replications", {"1", "100001", "2.5"}},
        {sim, "--seed", {"-1", "x"}},
        {"simulate --plan " + f.dir.string(), "--replications", {"0"}},
        {"whatif --plan " + f.dir.string() + " --scenario x.json",
         "--replications",
         {"0", "1", "100001", "2.5"}},
        {"whatif --plan " + f.dir.string() + " --scenario x.json", "--seed", {"-1", "x"}},
        {"whatif --plan " + f.dir.string() + " --scenario x.json", "--lang", {"fr"}},
    };
    std::vector<adversarial_case> cases;
    std::set<std::pair<std::string, std::string>> covered; // {command, flag}
    for (const auto& [line, flag, values] : table) {
        covered.emplace(line.substr(0, line.find(' ')), flag);
        for (const auto& v : values) {
            cases.push_back({fmt::format("{}: {} {}", line.substr(0, line.find(' ')), flag, v),
                             fmt::format("{} {} {}", line, flag, v),
                             {f.dir / "out.csv", f.dir / "o"},
                             false,
                             2,
                             {"wfm: error: " + flag + ": ", v}});
        }
    }
    check_cases(f.dir, cases);
    // Coverage: every option whose value `--help` types as a number has a case above.
    for (const std::string command : {"erlang", "staff", "forecast", "backtest", "schedule", "kpi",
                                      "plan", "sample", "intraday", "simulate", "whatif"}) {
        const auto help = run(f.dir, command + " --help").out;
        std::istringstream lines(help);
        for (std::string l; std::getline(lines, l);) {
            const auto dash = l.find("--");
            if (dash == std::string::npos ||
                (l.find(" FLOAT") == std::string::npos && l.find(" INT") == std::string::npos &&
                 l.find(" UINT") == std::string::npos)) {
                continue;
            }
            const auto flag = l.substr(dash, l.find(' ', dash) - dash);
            INFO(command << " --help: " << l);
            CHECK(covered.contains({command, flag}));
        }
    }
}

TEST_CASE("adversarial: special output files", "[cli][adversarial]") {
    const fixture f("wfm_adversarial_outputs");
    // A character device of our own (/dev/null's numbers) when we may make one; never a
    // real /dev entry, which a root run could replace.
    const auto device = f.dir / "device";
    const bool have_device = ::mknod(device.c_str(), S_IFCHR | 0666, makedev(1, 3)) == 0;
    const auto fifo = f.dir / "fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
    const auto directory = f.dir / "directory";
    fs::create_directories(directory / "keep");
    const auto to_history = f.dir / "link_to_history";
    fs::create_symlink(f.history, to_history);
    const auto to_forecast = f.dir / "link_to_forecast";
    fs::create_symlink(f.forecast, to_forecast);
    const auto to_log = f.dir / "link_to_log";
    fs::create_symlink(f.log, to_log);
    const auto to_required = f.dir / "link_to_required";
    fs::create_symlink(f.required, to_required);
    const auto a_file = f.file("a_file", "keep me\n");

    std::vector<std::pair<std::string, fs::path>> targets{{"a FIFO", fifo},
                                                          {"a directory", directory}};
    if (have_device) {
        targets.emplace_back("a character device", device);
    } else {
        WARN("cannot mknod a device here; the device case is skipped");
    }
    std::vector<adversarial_case> cases;
    for (const auto& [what, target] : targets) {
        const auto o = target.string();
        cases.push_back(
            {"forecast: -o " + what, f.forecast_args(f.history) + " -o " + o, {target, f.history}});
        cases.push_back(
            {"backtest: -o " + what, f.backtest_args(f.history, "-o " + o), {target, f.history}});
        cases.push_back(
            {"staff: -o " + what, f.staff_args(f.forecast, "-o " + o), {target, f.forecast}});
        cases.push_back({"kpi: -o " + what, f.kpi_args(f.log) + " -o " + o, {target, f.log}});
        cases.push_back({"kpi: --agents " + what,
                         f.kpi_args(f.log) + " -o " + f.p("k.csv") + " --agents " + o,
                         {target, f.log, f.dir / "k.csv"}});
        cases.push_back({"schedule: -o " + what,
                         f.schedule_args(f.required, f.schedule, "-o " + o),
                         {target, f.required}});
        cases.push_back(
            {"schedule: --coverage " + what,
             f.schedule_args(f.required, f.schedule, "-o " + f.p("s.csv") + " --coverage " + o),
             {target, f.required, f.dir / "s.csv"}});
        if (what != "a directory") {
            cases.push_back(
                {"plan: --out " + what,
                 fmt::format("plan -q --start greedy --config {} --out {}", f.plan.string(), o),
                 {target, f.history}});
            cases.push_back({"sample: --out " + what, fmt::format("sample --out {}", o), {target}});
        }
    }
    // The input itself, directly and through a symlink.
    cases.push_back({"forecast: -o the input",
                     f.forecast_args(f.history) + " -o " + f.history.string(),
                     {f.history}});
    cases.push_back({"forecast: -o a symlink to the input",
                     f.forecast_args(f.history) + " -o " + to_history.string(),
                     {f.history, to_history}});
    cases.push_back({"backtest: -o the input",
                     f.backtest_args(f.history, "-o " + f.history.string()),
                     {f.history}});
    cases.push_back({"staff: -o the input",
                     f.staff_args(f.forecast, "-o " + f.forecast.string()),
                     {f.forecast}});
    cases.push_back({"staff: -o a symlink to the input",
                     f.staff_args(f.forecast, "-o " + to_forecast.string()),
                     {f.forecast, to_forecast}});
    cases.push_back({"kpi: -o the input", f.kpi_args(f.log) + " -o " + f.log.string(), {f.log}});
    cases.push_back({"kpi: --agents a symlink to the input",
                     f.kpi_args(f.log) + " -o " + f.p("k2.csv") + " --agents " + to_log.string(),
                     {f.log, to_log, f.dir / "k2.csv"}});
    cases.push_back({"schedule: -o the input",
                     f.schedule_args(f.required, f.schedule, "-o " + f.required.string()),
                     {f.required}});
    cases.push_back({"schedule: --summary a symlink to the input",
                     f.schedule_args(f.required, f.schedule,
                                     "-o " + f.p("s2.csv") + " --summary " + to_required.string()),
                     {f.required, to_required, f.dir / "s2.csv"}});
    cases.push_back({"plan: --out a regular file",
                     fmt::format("plan -q --start greedy --config {} --out {}", f.plan.string(),
                                 a_file.string()),
                     {a_file}});
    cases.push_back({"sample: --out a regular file",
                     fmt::format("sample --out {}", a_file.string()),
                     {a_file}});
    check_cases(f.dir, cases);
}
#endif
