#include <wfm/core/error.hpp>
#include <wfm/core/series.hpp>

#include <fmt/format.h>

#include <cmath>

namespace wfm {

time_series::time_series(interval_grid grid, timestamp start, std::size_t size)
    : grid_(grid), start_(start), values_(size, 0.0), states_(size, slot_state::closed) {
    if (!grid_.on_grid(start)) {
        throw invalid_argument(fmt::format("time_series: start {} is not on the {} grid",
                                           format_timestamp(start), grid_.name()));
    }
}

std::optional<std::size_t> time_series::index_of(timestamp t) const noexcept {
    if (t < start_ || t >= end() || !grid_.on_grid(t)) {
        return std::nullopt;
    }
    return static_cast<std::size_t>((t - start_) / grid_.step());
}

void time_series::set(std::size_t i, double v) {
    if (!std::isfinite(v)) {
        throw invalid_argument(fmt::format("time_series::set: value at {} is not finite",
                                           format_timestamp(time_at(i))));
    }
    values_.at(i) = v;
    states_.at(i) = slot_state::observed;
}

void time_series::set_missing(std::size_t i) {
    values_.at(i) = 0.0;
    states_.at(i) = slot_state::missing;
}

void time_series::set_closed(std::size_t i) {
    values_.at(i) = 0.0;
    states_.at(i) = slot_state::closed;
}

std::size_t time_series::observed_count() const noexcept {
    std::size_t n = 0;
    for (auto s : states_) {
        n += s == slot_state::observed ? 1U : 0U;
    }
    return n;
}

double time_series::observed_sum() const noexcept {
    double sum = 0.0;
    for (std::size_t i = 0; i < values_.size(); ++i) {
        if (states_[i] == slot_state::observed) {
            sum += values_[i];
        }
    }
    return sum;
}

namespace {

// The coarse series covering `s`, starting at the coarse interval that holds s.start().
time_series coarse_frame(const time_series& s, interval_grid coarser) {
    if (!s.grid().divides(coarser) || coarser.minutes() < s.grid().minutes()) {
        throw invalid_argument(fmt::format("aggregate: cannot aggregate a {} series to {}",
                                           s.grid().name(), coarser.name()));
    }
    const timestamp first = coarser.floor(s.start());
    const timestamp last = s.empty() ? first : coarser.floor(s.time_at(s.size() - 1));
    const auto n = s.empty() ? 0 : static_cast<std::size_t>((last - first) / coarser.step()) + 1;
    return time_series{coarser, first, n};
}

template <class Fold>
time_series aggregate_with(const time_series& s, interval_grid coarser, Fold fold) {
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

} // namespace

time_series aggregate_sum(const time_series& counts, interval_grid coarser) {
    return aggregate_with(counts, coarser,
                          [&](time_series& out, std::size_t k, std::size_t b, std::size_t e) {
                              double sum = 0.0;
                              for (std::size_t i = b; i < e; ++i) {
                                  sum += counts.value(i);
                              }
                              out.set(k, sum);
                          });
}

time_series aggregate_weighted_mean(const time_series& values, const time_series& weights,
                                    interval_grid coarser) {
    if (values.size() != weights.size() || values.start() != weights.start() ||
        values.grid() != weights.grid()) {
        throw invalid_argument("aggregate_weighted_mean: values and weights differ in frame");
    }
    return aggregate_with(
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

time_series clip(const time_series& s, timestamp from, timestamp to) {
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
