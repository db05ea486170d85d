// The compiled part of core/series.hpp: aggregation with partial edge intervals.
#include <wfm/core/series.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <utility>

namespace wfm {
namespace {

// [first, end) of one day's non-closed inputs.
struct open_span {
    timestamp first;
    timestamp end;
};

// The open span of every day that has a non-closed input, in time order.
std::vector<open_span> open_spans(const time_series& s) {
    std::vector<open_span> spans;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s.state(i) == slot_state::closed) {
            continue;
        }
        const timestamp t = s.time_at(i);
        if (spans.empty() || day_of(spans.back().first) != day_of(t)) {
            spans.push_back({t, t});
        }
        spans.back().end = t + s.grid().step();
    }
    return spans;
}

// Scales coarse interval `at` to the full-interval rate when the span covers it only partly.
void scale_edge(count_aggregation& a, timestamp at, const open_span& span) {
    const auto step = a.series.grid().step();
    const auto covered = std::min(span.end, at + step) - std::max(span.first, at);
    const auto k = a.series.index_of(at);
    if (covered >= step || !k || !a.series.observed(*k)) {
        return;
    }
    const auto open = static_cast<int>(covered.count());
    a.series.set(*k, a.series.value(*k) * static_cast<double>(step.count()) / open);
    a.partial.push_back({at, open});
}

} // namespace

count_aggregation aggregate_counts(const time_series& counts, interval_grid coarser) {
    count_aggregation a{aggregate_sum(counts, coarser), {}};
    for (const auto& span : open_spans(counts)) {
        const timestamp head = coarser.floor(span.first);
        const timestamp tail = coarser.floor(span.end - std::chrono::minutes{1});
        scale_edge(a, head, span);
        if (tail != head) {
            scale_edge(a, tail, span);
        }
    }
    return a;
}

std::vector<std::string> partial_interval_warnings(const std::vector<partial_interval>& partial,
                                                   interval_grid coarser,
                                                   const std::string& source) {
    // (minute of day, open minutes) → dates, in time order.
    std::map<std::pair<int, int>, std::vector<local_date>> groups;
    for (const auto& p : partial) {
        groups[{minute_of_day(p.start), p.open_minutes}].push_back(day_of(p.start));
    }
    std::vector<std::string> lines;
    for (const auto& [key, dates] : groups) {
        const auto [minute, open] = key;
        const auto when = dates.size() == 1
                              ? fmt::format("on {}", format_date(dates.front()))
                              : fmt::format("on {} days ({} … {})", dates.size(),
                                            format_date(dates.front()), format_date(dates.back()));
        lines.push_back(fmt::format("{}: the {} interval at {:02}:{:02} is open {} of {} minutes "
                                    "{}; its volume is scaled to the full-interval rate (× {:g})",
                                    source, coarser.name(), minute / 60, minute % 60, open,
                                    coarser.minutes(), when,
                                    static_cast<double>(coarser.minutes()) / open));
    }
    return lines;
}

} // namespace wfm
