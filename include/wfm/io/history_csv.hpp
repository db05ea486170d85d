#pragma once
/// The wide interval history `wfm sample` writes (read back with io::read_series_csv); its
/// special-days CSV is in io/special_days_csv.hpp.

#include <wfm/io/special_days_csv.hpp>
#include <wfm/sim/synthetic.hpp>

#include <string>
#include <vector>

namespace wfm::io {

/// `interval_start,<channel>_volume,<channel>_aht_s,…`: one row per interval in which any
/// channel is open; volume 0 where that channel is closed, AHT empty where it had no contacts.
[[nodiscard]] std::string format_history_csv(const sim::synthetic_history& history);

} // namespace wfm::io
