// `wfm sample`: writes the seeded synthetic history (voice, text, video) and its special days.
#include "commands.hpp"

#include <wfm/core/error.hpp>
#include <wfm/io/csv.hpp>
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

/// One wide row per interval in which any channel is open: volume (0 when that channel is
/// closed) and AHT (empty when the interval had no contacts).
std::string history_csv(const sim::synthetic_history& h) {
    std::string out = "interval_start";
    for (const auto& c : h.channels) {
        out += fmt::format(",{0}_volume,{0}_aht_s", c.name);
    }
    out += '\n';
    const std::size_t size = h.channels.front().volume.size();
    for (std::size_t i = 0; i < size; ++i) {
        const bool open = std::any_of(h.channels.begin(), h.channels.end(), [&](const auto& c) {
            return c.volume.state(i) != slot_state::closed;
        });
        if (!open) {
            continue;
        }
        out += format_timestamp(h.channels.front().volume.time_at(i));
        for (const auto& c : h.channels) {
            const double volume = c.volume.observed(i) ? c.volume.value(i) : 0.0;
            out += fmt::format(",{:.0f},", volume);
            if (c.aht_s.observed(i)) {
                out += fmt::format("{:.1f}", c.aht_s.value(i));
            }
        }
        out += '\n';
    }
    return out;
}

std::string special_days_csv(const sim::synthetic_history& h) {
    std::string out = "date,label,closed\n";
    for (const auto& s : h.special_days) {
        out += io::csv_line({format_date(s.date), s.label, s.closed ? "true" : "false"});
    }
    return out;
}

void run_sample(const sample_args& a) {
    const auto start = try_parse_date(a.start);
    if (!start) {
        throw invalid_argument(
            fmt::format("sample: --start must be a date YYYY-MM-DD, got '{}'", a.start));
    }
    const auto history = sim::generate_history(sim::sample_options(a.weeks, a.seed, *start));
    const std::filesystem::path dir{a.out};
    io::output_files out;
    out.add(dir / "sample_history.csv", history_csv(history));
    out.add(dir / "sample_special_days.csv", special_days_csv(history));
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
