// Self-contained HTML plan report: the page, its CSS and tables (charts in html_charts.cpp).
#include "format.hpp"
#include "html_page.hpp"

#include <wfm/report/plan_report.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <map>

namespace wfm::report {
namespace {

using html::out_it;
using html::page;

using detail::html_escape;
using detail::number;
using detail::percent;

constexpr std::string_view css = R"(
:root{--ink:#1f2937;--muted:#6b7280;--line:#e5e7eb;--bg:#f3f5f8;--card:#fff;--blue:#1d4ed8;
--orange:#ea580c;--red:#b91c1c;--green:#15803d}
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,
"Noto Sans",sans-serif;color:var(--ink);background:var(--bg);font-size:14px;line-height:1.45}
header{background:#0f172a;color:#f8fafc;padding:22px 0}
header .in,main{max-width:1120px;margin:0 auto;padding:0 28px}
header h1{margin:0;font-size:24px;font-weight:650;letter-spacing:.2px}
header p{margin:4px 0 0;color:#cbd5e1}
main{padding-top:22px;padding-bottom:40px}
section{background:var(--card);border:1px solid var(--line);border-radius:10px;
padding:18px 22px;margin:0 0 18px;box-shadow:0 1px 2px rgba(15,23,42,.04)}
h2{font-size:18px;margin:0 0 2px;font-weight:650}
h3{font-size:15px;margin:16px 0 6px;font-weight:600}
h3::first-letter,tr.group td::first-letter{text-transform:uppercase}
p.lead{color:var(--muted);margin:0 0 12px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:14px}
.card{border:1px solid var(--line);border-radius:8px;padding:12px 14px;background:#fbfcfe}
.card h3{margin:0 0 8px}
.card dl{display:grid;grid-template-columns:1fr auto;gap:3px 10px;margin:0;font-size:13px}
.card dt{color:var(--muted)} .card dd{margin:0;text-align:right;font-weight:600;
font-variant-numeric:tabular-nums}
.big{font-size:26px;font-weight:700;margin:0 0 6px}
.big small{font-size:13px;font-weight:500;color:var(--muted)}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums;font-size:13px}
th,td{padding:5px 9px;border-bottom:1px solid var(--line);text-align:right;white-space:nowrap}
th:first-child,td:first-child{text-align:left}
thead th{background:#f1f5f9;font-weight:600;color:#334155;white-space:normal;
vertical-align:bottom;line-height:1.25}
tr.total td{font-weight:650;border-top:2px solid #cbd5e1}
tr.group td{background:#f8fafc;font-weight:650;color:#334155}
tr.chosen td{font-weight:650;background:#eff6ff}
table.compact{font-size:12.5px}table.compact th,table.compact td{padding:4px 6px}
.good{color:var(--green)} .bad{color:var(--red)}
.table-wrap{overflow-x:auto}
.multiples{display:grid;grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:8px 14px}
figure{margin:0}
figcaption{font-size:12px;color:#475569;font-weight:600;margin:0 0 2px}
svg.chart{display:block;width:100%;height:auto}
svg text{font-family:inherit}
.legend{display:flex;flex-wrap:wrap;gap:18px;font-size:12px;color:#475569;margin:2px 0 10px}
.sw{display:inline-block;width:16px;height:10px;margin-right:6px;vertical-align:-1px;
border-radius:2px}
footer{color:var(--muted);font-size:12px;text-align:center;padding:0 0 28px}
@media print{body{background:#fff}section{break-inside:avoid;box-shadow:none}}
)";

// ---------------------------------------------------------------- tables

std::string judged(const std::optional<double>& value, double target, int decimals = 1) {
    if (!value) {
        return "n/a";
    }
    return fmt::format(R"(<span class="{}">{}</span>)", *value + 1e-9 >= target ? "good" : "bad",
                       percent(value, decimals));
}

void cards(page& p, const plan_report& r, const plan_summary& s) {
    p.html += R"(<section id="summary"><h2>Week at a glance</h2><p class="lead">Schedule fit )"
              R"(= 1 − Σ|c − r| / Σr over the week; predicted figures are volume-weighted.</p>)"
              R"(<div class="cards">)";
    for (std::size_t i = 0; i < s.channels.size(); ++i) {
        const auto& c = s.channels[i];
        const auto& t = r.channels[i].target;
        const auto& o = c.week.outcome;
        fmt::format_to(
            p.out(),
            R"(<div class="card"><h3>{}</h3><p class="big">{} <small>schedule fit</small></p>)"
            R"(<dl><dt>predicted SL (target {}/{} s)</dt><dd>{}</dd>)"
            R"(<dt>intervals meeting target</dt><dd>{}</dd><dt>answer rate</dt><dd>{}</dd>)"
            R"(<dt>shortage / redundancy</dt><dd>{} / {}</dd><dt>occupancy</dt><dd>{}</dd>)"
            R"(<dt>calls per agent-day</dt><dd>{}</dd></dl></div>)",
            html_escape(c.name), percent(c.week.fit.fit()), percent(t.service_level, 0),
            t.threshold.count(), judged(o.service_level(), t.service_level),
            percent(o.target_met_share(), 0), percent(o.answer_rate()),
            percent(c.week.fit.shortage_ratio()), percent(c.week.fit.redundancy_ratio()),
            percent(o.occupancy()), number(o.calls_per_agent_day(r.standard_working_day)));
    }
    p.html += "</div></section>";
}

void fit_row(out_it o, std::string_view cls, const std::string& name, const period_summary& x) {
    const auto& f = x.fit;
    fmt::format_to(o,
                   "<tr{}><td>{}</td><td>{:.1f}</td><td>{:.1f}</td><td>{}</td><td>{}</td>"
                   "<td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                   cls, name, x.outcome.required_hours, x.outcome.scheduled_hours, percent(f.fit()),
                   percent(f.shortage_ratio()), percent(f.redundancy_ratio()),
                   percent(f.covered_share()), percent(f.within_5_share()),
                   percent(f.within_10_share()));
}

constexpr std::string_view fit_head =
    "<th>required agent-h</th><th>scheduled agent-h</th><th>fit</th><th>shortage</th>"
    "<th>redundancy</th><th>c ≥ r</th><th>within ±5%</th><th>within ±10%</th>";

void outcome_row(out_it o, std::string_view cls, const std::string& name, const period_summary& x,
                 const std::optional<service_target>& t, std::chrono::minutes day) {
    const auto& v = x.outcome;
    fmt::format_to(o,
                   "<tr{}><td>{}</td><td>{:.0f}</td><td>{:.0f}</td><td>{}</td><td>{}</td>"
                   "<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                   cls, name, v.offered, v.answered,
                   t ? judged(v.service_level(), t->service_level) : percent(v.service_level()),
                   t ? fmt::format("{} in {} s", percent(t->service_level, 0), t->threshold.count())
                     : std::string{"—"},
                   percent(v.target_met_share(), 0), percent(v.answer_rate()), percent(v.abandon()),
                   number(v.asa_s()), percent(v.occupancy()), number(v.calls_per_agent_day(day)));
}

constexpr std::string_view outcome_head =
    "<th>offered</th><th>answered</th><th>predicted SL</th><th>target</th>"
    "<th>intervals on target</th><th>answer rate</th><th>abandon</th><th>ASA s</th>"
    "<th>occupancy</th><th>calls per agent-day</th>";

void week_tables(page& p, const plan_report& r, const plan_summary& s) {
    auto o = p.out();
    fmt::format_to(o,
                   R"(<section id="week"><h2>Week summary</h2><h3>Schedule fit</h3>)"
                   R"(<div class="table-wrap"><table id="table-week-fit"><thead><tr>)"
                   R"(<th>channel</th>{}</tr></thead><tbody>)",
                   fit_head);
    for (const auto& c : s.channels) {
        fit_row(o, "", html_escape(c.name), c.week);
    }
    fit_row(o, R"( class="total")", "all channels", s.all_channels.week);
    fmt::format_to(o,
                   R"(</tbody></table></div><h3>Predicted outcome</h3><div class="table-wrap">)"
                   R"(<table id="table-week-outcome"><thead><tr><th>channel</th>{}</tr></thead>)"
                   R"(<tbody>)",
                   outcome_head);
    for (std::size_t i = 0; i < s.channels.size(); ++i) {
        outcome_row(o, "", html_escape(s.channels[i].name), s.channels[i].week,
                    r.channels[i].target, r.standard_working_day);
    }
    outcome_row(o, R"( class="total")", "all channels", s.all_channels.week, std::nullopt,
                r.standard_working_day);
    p.html += "</tbody></table></div></section>";
}

void day_tables(page& p, const plan_report& r, const plan_summary& s) {
    auto o = p.out();
    fmt::format_to(
        o,
        R"(<section id="days"><h2>Per day</h2><div class="table-wrap">)"
        R"(<table id="table-days" class="compact"><thead><tr><th>day</th>{}<th>predicted SL</th>)"
        R"(<th>answer rate</th><th>occupancy</th><th>calls per agent-day</th></tr>)"
        R"(</thead><tbody>)",
        fit_head);
    const auto group = [&](const channel_summary& c, const std::optional<service_target>& t) {
        fmt::format_to(o, R"(<tr class="group"><td colspan="13">{}</td></tr>)",
                       html_escape(c.name == "all" ? std::string{"all channels"} : c.name));
        for (const auto& d : c.days) {
            const auto& f = d.fit;
            const auto& v = d.outcome;
            fmt::format_to(
                o,
                "<tr><td>{} {}</td><td>{:.1f}</td><td>{:.1f}</td><td>{}</td><td>{}</td>"
                "<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
                "<td>{}</td><td>{}</td></tr>",
                weekday_name(weekday_index(d.start)), format_date(d.start).substr(5),
                v.required_hours, v.scheduled_hours, percent(f.fit()), percent(f.shortage_ratio()),
                percent(f.redundancy_ratio()), percent(f.covered_share()),
                percent(f.within_5_share()), percent(f.within_10_share()),
                t ? judged(v.service_level(), t->service_level) : percent(v.service_level()),
                percent(v.answer_rate()), percent(v.occupancy()),
                number(v.calls_per_agent_day(r.standard_working_day)));
        }
    };
    for (std::size_t i = 0; i < s.channels.size(); ++i) {
        group(s.channels[i], r.channels[i].target);
    }
    if (s.channels.size() > 1) {
        group(s.all_channels, std::nullopt);
    }
    p.html += "</tbody></table></div></section>";
}

void schedule_tables(page& p, const plan_report& r) {
    auto o = p.out();
    p.html += R"(<section id="schedules"><h2>Schedule</h2><h3>Headcount and paid hours by )"
              R"(template</h3><div class="table-wrap"><table id="table-templates"><thead><tr>)"
              R"(<th>pool / template</th><th>headcount</th><th>paid hours</th></tr></thead>)"
              R"(<tbody>)";
    if (r.schedules.empty()) {
        p.html += R"(<tr><td colspan="3">no schedule in this report</td></tr>)";
    }
    for (const auto& s : r.schedules) {
        int agents = 0;
        double paid = 0.0;
        fmt::format_to(o, R"(<tr class="group"><td colspan="3">{}</td></tr>)", html_escape(s.pool));
        for (const auto& t : s.templates) {
            fmt::format_to(o, "<tr><td>{}</td><td>{}</td><td>{:.1f}</td></tr>", html_escape(t.name),
                           t.headcount, t.paid_hours);
            agents += t.headcount;
            paid += t.paid_hours;
        }
        fmt::format_to(o, R"(<tr class="total"><td>total</td><td>{}</td><td>{:.1f}</td></tr>)",
                       agents, paid);
    }
    p.html += R"(</tbody></table></div><h3>Optimality</h3><div class="table-wrap">)"
              R"(<table id="table-optimality"><thead><tr><th>pool</th><th>status</th>)"
              R"(<th>objective</th><th>lower bound</th><th>gap</th><th>solver s</th></tr>)"
              R"(</thead><tbody>)";
    for (const auto& s : r.schedules) {
        fmt::format_to(o,
                       "<tr><td>{}</td><td>{}</td><td>{} {}</td><td>{}</td><td>{}</td>"
                       "<td>{}</td></tr>",
                       html_escape(s.pool), html_escape(s.status), number(s.objective),
                       html_escape(s.objective_unit), number(s.lower_bound),
                       s.gap() ? percent(s.gap(), 2) : std::string{"no bound known"},
                       number(s.solver_seconds, 2));
    }
    p.html += "</tbody></table></div></section>";
}

void backtest_tables(page& p, const plan_report& r) {
    auto o = p.out();
    p.html += R"(<section id="backtest"><h2>Forecast backtest accuracy</h2>)"
              R"(<p class="lead">Rolling-origin backtest; WAPE = Σ|e| / Σ actual, MASE against )"
              R"(the weekly seasonal naive, bias = Σe / Σ actual. The highlighted method is the )"
              R"(one the plan uses.</p>)";
    if (r.backtests.empty()) {
        p.html += R"(<p id="table-backtest">No backtest in this report.</p>)";
    }
    for (std::size_t i = 0; i < r.backtests.size(); ++i) {
        const auto& b = r.backtests[i];
        fmt::format_to(o,
                       R"(<h3>{} <small>({}, {} origins)</small></h3><div class="table-wrap">)"
                       R"(<table id="table-backtest{}"><thead><tr><th>method</th><th>MAE</th>)"
                       R"(<th>RMSE</th><th>WAPE</th><th>MASE</th><th>bias</th><th>coverage</th>)"
                       R"(</tr></thead><tbody>)",
                       html_escape(b.channel), html_escape(b.series), b.origins,
                       i == 0 ? std::string{} : fmt::format("-{}", i));
        for (const auto& a : b.rows) {
            const bool chosen = a.method == b.chosen_method;
            fmt::format_to(o,
                           "<tr{}><td>{}{}</td><td>{:.2f}</td><td>{:.2f}</td><td>{}</td>"
                           "<td>{}</td><td>{}</td><td>{}</td></tr>",
                           chosen ? R"( class="chosen")" : "", html_escape(a.method),
                           chosen ? " ✓ chosen" : "", a.mae, a.rmse, percent(a.wape),
                           number(a.mase, 2), percent(a.bias), percent(a.coverage, 0));
        }
        p.html += "</tbody></table></div>";
    }
    p.html += "</section>";
}

void self_check_script(page& p) {
    p.html += "<script>(function(){var ids=[";
    for (std::size_t i = 0; i < p.chart_ids.size(); ++i) {
        fmt::format_to(p.out(), "{}\"{}\"", i > 0 ? "," : "", p.chart_ids[i]);
    }
    p.html += "];var ok=ids.every(function(id){var e=document.getElementById(id);"
              "return e!==null&&e.tagName.toLowerCase()==='svg'&&e.childElementCount>0;});"
              "document.body.setAttribute('data-ok',ok?'1':'0');"
              "document.body.setAttribute('data-charts',String(document.querySelectorAll("
              "'svg.chart').length));})();</script>";
}

} // namespace

std::string render_html(const plan_report& report) {
    const plan_summary s = summarise(report);
    page p;
    const std::string title = html_escape(report.title);
    const local_date last = report.week_start + std::chrono::days{6};
    fmt::format_to(p.out(),
                   "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                   "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                   "<title>{} · {}</title><style>{}</style></head><body data-ok=\"0\">"
                   "<header><div class=\"in\"><h1>{}</h1><p>Week of {} {} to {} {} · "
                   "{}-minute intervals · {} channel{}</p></div></header><main>",
                   title, format_date(report.week_start), css, title,
                   weekday_name(weekday_index(report.week_start)), format_date(report.week_start),
                   weekday_name(weekday_index(last)), format_date(last), report.grid.minutes(),
                   report.channels.size(), report.channels.size() == 1 ? "" : "s");
    cards(p, report, s);
    html::coverage_section(p, report);
    html::sl_section(p, report);
    html::heatmap_section(p, report);
    week_tables(p, report, s);
    day_tables(p, report, s);
    schedule_tables(p, report);
    backtest_tables(p, report);
    if (!report.notes.empty()) {
        p.html += R"(<section id="notes"><h2>Notes</h2><ul>)";
        for (const auto& n : report.notes) {
            fmt::format_to(p.out(), "<li>{}</li>", html_escape(n));
        }
        p.html += "</ul></section>";
    }
    p.html += "</main><footer>Generated by wfm · self-contained page: no network, no external "
              "scripts or fonts</footer>";
    self_check_script(p);
    p.html += "</body></html>\n";
    return p.html;
}

} // namespace wfm::report
