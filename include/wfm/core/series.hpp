#pragma once
/// A contiguous wall-clock interval series that tells closed intervals from missing ones.
/// Header-only, except aggregate_counts() and partial_interval_warnings() (src/core/series.cpp,
/// in the wfm library).

#include <wfm/core/error.hpp>
#include <wfm/core/time.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace wfm {

/// What is known of one interval.
enum class slot_state : std::uint8_t {
    closed,   ///< the centre is not open: no contacts expected, value 0
    missing,  ///< open, but no data: never treated as zero
    observed, ///< a value was recorded
};

/// Values on an interval grid from `start()` for `size()` intervals; slot i begins at
/// start() + i × step. Position never stands for a weekday or time of day: ask the timestamp.
class time_series {
public:
    time_series() : time_series(interval_grid{std::chrono::minutes{60}}, timestamp{}, 0) {}
    /// `size` intervals from `start` (which must be on the grid), all closed.
    time_series(interval_grid grid, timestamp start, std::size_t size)
        : grid_(grid), start_(start), values_(size, 0.0), states_(size, slot_state::closed) {
        if (!grid_.on_grid(start)) {
            throw invalid_argument("time_series: start " + format_timestamp(start) +
                                   " is not on the " + grid_.name() + " grid");
        }
    }

    [[nodiscard]] interval_grid grid() const noexcept { return grid_; }
    [[nodiscard]] timestamp start() const noexcept { return start_; }
    /// One past the last interval: start() + size() × step.
    [[nodiscard]] timestamp end() const noexcept {
        return start_ + grid_.step() * static_cast<long>(values_.size());
    }
    [[nodiscard]] std::size_t size() const noexcept { return values_.size(); }
    [[nodiscard]] bool empty() const noexcept { return values_.empty(); }
    [[nodiscard]] timestamp time_at(std::size_t i) const noexcept {
        return start_ + grid_.step() * static_cast<long>(i);
    }
    /// Index of the interval that starts at `t`; empty when `t` is off the grid or outside.
    [[nodiscard]] std::optional<std::size_t> index_of(timestamp t) const noexcept {
        if (t < start_ || t >= end() || !grid_.on_grid(t)) {
            return std::nullopt;
        }
        return static_cast<std::size_t>((t - start_) / grid_.step());
    }

    [[nodiscard]] double value(std::size_t i) const { return values_.at(i); }
    [[nodiscard]] slot_state state(std::size_t i) const { return states_.at(i); }
    [[nodiscard]] bool observed(std::size_t i) const { return state(i) == slot_state::observed; }
    [[nodiscard]] std::span<const double> values() const noexcept { return values_; }
    [[nodiscard]] std::span<const slot_state> states() const noexcept { return states_; }

    /// Records `v` (finite; else wfm::invalid_argument) as observed at interval `i`.
    void set(std::size_t i, double v) {
        // Finite without <cmath>: NaN fails both comparisons, ±inf one of them.
        constexpr double largest = std::numeric_limits<double>::max();
        if (!(v >= -largest && v <= largest)) {
            throw invalid_argument("time_series::set: value at " + format_timestamp(time_at(i)) +
                                   " is not finite");
        }
        values_.at(i) = v;
        states_.at(i) = slot_state::observed;
    }
    void set_missing(std::size_t i) {
        values_.at(i) = 0.0;
        states_.at(i) = slot_state::missing;
    }
    void set_closed(std::size_t i) {
        values_.at(i) = 0.0;
        states_.at(i) = slot_state::closed;
    }
    /// Number of observed intervals.
    [[nodiscard]] std::size_t observed_count() const noexcept {
        std::size_t n = 0;
        for (auto s : states_) {
            n += s == slot_state::observed ? 1U : 0U;
        }
        return n;
    }
    /// Sum of observed values, in index order.
    [[nodiscard]] double observed_sum() const noexcept {
        double sum = 0.0;
        for (std::size_t i = 0; i < values_.size(); ++i) {
            if (states_[i] == slot_state::observed) {
                sum += values_[i];
            }
        }
        return sum;
    }

private:
    interval_grid grid_;
    timestamp start_;
    std::vector<double> values_;
    std::vector<slot_state> states_;
};

namespace detail {

/// The coarse series covering `s`, starting at the coarse interval that holds s.start().
[[nodiscard]] inline time_series coarse_frame(const time_series& s, interval_grid coarser) {
    if (!s.grid().divides(coarser) || coarser.minutes() < s.grid().minutes()) {
        throw invalid_argument("aggregate: cannot aggregate a " + s.grid().name() + " series to " +
                               coarser.name());
    }
    const timestamp first = coarser.floor(s.start());
    const timestamp last = s.empty() ? first : coarser.floor(s.time_at(s.size() - 1));
    const auto n = s.empty() ? 0 : static_cast<std::size_t>((last - first) / coarser.step()) + 1;
    return time_series{coarser, first, n};
}

/// Walks the coarse intervals: missing if an input is, closed if all are, else
/// `fold(out, k, begin, end)` over the inputs [begin, end) of output interval k.
template <class Fold>
[[nodiscard]] time_series aggregate_with(const time_series& s, interval_grid coarser, Fold fold) {
    time_series out = coarse_frame(s, coarser);
    std::size_t i = 0;
    for (std::size_t k = 0; k < out.size(); ++k) {
        const timestamp stop = out.time_at(k) + coarser.step();
        bool any_missing = false;
        bool any_observed = false;
        std::size_t begin = i;
        for (; i < s.size() && s.time_at(i) < stop; ++i) {
            any_missing = any_missing || s.state(i) == slot_state::missing;
            any_observed = any_observed || s.observed(i);
        }
        if (any_missing) {
            out.set_missing(k);
        } else if (any_observed) {
            fold(out, k, begin, i);
        }
    }
    return out;
}

} // namespace detail

/// Sums a count series onto a coarser grid. An output interval is missing if any of its inputs
/// is missing, closed if all are closed, otherwise observed (closed inputs count as 0).
[[nodiscard]] inline time_series aggregate_sum(const time_series& counts, interval_grid coarser) {
    return detail::aggregate_with(
        counts, coarser, [&](time_series& out, std::size_t k, std::size_t b, std::size_t e) {
            double sum = 0.0;
            for (std::size_t i = b; i < e; ++i) {
                sum += counts.value(i);
            }
            out.set(k, sum);
        });
}

/// Weighted mean onto a coarser grid (AHT weighted by answered): Σ xᵢwᵢ / Σ wᵢ over observed
/// inputs with wᵢ > 0; missing when some input is missing or when no weight is positive.
[[nodiscard]] inline time_series aggregate_weighted_mean(const time_series& values,
                                                         const time_series& weights,
                                                         interval_grid coarser) {
    if (values.size() != weights.size() || values.start() != weights.start() ||
        values.grid() != weights.grid()) {
        throw invalid_argument("aggregate_weighted_mean: values and weights differ in frame");
    }
    return detail::aggregate_with(
        values, coarser, [&](time_series& out, std::size_t k, std::size_t b, std::size_t e) {
            double sw = 0.0;
            double swx = 0.0;
            for (std::size_t i = b; i < e; ++i) {
                if (values.observed(i) && weights.observed(i) && weights.value(i) > 0.0) {
                    sw += weights.value(i);
                    swx += weights.value(i) * values.value(i);
                }
            }
            if (sw > 0.0) {
                out.set(k, swx / sw);
            } else {
                out.set_missing(k);
            }
        });
}

/// A coarse interval only partly covered by its day's open span: the span from the day's first
/// to the end of its last non-closed input interval.
struct partial_interval {
    timestamp start;  ///< on the coarse grid
    int open_minutes; ///< minutes of it inside the day's open span, in (0, step)
};

/// Counts on a coarser grid with partial edge intervals handled.
struct count_aggregation {
    time_series series;
    std::vector<partial_interval> partial; ///< in time order
};

/// aggregate_sum(), but a coarse interval at the edge of a day's open span that the span covers
/// only partly (a centre that closes at 21:05 on a 15-minute grid: 21:00–21:15 holds 5 open
/// minutes) gets its sum scaled to the full-interval rate, × step / open minutes, and is listed
/// in `partial`. Closed inputs inside the open span are gaps, not edges: they count 0 as in
/// aggregate_sum().
[[nodiscard]] count_aggregation aggregate_counts(const time_series& counts, interval_grid coarser);

/// One warning line per time of day and open minutes, naming `source`, the number of days and
/// the first and last date, e.g. `h.csv: the 15m interval at 21:00 is open 5 of 15 minutes on
/// 99 days (2003-03-03 … 2003-07-25); its volume is scaled to the full-interval rate (× 3)`.
[[nodiscard]] std::vector<std::string>
partial_interval_warnings(const std::vector<partial_interval>& partial, interval_grid coarser,
                          const std::string& source);

/// The part of `s` in [from, to), both snapped to s's grid; intervals outside s are closed.
[[nodiscard]] inline time_series clip(const time_series& s, timestamp from, timestamp to) {
    const timestamp a = s.grid().floor(from);
    const timestamp b =
        to <= a ? a : s.grid().floor(to - std::chrono::minutes{1}) + s.grid().step();
    time_series out{s.grid(), a, static_cast<std::size_t>((b - a) / s.grid().step())};
    for (std::size_t k = 0; k < out.size(); ++k) {
        if (const auto i = s.index_of(out.time_at(k))) {
            if (s.observed(*i)) {
                out.set(k, s.value(*i));
            } else if (s.state(*i) == slot_state::missing) {
                out.set_missing(k);
            }
        }
    }
    return out;
}

} // namespace wfm
