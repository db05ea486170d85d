#pragma once
// Fuzz target `call_log`: the per-call log reader. The first byte picks the format (generic or
// Anonymous Bank); the rest is the file.

#include <wfm/io/call_log.hpp>

#include <string_view>

namespace wfm::fuzz {

inline void call_log(std::string_view data) {
    if (data.empty()) {
        return;
    }
    const auto format = (static_cast<unsigned char>(data.front()) & 1U) != 0
                            ? io::call_log_format::anonymous_bank
                            : io::call_log_format::generic;
    data.remove_prefix(1);
    try {
        (void)io::parse_call_log(data, "fuzz.log", format);
    } catch (const wfm::error&) {
    }
}

} // namespace wfm::fuzz
