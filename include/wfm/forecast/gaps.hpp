#pragma once
/// Gaps in an interval history: open weekdays with no data, and missing intervals inside the
/// hours a weekday is usually open. They are reported (as warnings), never filled.

#include <wfm/core/series.hpp>
#include <wfm/forecast/calendar.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace wfm::forecast {

/// A run of missing days, or the missing intervals of one day.
struct history_gap {
    enum class kind : std::uint8_t {
        days,     ///< [first, last]: consecutive dates with no observed interval
        intervals ///< `first` (= last): the intervals listed in `ranges` have no value
    };
    kind what = kind::days;
    local_date first{};
    local_date last{};
    std::vector<std::pair<timestamp, timestamp>> ranges; ///< [from, to) of missing intervals
    std::size_t count = 0;                               ///< days, or intervals
};

/// Days within the history's span this many days or fewer from a same-weekday date with data
/// count as that weekday's neighbours.
inline constexpr int gap_neighbour_days = 21;

/// The gaps of `history`, in date order. A date with no observed interval is a missing day when
/// the calendar does not close it and the same weekday has data within gap_neighbour_days both
/// before and after it (so a weekday the centre never opens, or stopped opening, is not a gap);
/// consecutive missing dates form one gap. On a date with data, an interval without a value
/// (no row, or an empty cell) is missing when its weekday has that slot observed on at least
/// half of the weekday's dates with data. Intervals outside the history's span are not missing:
/// a history that begins or ends mid-day (today's actuals up to now) has no gap there.
[[nodiscard]] std::vector<history_gap> find_gaps(const time_series& history,
                                                 const special_days& calendar = {});

/// One line per gap for people, prefixed with `source: `, e.g. `h.csv: no rows on 2003-04-04
/// (Fri)`, `h.csv: no rows on 2003-04-04 … 2003-04-10 (7 days)`, `h.csv: 2003-05-06 (Tue): 3
/// missing intervals 12:05–12:15, 14:00–14:05`. Past `max_lines` one last line counts the rest.
[[nodiscard]] std::vector<std::string> gap_warnings(const std::vector<history_gap>& gaps,
                                                    const std::string& source,
                                                    std::size_t max_lines = 20);

} // namespace wfm::forecast
