#include "shared_data.hpp"

#include <wfm/io/call_log.hpp>
#include <wfm/report/kpi.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

using namespace std::chrono_literals;

namespace {

std::string kpi_fixture(const std::string& name) {
    return std::string{WFM_TEST_DATA_DIR} + "/kpi/" + name;
}

const wfm::report::kpi_row& row_at(const std::vector<wfm::report::kpi_row>& rows,
                                   const char* when) {
    const auto t = wfm::parse_timestamp(when);
    for (const auto& r : rows) {
        if (r.start == t) {
            return r;
        }
    }
    FAIL("no row at " << when);
    return rows.front();
}

// The tab-separated fields of one line of the shared log (a trailing CR dropped).
std::vector<std::string> tsv_fields(std::string line) {
    if (!line.empty() && line.back() == '\r') {
        line.pop_back();
    }
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string x; std::getline(ss, x, '\t');) {
        f.push_back(x);
    }
    return f;
}

const std::string shared_log =
    wfm::test::shared_path("data/anonymous_bank_1999_02_calls.tsv").string();

} // namespace

TEST_CASE("kpi: anonymous-bank rules on a hand-counted log", "[kpi]") {
    // anon_small.tsv: 7 rows; an IVR-only hang-up and a PHANTOM are not offered; one call leaves
    // the IVR after midnight. Hand count: offered 5, answered 4, abandoned 1, within 20 s 3.
    const auto calls = wfm::io::read_call_log(kpi_fixture("anon_small.tsv"),
                                              wfm::io::call_log_format::anonymous_bank);
    REQUIRE(calls.size() == 5);
    const auto rows = wfm::report::interval_kpis(calls, wfm::interval_grid{30min}, 20s);
    CHECK(rows.size() == 96); // 1999-02-01 and 1999-02-02, every 30-minute interval
    const auto& r0700 = row_at(rows, "1999-02-01T07:00");
    CHECK(r0700.offered == 2);
    CHECK(r0700.answered == 1);
    CHECK(r0700.abandoned == 1);
    CHECK(*r0700.sl == 0.5);
    const auto& r0730 = row_at(rows, "1999-02-01T07:30");
    CHECK(r0730.answered_within_t == 1); // waits 25 s and 20 s: 20 s counts as within
    CHECK(*r0730.asa_s == 22.5);
    CHECK(*r0730.aht_s == 150.0);
    CHECK(row_at(rows, "1999-02-02T00:00").offered == 1);
    CHECK_FALSE(row_at(rows, "1999-02-01T12:00").sl.has_value()); // nothing offered: no rate

    const auto total = wfm::report::period_kpis(rows, wfm::report::kpi_period::total);
    REQUIRE(total.size() == 1);
    CHECK(total[0].offered == 5);
    CHECK(total[0].answered == 4);
    CHECK(total[0].abandoned == 1);
    CHECK(*total[0].sl == 0.6);
    CHECK(*total[0].answer_rate == 0.8);
    CHECK(*total[0].asa_s == 12.5);
    CHECK(*total[0].aht_s == 131.5);
    const auto days = wfm::report::period_kpis(rows, wfm::report::kpi_period::day);
    REQUIRE(days.size() == 2);
    CHECK(days[0].offered == 4);
    CHECK(days[1].offered == 1);
}

TEST_CASE("kpi: calls per agent-day from answered calls and the working span", "[kpi]") {
    const auto calls = wfm::io::read_call_log(kpi_fixture("anon_small.tsv"),
                                              wfm::io::call_log_format::anonymous_bank);
    const auto days = wfm::report::agent_days(calls, 8h, 0s); // no minimum span
    REQUIRE(days.size() == 2);                                // NO_SERVER is not an agent
    const auto& tova = days[1].agent == "TOVA" ? days[1] : days[0];
    CHECK(tova.answered == 2);
    CHECK(tova.span_s == 1384.0); // 07:40:35 to 08:03:39
    REQUIRE(tova.calls_per_agent_day);
    CHECK(*tova.calls_per_agent_day == Approx(2.0 / (1384.0 / 28800.0)));
}

TEST_CASE("kpi: calls per agent-day is n/a below the minimum working span", "[kpi]") {
    // Finding 7: one call in 0.005 h (18 s) gave 1,694 calls per agent-day.
    const auto at = std::chrono::local_seconds{wfm::parse_date("2026-03-02").time_since_epoch()};
    auto call = [&](std::chrono::seconds t, double handle, const char* agent) {
        wfm::call_record c;
        c.arrival = at + t;
        c.answered = true;
        c.handle_s = handle;
        c.agent = agent;
        return c;
    };
    const std::vector<wfm::call_record> calls{
        call(9h, 18, "brief"),                                     // span 18 s
        call(9h, 600, "hour"), call(9h + 50min, 600, "hour"),      // span exactly 1 h
        call(9h, 300, "almost"), call(9h + 54min, 359, "almost")}; // 1 s short of 1 h
    CHECK(wfm::report::min_working_span == 1h);
    std::map<std::string, wfm::report::agent_day> by;
    for (const auto& d : wfm::report::agent_days(calls, 8h)) {
        by[d.agent] = d;
    }
    REQUIRE(by.size() == 3);
    CHECK(by["brief"].span_s == 18.0);
    CHECK_FALSE(by["brief"].calls_per_agent_day.has_value());
    CHECK(by["brief"].answered == 1); // still counted
    CHECK(by["almost"].span_s == 3599.0);
    CHECK_FALSE(by["almost"].calls_per_agent_day.has_value());
    REQUIRE(by["hour"].calls_per_agent_day);
    CHECK(*by["hour"].calls_per_agent_day == Approx(2.0 * 8.0)); // 2 calls in 1/8 of a day
    // The minimum is a parameter: 18 s at a 10 s minimum is 1 call / (18 s / 8 h) = 1,600.
    const auto loose = wfm::report::agent_days({calls.front()}, 8h, 10s);
    REQUIRE(loose.front().calls_per_agent_day);
    CHECK(*loose.front().calls_per_agent_day == Approx(1600.0));
}

TEST_CASE("kpi: the generic log format with queue entry and answer times", "[kpi]") {
    auto calls =
        wfm::io::read_call_log(kpi_fixture("generic_small.csv"), wfm::io::call_log_format::generic);
    REQUIRE(calls.size() == 4); // the call that never reached the queue is dropped
    std::erase_if(calls, [](const auto& c) { return c.channel != "voice"; });
    const auto rows = wfm::report::interval_kpis(calls, wfm::interval_grid{30min}, 20s);
    const auto& r = row_at(rows, "2026-03-02T09:00");
    CHECK(r.offered == 3);
    CHECK(r.answered == 2);
    CHECK(r.answered_within_t == 1);
    CHECK(*r.asa_s == 22.5);
    CHECK(*r.aht_s == 210.0);
}

TEST_CASE("kpi: bad log rows are rejected with file, line, column and field", "[kpi]") {
    CHECK_THROWS_WITH(wfm::io::read_call_log(kpi_fixture("anon_bad_outcome.tsv"),
                                             wfm::io::call_log_format::anonymous_bank),
                      Catch::EndsWith("anon_bad_outcome.tsv:3:62: field 'outcome': expected AGENT, "
                                      "HANG or PHANTOM, found 'MAYBE'"));
    CHECK_THROWS_WITH(wfm::io::read_call_log(kpi_fixture("anon_bad_clock.tsv"),
                                             wfm::io::call_log_format::anonymous_bank),
                      Catch::EndsWith("anon_bad_clock.tsv:2:32: field 'vru_exit': expected a clock "
                                      "time h:mm:ss, found '7:2:56'"));
}

// Independent recount of the shared February 1999 log: a plain tab split and the counting rules
// written out again, compared with the library per 30-minute interval and for the month.
TEST_CASE("kpi: the Anonymous Bank month matches an independent recount", "[kpi][shared]") {
    const std::string& path = shared_log;
    WFM_REQUIRE_SHARED(path);
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    std::map<std::string, std::array<double, 3>> by_slot; // "yymmdd hh:mm" → offered, answered, ≤20
    std::array<double, 4> month{};                        // offered, answered, within, handle
    while (std::getline(in, line)) {
        const auto f = tsv_fields(line);
        REQUIRE(f.size() == 17);
        const bool answered = f[12] == "AGENT";
        const bool offered = answered || (f[12] == "HANG" && f[9] != "0:00:00");
        if (!offered) {
            continue;
        }
        const int h = std::stoi(f[7].substr(0, f[7].find(':')));
        const int m = std::stoi(f[7].substr(f[7].find(':') + 1, 2));
        const bool within = answered && std::stod(f[11]) <= 20.0;
        const std::string key = f[5] + " " + std::to_string(h * 60 + m / 30 * 30);
        auto& s = by_slot[key];
        s[0] += 1;
        s[1] += answered ? 1 : 0;
        s[2] += within ? 1 : 0;
        month[0] += 1;
        month[1] += answered ? 1 : 0;
        month[2] += within ? 1 : 0;
        month[3] += answered ? std::stod(f[15]) : 0.0;
    }
    const auto calls = wfm::io::read_call_log(path, wfm::io::call_log_format::anonymous_bank);
    const auto rows = wfm::report::interval_kpis(calls, wfm::interval_grid{30min}, 20s);
    std::size_t compared = 0;
    for (const auto& r : rows) {
        if (r.offered == 0) {
            continue;
        }
        const auto ymd = std::chrono::year_month_day{wfm::day_of(r.start)};
        const std::string key =
            fmt::format("{:02d}{:02d}{:02d} {}", static_cast<int>(ymd.year()) % 100,
                        static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                        wfm::minute_of_day(r.start));
        const auto it = by_slot.find(key);
        REQUIRE(it != by_slot.end());
        CHECK(r.offered == it->second[0]);
        CHECK(r.answered == it->second[1]);
        CHECK(r.answered_within_t == it->second[2]);
        ++compared;
    }
    CHECK(compared == by_slot.size());
    const auto total = wfm::report::period_kpis(rows, wfm::report::kpi_period::month);
    REQUIRE(total.size() == 1);
    CHECK(total[0].offered == month[0]);
    CHECK(total[0].answered == month[1]);
    CHECK(total[0].answered_within_t == month[2]);
    CHECK(*total[0].aht_s == Approx(month[3] / month[1]).epsilon(1e-12));
}

namespace {

using wfm::report::patience_estimate;

const patience_estimate& of_queue(const std::vector<patience_estimate>& all, const char* q) {
    for (const auto& e : all) {
        if (e.queue == q) {
            return e;
        }
    }
    FAIL("no queue " << q);
    return all.front();
}

// S(t) of a Kaplan–Meier curve: the survival after the last step at or before t.
double survival_at(const std::vector<wfm::report::survival_step>& curve, double t) {
    double s = 1.0;
    for (const auto& step : curve) {
        if (step.t_s > t) {
            break;
        }
        s = step.survival;
    }
    return s;
}

wfm::call_record waited(double wait, bool abandoned) {
    wfm::call_record c;
    c.answered = !abandoned;
    c.wait_s = wait;
    c.handle_s = abandoned ? 0.0 : 100.0;
    return c;
}

// Offered calls with waits in whole seconds 0..199, a third abandoned (fixed seed).
std::vector<wfm::call_record> random_waits(unsigned seed, std::size_t n) {
    std::mt19937 rng(seed);
    std::vector<wfm::call_record> calls;
    for (std::size_t i = 0; i < n; ++i) {
        calls.push_back(waited(static_cast<double>(rng() % 200), rng() % 3 == 0));
    }
    return calls;
}

} // namespace

TEST_CASE("kpi: patience per queue matches a hand computation", "[kpi][patience]") {
    const auto calls = wfm::io::read_call_log(kpi_fixture("patience_small.csv"),
                                              wfm::io::call_log_format::generic);
    const auto all = wfm::report::patience_by_queue(calls);
    REQUIRE(all.size() == 3);
    CHECK(all[0].queue == "cards"); // sorted by name
    // cards: answered (censored) at 5, 10, 10, 30, 60 s; abandoned at 10, 20, 40, 40 s.
    const auto& cards = of_queue(all, "cards");
    CHECK(cards.offered == 9);
    CHECK(cards.abandoned == 4);
    CHECK(cards.wait_s == 225.0);
    REQUIRE(cards.mean_mle_s);
    CHECK(*cards.mean_mle_s == 56.25); // 225 s waited / 4 abandons
    // Kaplan–Meier: S(10) = 7/8, S(20) = 7/8 · 4/5 = 0.7, S(40) = 0.7 · (1 − 2/3) ≈ 0.233.
    const auto curve = wfm::report::patience_survival(
        std::vector<wfm::call_record>(calls.begin(), calls.begin() + 9));
    REQUIRE(curve.size() == 3);
    CHECK(curve[0].t_s == 10.0);
    CHECK(curve[0].at_risk == 8.0); // the 5 s answer has left; the tie at 10 s is still at risk
    CHECK(curve[0].survival == Approx(0.875));
    CHECK(curve[1].survival == Approx(0.7));
    CHECK(curve[2].at_risk == 3.0);
    CHECK(curve[2].events == 2.0);
    CHECK(curve[2].survival == Approx(0.7 / 3.0));
    REQUIRE(cards.median_km_s);
    CHECK(*cards.median_km_s == 40.0);
    // retail: one abandon at 5 s, answers at 15 and 25 s: S stays at 2/3, no median.
    const auto& retail = of_queue(all, "retail");
    CHECK(*retail.mean_mle_s == 45.0);
    CHECK_FALSE(retail.median_km_s.has_value());
    // wealth: nobody abandoned: neither estimate exists.
    const auto& wealth = of_queue(all, "wealth");
    CHECK(wealth.offered == 2);
    CHECK_FALSE(wealth.mean_mle_s.has_value());
    CHECK_FALSE(wealth.median_km_s.has_value());
}

TEST_CASE("kpi: the Anonymous Bank type column is the queue", "[kpi][patience]") {
    const auto calls = wfm::io::read_call_log(kpi_fixture("anon_small.tsv"),
                                              wfm::io::call_log_format::anonymous_bank);
    const auto all = wfm::report::patience_by_queue(calls);
    REQUIRE(all.size() == 2);
    // PS: answered at once (wait 0), abandoned after 35 s, answered after 5 s.
    const auto& ps = of_queue(all, "PS");
    CHECK(ps.offered == 3);
    CHECK(ps.abandoned == 1);
    CHECK(*ps.mean_mle_s == 40.0);
    CHECK(*ps.median_km_s == 35.0); // the last one waiting abandoned: S drops to 0
    const auto& nw = of_queue(all, "NW");
    CHECK(nw.abandoned == 0);
    CHECK_FALSE(nw.mean_mle_s.has_value());
}

TEST_CASE("kpi: Kaplan-Meier without censoring is the empirical survival", "[kpi][patience]") {
    std::vector<wfm::call_record> calls;
    for (double w : {12.0, 3.0, 7.0, 7.0, 30.0}) {
        calls.push_back(waited(w, true));
    }
    const auto curve = wfm::report::patience_survival(calls);
    for (double t : {0.0, 3.0, 5.0, 7.0, 12.0, 29.0, 30.0}) {
        const auto longer =
            std::count_if(calls.begin(), calls.end(), [&](const auto& c) { return c.wait_s > t; });
        CHECK(survival_at(curve, t) == Approx(static_cast<double>(longer) / 5.0).margin(1e-12));
    }
    const auto e = wfm::report::estimate_patience(calls);
    CHECK(*e.median_km_s == 7.0);               // the sample median of 3, 7, 7, 12, 30
    CHECK(*e.mean_mle_s == Approx(59.0 / 5.0)); // no censoring: the sample mean
}

TEST_CASE("kpi: censoring an abandon or waiting longer never lowers the patience estimates",
          "[kpi][patience]") {
    for (unsigned seed : {1u, 2u, 3u}) {
        const auto calls = random_waits(seed, 400);
        const auto base = wfm::report::patience_survival(calls);
        const auto base_e = wfm::report::estimate_patience(calls);
        REQUIRE(base_e.median_km_s);
        for (std::size_t k = 0; k < calls.size(); k += 37) {
            auto censored = calls;
            censored[k].answered = true; // an abandon becomes an answer at the same wait
            auto longer = calls;
            if (longer[k].answered) {
                longer[k].wait_s += 50; // an answered caller waited longer
            }
            for (const auto& changed : {censored, longer}) {
                const auto curve = wfm::report::patience_survival(changed);
                for (double t = 0; t < 260; t += 1) {
                    CHECK(survival_at(curve, t) >= survival_at(base, t) - 1e-12);
                }
                const auto e = wfm::report::estimate_patience(changed);
                CHECK((!e.median_km_s || *e.median_km_s >= *base_e.median_km_s));
                CHECK((!e.mean_mle_s || *e.mean_mle_s >= *base_e.mean_mle_s));
            }
        }
        // S is a non-increasing step function in [0, 1].
        for (std::size_t i = 1; i < base.size(); ++i) {
            CHECK(base[i].survival <= base[i - 1].survival);
            CHECK(base[i].survival >= 0.0);
        }
    }
}

TEST_CASE("kpi: both estimates recover an exponential patience under censoring",
          "[kpi][patience]") {
    // Patience ~ Exp(mean 120 s), time to answer ~ Exp(mean 60 s), independent: the wait is the
    // smaller, abandoned when patience runs out first. The mean is 120 s, the median 120 ln 2.
    std::mt19937 rng(20260907);
    std::exponential_distribution<double> patience(1.0 / 120.0);
    std::exponential_distribution<double> answer(1.0 / 60.0);
    std::vector<wfm::call_record> calls;
    for (int i = 0; i < 40000; ++i) {
        const double p = patience(rng);
        const double a = answer(rng);
        calls.push_back(waited(std::min(p, a), p < a));
    }
    const auto e = wfm::report::estimate_patience(calls);
    CHECK(e.abandoned == Approx(40000.0 / 3.0).epsilon(0.03)); // P(p < a) = 60 / 180
    CHECK(*e.mean_mle_s == Approx(120.0).epsilon(0.03));
    CHECK(*e.median_km_s == Approx(120.0 * std::log(2.0)).epsilon(0.05));
}

// Independent per-queue recount on the shared log: a plain parse, the MLE from sums and the
// Kaplan–Meier median from at-risk counts taken afresh at every abandon time.
TEST_CASE("kpi: the Anonymous Bank patience per queue matches an independent computation",
          "[kpi][patience][shared]") {
    WFM_REQUIRE_SHARED(shared_log);
    std::map<std::string, std::vector<std::pair<double, bool>>> by_type; // (wait, abandoned)
    std::ifstream in(shared_log);
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
        const auto f = tsv_fields(line);
        REQUIRE(f.size() == 17);
        const bool abandoned = f[12] == "HANG" && f[9] != "0:00:00";
        if (f[12] == "AGENT" || abandoned) {
            by_type[f[4]].emplace_back(std::stod(f[11]), abandoned);
        }
    }
    const auto all = wfm::report::patience_by_queue(
        wfm::io::read_call_log(shared_log, wfm::io::call_log_format::anonymous_bank));
    REQUIRE(all.size() == by_type.size());
    for (const auto& [type, waits] : by_type) {
        INFO("queue " << type);
        double total = 0;
        double abandons = 0;
        std::set<double> times;
        for (const auto& [w, a] : waits) {
            total += w;
            abandons += a ? 1 : 0;
            if (a) {
                times.insert(w);
            }
        }
        std::optional<double> median;
        double s = 1.0;
        for (const double t : times) {
            double at_risk = 0;
            double events = 0;
            for (const auto& [w, a] : waits) {
                at_risk += w >= t ? 1 : 0;
                events += a && w == t ? 1 : 0;
            }
            s *= 1.0 - events / at_risk;
            if (s <= 0.5 + 1e-12) {
                median = t;
                break;
            }
        }
        const auto& e = of_queue(all, type.c_str());
        CHECK(e.offered == static_cast<double>(waits.size()));
        CHECK(e.abandoned == abandons);
        if (abandons > 0) {
            REQUIRE(e.mean_mle_s);
            CHECK(*e.mean_mle_s == Approx(total / abandons).epsilon(1e-12));
        }
        CHECK(e.median_km_s == median);
    }
    const auto& ps = of_queue(all, "PS"); // the retail queue holds most calls and abandons
    CHECK(ps.abandoned > 1000);
    CHECK(*ps.mean_mle_s > 60.0);
}
