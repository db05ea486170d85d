#pragma once
// Fuzz target `json_channels`: the strict JSON reader and the channel decoder of `wfm staff`
// (`{"channels": [...]}`), then each decoded channel's queue for 100 contacts in 15 minutes.

#include <wfm/erlang/channel.hpp>
#include <wfm/io/json.hpp>

#include <nlohmann/json.hpp>

#include <string_view>

namespace wfm::fuzz {

inline void json_channels(std::string_view text) {
    try {
        const nlohmann::json doc = io::parse_json(text, "fuzz.json");
        for (const auto& c : erlang::decode_channels(doc)) {
            if (c.aht) {
                (void)erlang::channel_queue(c, 100.0, erlang::seconds_d{900.0});
            }
        }
    } catch (const wfm::error&) {
    }
}

} // namespace wfm::fuzz
