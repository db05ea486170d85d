#pragma once
// Fuzz target `json_schedule`: the strict JSON reader and the scheduler's decoders. The first
// byte picks the decoder: even, a `wfm schedule` configuration (config_from_json, then
// make_problem on a week of one agent per interval, as `wfm schedule` does); odd, a reference
// instance (problem_from_instance). The rest is the file.

#include <wfm/io/json.hpp>
#include <wfm/schedule/config.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string_view>
#include <vector>

namespace wfm::fuzz {

inline void json_schedule(std::string_view data) {
    if (data.empty()) {
        return;
    }
    const bool instance = (static_cast<unsigned char>(data.front()) & 1U) != 0;
    data.remove_prefix(1);
    try {
        const nlohmann::json doc = io::parse_json(data, "fuzz.json");
        if (instance) {
            (void)schedule::problem_from_instance(doc);
            return;
        }
        const auto config = schedule::config_from_json(doc);
        const int grid = config.interval_minutes.value_or(15);
        const auto week = static_cast<std::size_t>(7 * 1440 / grid);
        (void)schedule::make_problem(config, grid, std::vector<double>(week, 1.0));
    } catch (const wfm::error&) {
    }
}

} // namespace wfm::fuzz
