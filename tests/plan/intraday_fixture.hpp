#pragma once
// Shared by the intraday re-plan tests: a queue's requirement per interval of a day.

#include <wfm/erlang/channel.hpp>

#include <cstddef>
#include <vector>

namespace wfm::test {

/// Scheduled agents per interval of `volume` (one day), open in [from, to), 0 elsewhere.
inline std::vector<double> open_requirement(const erlang::channel_settings& c,
                                            const std::vector<double>& volume, int from, int to,
                                            erlang::seconds_d interval) {
    std::vector<double> r(volume.size(), 0.0);
    for (int t = from; t < to; ++t) {
        const auto i = static_cast<std::size_t>(t);
        r[i] = erlang::staff_interval(c, volume[i], interval).scheduled_agents;
    }
    return r;
}

} // namespace wfm::test
