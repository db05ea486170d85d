// `wfm intraday --plan DIR` (see intraday_replan.hpp): reads the published plan and the history,
// reforecasts the rest of the day per queue, calls plan::replan_day and writes its files.
#include "intraday_replan.hpp"

#include <wfm/core/duration.hpp>
#include <wfm/core/error.hpp>
#include <wfm/forecast/intraday.hpp>
#include <wfm/io/csv.hpp>
#include <wfm/io/json.hpp>
#include <wfm/io/output_files.hpp>
#include <wfm/io/requirements_csv.hpp>
#include <wfm/io/schedule_csv.hpp>
#include <wfm/io/series_csv.hpp>
#include <wfm/io/special_days_csv.hpp>
#include <wfm/plan/config.hpp>
#include <wfm/plan/intraday.hpp>
#include <wfm/schedule/config.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace wfm::app {
namespace replan_cmd {

namespace fs = std::filesystem;
using json = nlohmann::json;

/// The rest-of-day reforecast of one queue on the plan's grid, per interval of the day.
struct queue_forecast {
    std::vector<double> point, lower, upper, day_ahead;
};

/// Everything read: the plan's config, its week, the day's re-plan input and the reforecasts.
struct replan_inputs {
    plan::plan_config config;
    fs::path config_path;
    local_date week;
    plan::intraday_input input;
    std::vector<queue_forecast> forecasts; ///< as input.queues
};

plan::plan_config load_config(const replan_request& r, fs::path& path) {
    path = r.config_path ? fs::path{*r.config_path} : fs::path{r.plan_dir} / "plan.json";
    std::error_code ec;
    if (!r.config_path && !fs::exists(path, ec)) {
        throw invalid_argument(fmt::format("wfm intraday --plan {}: give --config, the plan.json "
                                           "the plan was made with ({} is absent)",
                                           r.plan_dir, path.string()));
    }
    const auto doc = io::read_json_file(path);
    try {
        return plan::decode_plan_config(doc);
    } catch (const config_error& e) {
        throw error(fmt::format("{}: {}", path.string(), e.what()), exit_code::config_error);
    }
}

void check_grid(const replan_request& r, const plan::plan_config& c) {
    if (r.interval.empty()) {
        return;
    }
    duration_syntax syntax{"intraday: --interval",
                           "a grid like 15m or 1h",
                           {duration_unit::minutes, duration_unit::hours},
                           true,
                           std::chrono::minutes{5},
                           std::chrono::minutes{60}};
    const auto d = parse_duration(r.interval, duration_unit::minutes, syntax);
    if (std::chrono::duration_cast<std::chrono::minutes>(d) != c.grid.step()) {
        throw invalid_argument(fmt::format("--interval {}: the plan in {} is on the {}-minute grid",
                                           r.interval, r.plan_dir, c.grid.minutes()));
    }
}

// One column of a plan CSV (requirements.csv, forecast.csv) for one queue over the plan's week.
io::week_requirements week_column(const fs::path& file, const std::string& column,
                                  const std::string& queue, const plan::plan_config& c) {
    io::requirements_read_options o;
    o.column = column;
    o.channel = queue;
    o.interval_minutes = c.grid.minutes();
    o.interval_source = "the plan's config";
    o.week_start = c.week_start;
    return io::read_requirements_csv(file, o);
}

// The week of the plan dir (from its forecast), and `now` inside it on the grid.
local_date plan_week(const replan_request& r, const plan::plan_config& c) {
    const auto first =
        week_column(fs::path{r.plan_dir} / "forecast.csv", "volume", c.channels.front().name, c);
    const timestamp start{first.first_day};
    if (!c.grid.on_grid(r.now)) {
        throw invalid_argument(fmt::format("--now {}: not on the plan's {}-minute grid",
                                           format_timestamp(r.now), c.grid.minutes()));
    }
    if (r.now < start || r.now >= start + std::chrono::days{7}) {
        throw invalid_argument(fmt::format("--now {}: outside the week of the plan in {} ({} to "
                                           "{})",
                                           format_timestamp(r.now), r.plan_dir,
                                           format_date(first.first_day),
                                           format_date(first.first_day + std::chrono::days{6})));
    }
    return first.first_day;
}

std::vector<double> day_slice(const std::vector<double>& week, int day, int periods) {
    const auto from = static_cast<std::ptrdiff_t>(day) * periods;
    return {week.begin() + from, week.begin() + from + periods};
}

std::string pool_of(const plan::plan_config& c, const std::string& queue) {
    for (std::size_t p = 0; p < c.pools.size(); ++p) {
        if (std::find(c.pools[p].begin(), c.pools[p].end(), queue) != c.pools[p].end()) {
            return c.pool_names.at(p);
        }
    }
    return queue;
}

// The queues' day from the plan's forecast and requirements: AHT, opening, planned requirement.
void add_queues(const replan_request& r, replan_inputs& x, int day, int periods) {
    const fs::path dir{r.plan_dir};
    for (const auto& ch : x.config.channels) {
        const auto aht = week_column(dir / "forecast.csv", "aht_s", ch.name, x.config);
        const auto req =
            week_column(dir / "requirements.csv", "scheduled_agents", ch.name, x.config);
        if (aht.first_day != x.week || req.first_day != x.week) {
            throw error(
                fmt::format("{}: queue '{}' is planned for another week than {}",
                            (dir / (aht.first_day != x.week ? "forecast.csv" : "requirements.csv"))
                                .string(),
                            ch.name, format_date(x.week)),
                exit_code::parse_error);
        }
        plan::intraday_queue q;
        q.settings = ch;
        q.pool = pool_of(x.config, ch.name);
        q.aht_s = day_slice(aht.required, day, periods);
        q.planned_required = day_slice(req.required, day, periods);
        q.volume.assign(static_cast<std::size_t>(periods), 0.0);
        for (const double a : q.aht_s) {
            q.open.push_back(a > 0.0);
        }
        x.input.queues.push_back(std::move(q));
    }
}

void add_lines(const replan_request& r, replan_inputs& x, int day) {
    const auto& c = x.config;
    const auto p = schedule::make_problem(
        c.shifts, c.grid.minutes(),
        std::vector<double>(static_cast<std::size_t>(c.grid.slots_per_week()), 0.0));
    for (const auto& name : c.pool_names) {
        const auto tours = io::read_schedule_tours(fs::path{r.plan_dir} / "schedule.csv", p, name);
        auto lines = plan::published_lines(p, tours, c.shifts, day, name);
        x.input.lines.insert(x.input.lines.end(), lines.begin(), lines.end());
    }
}

std::map<std::string, time_series> read_volumes(const replan_request& r,
                                                const plan::plan_config& c) {
    if (!r.column.empty() && c.channels.size() != 1) {
        throw invalid_argument(fmt::format("--column {}: the plan has {} queues; their columns "
                                           "are in the plan's config",
                                           r.column, c.channels.size()));
    }
    io::series_read_options o;
    o.time_column = c.time_column;
    for (const auto& ch : c.channels) {
        const auto& col = r.column.empty() ? c.columns.at(ch.name).volume : r.column;
        if (std::find(o.columns.begin(), o.columns.end(), col) == o.columns.end()) {
            o.columns.push_back(col);
        }
    }
    const auto table = io::read_series_csv(r.history_path, o);
    std::map<std::string, time_series> out;
    for (const auto& ch : c.channels) {
        out.emplace(ch.name, table.at(r.column.empty() ? c.columns.at(ch.name).volume : r.column));
    }
    return out;
}

// Adds a reforecast on the history's grid into the plan's intervals of the day.
queue_forecast on_plan_grid(const forecast::intraday_result& f, local_date day, int step,
                            int periods) {
    queue_forecast q;
    for (auto* v : {&q.point, &q.lower, &q.upper, &q.day_ahead}) {
        v->assign(static_cast<std::size_t>(periods), 0.0);
    }
    for (std::size_t i = 0; i < f.point.size(); ++i) {
        const auto t = f.point.time_at(i);
        if (day_of(t) != day) {
            continue;
        }
        const auto k = static_cast<std::size_t>(minute_of_day(t) / step);
        q.point[k] += f.point.value(i);
        q.lower[k] += f.lower.value(i);
        q.upper[k] += f.upper.value(i);
        q.day_ahead[k] += f.day_ahead.value(i);
    }
    return q;
}

void reforecast(const replan_request& r, replan_inputs& x) {
    const auto volumes = read_volumes(r, x.config);
    forecast::intraday_options o;
    o.day_ahead.method = x.config.method;
    o.day_ahead.level = r.level_pct ? *r.level_pct / 100.0 : x.config.level;
    if (r.calendar_path) {
        o.day_ahead.calendar = io::read_special_days_csv(*r.calendar_path);
    } else if (!x.config.special_days_file.empty()) {
        o.day_ahead.calendar =
            io::read_special_days_csv(x.config_path.parent_path() / x.config.special_days_file);
    }
    const int step = x.config.grid.minutes();
    for (auto& q : x.input.queues) {
        const auto& h = volumes.at(q.settings.name);
        if (step % h.grid().minutes() != 0) {
            throw invalid_argument(fmt::format("{}: the history's {} grid does not divide the "
                                               "plan's {}-minute grid",
                                               r.history_path, h.grid().name(), step));
        }
        const auto f = forecast::reforecast_day(h, r.now, o);
        x.forecasts.push_back(on_plan_grid(f, x.input.day, step, 1440 / step));
        const auto& point = x.forecasts.back().point;
        for (int t = x.input.now; t < 1440 / step; ++t) {
            q.volume[static_cast<std::size_t>(t)] = point[static_cast<std::size_t>(t)];
        }
    }
}

replan_inputs read_inputs(const replan_request& r) {
    replan_inputs x;
    x.config = load_config(r, x.config_path);
    check_grid(r, x.config);
    x.week = plan_week(r, x.config);
    const int step = x.config.grid.minutes();
    const int periods = 1440 / step;
    const int day = static_cast<int>((day_of(r.now) - x.week).count());
    x.input.day = day_of(r.now);
    x.input.step = x.config.grid.step();
    x.input.now = minute_of_day(r.now) / step;
    x.input.rules = x.config.intraday;
    add_queues(r, x, day, periods);
    add_lines(r, x, day);
    reforecast(r, x);
    return x;
}

// ---- output ---------------------------------------------------------------------------------

std::string opt(const std::optional<double>& v, const char* f = "{:.4f}") {
    return v ? fmt::format(fmt::runtime(f), *v) : std::string{};
}

std::string reforecast_csv(const replan_inputs& x, const plan::intraday_result& res) {
    std::string out = "interval_start,queue,volume,lower,upper,day_ahead_volume,aht_s,required,"
                      "scheduled,service_level,answer_rate,asa_s,abandon,scheduled_after,"
                      "service_level_after,answer_rate_after,asa_s_after,abandon_after\n";
    for (std::size_t q = 0; q < res.queues.size(); ++q) {
        const auto& r = res.queues[q];
        const auto& f = x.forecasts[q];
        for (std::size_t i = 0; i < r.before.size(); ++i) {
            const auto& b = r.before[i];
            const auto& a = r.after[i];
            if (!b.open) {
                continue;
            }
            const auto k = static_cast<std::size_t>(x.input.now) + i;
            out += fmt::format(
                "{},{},{:.4f},{:.4f},{:.4f},{:.4f},{:.2f},{:.4f},{:.4f},{},{},{},{},"
                "{:.4f},{},{},{},{}\n",
                format_timestamp(b.start), io::csv_escape(r.name), f.point[k], f.lower[k],
                f.upper[k], f.day_ahead[k], b.aht_s, b.required, b.scheduled, opt(b.service_level),
                opt(b.answer_rate), opt(b.asa_s, "{:.2f}"), opt(b.abandon), a.scheduled,
                opt(a.service_level), opt(a.answer_rate), opt(a.asa_s, "{:.2f}"), opt(a.abandon));
        }
    }
    return out;
}

std::string lines_text(const std::vector<int>& lines) {
    std::string s;
    for (const int l : lines) {
        s += (s.empty() ? "" : " ") + std::to_string(l);
    }
    return s;
}

timestamp at(const replan_inputs& x, int t) {
    return timestamp{x.input.day} + x.input.step * t;
}

std::string clock(const replan_inputs& x, int t) {
    const auto m = minute_of_day(at(x, t)) + (t * x.input.step.count() >= 1440 ? 1440 : 0);
    return fmt::format("{:02}:{:02}", m / 60, m % 60);
}

std::string actions_csv(const replan_inputs& x, const plan::intraday_result& res) {
    std::string out = "action,pool,lines,start,end,agent_minutes,cost,sl_before,sl_after,detail\n";
    for (const auto& a : res.actions) {
        out += fmt::format("{},{},{},{},{},{:.0f},{},{:.4f},{:.4f},{}\n", plan::action_name(a.kind),
                           io::csv_escape(a.pool), lines_text(a.lines),
                           format_timestamp(at(x, a.first)), format_timestamp(at(x, a.last)),
                           a.agent_minutes, opt(a.cost, "{:.2f}"), a.sl_before, a.sl_after,
                           io::csv_escape(a.detail));
    }
    return out;
}

json totals_json(const report::outcome_totals& t) {
    const auto v = [](const std::optional<double>& x) { return x ? json(*x) : json(nullptr); };
    return {{"offered", t.predicted_offered},    {"service_level", v(t.service_level())},
            {"answer_rate", v(t.answer_rate())}, {"asa_s", v(t.asa_s())},
            {"abandon", v(t.abandon())},         {"scheduled_hours", t.scheduled_hours},
            {"required_hours", t.required_hours}};
}

std::string report_json(const replan_request& r, const replan_inputs& x,
                        const plan::intraday_result& res) {
    json doc{{"day", format_date(x.input.day)},          {"now", format_timestamp(r.now)},
             {"plan_week", format_date(x.week)},         {"target", res.target},
             {"before", totals_json(res.totals_before)}, {"after", totals_json(res.totals_after)}};
    doc["queues"] = json::array();
    for (const auto& q : res.queues) {
        doc["queues"].push_back({{"name", q.name},
                                 {"pool", q.pool},
                                 {"target", q.target},
                                 {"before", totals_json(q.totals_before)},
                                 {"after", totals_json(q.totals_after)}});
    }
    doc["actions"] = json::array();
    for (const auto& a : res.actions) {
        doc["actions"].push_back({{"action", plan::action_name(a.kind)},
                                  {"pool", a.pool},
                                  {"lines", a.lines},
                                  {"start", format_timestamp(at(x, a.first))},
                                  {"end", format_timestamp(at(x, a.last))},
                                  {"agent_minutes", a.agent_minutes},
                                  {"cost", a.cost ? json(*a.cost) : json(nullptr)},
                                  {"sl_before", a.sl_before},
                                  {"sl_after", a.sl_after},
                                  {"detail", a.detail}});
    }
    return doc.dump(2) + "\n";
}

std::string pct(const std::optional<double>& v) {
    return v ? fmt::format("{:.1f}%", *v * 100.0) : std::string{"-"};
}

std::string summary_row(const std::string& name, const report::outcome_totals& b,
                        const report::outcome_totals& a, double target) {
    return fmt::format("{:<16} {:>8} {:>8} {:>7} {:>9} {:>9} {:>8} {:>8}\n", name,
                       pct(b.service_level()), pct(a.service_level()), pct(target),
                       pct(b.answer_rate()), pct(a.answer_rate()), opt(b.asa_s(), "{:.0f} s"),
                       opt(a.asa_s(), "{:.0f} s"));
}

std::string report_text(const replan_request& r, const replan_inputs& x,
                        const plan::intraday_result& res) {
    std::string out = fmt::format("Intraday re-plan of {} from {} (plan of the week of {}, {})\n\n",
                                  format_date(x.input.day), format_timestamp(r.now),
                                  format_date(x.week), r.plan_dir);
    out += fmt::format("{:<16} {:>8} {:>8} {:>7} {:>9} {:>9} {:>8} {:>8}\n", "rest of day", "SL",
                       "SL after", "target", "answered", "after", "ASA", "after");
    for (const auto& q : res.queues) {
        out += summary_row(q.name, q.totals_before, q.totals_after, q.target);
    }
    out += summary_row("all queues", res.totals_before, res.totals_after, res.target);
    out += fmt::format("\nActions ({}), each with the pool's rest-of-day SL before → after:\n",
                       res.actions.size());
    for (std::size_t i = 0; i < res.actions.size(); ++i) {
        const auto& a = res.actions[i];
        out += fmt::format("{:>3}. {:<10} {:<12} {:<10} {}–{} {:>5.0f} agent-min{}  SL {} → {}  "
                           "{}\n",
                           i + 1, plan::action_name(a.kind), a.pool,
                           a.lines.empty() ? "blended" : "line " + lines_text(a.lines),
                           clock(x, a.first), clock(x, a.last), a.agent_minutes,
                           a.cost ? fmt::format(", cost {:.2f}", *a.cost) : std::string{},
                           pct(a.sl_before), pct(a.sl_after), a.detail);
    }
    if (res.actions.empty()) {
        out += "  none: the published schedule is kept\n";
    }
    return out;
}

} // namespace replan_cmd

void run_replan(const replan_request& request) {
    using namespace replan_cmd;
    const auto x = read_inputs(request);
    const auto res = plan::replan_day(x.input);
    const fs::path out{request.out_dir};
    io::output_files files;
    files.add_input(request.history_path);
    files.add_input(x.config_path);
    files.add(out / "reforecast.csv", reforecast_csv(x, res));
    files.add(out / "actions.csv", actions_csv(x, res));
    files.add(out / "report.txt", report_text(request, x, res));
    files.add(out / "report.json", report_json(request, x, res));
    files.commit();
    if (request.verbose) {
        std::fputs(fmt::format("wfm: wrote {}/{{reforecast,actions}}.csv, report.{{txt,json}}\n",
                               out.string())
                       .c_str(),
                   stderr);
    }
}

} // namespace wfm::app
