// The HTML report's inline SVG charts: coverage, predicted service level, staffing heat map.
#include "format.hpp"
#include "html_page.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <tuple>

namespace wfm::report::html {
namespace {

using detail::html_escape;
using detail::percent;

constexpr std::string_view blue = "#1d4ed8";
constexpr std::string_view blue_fill = "#bfdbfe";
constexpr std::string_view orange = "#ea580c";
constexpr std::string_view red = "#b91c1c";
constexpr std::string_view green = "#15803d";
constexpr std::string_view grid_line = "#e5e7eb";
constexpr std::string_view axis = "#94a3b8";
constexpr std::string_view label = "#475569";
constexpr std::string_view closed_cell = "#eef0f3";

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

// ---------------------------------------------------------------- predicted service level

// Geometry of the service-level chart: seven day panels side by side, each [lo, hi) minutes.
struct sl_frame {
    static constexpr double w = 1000;
    static constexpr double h = 250;
    static constexpr double left = 50;
    static constexpr double right = 84;
    static constexpr double top = 12;
    static constexpr double bottom = 42;
    int lo = 0;
    int hi = 1440;
    double panel = (w - left - right) / 7.0;

    [[nodiscard]] double x(int day, double minute) const {
        return left + day * panel + (minute - lo) * panel / (hi - lo);
    }
    [[nodiscard]] double y(double v) const { return top + (1.0 - v) * (h - top - bottom); }
};

// The service-level chart's grid, day panels and axis titles.
void sl_axes(out_it o, const plan_report& r, const sl_frame& f) {
    constexpr double w = sl_frame::w;
    constexpr double h = sl_frame::h;
    constexpr double left = sl_frame::left;
    constexpr double right = sl_frame::right;
    constexpr double top = sl_frame::top;
    constexpr double bottom = sl_frame::bottom;
    const int lo = f.lo;
    const int hi = f.hi;
    const auto x = [&](int day, double minute) { return f.x(day, minute); };
    const auto y = [&](double v) { return f.y(v); };
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
}

void sl_chart(page& p, const std::string& id, const plan_report& r, const channel_plan& c) {
    const int step = r.grid.minutes();
    sl_frame f;
    std::tie(f.lo, f.hi) = open_window(c, step);
    const int lo = f.lo;
    const int hi = f.hi;
    const auto x = [&](int day, double minute) { return f.x(day, minute); };
    const auto y = [&](double v) { return f.y(v); };
    auto o = p.out();
    fmt::format_to(o,
                   R"(<svg class="chart service-level" id="{}" viewBox="0 0 {} {}" role="img" )"
                   R"(aria-label="predicted service level per interval" font-size="11">)",
                   id, sl_frame::w, sl_frame::h);
    sl_axes(o, r, f);
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
                   sl_frame::left, sl_frame::w - sl_frame::right, ty, red,
                   sl_frame::w - sl_frame::right + 5, ty + 4, percent(c.target.service_level, 0));
    p.html += "</svg>";
    p.chart_ids.push_back(id);
}

// ---------------------------------------------------------------- heat map

// The heat map's legend: a gradient bar from −scale (under) to +scale (over), and the closed
// swatch.
void heatmap_legend(page& p, const std::string& id, double scale, double plot_bottom) {
    constexpr double left = 56;
    auto o = p.out();
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
}

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
    heatmap_legend(p, id, scale, plot_bottom);
    p.html += "</svg>";
    p.chart_ids.push_back(id);
}

} // namespace

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

} // namespace wfm::report::html
