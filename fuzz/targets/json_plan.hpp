#pragma once
// Fuzz target `json_plan`: the strict JSON reader and the `wfm plan` configuration decoder
// (channels, pools, shifts, solver, forecast method and the rest of plan.json).

#include <wfm/io/json.hpp>
#include <wfm/plan/config.hpp>

#include <nlohmann/json.hpp>

#include <string_view>

namespace wfm::fuzz {

inline void json_plan(std::string_view text) {
    try {
        (void)plan::decode_plan_config(io::parse_json(text, "fuzz.json"));
    } catch (const wfm::error&) {
    }
}

} // namespace wfm::fuzz
