#include <wfm/core/error.hpp>
#include <wfm/sim/synthetic.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

namespace {

using namespace std::chrono;
using wfm::local_date;

const wfm::sim::channel_history& channel(const wfm::sim::synthetic_history& h,
                                         const std::string& name) {
    const auto it = std::find_if(h.channels.begin(), h.channels.end(),
                                 [&](const auto& c) { return c.name == name; });
    REQUIRE(it != h.channels.end());
    return *it;
}

/// Sum of observed volume on one calendar day.
double day_total(const wfm::time_series& s, local_date day) {
    double total = 0.0;
    const std::size_t per_day = static_cast<std::size_t>(s.grid().slots_per_day());
    const auto first = static_cast<std::size_t>((day - wfm::day_of(s.start())).count()) * per_day;
    for (std::size_t i = first; i < first + per_day; ++i) {
        if (s.observed(i)) {
            total += s.value(i);
        }
    }
    return total;
}

bool is_special(const wfm::sim::synthetic_history& h, local_date day) {
    return std::any_of(h.special_days.begin(), h.special_days.end(),
                       [&](const auto& s) { return s.date == day; });
}

} // namespace

TEST_CASE("synthetic: the sample history has the documented frame and special days", "[sim]") {
    const auto options = wfm::sim::sample_options(8, 7);
    const auto h = wfm::sim::generate_history(options);
    REQUIRE(h.channels.size() == 3);
    for (const auto& c : h.channels) {
        CHECK(c.volume.size() == 8u * 7u * 96u);
        CHECK(c.volume.start() == wfm::timestamp{local_date{year{2026} / 9 / 7}});
        CHECK(c.aht_s.size() == c.volume.size());
    }
    // Holiday + pay days on 5 Sep (before the start: excluded), 5 Oct and 5 Nov (week after).
    REQUIRE(h.special_days.size() == 3);
    CHECK(h.special_days[0].date == local_date{year{2026} / 9 / 25});
    CHECK(h.special_days[0].closed);
    CHECK(h.special_days[1].date == local_date{year{2026} / 10 / 5});
    CHECK(h.special_days[2].date == local_date{year{2026} / 11 / 5});
}

TEST_CASE("synthetic: the holiday and the night are closed for every channel", "[sim]") {
    const auto h = wfm::sim::generate_history(wfm::sim::sample_options(8, 7));
    const local_date holiday{year{2026} / 9 / 25};
    for (const auto& c : h.channels) {
        const auto first =
            static_cast<std::size_t>((holiday - local_date{year{2026} / 9 / 7}).count()) * 96;
        for (std::size_t i = first; i < first + 96; ++i) {
            CHECK(c.volume.state(i) == wfm::slot_state::closed);
        }
        std::size_t open = 0;
        for (std::size_t i = 0; i < c.volume.size(); ++i) {
            const int minute = wfm::minute_of_day(c.volume.time_at(i));
            const int open_from = c.name == "voice" ? 7 * 60 : 8 * 60;
            const int open_to = c.name == "voice" ? 23 * 60 : 22 * 60;
            if (minute < open_from || minute >= open_to) {
                CHECK(c.volume.state(i) == wfm::slot_state::closed);
            } else if (c.volume.state(i) != wfm::slot_state::closed) {
                ++open;
            }
        }
        // 55 open days × slots per open day.
        const std::size_t per_day = c.name == "voice" ? 64 : 56;
        CHECK(open == 55 * per_day);
    }
}

TEST_CASE("synthetic: daily volumes follow the configured mean and weekday pattern", "[sim]") {
    const auto options = wfm::sim::sample_options(8, 11);
    const auto h = wfm::sim::generate_history(options);
    const double factor_mean =
        std::accumulate(options.weekday_factor.begin(), options.weekday_factor.end(), 0.0) / 7.0;
    for (std::size_t c = 0; c < h.channels.size(); ++c) {
        const auto& profile = options.channels[c];
        std::array<double, 7> sum{};
        std::array<int, 7> n{};
        double all = 0.0;
        int all_n = 0;
        for (int d = 0; d < 56; ++d) {
            const local_date day = options.start + days{d};
            if (is_special(h, day)) {
                continue;
            }
            const double total = day_total(h.channels[c].volume, day);
            const auto w = static_cast<std::size_t>(wfm::weekday_index(day));
            sum[w] += total;
            ++n[w];
            all += total / (options.weekday_factor[w] / factor_mean);
            ++all_n;
        }
        INFO(profile.name);
        // Weekday-adjusted mean of regular days: Poisson + 4 % day noise over ~53 days gives a
        // standard error near 0.6 %; allow 3 %.
        CHECK(all / all_n == Approx(profile.mean_daily_volume).epsilon(0.03));
        // Each weekday within 10 % of its configured level (about 8 days each, sd ≈ 1.5 %).
        for (std::size_t w = 0; w < 7; ++w) {
            const double expected =
                profile.mean_daily_volume * options.weekday_factor[w] / factor_mean;
            CHECK(sum[w] / n[w] == Approx(expected).epsilon(0.10));
        }
        // Monday is the busiest and Sunday the quietest day of the week.
        CHECK(sum[0] / n[0] > sum[2] / n[2]);
        CHECK(sum[6] / n[6] < sum[5] / n[5]);
        CHECK(sum[5] / n[5] < sum[3] / n[3]);
    }
}

TEST_CASE("synthetic: voice has a morning and an afternoon peak with a lunch dip", "[sim]") {
    const auto options = wfm::sim::sample_options(8, 3);
    const auto h = wfm::sim::generate_history(options);
    const auto& voice = channel(h, "voice").volume;
    std::array<double, 96> by_slot{};
    for (std::size_t i = 0; i < voice.size(); ++i) {
        if (voice.observed(i)) {
            by_slot[static_cast<std::size_t>(voice.grid().slot_of_day(voice.time_at(i)))] +=
                voice.value(i);
        }
    }
    const auto slot = [](int hour, int minute) {
        return static_cast<std::size_t>((hour * 60 + minute) / 15);
    };
    const auto morning =
        std::max_element(by_slot.begin() + slot(8, 0), by_slot.begin() + slot(12, 0));
    const auto afternoon =
        std::max_element(by_slot.begin() + slot(13, 0), by_slot.begin() + slot(17, 0));
    const auto dip = std::min_element(morning, afternoon);
    CHECK(std::abs(static_cast<int>(morning - by_slot.begin()) - static_cast<int>(slot(10, 0))) <=
          2);
    CHECK(std::abs(static_cast<int>(afternoon - by_slot.begin()) -
                   static_cast<int>(slot(14, 30))) <= 3);
    CHECK(*dip < 0.9 * *afternoon);
    CHECK(by_slot[slot(7, 0)] < 0.5 * *morning);
}

TEST_CASE("synthetic: pay day lifts volume by the configured uplift", "[sim]") {
    const auto options = wfm::sim::sample_options(8, 5);
    const auto h = wfm::sim::generate_history(options);
    const local_date pay_day{year{2026} / 10 / 5}; // a Monday
    double mondays = 0.0;
    int n = 0;
    for (int d = 0; d < 56; d += 7) {
        const local_date day = options.start + days{d};
        if (!is_special(h, day)) {
            mondays += day_total(channel(h, "voice").volume, day);
            ++n;
        }
    }
    CHECK(day_total(channel(h, "voice").volume, pay_day) / (mondays / n) ==
          Approx(1.3).epsilon(0.12));
}

TEST_CASE("synthetic: AHT is near the configured mean and missing only without contacts", "[sim]") {
    const auto options = wfm::sim::sample_options(4, 9);
    const auto h = wfm::sim::generate_history(options);
    for (std::size_t c = 0; c < h.channels.size(); ++c) {
        const auto& volume = h.channels[c].volume;
        const auto& aht = h.channels[c].aht_s;
        double weighted = 0.0;
        double contacts = 0.0;
        for (std::size_t i = 0; i < volume.size(); ++i) {
            if (volume.state(i) == wfm::slot_state::closed) {
                CHECK(aht.state(i) == wfm::slot_state::closed);
            } else if (volume.value(i) == 0.0) {
                CHECK(aht.state(i) == wfm::slot_state::missing);
            } else {
                REQUIRE(aht.observed(i));
                CHECK(aht.value(i) > 0.0);
                weighted += aht.value(i) * volume.value(i);
                contacts += volume.value(i);
            }
        }
        INFO(options.channels[c].name);
        // The intraday swing is a cosine over the day, so the day mean stays within its amplitude.
        CHECK(weighted / contacts == Approx(options.channels[c].aht_s).epsilon(0.08));
    }
}

TEST_CASE("synthetic: the same seed gives the same history, another seed another", "[sim]") {
    const auto a = wfm::sim::generate_history(wfm::sim::sample_options(2, 42));
    const auto b = wfm::sim::generate_history(wfm::sim::sample_options(2, 42));
    const auto c = wfm::sim::generate_history(wfm::sim::sample_options(2, 43));
    bool differs = false;
    for (std::size_t k = 0; k < a.channels.size(); ++k) {
        const auto av = a.channels[k].volume.values();
        const auto bv = b.channels[k].volume.values();
        const auto cv = c.channels[k].volume.values();
        CHECK(std::equal(av.begin(), av.end(), bv.begin(), bv.end()));
        const auto aa = a.channels[k].aht_s.values();
        const auto ba = b.channels[k].aht_s.values();
        CHECK(std::equal(aa.begin(), aa.end(), ba.begin(), ba.end()));
        differs = differs || !std::equal(av.begin(), av.end(), cv.begin(), cv.end());
    }
    CHECK(differs);
}

TEST_CASE("synthetic: bad options are rejected with the field named", "[sim]") {
    auto options = wfm::sim::sample_options(8, 1);
    options.weeks = 0;
    CHECK_THROWS_WITH(wfm::sim::generate_history(options), Catch::Contains("weeks"));
    options = wfm::sim::sample_options(8, 1);
    options.channels[1].close_minute = options.channels[1].open_minute;
    CHECK_THROWS_AS(wfm::sim::generate_history(options), wfm::invalid_argument);
    CHECK_THROWS_WITH(wfm::sim::generate_history(options), Catch::Contains("'text'"));
    options = wfm::sim::sample_options(8, 1);
    options.channels[0].aht_s = std::nan("");
    CHECK_THROWS_WITH(wfm::sim::generate_history(options), Catch::Contains("aht_s"));
    options = wfm::sim::sample_options(8, 1);
    options.weekday_factor[6] = -1.0;
    CHECK_THROWS_WITH(wfm::sim::generate_history(options), Catch::Contains("weekday_factor[6]"));
}

TEST_CASE("synthetic: AHT varies over the day, longest mid-afternoon", "[sim]") {
    const auto h = wfm::sim::generate_history(wfm::sim::sample_options(8, 21));
    const auto& voice = channel(h, "voice");
    // Contact-weighted AHT in 08:00–09:00 and 14:30–15:30; the model's factors are
    // 1 + 0.08·cos(2π(m − 15:00)/24 h): about 0.98 and 1.08.
    const auto window_aht = [&](int from_minute, int to_minute) {
        double weighted = 0.0;
        double contacts = 0.0;
        for (std::size_t i = 0; i < voice.volume.size(); ++i) {
            const int m = wfm::minute_of_day(voice.volume.time_at(i));
            if (m >= from_minute && m < to_minute && voice.aht_s.observed(i)) {
                weighted += voice.aht_s.value(i) * voice.volume.value(i);
                contacts += voice.volume.value(i);
            }
        }
        return weighted / contacts;
    };
    const double morning = window_aht(8 * 60, 9 * 60);
    const double afternoon = window_aht(14 * 60 + 30, 15 * 60 + 30);
    CHECK(morning == Approx(240.0 * 0.98).epsilon(0.02));
    CHECK(afternoon == Approx(240.0 * 1.08).epsilon(0.02));
    CHECK(afternoon > morning * 1.05);
}
