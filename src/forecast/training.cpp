#include "training.hpp"

#include <algorithm>
#include <cmath>

namespace wfm::forecast::detail {

namespace {

constexpr int recent_dates = 8;   // dates per weekday that decide opening hours
constexpr int profile_dates = 16; // ordinary days per weekday averaged for the profile

} // namespace

bool training::is_open(local_date d, int slot) const {
    const int w = weekday_index(d);
    return !calendar.closed(d) && open_weekday[static_cast<std::size_t>(w)] &&
           open[static_cast<std::size_t>(w)][static_cast<std::size_t>(slot)] != 0;
}

int training::effect_weekday(local_date d) const noexcept {
    const int w = weekday_index(d);
    if (!business_day(d)) {
        return w;
    }
    // The previous open weekday (at most 6 days back).
    for (int k = 1; k < 7; ++k) {
        const local_date e = d - std::chrono::days{k};
        if (!open_weekday[static_cast<std::size_t>(weekday_index(e))]) {
            continue;
        }
        if (!calendar.closed(e)) {
            return w;
        }
        for (int first = 0; first < 7; ++first) {
            if (open_weekday[static_cast<std::size_t>(first)]) {
                return first;
            }
        }
    }
    return w;
}

bool training::business_day(local_date d) const noexcept {
    return open_weekday[static_cast<std::size_t>(weekday_index(d))] && !calendar.closed(d);
}

int training::month_position(local_date d) const noexcept {
    if (!business_day(d)) {
        return 0;
    }
    const std::chrono::year_month_day ymd{d};
    const local_date first{ymd.year() / ymd.month() / 1};
    const local_date last{ymd.year() / ymd.month() / std::chrono::last};
    int rank = 1;
    for (local_date e = first; e < d && rank <= 3; e += std::chrono::days{1}) {
        rank += business_day(e) ? 1 : 0;
    }
    if (rank <= 3) {
        return rank;
    }
    for (local_date e = d + std::chrono::days{1}; e <= last; e += std::chrono::days{1}) {
        if (business_day(e)) {
            return 0;
        }
    }
    return 4;
}

int training::mid_month_position(local_date d) const noexcept {
    const std::chrono::year_month_day ymd{d};
    if (!business_day(d) || ymd.day() < std::chrono::day{15}) {
        return 0;
    }
    int rank = 1;
    for (local_date e{ymd.year() / ymd.month() / 15}; e < d && rank <= 3;
         e += std::chrono::days{1}) {
        rank += business_day(e) ? 1 : 0;
    }
    return rank <= 3 ? rank : 0;
}

namespace {

using cell_flags = std::vector<std::uint8_t>;

// Copies the observed intervals before the origin's day into the day × slot matrix; returns
// which cells were observed.
cell_flags fill_matrix(training& tr, const time_series& history) {
    const auto cells = static_cast<std::size_t>(tr.days) * static_cast<std::size_t>(tr.slots);
    tr.x.assign(cells, 0.0);
    cell_flags seen(cells, 0);
    for (std::size_t i = 0; i < history.size(); ++i) {
        const timestamp t = history.time_at(i);
        const auto d = static_cast<int>((day_of(t) - tr.first_day).count());
        if (d >= tr.days) {
            break;
        }
        if (history.observed(i)) {
            const auto k = tr.at(d, tr.grid.slot_of_day(t));
            tr.x[k] = history.value(i);
            seen[k] = 1;
        }
    }
    return seen;
}

// Per day: whether any of its cells was observed.
cell_flags days_with_data(const training& tr, const cell_flags& seen) {
    cell_flags has_data(static_cast<std::size_t>(tr.days), 0);
    for (int d = 0; d < tr.days; ++d) {
        for (int s = 0; s < tr.slots && has_data[static_cast<std::size_t>(d)] == 0; ++s) {
            has_data[static_cast<std::size_t>(d)] = seen[tr.at(d, s)];
        }
    }
    return has_data;
}

// Opening hours per weekday from its most recent dates.
void learn_opening_hours(training& tr, const cell_flags& seen, const cell_flags& has_data) {
    for (int w = 0; w < 7; ++w) {
        const auto uw = static_cast<std::size_t>(w);
        tr.open[uw].assign(static_cast<std::size_t>(tr.slots), 0);
        tr.profile[uw].assign(static_cast<std::size_t>(tr.slots), 0.0);
        int dates = 0;
        int with_data = 0;
        std::vector<int> counts(static_cast<std::size_t>(tr.slots), 0);
        for (int d = tr.days - 1; d >= 0 && dates < recent_dates; --d) {
            if (tr.weekday(d) != w || tr.calendar.closed(tr.date(d))) {
                continue;
            }
            ++dates;
            if (has_data[static_cast<std::size_t>(d)] == 0) {
                continue;
            }
            ++with_data;
            for (int s = 0; s < tr.slots; ++s) {
                counts[static_cast<std::size_t>(s)] += seen[tr.at(d, s)];
            }
        }
        tr.open_weekday[uw] = with_data > 0 && 2 * with_data >= dates;
        for (int s = 0; s < tr.slots; ++s) {
            tr.open[uw][static_cast<std::size_t>(s)] =
                tr.open_weekday[uw] && with_data > 0 &&
                        2 * counts[static_cast<std::size_t>(s)] >= with_data
                    ? 1
                    : 0;
        }
    }
}

// Day kinds: closed, missing, or usable / special (labelled) when the day has data.
void classify_days(training& tr, const cell_flags& has_data) {
    const auto ud = static_cast<std::size_t>(tr.days);
    tr.kind.assign(ud, day_kind::closed);
    tr.label.assign(ud, std::string{});
    tr.total.assign(ud, 0.0);
    for (int d = 0; d < tr.days; ++d) {
        const auto u = static_cast<std::size_t>(d);
        const auto w = static_cast<std::size_t>(tr.weekday(d));
        if (tr.calendar.closed(tr.date(d)) || !tr.open_weekday[w]) {
            tr.kind[u] = day_kind::closed;
        } else if (has_data[u] == 0) {
            tr.kind[u] = day_kind::missing;
        } else {
            tr.label[u] = std::string{tr.calendar.label(tr.date(d))};
            tr.kind[u] = tr.label[u].empty() ? day_kind::usable : day_kind::special;
        }
    }
}

// Intraday profile of weekday `w`: mean of each open slot over recent ordinary days where it
// was observed, normalised to sum 1 (robust to scattered missing cells).
void learn_profile(training& tr, const cell_flags& seen, int w) {
    const auto uw = static_cast<std::size_t>(w);
    std::vector<double> sum(static_cast<std::size_t>(tr.slots), 0.0);
    std::vector<int> n(static_cast<std::size_t>(tr.slots), 0);
    int used = 0;
    for (int d = tr.days - 1; d >= 0 && used < profile_dates; --d) {
        if (tr.weekday(d) != w || tr.kind[static_cast<std::size_t>(d)] != day_kind::usable) {
            continue;
        }
        ++used;
        for (int s = 0; s < tr.slots; ++s) {
            if (seen[tr.at(d, s)] != 0) {
                sum[static_cast<std::size_t>(s)] += tr.x[tr.at(d, s)];
                ++n[static_cast<std::size_t>(s)];
            }
        }
    }
    double z = 0.0;
    for (int s = 0; s < tr.slots; ++s) {
        const auto us = static_cast<std::size_t>(s);
        if (tr.open[uw][us] != 0 && n[us] > 0) {
            tr.profile[uw][us] = sum[us] / n[us];
            z += tr.profile[uw][us];
        }
    }
    int open_slots = 0;
    for (int s = 0; s < tr.slots; ++s) {
        open_slots += tr.open[uw][static_cast<std::size_t>(s)];
    }
    for (int s = 0; s < tr.slots; ++s) {
        const auto us = static_cast<std::size_t>(s);
        if (tr.open[uw][us] == 0) {
            tr.profile[uw][us] = 0.0;
        } else if (z > 0.0) {
            tr.profile[uw][us] /= z;
        } else {
            tr.profile[uw][us] = 1.0 / open_slots;
        }
    }
}

// Imputes unobserved open slots of usable and special days from the profile; a day with less
// than half of its expected volume observed is treated as missing.
void impute_days(training& tr, const cell_flags& seen) {
    for (int d = 0; d < tr.days; ++d) {
        const auto u = static_cast<std::size_t>(d);
        if (tr.kind[u] != day_kind::usable && tr.kind[u] != day_kind::special) {
            continue;
        }
        const auto& p = tr.profile[static_cast<std::size_t>(tr.weekday(d))];
        double share = 0.0;
        double sum = 0.0;
        for (int s = 0; s < tr.slots; ++s) {
            if (p[static_cast<std::size_t>(s)] > 0.0 && seen[tr.at(d, s)] != 0) {
                share += p[static_cast<std::size_t>(s)];
                sum += tr.x[tr.at(d, s)];
            }
        }
        if (share < 0.5) {
            tr.kind[u] = day_kind::missing;
            continue;
        }
        const double total = sum / share;
        double open_total = 0.0;
        for (int s = 0; s < tr.slots; ++s) {
            const auto k = tr.at(d, s);
            const auto ps = p[static_cast<std::size_t>(s)];
            if (ps > 0.0 && seen[k] == 0) {
                tr.x[k] = total * ps;
            }
            if (ps > 0.0) {
                open_total += tr.x[k];
            }
        }
        tr.total[u] = open_total;
    }
}

} // namespace

training make_training(const time_series& history, local_date origin_day,
                       const special_days& calendar) {
    training tr;
    tr.calendar = calendar;
    tr.grid = history.grid();
    tr.slots = tr.grid.slots_per_day();
    tr.first_day = day_of(history.start());
    tr.days = std::max(0, static_cast<int>((origin_day - tr.first_day).count()));
    const auto seen = fill_matrix(tr, history);
    const auto has_data = days_with_data(tr, seen);
    learn_opening_hours(tr, seen, has_data);
    classify_days(tr, has_data);
    for (int w = 0; w < 7; ++w) {
        learn_profile(tr, seen, w);
    }
    impute_days(tr, seen);
    return tr;
}

double label_effect(const training& tr, std::string_view label) {
    double num = 0.0;
    double den = 0.0;
    for (int d = 0; d < tr.days; ++d) {
        if (tr.kind[static_cast<std::size_t>(d)] != day_kind::special ||
            tr.label[static_cast<std::size_t>(d)] != label) {
            continue;
        }
        double base = 0.0;
        int n = 0;
        for (int k : {-14, -7, 7, 14}) {
            const int e = d + k;
            if (e >= 0 && e < tr.days && tr.kind[static_cast<std::size_t>(e)] == day_kind::usable) {
                base += tr.total[static_cast<std::size_t>(e)];
                ++n;
            }
        }
        if (n > 0) {
            num += tr.total[static_cast<std::size_t>(d)];
            den += base / n;
        }
    }
    return den > 0.0 ? num / den : 1.0;
}

} // namespace wfm::forecast::detail
