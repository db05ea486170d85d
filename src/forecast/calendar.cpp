#include <wfm/core/error.hpp>
#include <wfm/forecast/calendar.hpp>

#include <fmt/format.h>

namespace wfm::forecast {

void special_days::add(special_day day) {
    if (!day.closed && day.label.empty()) {
        throw invalid_argument(
            fmt::format("special_days::add: {} is open but has no label", format_date(day.date)));
    }
    const auto d = day.date;
    if (!days_.emplace(d, std::move(day)).second) {
        throw invalid_argument(
            fmt::format("special_days::add: {} is listed twice", format_date(d)));
    }
}

const special_day* special_days::find(local_date d) const noexcept {
    const auto it = days_.find(d);
    return it == days_.end() ? nullptr : &it->second;
}

bool special_days::closed(local_date d) const noexcept {
    const auto* s = find(d);
    return s != nullptr && s->closed;
}

std::string_view special_days::label(local_date d) const noexcept {
    const auto* s = find(d);
    return s == nullptr || s->closed ? std::string_view{} : std::string_view{s->label};
}

std::vector<special_day> special_days::entries() const {
    std::vector<special_day> out;
    out.reserve(days_.size());
    for (const auto& [d, s] : days_) {
        out.push_back(s);
    }
    return out;
}

} // namespace wfm::forecast
