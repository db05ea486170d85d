// The `wfm._wfm` extension: thin pybind11 wrappers over the library's in-memory API. Inputs
// come as plain values, arrays and CSV/JSON text in memory (parsed by the library's own parsers,
// so checks and messages are the CLI's); outputs as arrays and text that python/wfm turns into
// pandas objects. One translation unit, and every long call releases the GIL.
#include <wfm/core/error.hpp>
#include <wfm/erlang.hpp>
#include <wfm/erlang/metrics.hpp>
#include <wfm/erlang/staff.hpp>
#include <wfm/forecast/backtest.hpp>
#include <wfm/forecast/forecast.hpp>
#include <wfm/io/call_log.hpp>
#include <wfm/io/forecast_csv.hpp>
#include <wfm/io/json.hpp>
#include <wfm/io/kpi_csv.hpp>
#include <wfm/io/plan_csv.hpp>
#include <wfm/io/plan_history.hpp>
#include <wfm/io/requirements_csv.hpp>
#include <wfm/io/schedule_csv.hpp>
#include <wfm/io/schedule_summary.hpp>
#include <wfm/io/series_csv.hpp>
#include <wfm/io/special_days_csv.hpp>
#include <wfm/plan/config.hpp>
#include <wfm/plan/plan.hpp>
#include <wfm/report/kpi.hpp>
#include <wfm/report/plan_report.hpp>
#include <wfm/schedule/config.hpp>
#include <wfm/schedule/solve.hpp>

#include <nlohmann/json.hpp>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace py = pybind11;

namespace {

using columns = std::map<std::string, std::vector<double>>;
using texts = std::map<std::string, std::string>;

std::optional<double> given(double v) {
    return std::isnan(v) ? std::nullopt : std::optional<double>{v};
}

// The queue shape shared by every row; per-row arrays supply volume, interval, AHT, patience.
struct queue_shape {
    std::string model = "c";
    int concurrency = 1;
    double compose_ratio = 0.0;
    long lines = 0; ///< 0 = unlimited
};

wfm::erlang::queue queue_at(const queue_shape& s, double volume, double interval_s, double aht_s,
                            double patience_s) {
    if (!(interval_s > 0.0) || !std::isfinite(interval_s)) {
        throw wfm::invalid_argument("erlang: interval_s must be a finite number > 0, got " +
                                    std::to_string(interval_s));
    }
    wfm::erlang::queue q;
    q.arrivals_per_s = volume / interval_s;
    q.aht = wfm::erlang::seconds_d{aht_s};
    q.kind = wfm::erlang::parse_model(s.model);
    if (!std::isnan(patience_s)) {
        q.patience = wfm::erlang::seconds_d{patience_s};
    }
    if (s.lines > 0) {
        q.lines = s.lines;
    }
    q.concurrency = s.concurrency;
    q.compose_ratio = s.compose_ratio;
    return q;
}

void add_metrics(columns& out, const wfm::erlang::metrics& m) {
    const std::pair<const char*, double> fields[] = {
        {"servers", m.servers},
        {"offered_load_erl", m.offered_load_erl},
        {"stable", m.stable ? 1.0 : 0.0},
        {"erlang_b", m.erlang_b},
        {"p_block", m.p_block},
        {"p_wait", m.p_wait},
        {"p_abandon", m.p_abandon},
        {"p_virtual_wait_gt_t", m.p_virtual_wait_gt_t},
        {"p_wait_gt_t", m.p_wait_gt_t},
        {"p_served_and_wait_gt_t", m.p_served_and_wait_gt_t},
        {"sl_answered_within_t_over_offered", m.sl_answered_within_t_over_offered},
        {"sl_answered_within_t_over_answered", m.sl_answered_within_t_over_answered},
        {"sl_virtual", m.sl_virtual},
        {"asa_all_s", m.asa_all_s},
        {"asa_served_s", m.asa_served_s},
        {"mean_virtual_wait_s", m.mean_virtual_wait_s},
        {"avg_queue_len", m.avg_queue_len},
        {"occupancy", m.occupancy},
        {"answer_rate", m.answer_rate()}};
    for (const auto& [name, value] : fields) {
        out[name].push_back(value);
    }
}

struct rows {
    std::vector<double> volume, interval_s, aht_s, patience_s;
    void check(std::size_t n) const {
        if (interval_s.size() != n || aht_s.size() != n || patience_s.size() != n) {
            throw wfm::invalid_argument("erlang: the input arrays differ in length");
        }
    }
};

columns erlang_metrics(const rows& r, const std::vector<double>& agents, const queue_shape& s,
                       double sl_time_s) {
    r.check(agents.size());
    columns out;
    for (std::size_t i = 0; i < agents.size(); ++i) {
        const auto q = queue_at(s, r.volume.at(i), r.interval_s[i], r.aht_s[i], r.patience_s[i]);
        const auto m = wfm::erlang::evaluate(q, agents[i], wfm::erlang::seconds_d{sl_time_s});
        out["agents"].push_back(agents[i]);
        add_metrics(out, m);
    }
    return out;
}

columns erlang_staff(const rows& r, const queue_shape& s, const std::map<std::string, double>& t,
                     const std::string& sl_definition) {
    r.check(r.volume.size());
    wfm::erlang::targets tg;
    tg.sl_time = wfm::erlang::seconds_d{t.at("sl_time_s")};
    tg.sl_kind = wfm::erlang::parse_sl_definition(sl_definition);
    tg.service_level = given(t.at("target_sl"));
    if (const auto v = given(t.at("max_asa_s"))) {
        tg.max_asa = wfm::erlang::seconds_d{*v};
    }
    tg.max_abandon = given(t.at("max_abandon"));
    tg.min_answer_rate = given(t.at("min_answer_rate"));
    tg.max_occupancy = given(t.at("max_occupancy"));
    tg.max_blocking = given(t.at("max_blocking"));
    columns out;
    for (std::size_t i = 0; i < r.volume.size(); ++i) {
        const auto q = queue_at(s, r.volume[i], r.interval_s[i], r.aht_s[i], r.patience_s[i]);
        const auto st = wfm::erlang::staff(q, tg);
        const bool ok = st.status == wfm::erlang::staffing_status::ok;
        out["agents"].push_back(ok ? static_cast<double>(st.agents) : std::nan(""));
        out["agents_fractional"].push_back(ok ? st.agents_fractional : std::nan(""));
        out["feasible"].push_back(ok ? 1.0 : 0.0);
        add_metrics(out, st.at);
    }
    return out;
}

// A volume series from interval CSV text: `column` aggregated to `interval` (empty: the
// series' own grid).
wfm::time_series volume_series(const std::string& csv, const std::string& column,
                               const std::string& interval) {
    wfm::io::series_read_options o;
    o.columns = {column};
    const auto table = wfm::io::parse_series_csv(csv, "history", o);
    const auto grid = interval.empty() ? table.grid : wfm::interval_grid::parse(interval);
    if (!table.grid.divides(grid)) {
        throw wfm::invalid_argument("history is on a " + table.grid.name() +
                                    " grid, which cannot be aggregated to " + grid.name());
    }
    return wfm::aggregate_counts(table.at(column), grid).series;
}

wfm::forecast::special_days calendar_of(const std::string& csv) {
    return csv.empty() ? wfm::forecast::special_days{}
                       : wfm::io::parse_special_days_csv(csv, "calendar");
}

texts run_forecast(const std::string& csv, const std::string& column, const std::string& interval,
                   const std::string& origin, const std::string& horizon, const std::string& method,
                   const std::string& calendar, double level) {
    const auto volume = volume_series(csv, column, interval);
    wfm::forecast::forecast_options fo;
    fo.method = wfm::forecast::method::parse(method);
    fo.horizon = wfm::forecast::parse_horizon(horizon);
    fo.level = level;
    fo.calendar = calendar_of(calendar);
    const auto at = origin.empty() ? volume.end() : wfm::parse_timestamp(origin);
    const auto r = wfm::forecast::forecast(volume, at, fo);
    return {{"csv", wfm::io::format_forecast_csv(r)},
            {"method", r.method.name()},
            {"calibrated", r.calibrated ? "1" : ""}};
}

std::vector<std::map<std::string, double>>
run_backtest(const std::string& csv, const std::string& column, const std::string& interval,
             const std::vector<std::string>& methods, int origins, const std::string& horizon,
             const std::string& calendar, double level, std::vector<std::string>& names) {
    const auto volume = volume_series(csv, column, interval);
    wfm::forecast::backtest_options bo;
    bo.methods.clear();
    for (const auto& m : methods) {
        bo.methods.push_back(wfm::forecast::method::parse(m));
    }
    bo.horizon = wfm::forecast::parse_horizon(horizon);
    bo.level = level;
    bo.calendar = calendar_of(calendar);
    const auto at = wfm::forecast::weekly_origins(volume, origins, bo.horizon);
    const auto r = wfm::forecast::backtest(volume, at, bo);
    std::vector<std::map<std::string, double>> out;
    for (const auto& m : r.methods) {
        names.push_back(m.method.name());
        const auto& a = m.overall;
        out.push_back({{"mae", a.mae},
                       {"rmse", a.rmse},
                       {"wape", a.wape},
                       {"mase", a.mase},
                       {"bias", a.bias},
                       {"coverage", a.coverage},
                       {"points", static_cast<double>(a.points)},
                       {"origins", static_cast<double>(r.origins.size())}});
    }
    return out;
}

texts run_schedule(const std::string& requirements_csv, const std::string& config_json,
                   std::uint64_t seed, std::uint64_t iterations, double time_limit_s) {
    const auto config = wfm::schedule::config_from_json(wfm::io::parse_json(config_json, "config"));
    wfm::io::requirements_read_options read;
    read.interval_minutes = config.interval_minutes;
    read.week_start = config.week_start;
    const auto week = wfm::io::parse_requirements_csv(requirements_csv, "requirements", read);
    const auto p = wfm::schedule::make_problem(config, week.interval_minutes, week.required);
    wfm::schedule::solve_options options;
    options.seed = seed;
    options.max_iterations = iterations;
    options.time_limit = std::chrono::milliseconds{static_cast<long>(
        std::isnan(time_limit_s) ? (iterations > 0 ? 86400e3 : 5e3) : time_limit_s * 1e3)};
    const auto s = wfm::schedule::solve(p, options);
    return {
        {"schedule", wfm::io::format_schedule_csv(p, s)},
        {"coverage", wfm::io::format_coverage_csv(p, s, week.first_day)},
        {"summary", wfm::io::format_schedule_summary_json(p, s, seed, week.first_day)},
        {"status", s.status == wfm::schedule::solve_status::feasible ? "feasible" : "infeasible"},
        {"message", s.message}};
}

texts run_plan(const std::string& history_csv, const std::string& config_json,
               const std::string& calendar_csv) {
    const auto config = wfm::plan::decode_plan_config(wfm::io::parse_json(config_json, "config"));
    const auto table =
        wfm::io::parse_series_csv(history_csv, "history", wfm::io::plan_history_options(config));
    const auto calendar = calendar_of(calendar_csv);
    const auto result =
        wfm::plan::run_plan(config, wfm::io::plan_histories(table, config), calendar);
    std::string infeasible;
    for (const auto& pool : result.pools) {
        if (pool.solution.status == wfm::schedule::solve_status::infeasible) {
            infeasible +=
                (infeasible.empty() ? "" : "; ") + pool.name + ": " + pool.solution.message;
        }
    }
    return {{"forecast", wfm::io::format_plan_forecast_csv(result)},
            {"requirements", wfm::io::format_plan_requirements_csv(result)},
            {"schedule", wfm::io::format_plan_schedule_csv(result)},
            {"coverage", wfm::io::format_plan_coverage_csv(result)},
            {"report_json", wfm::report::to_json(result.report).dump()},
            {"report_text", wfm::report::render_text(result.report)},
            {"report_html", wfm::report::render_html(result.report)},
            {"infeasible", infeasible}};
}

std::string run_kpi(const std::string& calls_csv, const std::string& interval,
                    const std::string& by, int sl_time_s) {
    const auto calls =
        wfm::io::parse_call_log(calls_csv, "calls", wfm::io::call_log_format::generic);
    const auto period = wfm::report::parse_kpi_period(by);
    const auto intervals = wfm::report::interval_kpis(calls, wfm::interval_grid::parse(interval),
                                                      std::chrono::seconds{sl_time_s});
    return wfm::io::format_kpi_csv(period == wfm::report::kpi_period::interval
                                       ? intervals
                                       : wfm::report::period_kpis(intervals, period),
                                   period);
}

// Raises the Python class `name` of wfm._errors with the message and keyword attributes.
void raise(const char* name, const std::string& message, const py::dict& attrs,
           wfm::exit_code code) {
    py::object cls = py::module_::import("wfm._errors").attr(name);
    attrs["exit_code"] = static_cast<int>(code);
    py::object e = cls(message, **attrs);
    PyErr_SetObject(cls.ptr(), e.ptr());
}

void translate(std::exception_ptr p) {
    try {
        if (p) {
            std::rethrow_exception(p);
        }
    } catch (const wfm::config_error& e) {
        raise("ConfigError", e.what(), py::dict(py::arg("json_path") = e.json_path()), e.code());
    } catch (const wfm::io::parse_error& e) {
        raise("ParseError", e.what(),
              py::dict(py::arg("path") = e.path(), py::arg("line") = e.line(),
                       py::arg("column") = e.column(), py::arg("field") = e.field()),
              e.code());
    } catch (const wfm::invalid_argument& e) {
        raise("InvalidArgument", e.what(), py::dict(py::arg("field") = e.field()), e.code());
    } catch (const wfm::error& e) {
        raise("Error", e.what(), py::dict(), e.code());
    }
}

} // namespace

PYBIND11_MODULE(_wfm, m) {
    m.doc() = "wfm's C++ library (use the `wfm` package, which wraps this module)";
    py::register_exception_translator(&translate);
    using release = py::call_guard<py::gil_scoped_release>;
    py::class_<queue_shape>(m, "QueueShape")
        .def(py::init<std::string, int, double, long>(), py::arg("model"), py::arg("concurrency"),
             py::arg("compose_ratio"), py::arg("lines"));
    py::class_<rows>(m, "Rows").def(py::init<std::vector<double>, std::vector<double>,
                                             std::vector<double>, std::vector<double>>());
    m.def("erlang_metrics", &erlang_metrics, release{});
    m.def("erlang_staff", &erlang_staff, release{});
    m.def("forecast", &run_forecast, release{});
    m.def("backtest",
          [](const std::string& csv, const std::string& column, const std::string& interval,
             const std::vector<std::string>& methods, int origins, const std::string& horizon,
             const std::string& calendar, double level) {
              std::vector<std::string> names;
              std::vector<std::map<std::string, double>> rows;
              {
                  py::gil_scoped_release unlocked;
                  rows = run_backtest(csv, column, interval, methods, origins, horizon, calendar,
                                      level, names);
              }
              return py::make_tuple(names, rows);
          });
    m.def("schedule", &run_schedule, release{});
    m.def("plan", &run_plan, release{});
    m.def("kpi", &run_kpi, release{});
}
