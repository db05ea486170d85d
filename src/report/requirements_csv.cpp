#include <wfm/report/requirements_csv.hpp>

#include <fmt/format.h>

#include <cmath>

namespace wfm::report {
namespace {

std::string fixed(double v, int digits) {
    return std::isfinite(v) ? fmt::format("{:.{}f}", v, digits) : std::string{};
}

} // namespace

std::string_view requirements_csv_header() noexcept {
    return "interval_start,channel,volume,aht_s,agents,agents_fractional,scheduled_agents,sl,"
           "asa_s,p_abandon,occupancy\n";
}

std::string requirements_csv_row(timestamp start, const erlang::channel_settings& channel,
                                 const erlang::requirement& r) {
    const auto& s = r.staffed;
    const bool idle = s.agents == 0;
    return fmt::format("{},{},{:.6g},{:.6g},{},{},{},{},{},{},{}\n", format_timestamp(start),
                       channel.name, r.agent_volume, r.aht_s, s.agents,
                       fixed(s.agents_fractional, 4), fixed(r.scheduled_agents, 4),
                       idle ? std::string{} : fixed(s.at.service_level(channel.goals.sl_kind), 6),
                       idle ? std::string{} : fixed(s.at.asa_served_s, 3),
                       idle ? std::string{} : fixed(s.at.p_abandon, 6),
                       idle ? std::string{} : fixed(s.at.occupancy, 6));
}

} // namespace wfm::report
