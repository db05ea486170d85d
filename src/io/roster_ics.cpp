// One agent's roster as an RFC 5545 iCalendar file.
#include <wfm/io/roster_csv.hpp>

#include <wfm/core/detail/index.hpp>

#include <fmt/format.h>

namespace wfm::io {
namespace {

using wfm::detail::to_index;

/// RFC 5545 §3.3.11 TEXT: backslash, `;`, `,` and newlines escaped.
std::string ics_text(std::string_view s) {
    std::string out;
    for (const char c : s) {
        if (c == '\\' || c == ';' || c == ',') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c != '\r') {
            out += c;
        }
    }
    return out;
}

/// A content line folded at 75 octets (RFC 5545 §3.1), never inside a UTF-8 sequence, CRLF.
std::string folded(std::string_view line) {
    std::string out;
    std::size_t limit = 75; // the first line; continuation lines carry a leading space
    while (line.size() > limit) {
        std::size_t cut = limit;
        while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) {
            --cut;
        }
        out += line.substr(0, cut);
        out += "\r\n ";
        line.remove_prefix(cut);
        limit = 74;
    }
    out += line;
    out += "\r\n";
    return out;
}

/// `YYYYMMDDTHHMMSS` of a minute from the horizon's first day.
std::string ics_time(const roster::roster_input& in, int minute) {
    const local_date d = in.first_day + std::chrono::days{minute / 1440};
    const std::string ymd = format_date(d); // YYYY-MM-DD
    const int m = minute % 1440;
    return fmt::format("{}{}{}T{:02}{:02}00", ymd.substr(0, 4), ymd.substr(5, 2), ymd.substr(8, 2),
                       m / 60, m % 60);
}

std::string hhmm(int minute) {
    const int m = minute % 1440;
    return fmt::format("{:02}:{:02}", m / 60, m % 60);
}

} // namespace

std::string format_agent_ics(const roster::roster_input& in, const roster::roster_result& r,
                             int agent) {
    const auto& a = in.agents[to_index(agent)];
    std::string out;
    for (const char* l : {"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//wfm//wfm roster//EN",
                          "CALSCALE:GREGORIAN", "METHOD:PUBLISH"}) {
        out += folded(l);
    }
    out += folded("X-WR-CALNAME:" + ics_text("Roster " + (a.name.empty() ? a.id : a.name)));
    const std::string stamp = ics_time(in, 0).substr(0, 8) + "T000000Z";
    for (std::size_t s = 0; s < r.shifts.size(); ++s) {
        if (r.agent_of[s] != agent) {
            continue;
        }
        const auto& x = r.shifts[s];
        const auto& tmpl = in.config.templates[to_index(x.template_index)];
        const std::string queue = in.queues[to_index(x.queue)].name;
        std::string description = "Breaks: ";
        for (std::size_t b = 0; b < x.breaks.size(); ++b) {
            description +=
                fmt::format("{}{} {}-{}", b == 0 ? "" : ", ", tmpl.breaks[b].name,
                            hhmm(x.breaks[b]), hhmm(x.breaks[b] + tmpl.breaks[b].length_minutes));
        }
        description += x.breaks.empty() ? "none" : "";
        out += folded("BEGIN:VEVENT");
        out += folded(fmt::format("UID:{}-{}@wfm-roster", a.id, ics_time(in, x.start)));
        out += folded("DTSTAMP:" + stamp);
        out += folded("DTSTART:" + ics_time(in, x.start));
        out += folded("DTEND:" + ics_time(in, x.end));
        out += folded("SUMMARY:" + ics_text(fmt::format("{} shift{}", tmpl.name,
                                                        queue.empty() ? "" : " (" + queue + ")")));
        out += folded("DESCRIPTION:" + ics_text(description));
        out += folded("END:VEVENT");
    }
    out += folded("END:VCALENDAR");
    return out;
}

} // namespace wfm::io
