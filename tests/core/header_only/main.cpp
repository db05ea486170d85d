// The core value types used header-only: built without the wfm library (and without fmt or
// nlohmann/json), this program builds, aggregates and clips a series and checks the messages.
#include <wfm/core/call.hpp>
#include <wfm/core/error.hpp>
#include <wfm/core/series.hpp>

#include <cstdio>
#include <limits>
#include <string>

#if defined(FMT_VERSION) || defined(NLOHMANN_JSON_VERSION_MAJOR)
#error "the core value types must not need fmt or nlohmann/json"
#endif

namespace {

int failures = 0;

void check(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "FAILED: %s\n", what);
        ++failures;
    }
}

template <class F> std::string message_of(F f) {
    try {
        f();
    } catch (const wfm::invalid_argument& e) {
        return e.what();
    }
    return "no exception";
}

} // namespace

int main() {
    using namespace std::chrono;
    const wfm::timestamp monday = wfm::local_date{year{2026} / 3 / 2} + hours{8};
    wfm::time_series s{wfm::interval_grid{minutes{15}}, monday, 8};
    for (std::size_t i = 0; i < s.size(); ++i) {
        s.set(i, 0.1 * static_cast<double>(i + 1));
    }
    s.set_missing(5);
    const auto hourly = wfm::aggregate_sum(s, wfm::interval_grid{minutes{60}});
    check(hourly.size() == 2 && hourly.value(0) == ((0.1 + 0.2) + 0.30000000000000004) + 0.4,
          "the first hour sums its four intervals in order");
    check(hourly.state(1) == wfm::slot_state::missing, "a missing input makes the hour missing");
    const auto clipped = wfm::clip(s, monday + minutes{20}, monday + minutes{50});
    check(clipped.size() == 3 && clipped.start() == monday + minutes{15}, "clip snaps to the grid");
    check(wfm::format_timestamp(clipped.end()) == "2026-03-02T09:00", "clip ends on the grid");
    check(message_of([&] { s.set(0, std::numeric_limits<double>::infinity()); }) ==
              "time_series::set: value at 2026-03-02T08:00 is not finite",
          "a non-finite value is refused with its timestamp");
    check(message_of([&] { (void)wfm::aggregate_sum(hourly, wfm::interval_grid{minutes{15}}); }) ==
              "aggregate: cannot aggregate a 60m series to 15m",
          "a finer grid is refused");
    check(message_of([&] { (void)wfm::time_series(hourly.grid(), monday + minutes{5}, 1); }) ==
              "time_series: start 2026-03-02T08:05 is not on the 60m grid",
          "an off-grid start is refused");
    wfm::call_record call;
    call.arrival = wfm::local_date{year{2026} / 3 / 2} + hours{8};
    check(call.offered && !call.answered && call.channel == "voice", "a call record's defaults");
    if (failures == 0) {
        std::puts("core header-only: all checks passed");
    }
    return failures == 0 ? 0 : 1;
}
