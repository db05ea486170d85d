#pragma once
/// Per-queue staffing settings (a named queue of the voice, text or video channel), their JSON
/// form, opening hours, and one interval's requirement — shared by `wfm staff` and `wfm plan`.
///
/// JSON block of one queue (every key but `name` optional; unknown keys are errors):
/// ```
/// {"name": "cards-text", "channel": "text", "model": "a", "aht_s": 400, "patience_s": 240,
/// "lines": 80,
///  "concurrency": 3, "compose_ratio": 0.75, "shrinkage": 0.3, "self_service_rate": 0.2,
///  "targets": {"service_level": 0.8, "sl_time_s": 20, "sl_definition": "offered",
///              "max_asa_s": 30, "max_abandon": 0.05, "min_answer_rate": 0.95,
///              "max_occupancy": 0.85, "max_blocking": 0.01},
///  "open": {"Mon-Fri": "08:00-20:00", "Sat": "09:00-13:00"}, "min_agents": 2,
///  "history": {"volume": "cards_text_volume", "aht": "cards_text_aht_s"}}
/// ```

#include <wfm/core/time.hpp>
#include <wfm/erlang/types.hpp>

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace wfm::erlang {

/// Queue names: 1 to `max_queue_name` characters from [A-Za-z0-9_.-].
inline constexpr std::size_t max_queue_name = 40;

/// Below this many contacts per hour reaching agents an interval needs no agent (the requirement
/// is `min_agents`): 0.05 contacts in a 15-minute interval (docs/methods.md, "Minimum volume").
inline constexpr double min_contacts_per_hour = 0.2;

/// True when `agent_volume` contacts in `interval` are below min_contacts_per_hour.
[[nodiscard]] bool below_min_volume(double agent_volume, seconds_d interval) noexcept;

/// Weekly opening hours: per weekday (0 = Monday … 6 = Sunday) one span [open, close) in
/// minutes of the day, 0 ≤ open < close ≤ 1440; a day without a span is closed.
struct opening_hours {
    std::array<std::optional<std::pair<int, int>>, 7> days;

    /// True when the queue is open at `minute` (0..1439) of `weekday`.
    [[nodiscard]] bool open_at(int weekday, int minute) const noexcept;
};

/// Where a queue's history is in a history file (`wfm plan`).
struct history_columns {
    std::string volume; ///< default `<name>_volume`
    std::string aht;    ///< default `<name>_aht_s`; absent column = use the queue's aht_s
};

/// How one queue is staffed.
struct channel_settings {
    std::string name = "voice";        ///< the queue's name, e.g. `cards-voice`
    std::string channel = "voice";     ///< voice, text or video (default: the name)
    model kind = model::erlang_c;      ///< JSON default: a when patience_s is given, else c
    std::optional<seconds_d> aht;      ///< default AHT; a forecast row's aht_s overrides it
    std::optional<seconds_d> patience; ///< mean patience (model a)
    std::optional<long> lines;         ///< finite lines K (model a)
    int concurrency = 1;               ///< sessions per agent (text)
    double compose_ratio = 0.0;        ///< r of the concurrency model, required when > 1
    targets goals;                     ///< at least one target
    double shrinkage = 0.0;            ///< [0, 1): scheduled = agents / (1 − shrinkage)
    double self_service_rate = 0.0;    ///< [0, 1): agent volume = volume × (1 − rate)
    int min_agents = 0;                ///< scheduled agents while open, whatever the volume
    std::optional<opening_hours> open; ///< empty = open 24 hours, every day
};

/// Throws wfm::invalid_argument naming the channel, field and value when out of domain.
void validate(const channel_settings& c);

/// True when the queue is open at `t` by its opening hours (always without `open`).
[[nodiscard]] bool is_open(const channel_settings& c, timestamp t) noexcept;

/// Decodes one queue block; every error is a wfm::config_error naming the JSON path (`path` is
/// the block's own pointer, e.g. `/queues/1`) and what was expected. `columns`, when given,
/// receives the block's `history` columns (defaults `<name>_volume`, `<name>_aht_s`).
[[nodiscard]] channel_settings decode_channel(const nlohmann::json& block, const std::string& path,
                                              history_columns* columns = nullptr);

/// Decodes `{"queues": [block, …]}` (or its alias `{"channels": […]}`, not both); names must be
/// unique. `columns`, when given, receives each block's history columns in the same order.
[[nodiscard]] std::vector<channel_settings>
decode_channels(const nlohmann::json& config, std::vector<history_columns>* columns = nullptr);

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

/// staff() on channel_queue(), for an interval inside the opening hours: below the minimum
/// volume (below_min_volume) zero agents are needed; `scheduled_agents` is at least
/// `min_agents`.
[[nodiscard]] requirement staff_interval(const channel_settings& c, double volume,
                                         seconds_d interval, std::optional<seconds_d> aht = {});

} // namespace wfm::erlang
