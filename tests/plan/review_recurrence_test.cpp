// Recurrence across reviewed weeks (plan::find_recurrence): synthetic weeks with a known
// recurring effect — pay day on every month's 5th, every Monday, one time slot — get exactly that
// calendar suggestion with the measured effect; weeks without one get none.
#include <wfm/plan/review.hpp>

#include <catch2/catch.hpp>

#include <functional>
#include <random>

namespace {

using namespace wfm;

/// Nine reviewed weeks from Monday 2026-09-28 (they hold 5 October and 5 November): one queue,
/// four 15-minute slots a day from 10:00, each forecast 250 with a ±15 % band (±8 % for a day),
/// offered 3 % noisy around forecast × `lift(slot start)`.
std::vector<report::review_result> synthetic_weeks(const std::function<double(timestamp)>& lift,
                                                   int weeks = 9) {
    std::mt19937 rng{14};
    std::normal_distribution<double> noise{0.0, 0.03};
    const local_date first = parse_date("2026-09-28");
    std::vector<report::review_result> out;
    for (int w = 0; w < weeks; ++w) {
        report::review_result r;
        r.week_start = first + std::chrono::days{7 * w};
        report::review_queue q;
        q.name = "voice";
        for (int d = 0; d < 7; ++d) {
            report::review_period day;
            day.start = r.week_start + std::chrono::days{d};
            for (int s = 0; s < 4; ++s) {
                report::review_interval x;
                x.start = day.start + std::chrono::minutes{600 + 15 * s};
                x.forecast = 250;
                x.lower = 212.5;
                x.upper = 287.5;
                x.offered = 250 * lift(x.start) * (1 + noise(rng));
                x.outside = x.offered > x.upper ? 1 : x.offered < x.lower ? -1 : 0;
                day.accuracy.forecast += x.forecast;
                day.accuracy.actual += x.offered;
                q.intervals.push_back(x);
            }
            day.lower = 920;
            day.upper = 1080;
            day.outside = day.accuracy.actual > day.upper   ? 1
                          : day.accuracy.actual < day.lower ? -1
                                                            : 0;
            q.days.push_back(day);
        }
        r.queues.push_back(std::move(q));
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<report::calendar_suggestion> recur(const std::vector<report::review_result>& weeks) {
    std::vector<const report::review_result*> p;
    for (const auto& w : weeks) {
        p.push_back(&w);
    }
    return plan::find_recurrence(p);
}

unsigned mday(timestamp t) {
    return static_cast<unsigned>(std::chrono::year_month_day{day_of(t)}.day());
}

} // namespace

TEST_CASE("recurrence: every month's 5th running 25 % high is suggested as a calendar day",
          "[review]") {
    const auto s = recur(synthetic_weeks([](timestamp t) { return mday(t) == 5 ? 1.25 : 1.0; }));
    REQUIRE(s.size() == 1);
    CHECK(s[0].kind == report::suggestion_kind::day_of_month);
    CHECK(s[0].key == 5);
    CHECK(s[0].direction == 1);
    REQUIRE(s[0].days.size() == 2);
    CHECK(s[0].days[0] == parse_date("2026-10-05"));
    CHECK(s[0].days[1] == parse_date("2026-11-05"));
    CHECK(s[0].occurrences == 2);
    CHECK(s[0].weeks == 2);
    CHECK(s[0].effect == Approx(0.25).margin(0.03));
}

TEST_CASE("recurrence: weeks without a recurring effect get no suggestion", "[review]") {
    CHECK(recur(synthetic_weeks([](timestamp) { return 1.0; })).empty());
    // One week holds one 5th only: a single occurrence is no recurrence.
    CHECK(recur(synthetic_weeks([](timestamp t) { return mday(t) == 5 ? 1.25 : 1.0; }, 1)).empty());
}

TEST_CASE("recurrence: every Monday 15 % high is a weekday, a slot 25 % low every day a slot",
          "[review]") {
    const auto mondays = recur(
        synthetic_weeks([](timestamp t) { return weekday_index(day_of(t)) == 0 ? 1.15 : 1.0; }));
    REQUIRE(mondays.size() == 1);
    CHECK(mondays[0].kind == report::suggestion_kind::weekday);
    CHECK(mondays[0].key == 0);
    CHECK(mondays[0].days.size() >= 6); // of 9 Mondays, each +15 % against a ±8 % band
    CHECK(mondays[0].occurrences == 9);
    CHECK(mondays[0].effect == Approx(0.15).margin(0.03));

    // The intraday profile off: every day the 10:30 slot runs 25 % low and the other three
    // 1/12 high, so the days' totals stay as forecast.
    const auto slot = recur(synthetic_weeks(
        [](timestamp t) { return minute_of_day(t) == 630 ? 0.75 : 1.0 + 0.25 / 3.0; }));
    REQUIRE(slot.size() == 1);
    CHECK(slot[0].kind == report::suggestion_kind::slot);
    CHECK(slot[0].key == 630);
    CHECK(slot[0].direction == -1);
    CHECK(slot[0].days.size() == 63);
    CHECK(slot[0].occurrences == 63);
    CHECK(slot[0].weeks == 9);
    CHECK(slot[0].effect == Approx(-0.25).margin(0.01));
}
