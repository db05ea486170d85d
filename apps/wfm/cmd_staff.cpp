// `wfm staff`: forecast CSV(s) + channel settings → requirements CSV per interval and channel.
#include "commands.hpp"
#include "erlang_flags.hpp"

#include <wfm/core/error.hpp>
#include <wfm/erlang/channel.hpp>
#include <wfm/erlang/queue.hpp>
#include <wfm/io/csv.hpp>
#include <wfm/io/forecast_csv.hpp>
#include <wfm/io/json.hpp>
#include <wfm/io/requirements_csv.hpp>
#include <wfm/io/series_csv.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace wfm::app {
namespace {

struct staff_args {
    erlang_flags flags;
    std::vector<std::string> forecasts;
    std::string config;
    std::string output;
};

struct forecast_file {
    std::string channel; // empty: the only channel
    std::string path;
};

// `QUEUE=PATH` when QUEUE is a queue of the settings (or voice, text, video), else a path.
forecast_file split_forecast(const std::string& spec,
                             const std::vector<erlang::channel_settings>& queues) {
    const auto eq = spec.find('=');
    if (eq != std::string::npos) {
        const std::string name = spec.substr(0, eq);
        const bool known = std::any_of(queues.begin(), queues.end(),
                                       [&](const auto& q) { return q.name == name; });
        if (known || name == "voice" || name == "text" || name == "video") {
            return {name, spec.substr(eq + 1)};
        }
    }
    return {"", spec};
}

std::vector<erlang::channel_settings> channels_of(const staff_args& a) {
    if (a.config.empty()) {
        if (!a.flags.any_target()) {
            throw wfm::invalid_argument(
                "staff: give --config or at least one target flag (--target-sl, --max-asa-s, "
                "--max-abandon, --min-answer-rate, --max-occupancy, --max-blocking)");
        }
        return {channel_of(a.flags, true)};
    }
    const nlohmann::json config = io::read_json_file(a.config);
    try {
        return erlang::decode_channels(config);
    } catch (const wfm::config_error& e) { // "<file>: <json path>: <what>", as wfm schedule/plan
        throw wfm::error(fmt::format("{}: {}", a.config, e.what()), wfm::exit_code::config_error);
    }
}

const erlang::channel_settings& find_channel(const std::vector<erlang::channel_settings>& all,
                                             const forecast_file& file) {
    if (file.channel.empty()) {
        if (all.size() != 1) {
            throw wfm::invalid_argument(fmt::format(
                "staff: --forecast '{}' names no queue; write QUEUE=PATH when the config has "
                "several queues",
                file.path));
        }
        return all.front();
    }
    for (const auto& c : all) {
        if (c.name == file.channel) {
            return c;
        }
    }
    throw wfm::invalid_argument(
        fmt::format("staff: --forecast '{}={}': no queue '{}' in the settings", file.channel,
                    file.path, file.channel));
}

void run_staff(const staff_args& a) {
    const auto channels = channels_of(a);
    // Rows keyed by (interval start, channel order) so channels interleave per interval.
    std::map<std::pair<timestamp, std::size_t>, std::string> rows;
    for (const std::string& spec : a.forecasts) {
        const forecast_file file = split_forecast(spec, channels);
        const auto& channel = find_channel(channels, file);
        const auto order = static_cast<std::size_t>(&channel - channels.data());
        const io::forecast_table table = io::read_forecast_csv(file.path);
        for (const auto& w : table.warnings) {
            std::fputs(fmt::format("wfm: warning: {}\n", w).c_str(), stderr);
        }
        const time_series& volume = table.volume;
        const time_series* aht = table.aht_s ? &*table.aht_s : nullptr;
        const erlang::seconds_d interval{static_cast<double>(table.grid.minutes()) * 60.0};
        for (std::size_t i = 0; i < volume.size(); ++i) {
            const auto when = volume.time_at(i);
            if (volume.state(i) == slot_state::closed) {
                continue;
            }
            if (volume.state(i) == slot_state::missing) {
                std::fputs(fmt::format("wfm: warning: {}: {}: volume missing; interval skipped\n",
                                       file.path, format_timestamp(when))
                               .c_str(),
                           stderr);
                continue;
            }
            std::optional<erlang::seconds_d> row_aht;
            if (aht != nullptr && aht->observed(i)) {
                row_aht = erlang::seconds_d{aht->value(i)};
            }
            erlang::requirement r;
            if (!erlang::is_open(channel, when)) { // outside the opening hours: nothing needed
                r.aht_s = row_aht.value_or(channel.aht.value_or(erlang::seconds_d{0.0})).count();
                rows[{when, order}] = io::requirements_csv_row(when, channel, r);
                continue;
            }
            try {
                r = erlang::staff_interval(channel, volume.value(i), interval, row_aht);
            } catch (const wfm::invalid_argument& e) {
                throw wfm::invalid_argument(
                    fmt::format("{}: {}: {}", file.path, format_timestamp(when), e.what()));
            }
            const auto& s = r.staffed;
            if (s.status == erlang::staffing_status::infeasible) {
                std::fputs(fmt::format("wfm: warning: {}: {}: channel {}: targets cannot be met; "
                                       "agents shown are the most that help\n",
                                       file.path, format_timestamp(when), channel.name)
                               .c_str(),
                           stderr);
            }
            rows[{when, order}] = io::requirements_csv_row(when, channel, r);
        }
    }
    std::string csv{io::requirements_csv_header()};
    for (const auto& [key, line] : rows) {
        csv += line;
    }
    if (!a.output.empty() && a.output != "-") {
        std::vector<std::filesystem::path> inputs{a.config};
        for (const std::string& spec : a.forecasts) {
            inputs.emplace_back(split_forecast(spec, channels).path);
        }
        io::write_file_atomic(a.output, csv, inputs);
    } else {
        std::fputs(csv.c_str(), stdout);
    }
}

void add_staff(CLI::App& app) {
    auto args = std::make_shared<staff_args>();
    auto* sub = app.add_subcommand(
        "staff", "Staffing requirement per interval and channel from a volume forecast");
    sub->add_option("--forecast", args->forecasts,
                    "[QUEUE=]CSV with interval_start,volume[,aht_s]; repeat per queue")
        ->required();
    sub->add_option("--config", args->config,
                    "JSON queue settings {\"queues\": [...]} (instead of the flags below)");
    sub->add_option("--channel", args->flags.channel, "Channel of the flags: voice|text|video")
        ->capture_default_str();
    add_erlang_flags(sub, args->flags);
    sub->add_option("-o,--output", args->output, "Output CSV (default: standard output)");
    sub->callback([args] { run_staff(*args); });
}

} // namespace

WFM_REGISTER_COMMAND(21, add_staff);

} // namespace wfm::app
