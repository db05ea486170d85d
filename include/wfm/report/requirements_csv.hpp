#pragma once
/// CSV text of staffing requirements, shared by `wfm staff` and `wfm plan`.

#include <wfm/core/time.hpp>
#include <wfm/erlang/channel.hpp>

#include <string>
#include <string_view>

namespace wfm::report {

/// `interval_start,channel,volume,aht_s,agents,agents_fractional,scheduled_agents,sl,asa_s,`
/// `p_abandon,occupancy` and a newline.
[[nodiscard]] std::string_view requirements_csv_header() noexcept;

/// One row of the requirements CSV for `channel` at `start`, newline included. The metric
/// columns (sl, asa_s, p_abandon, occupancy) are empty when no agent is needed, and any
/// non-finite metric is written as an empty field; sl follows the channel's SL definition.
[[nodiscard]] std::string requirements_csv_row(timestamp start,
                                               const erlang::channel_settings& channel,
                                               const erlang::requirement& r);

} // namespace wfm::report
