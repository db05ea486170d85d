// wfm review's computation: accuracy against hand-computed values, the SL decomposition's parts
// adding up to the miss, and the anomaly flags of the prediction interval.
#include <wfm/io/review.hpp>
#include <wfm/plan/plan.hpp>
#include <wfm/plan/review.hpp>

#include <catch2/catch.hpp>

#include <random>

namespace {

using namespace wfm;

const local_date monday = parse_date("2026-11-02");

// A queue planned on four 15-minute intervals from 09:00 (forecast 10, 20, 30, 40, band ±20 %,
// AHT 180 s), its predicted outcome from the queue model at the scheduled coverage.
plan::review_queue_input fixture_queue(const std::vector<double>& scheduled) {
    plan::review_queue_input q;
    q.settings.name = "voice";
    q.settings.aht = erlang::seconds_d{180};
    q.plan.name = "voice";
    for (std::size_t i = 0; i < scheduled.size(); ++i) {
        report::interval_outcome o;
        o.start = monday + std::chrono::minutes{540 + 15 * static_cast<int>(i)};
        o.volume = 10.0 * static_cast<double>(i + 1);
        o.volume_lower = 0.8 * o.volume;
        o.volume_upper = 1.2 * o.volume;
        o.aht_s = 180;
        o.scheduled = scheduled[i];
        plan::predict_interval(o, q.settings, o.scheduled, std::chrono::minutes{15});
        q.plan.intervals.push_back(o);
    }
    return q;
}

plan::review_input input_of(plan::review_queue_input q) {
    plan::review_input in;
    in.week_start = monday;
    in.grid = interval_grid{std::chrono::minutes{15}};
    in.queues.push_back(std::move(q));
    return in;
}

report::kpi_row row(const report::interval_outcome& o, double offered, double aht_s,
                    double within_share) {
    report::kpi_row k;
    k.start = o.start;
    k.offered = offered;
    k.answered = offered;
    k.answered_within_t = offered * within_share;
    k.aht_s = aht_s;
    k.asa_s = 10;
    return k;
}

void require_parts_add_up(const plan::review_period& p) {
    const auto d = plan::decompose(p.outcome);
    REQUIRE(d);
    CHECK(d->volume + d->aht + d->remainder == Approx(d->total()).margin(1e-12));
    CHECK(d->total() == Approx(*p.outcome.sl_actual() - *p.outcome.sl_predicted()).margin(1e-12));
}

} // namespace

TEST_CASE("review WAPE bias and band flags match hand-computed values on the fixture", "[review]") {
    auto q = fixture_queue({4, 6, 8, 10});
    const std::string path = std::string{WFM_SOURCE_DIR} + "/tests/data/review/actuals.csv";
    const auto actuals = io::read_review_actuals({"", path}, {"voice"}, monday);
    q.actuals = actuals.at("voice");
    const auto r = plan::review_week(input_of(q));
    REQUIRE(r.queues.size() == 1);
    const auto& v = r.queues[0];
    REQUIRE(v.intervals.size() == 4); // the Sunday row before the week is ignored
    const auto& a = v.week.accuracy;
    // |e| = 2 + 2 + 10 + 0 = 14 over 110 offered; forecast 100.
    CHECK(*a.wape() == Approx(14.0 / 110.0));
    CHECK(*a.bias() == Approx(-10.0 / 110.0));
    // AHT answered-weighted: Σ ans·|180 − aht| = 12·20 + 17·0 + 36·10 + 40·30 = 1800;
    // Σ ans·aht = 2400 + 3060 + 6840 + 6000 = 18300.
    CHECK(*a.aht_wape() == Approx(1800.0 / 18300.0));
    CHECK(*a.aht_bias() == Approx((105.0 * 180.0 - 18300.0) / 18300.0));
    // Band [0.8 f, 1.2 f]: only 40 > 36 lies outside; 12 = 1.2 × 10 is on the edge, inside.
    std::vector<int> flags;
    for (const auto& x : v.intervals) {
        flags.push_back(x.outside);
    }
    CHECK(flags == std::vector<int>{0, 0, 1, 0});
    // Measured SL over offered: (10 + 15 + 20 + 38) / 110.
    CHECK(*v.week.outcome.sl_actual() == Approx(83.0 / 110.0));
    CHECK(*v.week.outcome.abandon_actual() == Approx(5.0 / 110.0));
    require_parts_add_up(v.week);
}

TEST_CASE("review decomposition parts add up to the SL miss over queues and days", "[review]") {
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> u(0.6, 1.5);
    for (int trial = 0; trial < 20; ++trial) {
        auto q = fixture_queue({3.0 + trial % 3, 5, 7.0 + trial % 4, 9});
        for (const auto& o : q.plan.intervals) {
            q.actuals.push_back(row(o, std::round(o.volume * u(rng)), 180 * u(rng), 0.5 * u(rng)));
        }
        const auto r = plan::review_week(input_of(q));
        for (const auto& d : r.queues[0].days) {
            require_parts_add_up(d);
        }
        require_parts_add_up(r.queues[0].week);
        require_parts_add_up(r.week);
    }
}

TEST_CASE("review with actual volume and AHT as planned leaves the whole miss to execution",
          "[review]") {
    auto q = fixture_queue({4, 6, 8, 10});
    for (const auto& o : q.plan.intervals) {
        q.actuals.push_back(row(o, o.volume, o.aht_s, 0.5));
    }
    const auto r = plan::review_week(input_of(q));
    const auto d = plan::decompose(r.queues[0].week.outcome);
    REQUIRE(d);
    CHECK(d->volume == Approx(0.0).margin(1e-12));
    CHECK(d->aht == Approx(0.0).margin(1e-12));
    CHECK(d->remainder == Approx(d->total()).margin(1e-12));
    CHECK(d->actual == Approx(0.5));
    CHECK(d->total() < 0.0); // the model predicts more than half answered within 20 s
    CHECK(*r.queues[0].week.accuracy.wape() == Approx(0.0).margin(1e-12));
}

TEST_CASE("review flags a slot recurring outside the band on three days", "[review]") {
    plan::review_queue_input q;
    q.settings.name = "voice";
    q.settings.aht = erlang::seconds_d{180};
    q.plan.name = "voice";
    for (int day = 0; day < 4; ++day) {
        for (int slot = 0; slot < 2; ++slot) {
            report::interval_outcome o;
            o.start = monday + std::chrono::days{day} + std::chrono::minutes{600 + 15 * slot};
            o.volume = 20;
            o.volume_lower = 15;
            o.volume_upper = 25;
            o.aht_s = 180;
            o.scheduled = 8;
            plan::predict_interval(o, q.settings, o.scheduled, std::chrono::minutes{15});
            q.plan.intervals.push_back(o);
            // 10:00 runs 25 % high on days 0-2; 10:15 is as forecast.
            q.actuals.push_back(row(o, slot == 0 && day < 3 ? 26 : 20, 180, 0.8));
        }
    }
    const auto r = plan::review_week(input_of(q));
    REQUIRE(r.recurring.size() == 1);
    CHECK(r.recurring[0].minute == 600);
    CHECK(r.recurring[0].direction == 1);
    CHECK(r.recurring[0].days.size() == 3);
    CHECK(r.recurring[0].excess == Approx(0.3));
}
