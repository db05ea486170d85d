#pragma once
/// The files `wfm sample` writes: the wide interval history (read back with io::read_series_csv)
/// and the special-days CSV (read back with forecast::parse_special_days_csv).

#include <wfm/sim/synthetic.hpp>

#include <string>
#include <vector>

namespace wfm::io {

/// `interval_start,<channel>_volume,<channel>_aht_s,…`: one row per interval in which any
/// channel is open; volume 0 where that channel is closed, AHT empty where it had no contacts.
[[nodiscard]] std::string format_history_csv(const sim::synthetic_history& history);

/// `date,label,closed` with `closed` as `true` or `false`.
[[nodiscard]] std::string format_special_days_csv(const std::vector<sim::special_day>& days);

} // namespace wfm::io
