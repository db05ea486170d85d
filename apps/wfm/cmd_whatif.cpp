// `wfm whatif`: emergency scenarios on a published plan, with the emergency staffing plan that
// brings each back to its level (docs/cli.md, "wfm whatif").
#include "commands.hpp"
#include "number_flags.hpp"
#include "plan_sim_input.hpp"

#include <wfm/core/error.hpp>
#include <wfm/io/json.hpp>
#include <wfm/io/output_files.hpp>
#include <wfm/io/whatif.hpp>
#include <wfm/plan/whatif.hpp>
#include <wfm/report/whatif.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <memory>
#include <string>

namespace wfm::app {
namespace {

struct whatif_args {
    std::string plan;
    std::string scenario;
    std::string config;
    std::string only;
    int replications = 200;
    std::uint64_t seed = 1;
    std::string out;
    std::string lang;
};

namespace fs = std::filesystem;

void run_whatif(const whatif_args& a) {
    const auto input = load_plan_sim_input(a.plan, a.config);
    const auto doc = io::read_json_file(a.scenario);
    plan::scenario_file file;
    try {
        file = plan::decode_scenarios(doc, input.model, input.lines);
    } catch (const config_error& e) {
        throw error(fmt::format("{}: {}", a.scenario, e.what()), exit_code::config_error);
    }
    const plan::whatif_plan wp{&input.dir.report, &input.config.channels, &input.config.shifts,
                               &input.lines, &input.model};
    const sim::sim_options options{.replications = a.replications, .seed = a.seed};
    const auto baseline = plan::simulate_plan(input.dir.report, input.model, options);
    std::vector<plan::scenario_outcome> outcomes;
    for (const auto& s : file.scenarios) {
        if (!a.only.empty() && s.name != a.only) {
            continue;
        }
        outcomes.push_back(plan::run_scenario(wp, s, file.emergency, options, &baseline));
    }
    if (outcomes.empty()) {
        throw invalid_argument(
            fmt::format("whatif: --only: {} holds no scenario named '{}'", a.scenario, a.only));
    }
    const std::string lang = a.lang.empty() ? input.dir.report.lang : a.lang;
    const std::string text = io::render_whatif_text(outcomes, input.model, lang);
    if (!a.out.empty()) {
        const fs::path out{a.out};
        io::output_files files;
        files.add_input(fs::path{a.plan} / "report.json");
        files.add_input(a.scenario);
        files.add(out / "whatif.csv", io::format_whatif_csv(outcomes, input.model));
        files.add(out / "report.json", io::whatif_json(outcomes, input.model).dump(2) + "\n");
        files.add(out / "report.txt", text);
        files.add(out / "report.html", report::render_whatif_html(
                                           io::whatif_page_of(outcomes, input.model, lang), lang));
        files.commit();
    }
    std::fputs(text.c_str(), stdout);
    std::string unrescued;
    for (const auto& o : outcomes) {
        if (!o.emergency.rescued) {
            unrescued += (unrescued.empty() ? "" : ", ") + o.name;
        }
    }
    if (!unrescued.empty()) {
        throw error(fmt::format("whatif: no staffing within the limits (at most {} extra agents "
                                "per interval) brings scenario {} back to its level; see the "
                                "report's short intervals",
                                outcomes.front().emergency.max_extra, unrescued),
                    exit_code::infeasible);
    }
}

void add_whatif(CLI::App& app) {
    auto args = std::make_shared<whatif_args>();
    auto* sub = app.add_subcommand(
        "whatif", "Emergency scenarios on a plan: surges, outages, AHT, absence, key days, and "
                  "the extra staffing that brings each back to its level");
    sub->add_option("--plan", args->plan, "A `wfm plan --out` directory")->required();
    sub->add_option("--scenario", args->scenario, "Scenario file (JSON; docs/formats.md)")
        ->required();
    sub->add_option("--config", args->config,
                    "The plan's config (default: the one report.json "
                    "names)");
    sub->add_option("--only", args->only, "Run only the scenario of this name");
    add_whole_flag(sub, "--replications", args->replications, 2, 100000,
                   "Replications of the final simulations, 2..100000")
        ->capture_default_str();
    add_whole_flag(sub, "--seed", args->seed, std::uint64_t{0},
                   std::numeric_limits<std::uint64_t>::max(),
                   "Random seed; the same seed gives the same files")
        ->capture_default_str();
    add_choice_flag(sub, "--lang", args->lang, {"en", "zh-CN"},
                    "Report language (default: the plan's)");
    sub->add_option("-o,--output", args->out,
                    "Output directory (report.txt, report.json, report.html, whatif.csv)");
    sub->callback([args] { run_whatif(*args); });
}

} // namespace

WFM_REGISTER_COMMAND(77, add_whatif);

} // namespace wfm::app
