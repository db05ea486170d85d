// Forecast accuracy on real bank data: rolling-origin backtest of every method, printed as a
// table with ratios to the seasonal naive and the 4-week average, plus fit times.
//
//   bm_forecast_accuracy [shared-dir]
//
// US bank 2003 (5-minute arrivals, weekdays 07:00-21:00) at 30 and 15 minutes: origins every
// Monday of the last 8 weeks in the file, 1-5 days ahead. Anonymous Bank, February 1999 (a
// per-call log, 7-day week, nights near zero) aggregated to 30 minutes as `wfm kpi` does: the
// file holds only four weeks, so origins are the ten midnights 1999-02-15 ... 02-24, 1-5 days
// ahead (cut at the end of the month). Fit time: one forecast (fit, `auto` selection and
// interval calibration included) on a year of 15-minute history.
#include <wfm/forecast/backtest.hpp>
#include <wfm/io/call_log.hpp>
#include <wfm/io/series_csv.hpp>
#include <wfm/report/kpi.hpp>

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace {

using namespace std::chrono_literals;
namespace fc = wfm::forecast;

std::vector<wfm::timestamp> mondays(const wfm::time_series& s, int weeks) {
    const auto last_day = wfm::day_of(s.time_at(s.size() - 1));
    auto monday = wfm::week_start(last_day);
    std::vector<wfm::timestamp> out;
    for (int k = weeks - 1; k >= 0; --k) {
        out.push_back(wfm::timestamp{monday - std::chrono::days{7 * k}});
    }
    return out;
}

void print_table(const std::string& title, const fc::backtest_result& r) {
    const fc::method_accuracy* snaive = nullptr;
    const fc::method_accuracy* avg4 = nullptr;
    for (const auto& m : r.methods) {
        if (m.method.name() == "snaive") {
            snaive = &m;
        } else if (m.method.name() == "avg4") {
            avg4 = &m;
        }
    }
    fmt::print("\n{} ({} origins)\n", title, r.origins.size());
    fmt::print("{:<10} {:>9} {:>9} {:>7} {:>6} {:>7} {:>6} {:>9} {:>9} {:>9}\n", "method", "MAE",
               "RMSE", "WAPE%", "MASE", "bias%", "cov%", "MAE/snv", "MAE/avg4", "fit ms");
    for (const auto& m : r.methods) {
        const auto& a = m.overall;
        fmt::print("{:<10} {:>9.2f} {:>9.2f} {:>7.2f} {:>6.3f} {:>7.2f} {:>6.1f} {:>9.3f} {:>9.3f} "
                   "{:>9.1f}\n",
                   m.method.name(), a.mae, a.rmse, 100 * a.wape, a.mase, 100 * a.bias,
                   100 * a.coverage, a.mae / snaive->overall.mae, a.mae / avg4->overall.mae,
                   1000 * m.fit_seconds);
    }
    fmt::print("MAE / avg4 MAE by lead day:\n{:<10}", "method");
    for (std::size_t d = 0; d < r.methods.front().by_lead_day.size(); ++d) {
        fmt::print(" {:>7}", fmt::format("day {}", d + 1));
    }
    fmt::print("\n");
    for (const auto& m : r.methods) {
        fmt::print("{:<10}", m.method.name());
        for (std::size_t d = 0; d < m.by_lead_day.size(); ++d) {
            fmt::print(" {:>7.3f}", m.by_lead_day[d].mae / avg4->by_lead_day[d].mae);
        }
        fmt::print("\n");
    }
}

// A year of 15-minute history: the 21 weeks of the file repeated back to back.
wfm::time_series year_of(const wfm::time_series& s15) {
    const auto week = std::chrono::days{7};
    const auto first = wfm::timestamp{wfm::week_start(wfm::day_of(s15.start()))};
    const auto weeks_in = (s15.end() - first) / week;
    wfm::time_series out{s15.grid(), first, static_cast<std::size_t>(52 * 7 * 96)};
    for (std::size_t i = 0; i < out.size(); ++i) {
        const auto t = out.time_at(i);
        const auto src = first + (t - first) % (week * weeks_in);
        if (const auto j = s15.index_of(src)) {
            if (s15.observed(*j)) {
                out.set(i, s15.value(*j));
            } else if (s15.state(*j) == wfm::slot_state::missing) {
                out.set_missing(i);
            }
        }
    }
    return out;
}

} // namespace

int main(int argc, char** argv) {
    const std::filesystem::path shared = argc > 1 ? argv[1] : WFM_SHARED_DIR;
    const auto us_bank = shared / "data" / "us_bank_2003_5min.csv";
    if (!std::filesystem::exists(us_bank)) {
        fmt::print(stderr, "bm_forecast_accuracy: {} not found\n", us_bank.string());
        return 1;
    }
    wfm::io::series_read_options ro;
    ro.columns = {"calls"};
    const auto table = wfm::io::read_series_csv(us_bank, ro);
    const auto& calls = table.at("calls");

    fc::backtest_options bo;
    bo.horizon = std::chrono::days{5};
    for (int minutes : {30, 15}) {
        const auto s = wfm::aggregate_sum(calls, wfm::interval_grid{std::chrono::minutes{minutes}});
        auto methods = fc::default_methods();
        methods.push_back(fc::method::parse("auto"));
        bo.methods = methods;
        const auto origins = mondays(s, 8);
        const auto r = fc::backtest(s, origins, bo);
        print_table(fmt::format("US bank 2003, {} min, 1-5 days ahead, 80% intervals", minutes), r);
    }

    const auto anon = shared / "data" / "anonymous_bank_1999_02_calls.tsv";
    if (std::filesystem::exists(anon)) {
        const wfm::interval_grid grid{30min};
        const auto calls_log =
            wfm::io::read_call_log(anon, wfm::io::call_log_format::anonymous_bank);
        const auto kpi = wfm::report::to_series(
            wfm::report::interval_kpis(calls_log, grid, std::chrono::seconds{20}), grid);
        std::vector<wfm::timestamp> origins;
        for (int day = 15; day <= 24; ++day) {
            origins.push_back(wfm::timestamp{wfm::local_date{std::chrono::year{1999} / 2 / day}});
        }
        auto methods = fc::default_methods();
        methods.push_back(fc::method::parse("auto"));
        bo.methods = methods;
        const auto r = fc::backtest(kpi.offered, origins, bo);
        print_table("Anonymous Bank 1999-02 offered calls, 30 min, daily origins 02-15..02-24, "
                    "1-5 days ahead, 80% intervals",
                    r);
    } else {
        fmt::print("\n{} not found: Anonymous Bank part skipped\n", anon.string());
    }

    // Fit time on a year of 15-minute history.
    const auto year = year_of(wfm::aggregate_sum(calls, wfm::interval_grid{15min}));
    fmt::print("\nFit time, one forecast on a year of 15-minute history ({} intervals), 7 days "
               "ahead,\nincluding interval calibration (8 weekly in-history backtests):\n",
               year.size());
    auto all = fc::default_methods();
    all.push_back(fc::method::parse("auto"));
    for (const auto& m : all) {
        fc::forecast_options fo;
        fo.method = m;
        const auto t0 = std::chrono::steady_clock::now();
        const auto r = fc::forecast(year, year.end(), fo);
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count();
        fmt::print("{:<10} {:>8.1f} ms  (chosen {})\n", m.name(), ms, r.method.name());
    }
    return 0;
}
