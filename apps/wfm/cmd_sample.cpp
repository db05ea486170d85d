// `wfm sample`: writes the seeded synthetic history (voice, text, video) and its special days.
#include "commands.hpp"

#include <wfm/core/error.hpp>
#include <wfm/io/csv.hpp>
#include <wfm/io/history_csv.hpp>
#include <wfm/sim/synthetic.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <memory>

namespace wfm::app {
namespace {

struct sample_args {
    std::string out = ".";
    int weeks = 8;
    std::uint64_t seed = 20260907;
    std::string start = format_date(sim::sample_start);
};

void run_sample(const sample_args& a) {
    const auto start = try_parse_date(a.start);
    if (!start) {
        throw invalid_argument(
            fmt::format("sample: --start must be a date YYYY-MM-DD, got '{}'", a.start));
    }
    const auto history = sim::generate_history(sim::sample_options(a.weeks, a.seed, *start));
    const std::filesystem::path dir{a.out};
    io::output_files out;
    out.add(dir / "sample_history.csv", io::format_history_csv(history));
    out.add(dir / "sample_special_days.csv", io::format_special_days_csv(history.special_days));
    out.commit();
}

void add_sample(CLI::App& app) {
    auto args = std::make_shared<sample_args>();
    auto* sub = app.add_subcommand(
        "sample", "Write the seeded synthetic history (voice, text, video) and its special days");
    sub->add_option("--out", args->out,
                    "Directory for sample_history.csv and sample_special_days.csv")
        ->capture_default_str();
    sub->add_option("--weeks", args->weeks, "Length of the history in weeks")
        ->capture_default_str()
        ->check(CLI::Range(1, 520));
    sub->add_option("--seed", args->seed, "Random seed; the same seed gives the same files")
        ->capture_default_str();
    sub->add_option("--start", args->start, "First day of the history (YYYY-MM-DD)")
        ->capture_default_str();
    sub->callback([args] { run_sample(*args); });
}

} // namespace

WFM_REGISTER_COMMAND(90, add_sample);

} // namespace wfm::app
