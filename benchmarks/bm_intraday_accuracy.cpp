// Intraday reforecast accuracy on the US bank 2003 data at 30 minutes: the rest-of-day MAE of
// forecast::reforecast_day against (a) the day-ahead forecast it updates (`auto`, origin at the
// day's midnight) and (b) the 4-week same-slot average (avg4 from the same midnight), with the
// coverage of its 80% intervals, at cut-offs 10:00, 13:00 and 16:00.
//
//   bm_intraday_accuracy [shared-dir] [--tune]
//
// Evaluation: every weekday of the last 8 weeks in the file (2003-06-02 ... 07-25). Tuning: the
// 8 weeks before them (2003-04-07 ... 05-30); --tune prints the grids the defaults of
// intraday_options were chosen from, on those weeks only. Also prints the time of one
// reforecast_day with a precomputed day-ahead forecast, one queue-day at 15 minutes.
#include "us_bank_holidays.hpp"

#include <wfm/forecast/intraday.hpp>
#include <wfm/io/series_csv.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

namespace {

using namespace std::chrono_literals;
namespace fc = wfm::forecast;

struct day_case {
    wfm::timestamp midnight;
    fc::forecast_result day_ahead;
    wfm::time_series avg4;
    wfm::time_series past; // past_day_aheads for up to 20 calibration days
};

using wfm::bench::us_holidays;

// Weekdays with data in the `weeks` weeks starting `first_monday`.
std::vector<day_case> days_of(const wfm::time_series& s, wfm::local_date first_monday, int weeks) {
    std::vector<day_case> out;
    fc::forecast_options fo;
    fo.horizon = std::chrono::days{1};
    fo.calendar = us_holidays();
    for (int d = 0; d < 7 * weeks; ++d) {
        const wfm::timestamp m{(first_monday + std::chrono::days{d}).time_since_epoch()};
        const auto i = s.index_of(m + 12h);
        if (wfm::weekday_index(m) >= 5 || !i || !s.observed(*i)) {
            continue;
        }
        auto day = fc::forecast(s, m, fo);
        fc::intraday_options io;
        io.calibration_days = 20;
        io.day_ahead.calendar = us_holidays();
        auto past = fc::past_day_aheads(s, m, day.method, io);
        out.push_back({m, std::move(day),
                       fc::point_forecast(s, m, std::chrono::days{1}, fc::method::parse("avg4"),
                                          us_holidays()),
                       std::move(past)});
    }
    return out;
}

struct score {
    double upd = 0.0; // absolute errors summed
    double day = 0.0;
    double avg = 0.0;
    double covered = 0.0;
    double width = 0.0;
    double points = 0.0;
    std::vector<double> day_ratio; // per day: updated MAE / day-ahead MAE
    std::vector<double> avg_ratio; // per day: updated MAE / avg4 MAE
};

double value_at(const wfm::time_series& f, wfm::timestamp t) {
    const auto i = f.index_of(t);
    return i && f.observed(*i) ? f.value(*i) : 0.0;
}

void score_day(const wfm::time_series& s, const day_case& c, std::chrono::minutes cut,
               const fc::intraday_options& o, score& sc) {
    const wfm::timestamp now = c.midnight + cut;
    const auto r = fc::reforecast_day(s, now, o);
    double u = 0.0;
    double d = 0.0;
    double a = 0.0;
    for (std::size_t i = 0; i < r.point.size(); ++i) {
        const auto k = s.index_of(r.point.time_at(i));
        if (!r.point.observed(i) || !k || !s.observed(*k)) {
            continue;
        }
        const double y = s.value(*k);
        u += std::abs(y - r.point.value(i));
        d += std::abs(y - r.day_ahead.value(i));
        a += std::abs(y - value_at(c.avg4, r.point.time_at(i)));
        sc.covered += (y >= r.lower.value(i) && y <= r.upper.value(i)) ? 1.0 : 0.0;
        sc.width += r.upper.value(i) - r.lower.value(i);
        sc.points += 1.0;
    }
    sc.upd += u;
    sc.day += d;
    sc.avg += a;
    sc.day_ratio.push_back(u / d);
    sc.avg_ratio.push_back(u / a);
}

score score_all(const wfm::time_series& s, const std::vector<day_case>& days,
                std::chrono::minutes cut, fc::intraday_options o) {
    score sc;
    o.day_ahead.calendar = us_holidays();
    for (const auto& c : days) {
        o.precomputed = c.day_ahead;
        o.precomputed_past = c.past;
        score_day(s, c, cut, o, sc);
    }
    return sc;
}

double pct(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    const double pos = p * static_cast<double>(v.size() - 1);
    const auto lo = static_cast<std::size_t>(pos);
    const auto hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

constexpr std::chrono::minutes cuts[] = {10h, 13h, 16h};

void print_table(const std::string& title, const wfm::time_series& s,
                 const std::vector<day_case>& days, const fc::intraday_options& o) {
    fmt::print("\n{} ({} days)\n", title, days.size());
    fmt::print("{:<6} {:>8} {:>8} {:>8} {:>8} {:>8} {:>22} {:>8} {:>22} {:>6} {:>7}\n", "cut",
               "MAE upd", "MAE day", "MAE avg4", "upd/day", "upd/avg4", "per day upd/day p10-p90",
               "", "per day upd/avg4 p10-p90", "cov%", "width");
    for (const auto cut : cuts) {
        const auto sc = score_all(s, days, cut, o);
        fmt::print(
            "{:<6} {:>8.2f} {:>8.2f} {:>8.2f} {:>8.3f} {:>8.3f} {:>8.3f} ({:>5.3f}-{:>5.3f}) "
            "{:>8} {:>8.3f} ({:>5.3f}-{:>5.3f}) {:>6.1f} {:>7.1f}\n",
            fmt::format("{:02}:00", cut.count() / 60), sc.upd / sc.points, sc.day / sc.points,
            sc.avg / sc.points, sc.upd / sc.day, sc.upd / sc.avg, pct(sc.day_ratio, 0.5),
            pct(sc.day_ratio, 0.1), pct(sc.day_ratio, 0.9), "", pct(sc.avg_ratio, 0.5),
            pct(sc.avg_ratio, 0.1), pct(sc.avg_ratio, 0.9), 100.0 * sc.covered / sc.points,
            sc.width / sc.points);
    }
    fmt::print("(per-day columns: median (10th-90th percentile) of the day's ratio)\n");
}

void tune_point(const wfm::time_series& s, const std::vector<day_case>& days) {
    fmt::print("\nTuning weeks: rest-of-day MAE / day-ahead MAE at 10:00 | 13:00 | 16:00\n");
    const double inf = std::numeric_limits<double>::infinity();
    for (const double decay : {inf, 2.0, 4.0, 6.0, 8.0, 12.0}) {
        for (const double hl : {inf, 2.0, 1.0, 0.5, 0.25}) {
            for (const double share : {0.005, 0.01, 0.02, 0.03, 0.05, 0.1}) {
                fc::intraday_options o;
                o.half_life_hours = hl;
                o.prior_share = share;
                o.lead_decay_hours = decay;
                o.calibration_days = 0; // the points do not depend on it
                fmt::print("lead decay {:>4}h half-life {:>4}h prior_share {:>5.3f}:", decay, hl,
                           share);
                for (const auto cut : cuts) {
                    const auto sc = score_all(s, days, cut, o);
                    fmt::print(" {:.3f}", sc.upd / sc.day);
                }
                fmt::print("\n");
            }
        }
    }
}

// The ceiling of a level-only update: the day-ahead forecast scaled by the rest of the day's
// true total (known only afterwards).
void oracle(const wfm::time_series& s, const std::vector<day_case>& days) {
    fmt::print("\nOracle level (rest-of-day total known): MAE / day-ahead MAE at 10 | 13 | 16\n");
    for (const auto cut : cuts) {
        double u = 0.0;
        double d = 0.0;
        for (const auto& c : days) {
            fc::intraday_options o;
            o.precomputed = c.day_ahead;
            const auto rest = fc::reforecast_day(s, c.midnight + cut, o);
            std::vector<std::pair<double, double>> fa; // {day-ahead, actual}
            double sa = 0.0;
            double sf = 0.0;
            for (std::size_t i = 0; i < rest.day_ahead.size(); ++i) {
                const auto k = s.index_of(rest.day_ahead.time_at(i));
                if (rest.day_ahead.observed(i) && k && s.observed(*k)) {
                    fa.emplace_back(rest.day_ahead.value(i), s.value(*k));
                    sf += fa.back().first;
                    sa += fa.back().second;
                }
            }
            for (const auto& [f, a] : fa) {
                u += std::abs(a - f * sa / sf);
                d += std::abs(a - f);
            }
        }
        fmt::print(" {:.3f}", u / d);
    }
    fmt::print("\n");
}

void tune_svd(const wfm::time_series& s, const std::vector<day_case>& days) {
    fmt::print("\nTuning weeks, SVD score update: rest-of-day MAE / day-ahead MAE at 10:00 | "
               "13:00 | 16:00\n");
    for (const int k : {1, 2, 3, 4}) {
        for (const double pen : {0.3, 1.0, 3.0, 10.0, 30.0, 100.0}) {
            for (const int nd : {20, 60}) {
                fc::intraday_options o;
                o.svd_components = k;
                o.svd_penalty = pen;
                o.svd_days = nd;
                fmt::print("components {} penalty {:>5} days {:>3}:", k, pen, nd);
                for (const auto cut : cuts) {
                    const auto sc = score_all(s, days, cut, o);
                    fmt::print(" {:.3f}", sc.upd / sc.day);
                }
                fmt::print("\n");
            }
        }
    }
}

void tune_intervals(const wfm::time_series& s, const std::vector<day_case>& days) {
    fmt::print("\nTuning weeks, conformal band: 80% coverage (mean width) at 10:00 | 13:00 | "
               "16:00\n");
    for (const int n : {5, 10, 15, 20}) {
        fc::intraday_options o;
        o.calibration_days = n;
        fmt::print("calibration_days {:>2}:", n);
        for (const auto cut : cuts) {
            const auto sc = score_all(s, days, cut, o);
            fmt::print(" {:5.1f} ({:5.1f})", 100.0 * sc.covered / sc.points, sc.width / sc.points);
        }
        fmt::print("\n");
    }
    fmt::print("\nTuning weeks, band from the day-ahead interval (calibration_days 0): 80% "
               "coverage at 10:00 | 13:00 | 16:00\n");
    for (const double shape : {0.3, 0.5, 0.7, 0.9}) {
        for (const double scale : {1.0, 1.1, 1.2, 1.3, 1.4, 1.5}) {
            fc::intraday_options o;
            o.shape_share = shape;
            o.interval_scale = scale;
            o.calibration_days = 0;
            fmt::print("shape_share {:>4.2f} interval_scale {:>3.1f}:", shape, scale);
            for (const auto cut : cuts) {
                const auto sc = score_all(s, days, cut, o);
                fmt::print(" {:5.1f}", 100.0 * sc.covered / sc.points);
            }
            fmt::print("\n");
        }
    }
}

void time_one(const wfm::time_series& calls) {
    const auto s15 = wfm::aggregate_sum(calls, wfm::interval_grid{15min});
    const auto last = wfm::day_of(s15.time_at(s15.size() - 1));
    const wfm::timestamp m{last.time_since_epoch()};
    fc::intraday_options o;
    o.day_ahead.horizon = std::chrono::days{1};
    const auto t0 = std::chrono::steady_clock::now();
    o.precomputed = fc::forecast(s15, m, o.day_ahead);
    const auto t1 = std::chrono::steady_clock::now();
    constexpr int reps = 10;
    double sink = 0.0;
    for (int k = 0; k < reps; ++k) {
        sink += fc::reforecast_day(s15, m + 12h, o).factor;
    }
    const auto t2 = std::chrono::steady_clock::now();
    o.precomputed_past = fc::past_day_aheads(s15, m, o.precomputed->method, o);
    const auto t3 = std::chrono::steady_clock::now();
    constexpr int reps_past = 100;
    for (int k = 0; k < reps_past; ++k) {
        sink += fc::reforecast_day(s15, m + 12h, o).factor;
    }
    const auto t4 = std::chrono::steady_clock::now();
    using ms = std::chrono::duration<double, std::milli>;
    fmt::print("\n15 min, {}: day-ahead forecast (auto) {:.1f} ms; reforecast_day with it "
               "precomputed {:.3f} ms (mean of {}); past_day_aheads {:.1f} ms; reforecast_day "
               "with both precomputed {:.3f} ms (mean of {}, factor {:.3f})\n",
               wfm::format_date(last), ms(t1 - t0).count(), ms(t2 - t1).count() / reps, reps,
               ms(t3 - t2).count(), ms(t4 - t3).count() / reps_past, reps_past,
               sink / (reps + reps_past));
}

// Every day's day-ahead forecast, interval, avg4 and actual per interval, as CSV (for analysis
// outside the program): period,date,interval_start,actual,day_ahead,lower,upper,avg4.
void dump(const wfm::time_series& s, const std::vector<day_case>& days, const char* period,
          std::FILE* out) {
    for (const auto& c : days) {
        const auto& f = c.day_ahead;
        for (std::size_t i = 0; i < f.point.size(); ++i) {
            const auto t = f.point.time_at(i);
            const auto k = s.index_of(t);
            if (!f.point.observed(i) || t >= c.midnight + std::chrono::days{1}) {
                continue;
            }
            const bool seen = k && s.observed(*k);
            fmt::print(out, "{},{},{},{},{},{},{},{}\n", period, wfm::format_date(wfm::day_of(t)),
                       wfm::format_timestamp(t), seen ? fmt::format("{}", s.value(*k)) : "",
                       f.point.value(i), f.lower.value(i), f.upper.value(i), value_at(c.avg4, t));
        }
    }
}

} // namespace

int main(int argc, char** argv) {
    bool tune = false;
    const char* dump_file = nullptr;
    std::filesystem::path shared = WFM_SHARED_DIR;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--tune") == 0) {
            tune = true;
        } else if (std::strcmp(argv[i], "--dump") == 0 && i + 1 < argc) {
            dump_file = argv[++i];
        } else {
            shared = argv[i];
        }
    }
    const auto us_bank = shared / "data" / "us_bank_2003_5min.csv";
    if (!std::filesystem::exists(us_bank)) {
        fmt::print(stderr, "bm_intraday_accuracy: {} not found\n", us_bank.string());
        return 1;
    }
    wfm::io::series_read_options ro;
    ro.columns = {"calls"};
    const auto calls = wfm::io::read_series_csv(us_bank, ro).at("calls");
    const auto s = wfm::aggregate_sum(calls, wfm::interval_grid{30min});
    const auto last_monday = wfm::week_start(wfm::day_of(s.time_at(s.size() - 1)));
    const auto eval_start = last_monday - std::chrono::days{7 * 7};
    const auto tune_start = eval_start - std::chrono::days{7 * 8};
    const auto tuning = days_of(s, tune_start, 8);
    if (dump_file != nullptr) {
        std::FILE* out = std::fopen(dump_file, "w");
        if (out == nullptr) {
            fmt::print(stderr, "bm_intraday_accuracy: cannot write {}\n", dump_file);
            return 1;
        }
        fmt::print(out, "period,date,interval_start,actual,day_ahead,lower,upper,avg4\n");
        dump(s, tuning, "tuning", out);
        dump(s, days_of(s, eval_start, 8), "evaluation", out);
        std::fclose(out);
        return 0;
    }
    if (tune) {
        tune_point(s, tuning);
        tune_svd(s, tuning);
        oracle(s, tuning);
        tune_intervals(s, tuning);
        return 0;
    }
    const fc::intraday_options defaults;
    print_table(fmt::format("Tuning weeks {} ... (8 weeks), 30 min, 80% intervals",
                            wfm::format_date(tune_start)),
                s, tuning, defaults);
    const auto evaluation = days_of(s, eval_start, 8);
    print_table(fmt::format("Evaluation weeks {} ... (last 8 weeks), 30 min, 80% intervals",
                            wfm::format_date(eval_start)),
                s, evaluation, defaults);
    time_one(calls);
    return 0;
}
