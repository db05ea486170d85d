#pragma once
// The US bank data's holidays for the accuracy benchmarks (bm_forecast_accuracy,
// bm_intraday_accuracy): in the file's span (2003-03-03 … 07-25) the US federal calendar,
// known before any origin, has Memorial Day (05-26) and Independence Day (07-04), both closed
// (the file has no data on them). Every method, avg4 included, gets it.

#include <wfm/forecast/calendar.hpp>

#include <chrono>

namespace wfm::bench {

inline const forecast::special_days& us_holidays() {
    static const forecast::special_days days = [] {
        forecast::special_days d;
        using namespace std::chrono;
        d.add({local_date{year{2003} / 5 / 26}, "Memorial Day", true});
        d.add({local_date{year{2003} / 7 / 4}, "Independence Day", true});
        return d;
    }();
    return days;
}

} // namespace wfm::bench
