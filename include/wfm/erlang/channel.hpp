#pragma once
/// Per-channel staffing settings (voice, text, video), their JSON form, and one interval's
/// requirement — shared by `wfm staff` and `wfm plan`.
///
/// JSON block of one channel (every key but `name` optional; unknown keys are errors):
/// ```
/// {"name": "text", "model": "a", "aht_s": 400, "patience_s": 240, "lines": 80,
///  "concurrency": 3, "compose_ratio": 0.75, "shrinkage": 0.3, "self_service_rate": 0.2,
///  "targets": {"service_level": 0.8, "sl_time_s": 20, "sl_definition": "offered",
///              "max_asa_s": 30, "max_abandon": 0.05, "min_answer_rate": 0.95,
///              "max_occupancy": 0.85, "max_blocking": 0.01}}
/// ```

#include <wfm/erlang/types.hpp>

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <vector>

namespace wfm::erlang {

/// How one channel is staffed.
struct channel_settings {
    std::string name = "voice";        ///< voice, text or video
    model kind = model::erlang_c;      ///< JSON default: a when patience_s is given, else c
    std::optional<seconds_d> aht;      ///< default AHT; a forecast row's aht_s overrides it
    std::optional<seconds_d> patience; ///< mean patience (model a)
    std::optional<long> lines;         ///< finite lines K (model a)
    int concurrency = 1;               ///< sessions per agent (text)
    double compose_ratio = 0.0;        ///< r of the concurrency model, required when > 1
    targets goals;                     ///< at least one target
    double shrinkage = 0.0;            ///< [0, 1): scheduled = agents / (1 − shrinkage)
    double self_service_rate = 0.0;    ///< [0, 1): agent volume = volume × (1 − rate)
};

/// Throws wfm::invalid_argument naming the channel, field and value when out of domain.
void validate(const channel_settings& c);

/// Decodes one channel block; every error is a wfm::config_error naming the JSON path
/// (`path` is the block's own pointer, e.g. `/channels/1`) and what was expected.
[[nodiscard]] channel_settings decode_channel(const nlohmann::json& block, const std::string& path);

/// Decodes `{"channels": [block, …]}`; names must be voice, text or video and unique.
[[nodiscard]] std::vector<channel_settings> decode_channels(const nlohmann::json& config);

/// The queue of a channel in one interval: λ = volume × (1 − self_service_rate) / interval,
/// AHT = `aht` if given, else the channel's. Throws wfm::invalid_argument when neither is set.
[[nodiscard]] queue channel_queue(const channel_settings& c, double volume, seconds_d interval,
                                  std::optional<seconds_d> aht = {});

/// Requirement of one channel in one interval.
struct requirement {
    double agent_volume = 0.0;     ///< contacts reaching agents (after self-service)
    double aht_s = 0.0;            ///< handle time used
    staffing staffed;              ///< agents, real-valued agents, metrics at agents
    double scheduled_agents = 0.0; ///< staffed.agents / (1 − shrinkage)
};

/// staff() on channel_queue(); zero volume → zero agents.
[[nodiscard]] requirement staff_interval(const channel_settings& c, double volume,
                                         seconds_d interval, std::optional<seconds_d> aht = {});

} // namespace wfm::erlang
