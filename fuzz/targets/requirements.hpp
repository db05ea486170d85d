#pragma once
// Fuzz target `requirements`: the staffing-requirements CSV reader of `wfm schedule`. The first
// byte picks the options (bit 0: the `required` column instead of `scheduled_agents`; bit 1:
// the `voice` channel only; bit 2: a fixed 30-minute grid); the rest is the file.

#include <wfm/io/requirements_csv.hpp>

#include <string_view>

namespace wfm::fuzz {

inline void requirements(std::string_view data) {
    if (data.empty()) {
        return;
    }
    const auto bits = static_cast<unsigned char>(data.front());
    data.remove_prefix(1);
    io::requirements_read_options o;
    if ((bits & 1U) != 0) {
        o.column = "required";
    }
    if ((bits & 2U) != 0) {
        o.channel = "voice";
    }
    if ((bits & 4U) != 0) {
        o.interval_minutes = 30;
    }
    try {
        (void)io::parse_requirements_csv(data, "fuzz.csv", o);
    } catch (const wfm::error&) {
    }
}

} // namespace wfm::fuzz
