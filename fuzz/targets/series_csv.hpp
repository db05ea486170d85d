#pragma once
// Fuzz target `series_csv`: the interval history reader. The first byte picks the options
// (lenient, DST merge, a fixed 15-minute grid); the rest is the file.

#include <wfm/io/series_csv.hpp>

#include <string_view>

namespace wfm::fuzz {

inline void series_csv(std::string_view data) {
    if (data.empty()) {
        return;
    }
    const auto bits = static_cast<unsigned char>(data.front());
    data.remove_prefix(1);
    io::series_read_options o;
    o.optional_columns = {"calls", "aht_s", "answered"};
    o.lenient = (bits & 1U) != 0;
    o.merge_dst_repeat = (bits & 2U) != 0;
    o.weighted_columns = {{"aht_s", "answered"}};
    if ((bits & 4U) != 0) {
        o.grid = interval_grid{std::chrono::minutes{15}};
    }
    try {
        const auto table = io::parse_series_csv(data, "fuzz.csv", o);
        for (const auto& [name, series] : table.columns) {
            (void)series.observed_sum();
        }
    } catch (const wfm::error&) {
    }
}

} // namespace wfm::fuzz
