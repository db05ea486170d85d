// Self-contained HTML plan report: the page, its CSS and tables (charts in html_charts.cpp).
#include "format.hpp"
#include "html_page.hpp"
#include "simulation_section.hpp"

#include <wfm/report/plan_report.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <map>

namespace wfm::report {

namespace html {

const std::string_view css = R"(
:root{--ink:#1f2937;--muted:#6b7280;--line:#e5e7eb;--bg:#f3f5f8;--card:#fff;--blue:#1d4ed8;
--orange:#ea580c;--red:#b91c1c;--green:#15803d}
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,
"Noto Sans","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;color:var(--ink);background:var(--bg);font-size:14px;line-height:1.45}
header{background:#0f172a;color:#f8fafc;padding:22px 0}
header .in,main{max-width:1120px;margin:0 auto;padding:0 28px}
header h1{margin:0;font-size:24px;font-weight:650;letter-spacing:.2px}
header p{margin:4px 0 0;color:#cbd5e1}
main{padding-top:22px;padding-bottom:40px}
section{background:var(--card);border:1px solid var(--line);border-radius:10px;
padding:18px 22px;margin:0 0 18px;box-shadow:0 1px 2px rgba(15,23,42,.04)}
h2{font-size:18px;margin:0 0 2px;font-weight:650}
h3{font-size:15px;margin:16px 0 6px;font-weight:600}
h3.pool{border-bottom:1px solid var(--line);padding-bottom:3px;margin-top:18px}
h3 small,figcaption small{font-weight:500;color:var(--muted)}
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
tr.subtotal td{font-weight:600;color:#334155}
tr.group td{background:#f8fafc;font-weight:650;color:#334155}
tr.chosen td{font-weight:650;background:#eff6ff}
table.compact{font-size:12.5px}table.compact th,table.compact td{padding:4px 6px}
.good{color:var(--green)} .bad{color:var(--red)}
.table-wrap{overflow-x:auto}
.multiples{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:8px 14px}
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

void self_check_script(std::string& html, const std::vector<std::string>& chart_ids) {
    html += "<script>(function(){var ids=[";
    for (std::size_t i = 0; i < chart_ids.size(); ++i) {
        fmt::format_to(std::back_inserter(html), "{}\"{}\"", i > 0 ? "," : "", chart_ids[i]);
    }
    html += "];var ok=ids.every(function(id){var e=document.getElementById(id);"
            "return e!==null&&e.tagName.toLowerCase()==='svg'&&e.childElementCount>0;});"
            "document.body.setAttribute('data-ok',ok?'1':'0');"
            "document.body.setAttribute('data-charts',String(document.querySelectorAll("
            "'svg.chart').length));})();</script>";
}

} // namespace html

namespace {

using html::out_it;
using html::page;

using detail::html_escape;
using detail::number;
using detail::percent;

// ---------------------------------------------------------------- tables

std::string judged(const std::optional<double>& value, double target, int decimals = 1) {
    if (!value) {
        return "n/a";
    }
    return fmt::format(R"(<span class="{}">{}</span>)", *value + 1e-9 >= target ? "good" : "bad",
                       percent(value, decimals));
}

/// `<th>` cells of `heads`.
std::string head_cells(std::initializer_list<std::string_view> heads) {
    std::string out;
    for (const auto h : heads) {
        out += fmt::format("<th>{}</th>", h);
    }
    return out;
}

void cards(page& p, const plan_report& r) {
    const auto& w = p.words;
    const auto& s = p.summary;
    fmt::format_to(p.out(),
                   R"(<section id="summary"><h2>{}</h2><p class="lead">{}</p><div class="cards">)",
                   w.glance, w.glance_lead);
    for (std::size_t i = 0; i < s.channels.size(); ++i) {
        const auto& c = s.channels[i];
        const auto& t = r.channels[i].target;
        const auto& o = c.week.outcome;
        fmt::format_to(
            p.out(),
            R"(<div class="card"><h3>{} <small>{}</small></h3><p class="big">{} <small>{}</small>)"
            R"(</p><dl><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd>)"
            R"(<dt>{} / {}</dt><dd>{} / {}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd>)"
            R"(</dl></div>)",
            html_escape(c.name), html_escape(r.channels[i].pool), percent(c.week.fit.fit()),
            w.schedule_fit_label,
            fmt::format(fmt::runtime(w.sl_target_f), percent(t.service_level, 0),
                        t.threshold.count()),
            judged(o.service_level(), t.service_level), w.on_target,
            percent(o.target_met_share(), 0), w.answer_rate_l, percent(o.answer_rate()), w.shortage,
            w.redundancy_l, percent(c.week.fit.shortage_ratio()),
            percent(c.week.fit.redundancy_ratio()), w.occupancy_l, percent(o.occupancy()),
            w.calls_per_agent_day_l, number(o.calls_per_agent_day(r.standard_working_day)));
    }
    p.html += "</div></section>";
}

std::string fit_cells(const period_summary& x) {
    const auto& f = x.fit;
    return fmt::format("<td>{:.1f}</td><td>{:.1f}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
                       "<td>{}</td><td>{}</td>",
                       x.outcome.required_hours, x.outcome.scheduled_hours, percent(f.fit()),
                       percent(f.shortage_ratio()), percent(f.redundancy_ratio()),
                       percent(f.covered_share()), percent(f.within_5_share()),
                       percent(f.within_10_share()));
}

std::string fit_head(const detail::strings& w) {
    return head_cells({w.required_h_l, w.scheduled_h_l, w.fit, w.shortage, w.redundancy_l,
                       w.covered, w.within_5, w.within_10});
}

std::string outcome_cells(const period_summary& x, const std::optional<service_target>& t,
                          std::chrono::minutes day) {
    const auto& v = x.outcome;
    return fmt::format(
        "<td>{:.0f}</td><td>{:.0f}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
        "<td>{}</td><td>{}</td><td>{}</td>",
        v.offered, v.answered,
        t ? judged(v.service_level(), t->service_level) : percent(v.service_level()),
        t ? fmt::format("{} / {} s", percent(t->service_level, 0), t->threshold.count())
          : std::string{"—"},
        percent(v.target_met_share(), 0), percent(v.answer_rate()), percent(v.abandon()),
        number(v.asa_s()), percent(v.occupancy()), number(v.calls_per_agent_day(day)));
}

std::string outcome_head(const detail::strings& w) {
    return head_cells({w.offered, w.answered, w.sl, w.target, w.on_target, w.answer_rate_l,
                       w.abandon, w.asa, w.occupancy_l, w.calls_per_agent_day_l});
}

/// A week table grouped by pool: a group row, its channels, the pool's total, and at the end
/// all channels; `cells(summary, target)` renders a row's figures.
template <class Cells>
void pool_grouped_rows(page& p, const plan_report& r, std::size_t columns, Cells cells) {
    const auto& s = p.summary;
    for (const auto& pool : s.pools) {
        fmt::format_to(p.out(), R"(<tr class="group"><td colspan="{}">{}</td></tr>)", columns,
                       html_escape(pool.name));
        for (const auto ci : pool.channels) {
            fmt::format_to(p.out(), "<tr><td>{}</td>{}</tr>", html_escape(r.channels[ci].name),
                           cells(s.channels[ci].week, r.channels[ci].target));
        }
        if (pool.channels.size() > 1) {
            fmt::format_to(p.out(), R"(<tr class="subtotal"><td>{}</td>{}</tr>)", p.words.total,
                           cells(pool.week, std::nullopt));
        }
    }
    fmt::format_to(p.out(), R"(<tr class="total"><td>{}</td>{}</tr>)", p.words.all_channels,
                   cells(s.all_channels.week, std::nullopt));
}

void week_tables(page& p, const plan_report& r) {
    const auto& w = p.words;
    fmt::format_to(p.out(),
                   R"(<section id="week"><h2>{}</h2><h3>{}</h3><div class="table-wrap">)"
                   R"(<table id="table-week-fit"><thead><tr><th>{}</th>{}</tr></thead><tbody>)",
                   w.week_title, w.fit_title, w.channel, fit_head(w));
    pool_grouped_rows(p, r, 9, [](const period_summary& x, const auto&) { return fit_cells(x); });
    fmt::format_to(p.out(),
                   R"(</tbody></table></div><h3>{}</h3><div class="table-wrap">)"
                   R"(<table id="table-week-outcome"><thead><tr><th>{}</th>{}</tr></thead>)"
                   R"(<tbody>)",
                   w.outcome_title, w.channel, outcome_head(w));
    pool_grouped_rows(p, r, 11,
                      [&](const period_summary& x, const std::optional<service_target>& t) {
                          return outcome_cells(x, t, r.standard_working_day);
                      });
    p.html += "</tbody></table></div></section>";
}

void day_tables(page& p, const plan_report& r) {
    const auto& w = p.words;
    const auto& s = p.summary;
    fmt::format_to(p.out(),
                   R"(<section id="days"><h2>{}</h2><div class="table-wrap">)"
                   R"(<table id="table-days" class="compact"><thead><tr><th>{}</th>{}{}</tr>)"
                   R"(</thead><tbody>)",
                   w.days_title, w.day, fit_head(w),
                   head_cells({w.sl, w.answer_rate_l, w.occupancy_l, w.calls_per_agent_day_l}));
    const auto group = [&](const channel_summary& c, std::string_view name,
                           const std::optional<service_target>& t) {
        fmt::format_to(p.out(), R"(<tr class="group"><td colspan="13">{}</td></tr>)",
                       html_escape(name));
        for (const auto& d : c.days) {
            const auto& v = d.outcome;
            fmt::format_to(
                p.out(), "<tr><td>{} {}</td>{}<td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                w.weekdays[static_cast<std::size_t>(weekday_index(d.start))],
                format_date(d.start).substr(5), fit_cells(d),
                t ? judged(v.service_level(), t->service_level) : percent(v.service_level()),
                percent(v.answer_rate()), percent(v.occupancy()),
                number(v.calls_per_agent_day(r.standard_working_day)));
        }
    };
    if (s.channels.size() <= 4) {
        for (std::size_t i = 0; i < s.channels.size(); ++i) {
            group(s.channels[i], s.channels[i].name, r.channels[i].target);
        }
    } else {
        for (const auto& pool : s.pools) {
            group(pool, pool.name, std::nullopt);
        }
    }
    if (s.channels.size() > 1) {
        group(s.all_channels, w.all_channels, std::nullopt);
    }
    p.html += "</tbody></table></div></section>";
}

/// Per pool and overall: headcount, paid hours, FTE, cost, on-duty and break hours, the
/// standard's utilisation (座席利用率) next to the model's occupancy (占用率).
void staff_table(page& p, const plan_report& r) {
    const auto& w = p.words;
    fmt::format_to(p.out(),
                   R"(<h3>{}</h3><p class="lead">{}</p><div class="table-wrap">)"
                   R"(<table id="table-staff"><thead><tr><th>{}</th>{}</tr></thead><tbody>)",
                   w.staff_title,
                   html_escape(fmt::format(fmt::runtime(w.staff_note), r.contract_hours_per_week)),
                   w.pool,
                   head_cells({w.agents, w.paid_h, w.fte, w.cost, w.on_duty_h, w.break_h,
                               w.utilisation_l, w.occupancy_l}));
    const auto row = [&](std::string_view cls, std::string_view name, const schedule_summary& x,
                         const std::optional<double>& occupancy) {
        fmt::format_to(p.out(),
                       "<tr{}><td>{}</td><td>{}</td><td>{:.1f}</td><td>{}</td><td>{}</td>"
                       "<td>{:.1f}</td><td>{:.1f}</td><td>{}</td><td>{}</td></tr>",
                       cls, html_escape(name), x.headcount(), x.paid_hours(),
                       number(x.fte(r.contract_hours_per_week)), number(x.cost(), 0),
                       x.on_duty_hours, x.break_hours, percent(x.utilisation()),
                       percent(occupancy));
    };
    for (const auto& x : r.schedules) {
        const auto pool = std::find_if(p.summary.pools.begin(), p.summary.pools.end(),
                                       [&](const pool_summary& q) { return q.name == x.pool; });
        row("", x.pool, x,
            pool == p.summary.pools.end() ? std::nullopt : pool->week.outcome.occupancy());
    }
    row(R"( class="total")", w.total, p.summary.all_schedules,
        p.summary.all_channels.week.outcome.occupancy());
    p.html += "</tbody></table></div>";
}

void template_table(page& p, const plan_report& r) {
    const auto& w = p.words;
    fmt::format_to(p.out(),
                   R"(<h3>{}</h3><div class="table-wrap"><table id="table-templates"><thead><tr>)"
                   R"(<th>{} / {}</th>{}</tr></thead><tbody>)",
                   w.headcount_title, w.pool, w.schedule_title,
                   head_cells({w.agents, w.paid_h, w.fte, w.cost}));
    if (r.schedules.empty()) {
        fmt::format_to(p.out(), R"(<tr><td colspan="5">{}</td></tr>)", w.no_schedule);
    }
    for (const auto& s : r.schedules) {
        fmt::format_to(p.out(), R"(<tr class="group"><td colspan="5">{}</td></tr>)",
                       html_escape(s.pool));
        for (const auto& t : s.templates) {
            fmt::format_to(p.out(),
                           "<tr><td>{}</td><td>{}</td><td>{:.1f}</td><td>{:.1f}</td><td>{}</td>"
                           "</tr>",
                           html_escape(t.name), t.headcount, t.paid_hours,
                           t.paid_hours / r.contract_hours_per_week, number(t.cost, 0));
        }
        fmt::format_to(p.out(),
                       R"(<tr class="total"><td>{}</td><td>{}</td><td>{:.1f}</td><td>{}</td>)"
                       R"(<td>{}</td></tr>)",
                       w.total, s.headcount(), s.paid_hours(),
                       number(s.fte(r.contract_hours_per_week)), number(s.cost(), 0));
    }
    p.html += "</tbody></table></div>";
}

void schedule_tables(page& p, const plan_report& r) {
    const auto& w = p.words;
    fmt::format_to(p.out(), R"(<section id="schedules"><h2>{}</h2>)", w.schedule_section);
    staff_table(p, r);
    template_table(p, r);
    fmt::format_to(p.out(),
                   R"(<h3>{}</h3><div class="table-wrap"><table id="table-optimality"><thead>)"
                   R"(<tr><th>{}</th>{}</tr></thead><tbody>)",
                   w.optimality, w.pool,
                   head_cells({w.status, w.objective, w.bound, w.gap, w.solver_s}));
    for (const auto& s : r.schedules) {
        fmt::format_to(p.out(),
                       "<tr><td>{}</td><td>{}</td><td>{} {}</td><td>{}</td><td>{}</td>"
                       "<td>{}</td></tr>",
                       html_escape(s.pool), html_escape(s.status), number(s.objective),
                       html_escape(s.objective_unit), number(s.lower_bound),
                       s.gap() ? percent(s.gap(), 2) : std::string{w.no_bound},
                       number(s.solver_seconds, 2));
    }
    p.html += "</tbody></table></div></section>";
}

void backtest_tables(page& p, const plan_report& r) {
    const auto& w = p.words;
    auto o = p.out();
    fmt::format_to(o, R"(<section id="backtest"><h2>{}</h2><p class="lead">{}</p>)",
                   w.backtest_title, w.backtest_lead);
    if (r.backtests.empty()) {
        fmt::format_to(o, R"(<p id="table-backtest">{}</p>)", w.no_backtest);
    }
    for (std::size_t i = 0; i < r.backtests.size(); ++i) {
        const auto& b = r.backtests[i];
        fmt::format_to(
            o,
            R"(<h3>{} <small>{}</small></h3><div class="table-wrap">)"
            R"(<table id="table-backtest{}"><thead><tr><th>{}</th>{}</tr></thead>)"
            R"(<tbody>)",
            html_escape(b.channel),
            fmt::format(fmt::runtime(w.backtest_title_f), html_escape(b.series), b.origins),
            i == 0 ? std::string{} : fmt::format("-{}", i), w.method,
            head_cells({w.mae, w.rmse, w.wape, w.mase, w.bias, w.coverage}));
        for (const auto& a : b.rows) {
            const bool chosen = a.method == b.chosen_method;
            fmt::format_to(o,
                           "<tr{}><td>{}{}</td><td>{:.2f}</td><td>{:.2f}</td><td>{}</td>"
                           "<td>{}</td><td>{}</td><td>{}</td></tr>",
                           chosen ? R"( class="chosen")" : "", html_escape(a.method),
                           chosen ? w.chosen_mark : "", a.mae, a.rmse, percent(a.wape),
                           number(a.mase, 2), percent(a.bias), percent(a.coverage, 0));
        }
        p.html += "</tbody></table></div>";
    }
    p.html += "</section>";
}

} // namespace

std::string render_html(const plan_report& report) {
    const plan_summary s = summarise(report);
    const auto& w = detail::strings_for(report.lang);
    page p{w, s, {}, {}};
    const local_date last = report.week_start + std::chrono::days{6};
    const auto day = [&](local_date d) {
        return fmt::format("{} {}", w.weekdays[static_cast<std::size_t>(weekday_index(d))],
                           format_date(d));
    };
    html::page_start(p.html, w.html_lang, report.title, report.week_start,
                     fmt::format(fmt::runtime(w.page_head_f), day(report.week_start), day(last),
                                 report.grid.minutes(), report.channels.size(), s.pools.size()));
    cards(p, report);
    html::coverage_section(p, report);
    html::sl_section(p, report);
    html::heatmap_section(p, report);
    week_tables(p, report);
    day_tables(p, report);
    schedule_tables(p, report);
    backtest_tables(p, report);
    detail::simulation_html(p.html, report);
    if (!report.notes.empty()) {
        fmt::format_to(p.out(), R"(<section id="notes"><h2>{}</h2><ul>)", w.notes);
        for (const auto& n : report.notes) {
            fmt::format_to(p.out(), "<li>{}</li>", html_escape(n));
        }
        p.html += "</ul></section>";
    }
    fmt::format_to(p.out(), "</main><footer>{}</footer>", w.footer);
    html::self_check_script(p.html, p.chart_ids);
    p.html += "</body></html>\n";
    return p.html;
}

} // namespace wfm::report
