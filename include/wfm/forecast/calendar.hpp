#pragma once
/// Special days for forecasting: closed days (forecast zero) and labelled days (holiday eve,
/// month-end pay day, campaign, key service day) whose effect is learned from past days with the
/// same label.

#include <wfm/core/time.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wfm::forecast {

/// One calendar entry: a date, a label and whether the centre is closed that day.
struct special_day {
    local_date date{};
    std::string label;
    bool closed = false;
};

/// A set of special days, at most one entry per date.
class special_days {
public:
    special_days() = default;
    /// Adds an entry; throws wfm::invalid_argument on a duplicate date or an empty label on an
    /// open day.
    void add(special_day day);
    /// The entry for `d`, if any.
    [[nodiscard]] const special_day* find(local_date d) const noexcept;
    /// True when `d` is marked closed.
    [[nodiscard]] bool closed(local_date d) const noexcept;
    /// The label of an open special day, empty when `d` is an ordinary or closed day.
    [[nodiscard]] std::string_view label(local_date d) const noexcept;
    [[nodiscard]] std::size_t size() const noexcept { return days_.size(); }
    [[nodiscard]] bool empty() const noexcept { return days_.empty(); }
    /// Every entry, in date order.
    [[nodiscard]] std::vector<special_day> entries() const;

private:
    std::map<local_date, special_day> days_;
};

} // namespace wfm::forecast
