#include <wfm/io/csv.hpp>
#include <wfm/io/history_csv.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace wfm::io {

std::string format_history_csv(const sim::synthetic_history& h) {
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

} // namespace wfm::io
