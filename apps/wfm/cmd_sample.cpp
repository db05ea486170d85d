// `wfm sample`: writes the seeded synthetic history (voice, text, video) and its special days.
#include "commands.hpp"
#include "number_flags.hpp"

#include <wfm/core/error.hpp>
#include <wfm/io/csv.hpp>
#include <wfm/io/history_csv.hpp>
#include <wfm/sim/synthetic.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <limits>
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
    // Every date written (the history and its special days, up to a week beyond) must be a
    // year the readers accept, so `wfm forecast` reads back what `wfm sample` writes.
    const auto first = std::chrono::year_month_day{*start}.year();
    const auto last =
        std::chrono::year_month_day{*start + std::chrono::days{7 * (a.weeks + 1) - 1}}.year();
    if (first < std::chrono::year{io::first_year} || last > std::chrono::year{io::last_year}) {
        throw invalid_argument(fmt::format(
            "sample: --start: the history from {} over {} weeks (and its special days a week "
            "beyond) must stay within the years {}..{}",
            a.start, a.weeks, io::first_year, io::last_year));
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
    add_whole_flag(sub, "--weeks", args->weeks, 1, 520, "Length of the history in weeks, 1..520")
        ->capture_default_str();
    add_whole_flag(sub, "--seed", args->seed, std::uint64_t{0},
                   std::numeric_limits<std::uint64_t>::max(),
                   "Random seed; the same seed gives the same files")
        ->capture_default_str();
    sub->add_option("--start", args->start, "First day of the history (YYYY-MM-DD)")
        ->capture_default_str();
    sub->callback([args] { run_sample(*args); });
}

} // namespace

WFM_REGISTER_COMMAND(90, add_sample);

} // namespace wfm::app
