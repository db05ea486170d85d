#pragma once
/// The roster's files: agents.csv and leave.csv (readers), the multi-week requirements reader,
/// and the outputs of `wfm roster` (roster.csv, agents_summary.csv, coverage.csv, shortfall.csv,
/// the fit report and one RFC 5545 calendar per agent).

#include <wfm/core/time.hpp>
#include <wfm/roster/agents.hpp>
#include <wfm/roster/roster.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wfm::io {

/// Reads agents.csv (docs/formats.md "Roster agents CSV"): `agent` and `skills` required, every
/// other column optional with its default. Every error is a parse_error with file:line:column:
/// a missing or duplicate id, an id that is not a file name (`[A-Za-z0-9_.-]`, not starting with
/// `.`), no skill, a bad number, hours or days out of range, bad availability or days.
[[nodiscard]] std::vector<roster::agent> read_agents_csv(const std::filesystem::path& path);
[[nodiscard]] std::vector<roster::agent> parse_agents_csv(std::string_view text,
                                                          const std::string& path);

/// Reads leave.csv: `agent,date[,from,to]`; an agent not in `agents`, a bad date or time, or
/// from ≥ to is a parse_error with file:line:column.
[[nodiscard]] std::vector<roster::leave> read_leave_csv(const std::filesystem::path& path,
                                                        const std::vector<roster::agent>& agents);
[[nodiscard]] std::vector<roster::leave> parse_leave_csv(std::string_view text,
                                                         const std::string& path,
                                                         const std::vector<roster::agent>& agents);

/// What to read from a requirements CSV for a roster.
struct horizon_read_options {
    std::string column;                  ///< default `scheduled_agents`, else `required`
    std::optional<int> interval_minutes; ///< the config's grid; inferred when empty
    int week_start = 0;                  ///< weekday of each roster week's first day
    std::optional<local_date> start;     ///< first day; default: the first row's week
    std::optional<int> weeks;            ///< default: the weeks the rows span (at most 6)
};

/// Requirements of every channel (one queue each) over the horizon.
struct horizon_requirements {
    local_date first_day{};
    int interval_minutes = 0;
    int weeks = 0;
    std::vector<roster::queue_requirement> queues; ///< in order of first appearance
};

/// Reads a requirements CSV (`interval_start[,channel],<column>`) over 1–6 weeks. Rows outside
/// the horizon are left out when `start` or `weeks` is given and are an error otherwise. Every
/// error is a parse_error with file:line:column: a bad, duplicate or off-grid timestamp, a
/// negative or non-numeric requirement, a span of more than 6 weeks, no rows.
[[nodiscard]] horizon_requirements read_horizon_requirements(const std::filesystem::path& path,
                                                             const horizon_read_options& o);
[[nodiscard]] horizon_requirements parse_horizon_requirements(std::string_view text,
                                                              const std::string& path,
                                                              const horizon_read_options& o);

/// `agent,date,start,end,template,pool,breaks,name`: one row per worked shift, by agent then
/// time; `end` ≤ `start` means the next day; breaks as `name HH:MM-HH:MM` joined by `;`.
[[nodiscard]] std::string format_roster_csv(const roster::roster_input& in,
                                            const roster::roster_result& r);
/// Per agent: hours per week, days, weekends, evenings and late shifts worked, preferences met
/// and the rule checks of the validator.
[[nodiscard]] std::string format_agents_summary_csv(const roster::roster_input& in,
                                                    const roster::roster_result& r);
/// `interval_start,pool,required,scheduled,anonymous,diff` per queue and interval.
[[nodiscard]] std::string format_roster_coverage_csv(const roster::roster_input& in,
                                                     const roster::roster_result& r);
/// `pool,date,start,end,hours`: the anonymous shifts no agent could take.
[[nodiscard]] std::string format_shortfall_csv(const roster::roster_input& in,
                                               const roster::roster_result& r);
/// The fit report: fit of the roster and of the anonymous lines, bound, shortfall, soft terms,
/// rule checks (no agent names).
[[nodiscard]] std::string format_roster_report(const roster::roster_input& in,
                                               const roster::roster_result& r, std::uint64_t seed);
/// One agent's shifts as an RFC 5545 calendar: CRLF lines folded at 75 octets, one VEVENT per
/// shift (UID, DTSTAMP = the horizon's first day 00:00 UTC so outputs are reproducible, floating
/// local DTSTART/DTEND, breaks in DESCRIPTION).
[[nodiscard]] std::string format_agent_ics(const roster::roster_input& in,
                                           const roster::roster_result& r, int agent);

} // namespace wfm::io
