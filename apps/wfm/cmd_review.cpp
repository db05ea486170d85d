// `wfm review`: a published weekly plan against the week's measured interval KPIs (复盘).
#include "commands.hpp"
#include "number_flags.hpp"

#include <wfm/io/json.hpp>
#include <wfm/io/output_files.hpp>
#include <wfm/io/review.hpp>
#include <wfm/plan/config.hpp>
#include <wfm/plan/review.hpp>
#include <wfm/report/review.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <set>

namespace wfm::app::review_cmd {

namespace fs = std::filesystem;

struct review_args {
    std::string plan_dir;
    std::vector<std::string> actuals;
    std::vector<std::string> past; ///< earlier `wfm review -o` directories
    std::string config;
    std::string out = "wfm-review";
    std::string lang; ///< empty: the plan's
    bool quiet = false;
};

// The plan config: --config, else the one the plan's report.json names.
plan::plan_config plan_config_of(const review_args& a, const io::plan_dir& dir) {
    if (a.config.empty() && !dir.config) {
        throw io::file_error(
            fmt::format("review: {}/report.json names no config: pass --config", a.plan_dir));
    }
    const fs::path path = a.config.empty() ? *dir.config : fs::path{a.config};
    std::error_code ec;
    if (a.config.empty() && !fs::is_regular_file(path, ec)) {
        throw io::file_error(fmt::format("review: the plan's config {} (named in {}/report.json) "
                                         "cannot be read: pass --config",
                                         path.string(), a.plan_dir));
    }
    const auto doc = io::read_json_file(path);
    try {
        return plan::decode_plan_config(doc);
    } catch (const config_error& e) {
        throw error(fmt::format("{}: {}", path.string(), e.what()), exit_code::config_error);
    }
}

// Each plan queue's measured rows from every --actuals file.
std::map<std::string, std::vector<report::kpi_row>> read_actuals(const review_args& a,
                                                                 const io::plan_dir& dir) {
    std::vector<std::string> queues;
    for (const auto& c : dir.report.channels) {
        queues.push_back(c.name);
    }
    std::map<std::string, std::vector<report::kpi_row>> out;
    for (const auto& arg : a.actuals) {
        const auto source = io::parse_actuals_source(arg);
        for (auto& [queue, rows] : io::read_review_actuals(source, queues, dir.report.week_start)) {
            if (!out.emplace(queue, std::move(rows)).second) {
                throw invalid_argument(fmt::format(
                    "review: --actuals {}: queue '{}' is measured by an earlier file too", arg,
                    queue));
            }
        }
    }
    return out;
}

plan::review_input review_input_of(const review_args& a, const io::plan_dir& dir) {
    const auto config = plan_config_of(a, dir);
    auto actuals = read_actuals(a, dir);
    plan::review_input in;
    in.week_start = dir.report.week_start;
    in.grid = dir.report.grid;
    for (const auto& c : dir.report.channels) {
        const auto rows = actuals.find(c.name);
        if (rows == actuals.end()) {
            continue;
        }
        const auto s = std::find_if(config.channels.begin(), config.channels.end(),
                                    [&](const auto& x) { return x.name == c.name; });
        if (s == config.channels.end()) {
            throw error(fmt::format("review: the plan config has no queue '{}' of the plan "
                                    "(pass the config the plan was made with)",
                                    c.name),
                        exit_code::config_error);
        }
        in.queues.push_back({*s, c, std::move(rows->second)});
    }
    return in;
}

// Recurrence across this week and the past reviews: the weeks counted and the suggestions.
void add_recurrence(const review_args& a, report::review_result& review) {
    std::vector<report::review_result> past;
    for (const auto& p : a.past) {
        past.push_back(io::read_past_review(p));
    }
    std::vector<const report::review_result*> weeks{&review};
    std::set<local_date> starts{review.week_start};
    for (const auto& p : past) {
        weeks.push_back(&p);
        starts.insert(p.week_start);
    }
    review.weeks_reviewed = static_cast<int>(starts.size());
    review.suggestions = plan::find_recurrence(weeks);
}

void run(const review_args& a) {
    const auto dir = io::read_plan_dir(a.plan_dir);
    auto review = plan::review_week(review_input_of(a, dir));
    add_recurrence(a, review);
    const std::string lang = a.lang.empty() ? dir.report.lang : a.lang;
    const std::string text = report::render_review_text(review, lang);
    const fs::path out{a.out};
    io::output_files files;
    for (const auto name : io::plan_dir_files) {
        files.add_input(fs::path{a.plan_dir} / name);
    }
    for (const auto& arg : a.actuals) {
        files.add_input(io::parse_actuals_source(arg).path);
    }
    for (const auto& p : a.past) {
        files.add_input(fs::path{p} / "report.json");
    }
    files.add(out / "report.txt", text);
    files.add(out / "report.json", report::review_to_json(review).dump(2) + "\n");
    files.add(out / "report.html", report::render_review_html(review, lang));
    files.commit();
    if (!a.quiet) {
        std::fputs(text.c_str(), stdout);
        std::fputs(fmt::format("\nwrote {}/report.{{txt,json,html}}\n", out.string()).c_str(),
                   stdout);
    }
}

void add_review(CLI::App& app) {
    auto args = std::make_shared<review_args>();
    auto* sub = app.add_subcommand(
        "review", "A published plan against the week's measured KPIs: accuracy, SL miss "
                  "decomposition, anomalies");
    sub->add_option("--plan", args->plan_dir, "A `wfm plan --out` directory")->required();
    sub->add_option("--actuals", args->actuals,
                    "[QUEUE=]FILE: interval KPIs of the week (`wfm kpi --by interval`), repeatable")
        ->required();
    sub->add_option("--past", args->past,
                    "DIR: an earlier week's `wfm review -o` directory, repeatable: effects "
                    "recurring across the weeks (weekday, day of month, slot) get a suggested "
                    "calendar label");
    sub->add_option("--config", args->config,
                    "The plan's JSON config (default: the one named in the plan's report.json)");
    sub->add_option("-o,--out", args->out, "Output directory")->capture_default_str();
    add_choice_flag(sub, "--lang", args->lang, {"en", "zh-CN"},
                    "Report language (default: the plan's)");
    sub->add_flag("-q,--quiet", args->quiet, "Print nothing but errors");
    sub->callback([args] { run(*args); });
}

WFM_REGISTER_COMMAND(60, add_review);

} // namespace wfm::app::review_cmd
