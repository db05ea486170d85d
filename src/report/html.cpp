// Self-contained HTML plan report: inline CSS, inline SVG charts drawn here, no network.
#include "format.hpp"

#include <wfm/report/plan_report.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <map>

namespace wfm::report {
namespace {

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

constexpr std::string_view blue = "#1d4ed8";
constexpr std::string_view blue_fill = "#bfdbfe";
constexpr std::string_view orange = "#ea580c";
constexpr std::string_view red = "#b91c1c";
constexpr std::string_view green = "#15803d";
constexpr std::string_view grid_line = "#e5e7eb";
constexpr std::string_view axis = "#94a3b8";
constexpr std::string_view label = "#475569";
constexpr std::string_view closed_cell = "#eef0f3";

using out_it = std::back_insert_iterator<std::string>;

/// A step of 1, 2 or 5 × 10^k near `raw`.
double nice_step(double raw) {
    if (raw <= 0.0 || !std::isfinite(raw)) {
        return 1.0;
    }
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double f = raw / magnitude;
    const double nice = f < 1.5 ? 1.0 : f < 3.0 ? 2.0 : f < 7.0 ? 5.0 : 10.0;
    return nice * magnitude;
}

/// Upper end of a 0-based axis holding `max`, a whole number of nice steps, and the step.
std::pair<double, double> nice_axis(double max, int ticks = 4) {
    const double step = nice_step(std::max(max, 1.0) / ticks);
    return {std::ceil(std::max(max, 1.0) / step) * step, step};
}

std::string tick_label(double v) {
    return std::abs(v - std::round(v)) < 1e-9 ? fmt::format("{:.0f}", v) : fmt::format("{:g}", v);
}

std::string hhmm(int minute) {
    return fmt::format("{:02}:{:02}", minute / 60, minute % 60);
}

/// Hours [lo, hi) (in minutes, whole hours) in which the channel has anything to show.
std::pair<int, int> open_window(const channel_plan& c, int step) {
    int lo = 1440;
    int hi = 0;
    for (const auto& x : c.intervals) {
        if (x.required > 0.0 || x.scheduled > 0.0 || x.volume > 0.0) {
            const int m = minute_of_day(x.start);
            lo = std::min(lo, m);
            hi = std::max(hi, m + step);
        }
    }
    if (lo >= hi) {
        return {0, 1440};
    }
    return {lo / 60 * 60, std::min(1440, (hi + 59) / 60 * 60)};
}

/// A channel's intervals by (day offset from week start, slot of day).
class week_index {
public:
    week_index(const plan_report& r, const channel_plan& c) : grid_(r.grid), start_(r.week_start) {
        for (const auto& x : c.intervals) {
            const auto day = (day_of(x.start) - start_).count();
            if (day >= 0 && day < 7) {
                map_[{static_cast<int>(day), grid_.slot_of_day(x.start)}] = &x;
            }
        }
    }
    [[nodiscard]] const interval_outcome* at(int day, int slot) const {
        const auto it = map_.find({day, slot});
        return it == map_.end() ? nullptr : it->second;
    }

private:
    interval_grid grid_;
    local_date start_;
    std::map<std::pair<int, int>, const interval_outcome*> map_;
};

std::string colour_mix(std::array<int, 3> a, std::array<int, 3> b, double t) {
    std::array<int, 3> c{};
    for (std::size_t k = 0; k < 3; ++k) {
        c[k] = static_cast<int>(std::lround(a[k] + (b[k] - a[k]) * t));
    }
    return fmt::format("#{:02x}{:02x}{:02x}", c[0], c[1], c[2]);
}

/// Diverging red (under) – near-white – blue (over) scale for t in [−1, 1] (ColorBrewer RdBu).
std::string diverging(double t) {
    constexpr std::array<int, 3> mid{247, 247, 247};
    constexpr std::array<int, 3> red_mid{244, 165, 130};
    constexpr std::array<int, 3> red_end{178, 24, 43};
    constexpr std::array<int, 3> blue_mid{146, 197, 222};
    constexpr std::array<int, 3> blue_end{33, 102, 172};
    t = std::clamp(t, -1.0, 1.0);
    const double a = std::abs(t);
    const auto& half = t < 0 ? red_mid : blue_mid;
    const auto& end = t < 0 ? red_end : blue_end;
    return a <= 0.5 ? colour_mix(mid, half, a / 0.5) : colour_mix(half, end, (a - 0.5) / 0.5);
}

/// Chart ids registered for the self-check script.
struct page {
    std::string html;
    std::vector<std::string> chart_ids;
    out_it out() { return std::back_inserter(html); }
};

// ---------------------------------------------------------------- required vs scheduled

void coverage_chart(page& p, const std::string& id, const week_index& index, int day,
                    std::pair<int, int> window, double y_max, double y_step, int step) {
    constexpr double w = 300;
    constexpr double h = 170;
    constexpr double left = 34;
    constexpr double right = 8;
    constexpr double top = 10;
    constexpr double bottom = 30;
    const auto [lo, hi] = window;
    const auto x = [&](int minute) {
        return left + (minute - lo) * (w - left - right) / (hi - lo);
    };
    const auto y = [&](double v) { return top + (1.0 - v / y_max) * (h - top - bottom); };
    auto o = p.out();
    fmt::format_to(o,
                   R"(<svg class="chart coverage" id="{}" viewBox="0 0 {} {}" role="img" )"
                   R"(aria-label="required and scheduled agents" font-size="10">)",
                   id, w, h);
    for (double v = 0; v <= y_max + 1e-9; v += y_step) {
        fmt::format_to(o,
                       R"(<line x1="{:.1f}" x2="{:.1f}" y1="{:.1f}" y2="{:.1f}" stroke="{}"/>)"
                       R"(<text x="{:.1f}" y="{:.1f}" text-anchor="end" fill="{}">{}</text>)",
                       left, w - right, y(v), y(v), grid_line, left - 4, y(v) + 3.5, label,
                       tick_label(v));
    }
    const int hour_step = hi - lo > 12 * 60 ? 180 : 120;
    for (int m = lo; m <= hi; m += 60) {
        if ((m - lo) % hour_step == 0) {
            fmt::format_to(o,
                           R"(<line x1="{0:.1f}" x2="{0:.1f}" y1="{1:.1f}" y2="{2:.1f}" )"
                           R"(stroke="{3}"/><text x="{0:.1f}" y="{4:.1f}" text-anchor="middle" )"
                           R"(fill="{5}">{6:02}</text>)",
                           x(m), h - bottom, h - bottom + 4, axis, h - bottom + 14, label, m / 60);
        }
    }
    fmt::format_to(o,
                   R"(<line x1="{0}" x2="{1}" y1="{2:.1f}" y2="{2:.1f}" stroke="{3}"/>)"
                   R"(<text x="{1}" y="{4:.1f}" text-anchor="end" fill="{5}">hour</text>)"
                   R"~(<text transform="translate(9 {6:.1f}) rotate(-90)" text-anchor="middle" )~"
                   R"(fill="{5}">agents</text>)",
                   left, w - right, h - bottom, axis, h - 3, label, top + (h - top - bottom) / 2);

    std::string area = fmt::format("M{:.1f} {:.1f}", x(lo), y(0));
    std::string sched_line;
    std::string req_line;
    std::string gaps;
    for (int m = lo; m < hi; m += step) {
        const interval_outcome* iv = index.at(day, m / step);
        const double r = iv ? iv->required : 0.0;
        const double c = iv ? iv->scheduled : 0.0;
        const double x0 = x(m);
        const double x1 = x(m + step);
        fmt::format_to(std::back_inserter(area), "V{:.1f}H{:.1f}", y(c), x1);
        fmt::format_to(std::back_inserter(sched_line), "{}{:.1f} {:.1f}H{:.1f}",
                       m == lo ? "M" : "L", x0, y(c), x1);
        fmt::format_to(std::back_inserter(req_line), "{}{:.1f} {:.1f}H{:.1f}", m == lo ? "M" : "L",
                       x0, y(r), x1);
        if (c < r) {
            fmt::format_to(std::back_inserter(gaps),
                           R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}"/>)", x0,
                           y(r), x1 - x0, y(c) - y(r));
        }
    }
    area += fmt::format("V{:.1f}Z", y(0));
    fmt::format_to(o, R"(<path d="{}" fill="{}" fill-opacity="0.7"/>)", area, blue_fill);
    fmt::format_to(o, R"(<g fill="{}" fill-opacity="0.35">{}</g>)", red, gaps);
    fmt::format_to(o, R"(<path d="{}" fill="none" stroke="{}" stroke-width="1.4"/>)", sched_line,
                   blue);
    fmt::format_to(o, R"(<path d="{}" fill="none" stroke="{}" stroke-width="1.6"/>)", req_line,
                   orange);
    p.html += "</svg>";
    p.chart_ids.push_back(id);
}

void coverage_section(page& p, const plan_report& r) {
    auto o = p.out();
    p.html += R"(<section id="coverage"><h2>Required vs scheduled agents</h2>)"
              R"(<p class="lead">Per interval and day: agents required on the schedule (after )"
              R"(shrinkage) and agents scheduled on duty and not on break.</p>)";
    fmt::format_to(o,
                   R"(<div class="legend"><span><i class="sw" style="background:{}"></i>)"
                   R"(scheduled c(i)</span><span><i class="sw" style="background:{}"></i>)"
                   R"(required r(i)</span><span><i class="sw" style="background:{};)"
                   R"(opacity:.45"></i>shortage (c &lt; r)</span></div>)",
                   blue, orange, red);
    const int step = r.grid.minutes();
    for (std::size_t ci = 0; ci < r.channels.size(); ++ci) {
        const auto& c = r.channels[ci];
        double y_max = 0.0;
        for (const auto& x : c.intervals) {
            y_max = std::max({y_max, x.required, x.scheduled});
        }
        const auto [top, y_step] = nice_axis(y_max);
        const week_index index{r, c};
        const auto window = open_window(c, step);
        fmt::format_to(o, R"(<h3>{}</h3><div class="multiples">)", html_escape(c.name));
        for (int d = 0; d < 7; ++d) {
            const local_date day = r.week_start + std::chrono::days{d};
            fmt::format_to(o, "<figure><figcaption>{} {}</figcaption>",
                           weekday_name(weekday_index(day)), format_date(day));
            coverage_chart(p, fmt::format("chart-coverage-{}-{}", ci, d), index, d, window, top,
                           y_step, step);
            p.html += "</figure>";
        }
        p.html += "</div>";
    }
    p.html += "</section>";
}

// ---------------------------------------------------------------- predicted service level

void sl_chart(page& p, const std::string& id, const plan_report& r, const channel_plan& c) {
    constexpr double w = 1000;
    constexpr double h = 250;
    constexpr double left = 50;
    constexpr double right = 84;
    constexpr double top = 12;
    constexpr double bottom = 42;
    const int step = r.grid.minutes();
    const auto [lo, hi] = open_window(c, step);
    const double panel = (w - left - right) / 7.0;
    const auto x = [&](int day, double minute) {
        return left + day * panel + (minute - lo) * panel / (hi - lo);
    };
    const auto y = [&](double v) { return top + (1.0 - v) * (h - top - bottom); };
    auto o = p.out();
    fmt::format_to(o,
                   R"(<svg class="chart service-level" id="{}" viewBox="0 0 {} {}" role="img" )"
                   R"(aria-label="predicted service level per interval" font-size="11">)",
                   id, w, h);
    for (int v = 0; v <= 100; v += 20) {
        fmt::format_to(o,
                       R"(<line x1="{:.1f}" x2="{:.1f}" y1="{:.1f}" y2="{:.1f}" stroke="{}"/>)"
                       R"(<text x="{:.1f}" y="{:.1f}" text-anchor="end" fill="{}">{}%</text>)",
                       left, w - right, y(v / 100.0), y(v / 100.0), grid_line, left - 5,
                       y(v / 100.0) + 4, label, v);
    }
    for (int d = 0; d <= 7; ++d) {
        fmt::format_to(
            o, R"(<line x1="{0:.1f}" x2="{0:.1f}" y1="{1:.1f}" y2="{2:.1f}" stroke="{3}"/>)",
            x(d, lo), top, h - bottom, axis);
        if (d < 7) {
            const local_date day = r.week_start + std::chrono::days{d};
            fmt::format_to(o,
                           R"(<text x="{:.1f}" y="{:.1f}" text-anchor="middle" fill="{}">)"
                           R"({} {}</text><text x="{:.1f}" y="{:.1f}" text-anchor="start" )"
                           R"(fill="{}" font-size="9">{}</text>)",
                           x(d, (lo + hi) / 2.0), h - bottom + 16, label,
                           weekday_name(weekday_index(day)), format_date(day).substr(5),
                           x(d, lo) + 2, h - bottom + 10, axis, hhmm(lo));
        }
    }
    fmt::format_to(o,
                   R"(<line x1="{0}" x2="{1}" y1="{2:.1f}" y2="{2:.1f}" stroke="{3}"/>)"
                   R"(<text x="{4:.1f}" y="{5:.1f}" text-anchor="middle" fill="{6}">)"
                   R"(day (each panel {7}–{8})</text>)"
                   R"~(<text transform="translate(13 {9:.1f}) rotate(-90)" text-anchor="middle" )~"
                   R"(fill="{6}">predicted SL</text>)",
                   left, w - right, h - bottom, axis, left + (w - left - right) / 2, h - 4, label,
                   hhmm(lo), hhmm(hi), top + (h - top - bottom) / 2);

    const week_index index{r, c};
    std::string line;
    std::string misses;
    bool pen_down = false;
    for (int d = 0; d < 7; ++d) {
        pen_down = false;
        for (int m = lo; m < hi; m += step) {
            const interval_outcome* iv = index.at(d, m / step);
            if (iv == nullptr || !iv->service_level || iv->volume <= 0.0) {
                pen_down = false;
                continue;
            }
            const double px = x(d, m + step / 2.0);
            const double py = y(*iv->service_level);
            fmt::format_to(std::back_inserter(line), "{}{:.1f} {:.1f}", pen_down ? "L" : "M", px,
                           py);
            pen_down = true;
            if (*iv->service_level + 1e-9 < c.target.service_level) {
                fmt::format_to(std::back_inserter(misses),
                               R"(<circle cx="{:.1f}" cy="{:.1f}" r="2.2"><title>{} {}: )"
                               R"(SL {}</title></circle>)",
                               px, py,
                               weekday_name(weekday_index(r.week_start + std::chrono::days{d})),
                               hhmm(m), percent(iv->service_level));
            }
        }
    }
    fmt::format_to(o, R"(<path d="{}" fill="none" stroke="{}" stroke-width="1.3"/>)", line, green);
    fmt::format_to(o, R"(<g fill="{}">{}</g>)", red, misses);
    const double ty = y(c.target.service_level);
    fmt::format_to(o,
                   R"(<line x1="{0}" x2="{1}" y1="{2:.1f}" y2="{2:.1f}" stroke="{3}" )"
                   R"(stroke-width="1.5" stroke-dasharray="6 4"/>)"
                   R"(<text x="{4}" y="{5:.1f}" fill="{3}" font-weight="600">target {6}</text>)",
                   left, w - right, ty, red, w - right + 5, ty + 4,
                   percent(c.target.service_level, 0));
    p.html += "</svg>";
    p.chart_ids.push_back(id);
}

void sl_section(page& p, const plan_report& r) {
    auto o = p.out();
    p.html += R"(<section id="service-level"><h2>Predicted service level</h2>)"
              R"(<p class="lead">Service level each interval's scheduled coverage (after )"
              R"(shrinkage) is predicted to reach under the staffing model, against the target.)"
              R"(</p>)";
    fmt::format_to(o,
                   R"(<div class="legend"><span><i class="sw" style="background:{}"></i>)"
                   R"(predicted SL</span><span><i class="sw" style="background:{}"></i>)"
                   R"(target</span><span><i class="sw" style="background:{};border-radius:50%;)"
                   R"(width:9px;height:9px"></i>interval below target</span></div>)",
                   green, red, red);
    for (std::size_t ci = 0; ci < r.channels.size(); ++ci) {
        const auto& c = r.channels[ci];
        fmt::format_to(o, "<h3>{} <small>({} s, over {})</small></h3>", html_escape(c.name),
                       c.target.threshold.count(), html_escape(c.target.sl_variant));
        sl_chart(p, fmt::format("chart-sl-{}", ci), r, c);
    }
    p.html += "</section>";
}

// ---------------------------------------------------------------- heat map

void heatmap_chart(page& p, const std::string& id, const plan_report& r, const channel_plan& c) {
    const int step = r.grid.minutes();
    const auto [lo, hi] = open_window(c, step);
    const int columns = (hi - lo) / step;
    constexpr double w = 1000;
    constexpr double left = 56;
    constexpr double right = 26;
    constexpr double top = 8;
    constexpr double row = 24;
    const double cell = (w - left - right) / columns;
    const double plot_bottom = top + 7 * row;
    const double h = plot_bottom + 78;
    const week_index index{r, c};
    double max_gap = 1.0;
    for (const auto& x : c.intervals) {
        max_gap = std::max(max_gap, std::abs(x.scheduled - x.required));
    }
    const double scale = std::ceil(max_gap);
    auto o = p.out();
    fmt::format_to(o,
                   R"(<svg class="chart heatmap" id="{}" viewBox="0 0 {} {:.0f}" role="img" )"
                   R"(aria-label="over and under staffing by weekday and time of day" )"
                   R"(font-size="11">)",
                   id, w, h);
    for (int d = 0; d < 7; ++d) {
        const local_date day = r.week_start + std::chrono::days{d};
        const double y0 = top + d * row;
        fmt::format_to(o, R"(<text x="{:.1f}" y="{:.1f}" text-anchor="end" fill="{}">{}</text>)",
                       left - 6, y0 + row / 2 + 4, label, weekday_name(weekday_index(day)));
        for (int k = 0; k < columns; ++k) {
            const int m = lo + k * step;
            const interval_outcome* iv = index.at(d, m / step);
            const bool in_scope = iv && (iv->required > 0.0 || iv->scheduled > 0.0);
            const double gap = in_scope ? iv->scheduled - iv->required : 0.0;
            const std::string fill = in_scope ? diverging(gap / scale) : std::string{closed_cell};
            fmt::format_to(o,
                           R"(<rect x="{:.2f}" y="{:.1f}" width="{:.2f}" height="{:.1f}" )"
                           R"(fill="{}" stroke="#fff" stroke-width="0.6"><title>{} {} )",
                           left + k * cell, y0, cell, row, fill, weekday_name(weekday_index(day)),
                           hhmm(m));
            if (in_scope) {
                fmt::format_to(o, "required {}, scheduled {} ({:+.1f})", tick_label(iv->required),
                               tick_label(iv->scheduled), gap);
            } else {
                p.html += "nothing required or scheduled";
            }
            p.html += "</title></rect>";
        }
    }
    for (int m = lo; m <= hi; m += 60) {
        const double px = left + (m - lo) / static_cast<double>(step) * cell;
        fmt::format_to(
            o, R"(<line x1="{0:.1f}" x2="{0:.1f}" y1="{1:.1f}" y2="{2:.1f}" stroke="{3}"/>)", px,
            plot_bottom, plot_bottom + 4, axis);
        if ((m - lo) % 120 == 0) {
            fmt::format_to(
                o, R"(<text x="{:.1f}" y="{:.1f}" text-anchor="middle" fill="{}">{}</text>)", px,
                plot_bottom + 16, label, hhmm(m));
        }
    }
    fmt::format_to(
        o, R"(<text x="{:.1f}" y="{:.1f}" text-anchor="middle" fill="{}">time of day</text>)",
        left + (w - left - right) / 2, plot_bottom + 32, label);
    // Legend: a gradient bar from −scale (under) to +scale (over), and the closed swatch.
    const std::string grad = id + "-grad";
    fmt::format_to(o, R"(<defs><linearGradient id="{}">)", grad);
    for (int k = 0; k <= 8; ++k) {
        fmt::format_to(o, R"(<stop offset="{}%" stop-color="{}"/>)", k * 12.5,
                       diverging(-1.0 + k * 0.25));
    }
    p.html += "</linearGradient></defs>";
    const double lx = left;
    const double ly = plot_bottom + 46;
    constexpr double lw = 260;
    fmt::format_to(o,
                   R"~(<rect x="{0:.1f}" y="{1:.1f}" width="{2}" height="10" fill="url(#{3})" )~"
                   R"(stroke="{4}" stroke-width="0.5"/>)"
                   R"(<text x="{0:.1f}" y="{5:.1f}" fill="{6}">−{7} under</text>)"
                   R"(<text x="{8:.1f}" y="{5:.1f}" text-anchor="middle" fill="{6}">0</text>)"
                   R"(<text x="{9:.1f}" y="{5:.1f}" text-anchor="end" fill="{6}">+{7} over</text>)"
                   R"(<text x="{10:.1f}" y="{11:.1f}" fill="{6}">scheduled − required )"
                   R"((agents)</text>)"
                   R"(<rect x="{12:.1f}" y="{1:.1f}" width="14" height="10" fill="{13}" )"
                   R"(stroke="{4}" stroke-width="0.5"/>)"
                   R"(<text x="{14:.1f}" y="{11:.1f}" fill="{6}">closed / nothing required</text>)",
                   lx, ly, lw, grad, axis, ly + 23, label, tick_label(scale), lx + lw / 2, lx + lw,
                   lx + lw + 12, ly + 9, lx + lw + 190, closed_cell, lx + lw + 210);
    p.html += "</svg>";
    p.chart_ids.push_back(id);
}

void heatmap_section(page& p, const plan_report& r) {
    p.html += R"(<section id="heatmap"><h2>Over and under staffing</h2>)"
              R"(<p class="lead">Scheduled minus required agents by weekday and time of day; )"
              R"(red is short, blue is over. Hover a cell for its figures.</p>)";
    for (std::size_t ci = 0; ci < r.channels.size(); ++ci) {
        fmt::format_to(p.out(), "<h3>{}</h3>", html_escape(r.channels[ci].name));
        heatmap_chart(p, fmt::format("chart-heatmap-{}", ci), r, r.channels[ci]);
    }
    p.html += "</section>";
}

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
    coverage_section(p, report);
    sl_section(p, report);
    heatmap_section(p, report);
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
