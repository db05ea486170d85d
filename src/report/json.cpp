// Machine-readable plan report: every input and derived figure; undefined values are null.
#include <wfm/report/plan_report.hpp>

#include "simulation_section.hpp"

#include <nlohmann/json.hpp>

namespace wfm::report {
namespace {

using json = nlohmann::json;

json opt(const std::optional<double>& value) {
    return value ? json(*value) : json(nullptr);
}

json period_json(const period_summary& p, std::chrono::minutes standard_day) {
    const auto& f = p.fit;
    const auto& o = p.outcome;
    return json{
        {"start", format_date(p.start)},
        {"intervals_in_scope", f.intervals},
        {"required_agent_hours", o.required_hours},
        {"scheduled_agent_hours", o.scheduled_hours},
        {"shortage_agent_intervals", f.shortage},
        {"redundancy_agent_intervals", f.redundancy},
        {"fit", opt(f.fit())},
        {"shortage_ratio", opt(f.shortage_ratio())},
        {"redundancy_ratio", opt(f.redundancy_ratio())},
        {"covered_share", opt(f.covered_share())},
        {"within_5_share", opt(f.within_5_share())},
        {"within_10_share", opt(f.within_10_share())},
        {"offered", o.offered},
        {"answered", o.answered},
        {"predicted_intervals", o.intervals},
        {"service_level", opt(o.service_level())},
        {"target_met_share", opt(o.target_met_share())},
        {"answer_rate", opt(o.answer_rate())},
        {"abandon", opt(o.abandon())},
        {"asa_s", opt(o.asa_s())},
        {"occupancy", opt(o.occupancy())},
        {"calls_per_agent_day", opt(o.calls_per_agent_day(standard_day))},
    };
}

json summary_json(const channel_summary& c, std::chrono::minutes standard_day) {
    json days = json::array();
    for (const auto& d : c.days) {
        days.push_back(period_json(d, standard_day));
    }
    return json{{"week", period_json(c.week, standard_day)}, {"days", std::move(days)}};
}

json interval_json(const interval_outcome& x) {
    const interval_fit f = fit_interval(x.required, x.scheduled);
    return json{
        {"start", format_timestamp(x.start)},
        {"volume", x.volume},
        {"volume_lower", x.volume_lower},
        {"volume_upper", x.volume_upper},
        {"aht_s", x.aht_s},
        {"required", x.required},
        {"required_fractional", x.required_fractional},
        {"scheduled", x.scheduled},
        {"gap", f.gap},
        {"covered", f.in_scope ? json(f.covered) : json(nullptr)},
        {"within_5", f.in_scope ? json(f.within_5) : json(nullptr)},
        {"within_10", f.in_scope ? json(f.within_10) : json(nullptr)},
        {"service_level", opt(x.service_level)},
        {"asa_s", opt(x.asa_s)},
        {"abandon", opt(x.abandon)},
        {"answer_rate", opt(x.answer_rate)},
        {"occupancy", opt(x.occupancy)},
        {"open", x.open},
    };
}

json channel_json(const channel_plan& c, const channel_summary& s,
                  std::chrono::minutes standard_day) {
    json intervals = json::array();
    for (const auto& x : c.intervals) {
        intervals.push_back(interval_json(x));
    }
    json out = summary_json(s, standard_day);
    out["name"] = c.name;
    out["channel"] = c.channel.empty() ? c.name : c.channel;
    out["pool"] = pool_name(c);
    out["target"] = json{
        {"service_level", c.target.service_level}, {"threshold_s", c.target.threshold.count()},
        {"sl_variant", c.target.sl_variant},       {"max_abandon", opt(c.target.max_abandon)},
        {"max_asa_s", opt(c.target.max_asa_s)},    {"max_occupancy", opt(c.target.max_occupancy)}};
    out["shrinkage"] = c.shrinkage;
    out["self_service_rate"] = c.self_service_rate;
    out["concurrency"] = c.concurrency;
    out["intervals"] = std::move(intervals);
    return out;
}

/// Headcount, paid hours, FTE, cost, on-duty and break hours and the standard's utilisation.
json staff_json(const schedule_summary& s, double contract_hours) {
    return json{{"headcount", s.headcount()},         {"paid_hours", s.paid_hours()},
                {"fte", opt(s.fte(contract_hours))},  {"cost", opt(s.cost())},
                {"on_duty_hours", s.on_duty_hours},   {"break_hours", s.break_hours},
                {"utilisation", opt(s.utilisation())}};
}

json schedule_json(const schedule_summary& s, double contract_hours) {
    json templates = json::array();
    for (const auto& t : s.templates) {
        templates.push_back(json{{"name", t.name},
                                 {"headcount", t.headcount},
                                 {"paid_hours", t.paid_hours},
                                 {"fte", t.paid_hours / contract_hours},
                                 {"cost", opt(t.cost)}});
    }
    json out = staff_json(s, contract_hours);
    out.update(json{{"pool", s.pool},
                    {"status", s.status},
                    {"templates", std::move(templates)},
                    {"objective", opt(s.objective)},
                    {"objective_unit", s.objective_unit},
                    {"lower_bound", opt(s.lower_bound)},
                    {"gap", opt(s.gap())},
                    {"solver_seconds", opt(s.solver_seconds)}});
    return out;
}

json pool_json(const plan_report& r, const pool_summary& p) {
    json out = summary_json(p, r.standard_working_day);
    out["name"] = p.name;
    json channels = json::array();
    for (const auto i : p.channels) {
        channels.push_back(r.channels[i].name);
    }
    out["channels"] = std::move(channels);
    out["utilisation"] = p.schedule ? opt(r.schedules[*p.schedule].utilisation()) : json(nullptr);
    return out;
}

json backtest_json(const backtest_table& b) {
    json rows = json::array();
    for (const auto& a : b.rows) {
        rows.push_back(json{{"method", a.method},
                            {"mae", a.mae},
                            {"rmse", a.rmse},
                            {"wape", a.wape},
                            {"mase", opt(a.mase)},
                            {"bias", a.bias},
                            {"coverage", opt(a.coverage)}});
    }
    return json{{"channel", b.channel},
                {"series", b.series},
                {"chosen_method", b.chosen_method},
                {"origins", b.origins},
                {"methods", std::move(rows)}};
}

} // namespace

nlohmann::json to_json(const plan_report& report) {
    const plan_summary s = summarise(report);
    const auto day = report.standard_working_day;
    json channels = json::array();
    for (std::size_t i = 0; i < report.channels.size(); ++i) {
        channels.push_back(channel_json(report.channels[i], s.channels[i], day));
    }
    json schedules = json::array();
    for (const auto& x : report.schedules) {
        schedules.push_back(schedule_json(x, report.contract_hours_per_week));
    }
    json pools = json::array();
    for (const auto& p : s.pools) {
        pools.push_back(pool_json(report, p));
    }
    json staff = staff_json(s.all_schedules, report.contract_hours_per_week);
    staff["occupancy"] = opt(s.all_channels.week.outcome.occupancy());
    json backtests = json::array();
    for (const auto& b : report.backtests) {
        backtests.push_back(backtest_json(b));
    }
    json doc{
        {"title", report.title},
        {"week_start", format_date(report.week_start)},
        {"week_end", format_date(report.week_start + std::chrono::days{6})},
        {"interval_minutes", report.grid.minutes()},
        {"standard_working_day_hours", static_cast<double>(day.count()) / 60.0},
        {"lang", report.lang},
        {"contract_hours_per_week", report.contract_hours_per_week},
        {"channels", std::move(channels)},
        {"all_channels", summary_json(s.all_channels, day)},
        {"pools", std::move(pools)},
        {"schedules", std::move(schedules)},
        {"staff", std::move(staff)},
        {"backtests", std::move(backtests)},
        {"notes", report.notes},
    };
    if (report.simulation) {
        doc["simulation"] = detail::simulation_json(report);
    }
    return doc;
}

} // namespace wfm::report
