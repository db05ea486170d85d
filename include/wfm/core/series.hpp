#pragma once
/// A contiguous wall-clock interval series that tells closed intervals from missing ones.

#include <wfm/core/time.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
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
    time_series(interval_grid grid, timestamp start, std::size_t size);

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
    [[nodiscard]] std::optional<std::size_t> index_of(timestamp t) const noexcept;

    [[nodiscard]] double value(std::size_t i) const { return values_.at(i); }
    [[nodiscard]] slot_state state(std::size_t i) const { return states_.at(i); }
    [[nodiscard]] bool observed(std::size_t i) const { return state(i) == slot_state::observed; }
    [[nodiscard]] std::span<const double> values() const noexcept { return values_; }
    [[nodiscard]] std::span<const slot_state> states() const noexcept { return states_; }

    void set(std::size_t i, double v);
    void set_missing(std::size_t i);
    void set_closed(std::size_t i);
    /// Number of observed intervals.
    [[nodiscard]] std::size_t observed_count() const noexcept;
    /// Sum of observed values.
    [[nodiscard]] double observed_sum() const noexcept;

private:
    interval_grid grid_;
    timestamp start_;
    std::vector<double> values_;
    std::vector<slot_state> states_;
};

/// Sums a count series onto a coarser grid. An output interval is missing if any of its inputs
/// is missing, closed if all are closed, otherwise observed (closed inputs count as 0).
[[nodiscard]] time_series aggregate_sum(const time_series& counts, interval_grid coarser);

/// Weighted mean onto a coarser grid (AHT weighted by answered): Σ xᵢwᵢ / Σ wᵢ over observed
/// inputs with wᵢ > 0; missing when some input is missing or when no weight is positive.
[[nodiscard]] time_series aggregate_weighted_mean(const time_series& values,
                                                  const time_series& weights,
                                                  interval_grid coarser);

/// The part of `s` in [from, to), both snapped to s's grid; intervals outside s are closed.
[[nodiscard]] time_series clip(const time_series& s, timestamp from, timestamp to);

} // namespace wfm
