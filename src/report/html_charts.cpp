// The HTML report's inline SVG charts, grouped by pool: compact per-queue week charts of
// coverage and predicted service level (small multiples), and a staffing heat map per pool.
// Only the days on which some queue opens are drawn; closed intervals are never shortage.
#include "format.hpp"
#include "html_page.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <span>

namespace wfm::report::html {

/// A step of 1, 2 or 5 × 10^k near `raw`.
static double nice_step(double raw) {
    if (raw <= 0.0 || !std::isfinite(raw)) {
        return 1.0;
    }
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double f = raw / magnitude;
    const double nice = f < 1.5 ? 1.0 : f < 3.0 ? 2.0 : f < 7.0 ? 5.0 : 10.0;
    return nice * magnitude;
}

/// Upper end of a 0-based axis holding `max`, a whole number of nice steps, and the step.
std::pair<double, double> nice_axis(double max, int ticks) {
    const double step = nice_step(std::max(max, 1.0) / ticks);
    return {std::ceil(std::max(max, 1.0) / step) * step, step};
}

std::string tick_label(double v) {
    return std::abs(v - std::round(v)) < 1e-9 ? fmt::format("{:.0f}", v) : fmt::format("{:g}", v);
}

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

std::string hhmm(int minute) {
    return fmt::format("{:02}:{:02}", minute / 60, minute % 60);
}

std::string_view weekday(const detail::strings& w, local_date day) {
    return w.weekdays[static_cast<std::size_t>(weekday_index(day))];
}

/// One interval of a set of queues added together.
struct cell {
    double required = 0.0;
    double scheduled = 0.0;
    const interval_outcome* single = nullptr; ///< the interval, when the set is one queue
};

/// The open intervals of some channels by (day offset from week start, slot of day), summed.
class cell_index {
public:
    cell_index(const plan_report& r, std::span<const std::size_t> channels) : grid_(r.grid) {
        for (const auto ci : channels) {
            for (const auto& x : r.channels[ci].intervals) {
                const auto day = (day_of(x.start) - r.week_start).count();
                if (!x.open || day < 0 || day >= 7) {
                    continue;
                }
                auto& c = map_[{static_cast<int>(day), grid_.slot_of_day(x.start)}];
                c.required += x.required;
                c.scheduled += x.scheduled;
                c.single = channels.size() == 1 ? &x : nullptr;
                if (x.required > 0.0 || x.scheduled > 0.0 || x.volume > 0.0) {
                    lo_ = std::min(lo_, minute_of_day(x.start));
                    hi_ = std::max(hi_, minute_of_day(x.start) + grid_.minutes());
                }
            }
        }
    }
    [[nodiscard]] const cell* at(int day, int minute) const {
        const auto it = map_.find({day, minute / grid_.minutes()});
        return it == map_.end() ? nullptr : &it->second;
    }
    /// Whole hours [lo, hi) (minutes) in which an open interval has anything to show.
    [[nodiscard]] std::pair<int, int> window() const {
        if (lo_ >= hi_) {
            return {0, 1440};
        }
        return {lo_ / 60 * 60, std::min(1440, (hi_ + 59) / 60 * 60)};
    }
    [[nodiscard]] double max_gap() const {
        double g = 1.0;
        for (const auto& [key, c] : map_) {
            g = std::max(g, std::abs(c.scheduled - c.required));
        }
        return g;
    }

private:
    interval_grid grid_;
    std::map<std::pair<int, int>, cell> map_;
    int lo_ = 1440;
    int hi_ = 0;
};

/// Day offsets (from the week start) of the days the report shows: those with an open interval.
std::vector<int> shown_days(const plan_report& r, const plan_summary& s) {
    std::vector<int> days;
    for (const auto& d : s.all_channels.days) {
        const auto k = (d.start - r.week_start).count();
        if (k >= 0 && k < 7) {
            days.push_back(static_cast<int>(k));
        }
    }
    return days;
}

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

// ---------------------------------------------------------------- compact week charts

/// Geometry of a compact week chart: one panel per shown day, each [lo, hi) minutes wide, and
/// a 0-based y axis up to `y_max`.
struct week_frame {
    static constexpr double w = 400;
    static constexpr double h = 150;
    static constexpr double left = 34;
    static constexpr double right = 8;
    static constexpr double top = 8;
    static constexpr double bottom = 30;
    std::vector<int> days;
    int lo = 0;
    int hi = 1440;
    double y_max = 1.0;
    double y_step = 1.0;

    [[nodiscard]] double panel() const {
        return (w - left - right) / static_cast<double>(std::max<std::size_t>(1, days.size()));
    }
    [[nodiscard]] double x(std::size_t k, double minute) const {
        return left + static_cast<double>(k) * panel() + (minute - lo) * panel() / (hi - lo);
    }
    [[nodiscard]] double y(double v) const { return top + (1.0 - v / y_max) * (h - top - bottom); }
};

/// Opens a compact chart's SVG and draws its grid, tick labels, day panels and y title.
void week_axes(page& p, const plan_report& r, const week_frame& f, std::string_view cls,
               const std::string& id, std::string_view y_title, bool percent_ticks) {
    auto o = p.out();
    fmt::format_to(o,
                   R"(<svg class="chart {}" id="{}" viewBox="0 0 {} {}" role="img" )"
                   R"(aria-label="{}" font-size="10">)",
                   cls, id, week_frame::w, week_frame::h, y_title);
    for (double v = 0; v <= f.y_max + 1e-9; v += f.y_step) {
        fmt::format_to(o,
                       R"(<line x1="{:.1f}" x2="{:.1f}" y1="{:.1f}" y2="{:.1f}" stroke="{}"/>)"
                       R"(<text x="{:.1f}" y="{:.1f}" text-anchor="end" fill="{}">{}</text>)",
                       week_frame::left, week_frame::w - week_frame::right, f.y(v), f.y(v),
                       grid_line, week_frame::left - 4, f.y(v) + 3.5, label,
                       percent_ticks ? fmt::format("{:.0f}%", v * 100) : tick_label(v));
    }
    const double base = week_frame::h - week_frame::bottom;
    for (std::size_t k = 0; k <= f.days.size(); ++k) {
        fmt::format_to(
            o, R"(<line x1="{0:.1f}" x2="{0:.1f}" y1="{1:.1f}" y2="{2:.1f}" stroke="{3}"/>)",
            f.x(k, f.lo), week_frame::top, base + 4, axis);
        if (k == f.days.size()) {
            break;
        }
        const local_date day = r.week_start + std::chrono::days{f.days[k]};
        fmt::format_to(o, R"(<text x="{:.1f}" y="{:.1f}" text-anchor="middle" fill="{}">{}</text>)",
                       f.x(k, (f.lo + f.hi) / 2.0), base + 13, label,
                       f.panel() >= 70
                           ? fmt::format("{} {}", weekday(p.words, day), format_date(day).substr(5))
                           : std::string{weekday(p.words, day)});
    }
    fmt::format_to(o,
                   R"(<line x1="{0}" x2="{1}" y1="{2:.1f}" y2="{2:.1f}" stroke="{3}"/>)"
                   R"(<text x="{0}" y="{4:.1f}" fill="{5}" font-size="9">{6}–{7}</text>)"
                   R"~(<text transform="translate(9 {8:.1f}) rotate(-90)" text-anchor="middle" )~"
                   R"(fill="{5}">{9}</text>)",
                   week_frame::left, week_frame::w - week_frame::right, base, axis,
                   week_frame::h - 3, label, hhmm(f.lo), hhmm(f.hi),
                   week_frame::top + (base - week_frame::top) / 2, y_title);
}

/// Required (line), scheduled (filled) and shortage (red) of one queue over the shown days.
void coverage_chart(page& p, const plan_report& r, const std::string& id, const cell_index& cells,
                    week_frame f) {
    const int step = r.grid.minutes();
    double y_max = 0.0;
    for (std::size_t k = 0; k < f.days.size(); ++k) {
        for (int m = f.lo; m < f.hi; m += step) {
            if (const cell* c = cells.at(f.days[k], m)) {
                y_max = std::max({y_max, c->required, c->scheduled});
            }
        }
    }
    std::tie(f.y_max, f.y_step) = nice_axis(y_max);
    week_axes(p, r, f, "coverage", id, p.words.agents_axis, false);
    std::string area;
    std::string sched;
    std::string req;
    std::string gaps;
    for (std::size_t k = 0; k < f.days.size(); ++k) {
        area += fmt::format("M{:.1f} {:.1f}", f.x(k, f.lo), f.y(0));
        for (int m = f.lo; m < f.hi; m += step) {
            const cell* c = cells.at(f.days[k], m);
            const double rq = c ? c->required : 0.0;
            const double sc = c ? c->scheduled : 0.0;
            const double x0 = f.x(k, m);
            const double x1 = f.x(k, m + step);
            const char* pen = m == f.lo ? "M" : "L";
            area += fmt::format("V{:.1f}H{:.1f}", f.y(sc), x1);
            sched += fmt::format("{}{:.1f} {:.1f}H{:.1f}", pen, x0, f.y(sc), x1);
            req += fmt::format("{}{:.1f} {:.1f}H{:.1f}", pen, x0, f.y(rq), x1);
            if (c && sc < rq) {
                gaps +=
                    fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}"/>)",
                                x0, f.y(rq), x1 - x0, f.y(sc) - f.y(rq));
            }
        }
        area += fmt::format("V{:.1f}Z", f.y(0));
    }
    auto o = p.out();
    fmt::format_to(o, R"(<path d="{}" fill="{}" fill-opacity="0.7"/>)", area, blue_fill);
    fmt::format_to(o, R"(<g fill="{}" fill-opacity="0.35">{}</g>)", red, gaps);
    fmt::format_to(o, R"(<path d="{}" fill="none" stroke="{}" stroke-width="1.2"/>)", sched, blue);
    fmt::format_to(o, R"(<path d="{}" fill="none" stroke="{}" stroke-width="1.4"/>)", req, orange);
    p.html += "</svg>";
    p.chart_ids.push_back(id);
}

/// Predicted SL of one queue over the shown days, its misses and the dashed target.
void sl_chart(page& p, const plan_report& r, const std::string& id, const cell_index& cells,
              const channel_plan& c, week_frame f) {
    const int step = r.grid.minutes();
    f.y_max = 1.0;
    f.y_step = 0.25;
    week_axes(p, r, f, "service-level", id, p.words.sl_axis, true);
    std::string line;
    std::string misses;
    for (std::size_t k = 0; k < f.days.size(); ++k) {
        bool pen_down = false;
        for (int m = f.lo; m < f.hi; m += step) {
            const cell* x = cells.at(f.days[k], m);
            const interval_outcome* iv = x ? x->single : nullptr;
            if (iv == nullptr || !iv->service_level || iv->volume <= 0.0) {
                pen_down = false;
                continue;
            }
            const double px = f.x(k, m + step / 2.0);
            const double py = f.y(*iv->service_level);
            line += fmt::format("{}{:.1f} {:.1f}", pen_down ? "L" : "M", px, py);
            pen_down = true;
            if (*iv->service_level + 1e-9 < c.target.service_level) {
                misses += fmt::format(R"(<circle cx="{:.1f}" cy="{:.1f}" r="1.8"><title>{} {}: )"
                                      R"({}</title></circle>)",
                                      px, py,
                                      weekday(p.words, r.week_start + std::chrono::days{f.days[k]}),
                                      hhmm(m), percent(iv->service_level));
            }
        }
    }
    auto o = p.out();
    fmt::format_to(o, R"(<path d="{}" fill="none" stroke="{}" stroke-width="1.1"/>)", line, green);
    fmt::format_to(o, R"(<g fill="{}">{}</g>)", red, misses);
    fmt::format_to(o,
                   R"(<line x1="{0}" x2="{1}" y1="{2:.1f}" y2="{2:.1f}" stroke="{3}" )"
                   R"(stroke-width="1.2" stroke-dasharray="5 3"/>)",
                   week_frame::left, week_frame::w - week_frame::right, f.y(c.target.service_level),
                   red);
    p.html += "</svg>";
    p.chart_ids.push_back(id);
}

// ---------------------------------------------------------------- heat map

// The heat map's legend: a gradient bar from −scale (under) to +scale (over), and the closed
// swatch.
void heatmap_legend(page& p, const std::string& id, double scale, double plot_bottom) {
    constexpr double lx = 56;
    constexpr double lw = 260;
    const double ly = plot_bottom + 46;
    auto o = p.out();
    const std::string grad = id + "-grad";
    fmt::format_to(o, R"(<defs><linearGradient id="{}">)", grad);
    for (int k = 0; k <= 8; ++k) {
        fmt::format_to(o, R"(<stop offset="{}%" stop-color="{}"/>)", k * 12.5,
                       diverging(-1.0 + k * 0.25));
    }
    p.html += "</linearGradient></defs>";
    fmt::format_to(o,
                   R"~(<rect x="{0:.1f}" y="{1:.1f}" width="{2}" height="10" fill="url(#{3})" )~"
                   R"(stroke="{4}" stroke-width="0.5"/>)"
                   R"(<text x="{0:.1f}" y="{5:.1f}" fill="{6}">−{7} {15}</text>)"
                   R"(<text x="{8:.1f}" y="{5:.1f}" text-anchor="middle" fill="{6}">0</text>)"
                   R"(<text x="{9:.1f}" y="{5:.1f}" text-anchor="end" fill="{6}">+{7} {16}</text>)"
                   R"(<text x="{10:.1f}" y="{11:.1f}" fill="{6}">{17}</text>)"
                   R"(<rect x="{12:.1f}" y="{1:.1f}" width="14" height="10" fill="{13}" )"
                   R"(stroke="{4}" stroke-width="0.5"/>)"
                   R"(<text x="{14:.1f}" y="{11:.1f}" fill="{6}">{18}</text>)",
                   lx, ly, lw, grad, axis, ly + 23, label, tick_label(scale), lx + lw / 2, lx + lw,
                   lx + lw + 12, ly + 9, lx + lw + 230, closed_cell, lx + lw + 250, p.words.under,
                   p.words.over, p.words.gap_legend, p.words.closed_legend);
}

/// Geometry of a pool's heat map: one row per shown day, one column per interval of the window.
struct heat_frame {
    static constexpr double w = 1000;
    static constexpr double left = 56;
    static constexpr double right = 26;
    static constexpr double top = 8;
    static constexpr double row = 24;
    int lo = 0;
    int hi = 1440;
    int step = 15;
    std::size_t rows = 0;

    [[nodiscard]] double cell() const { return (w - left - right) / ((hi - lo) / step); }
    [[nodiscard]] double x(int minute) const {
        return left + (minute - lo) / static_cast<double>(step) * cell();
    }
    [[nodiscard]] double bottom() const { return top + static_cast<double>(rows) * row; }
};

void heatmap_cells(page& p, const plan_report& r, const cell_index& cells,
                   const std::vector<int>& days, const heat_frame& f, double scale) {
    auto o = p.out();
    for (std::size_t k = 0; k < days.size(); ++k) {
        const local_date day = r.week_start + std::chrono::days{days[k]};
        const double y0 = heat_frame::top + static_cast<double>(k) * heat_frame::row;
        fmt::format_to(o, R"(<text x="{:.1f}" y="{:.1f}" text-anchor="end" fill="{}">{}</text>)",
                       heat_frame::left - 6, y0 + heat_frame::row / 2 + 4, label,
                       weekday(p.words, day));
        for (int m = f.lo; m < f.hi; m += f.step) {
            const cell* c = cells.at(days[k], m);
            const bool in_scope = c && (c->required > 0.0 || c->scheduled > 0.0);
            const double gap = in_scope ? c->scheduled - c->required : 0.0;
            fmt::format_to(o,
                           R"(<rect x="{:.2f}" y="{:.1f}" width="{:.2f}" height="{:.1f}" )"
                           R"(fill="{}" stroke="#fff" stroke-width="0.6"><title>{} {} {}</title>)"
                           R"(</rect>)",
                           f.x(m), y0, f.cell(), heat_frame::row,
                           in_scope ? diverging(gap / scale) : std::string{closed_cell},
                           weekday(p.words, day), hhmm(m),
                           in_scope
                               ? fmt::format(fmt::runtime(p.words.cell_f), tick_label(c->required),
                                             tick_label(c->scheduled), gap)
                               : std::string{p.words.nothing_scheduled});
        }
    }
}

void heatmap_chart(page& p, const plan_report& r, const std::string& id, const cell_index& cells,
                   const std::vector<int>& days) {
    heat_frame f;
    std::tie(f.lo, f.hi) = cells.window();
    f.step = r.grid.minutes();
    f.rows = days.size();
    const double scale = std::ceil(cells.max_gap());
    const double bottom = f.bottom();
    fmt::format_to(p.out(),
                   R"(<svg class="chart heatmap" id="{}" viewBox="0 0 {} {:.0f}" role="img" )"
                   R"(aria-label="{}" font-size="11">)",
                   id, heat_frame::w, bottom + 78, p.words.heatmap_title);
    heatmap_cells(p, r, cells, days, f, scale);
    for (int m = f.lo; m <= f.hi; m += 60) {
        fmt::format_to(
            p.out(), R"(<line x1="{0:.1f}" x2="{0:.1f}" y1="{1:.1f}" y2="{2:.1f}" stroke="{3}"/>)",
            f.x(m), bottom, bottom + 4, axis);
        if ((m - f.lo) % 120 == 0) {
            fmt::format_to(
                p.out(), R"(<text x="{:.1f}" y="{:.1f}" text-anchor="middle" fill="{}">{}</text>)",
                f.x(m), bottom + 16, label, hhmm(m));
        }
    }
    fmt::format_to(p.out(),
                   R"(<text x="{:.1f}" y="{:.1f}" text-anchor="middle" fill="{}">{}</text>)",
                   (heat_frame::w + heat_frame::left - heat_frame::right) / 2, bottom + 32, label,
                   p.words.time_axis);
    heatmap_legend(p, id, scale, bottom);
    p.html += "</svg>";
    p.chart_ids.push_back(id);
}

/// The legend row above a section's charts: (colour, extra style, text) per entry.
void legend(page& p, std::initializer_list<std::array<std::string_view, 3>> entries) {
    p.html += R"(<div class="legend">)";
    for (const auto& [colour, style, text] : entries) {
        fmt::format_to(p.out(), R"(<span><i class="sw" style="background:{}{}"></i>{}</span>)",
                       colour, style, text);
    }
    p.html += "</div>";
}

/// Per pool a heading and one compact chart per queue, drawn by `chart(queue index, figure)`.
template <class Chart> void per_queue(page& p, const plan_report& r, Chart chart) {
    for (const auto& pool : p.summary.pools) {
        fmt::format_to(p.out(),
                       R"(<h3 class="pool">{} <small>{}</small></h3><div class="multiples">)",
                       html_escape(pool.name),
                       fmt::format(fmt::runtime(p.words.queues_f), pool.channels.size()));
        const cell_index pool_cells{r, pool.channels};
        week_frame f;
        f.days = shown_days(r, p.summary);
        std::tie(f.lo, f.hi) = pool_cells.window();
        for (const auto ci : pool.channels) {
            fmt::format_to(p.out(), "<figure><figcaption>{}", html_escape(r.channels[ci].name));
            const std::array<std::size_t, 1> one{ci};
            chart(ci, cell_index{r, one}, f);
            p.html += "</figure>";
        }
        p.html += "</div>";
    }
}

} // namespace

void coverage_section(page& p, const plan_report& r) {
    fmt::format_to(p.out(), R"(<section id="coverage"><h2>{}</h2><p class="lead">{}</p>)",
                   p.words.coverage_title, p.words.coverage_lead);
    legend(p, {{blue, "", p.words.scheduled_legend},
               {orange, "", p.words.required_legend},
               {red, ";opacity:.45", p.words.shortage_legend}});
    per_queue(p, r, [&](std::size_t ci, const cell_index& cells, const week_frame& f) {
        p.html += "</figcaption>";
        coverage_chart(p, r, fmt::format("chart-coverage-{}", ci), cells, f);
    });
    p.html += "</section>";
}

void sl_section(page& p, const plan_report& r) {
    fmt::format_to(p.out(), R"(<section id="service-level"><h2>{}</h2><p class="lead">{}</p>)",
                   p.words.sl_title, p.words.sl_lead);
    legend(p, {{green, "", p.words.sl_legend},
               {red, "", p.words.target_legend},
               {red, ";border-radius:50%;width:9px;height:9px", p.words.below_legend}});
    per_queue(p, r, [&](std::size_t ci, const cell_index& cells, const week_frame& f) {
        const auto& c = r.channels[ci];
        fmt::format_to(p.out(), " <small>({} · {})</small></figcaption>",
                       fmt::format(fmt::runtime(p.words.sl_target_f),
                                   percent(c.target.service_level, 0), c.target.threshold.count()),
                       html_escape(detail::variant_name(p.words, c.target.sl_variant)));
        sl_chart(p, r, fmt::format("chart-sl-{}", ci), cells, c, f);
    });
    p.html += "</section>";
}

void heatmap_section(page& p, const plan_report& r) {
    fmt::format_to(p.out(), R"(<section id="heatmap"><h2>{}</h2><p class="lead">{}</p>)",
                   p.words.heatmap_title, p.words.heatmap_lead);
    const auto days = shown_days(r, p.summary);
    for (std::size_t k = 0; k < p.summary.pools.size(); ++k) {
        const auto& pool = p.summary.pools[k];
        fmt::format_to(p.out(), R"(<h3 class="pool">{}</h3>)", html_escape(pool.name));
        heatmap_chart(p, r, fmt::format("chart-heatmap-{}", k), cell_index{r, pool.channels}, days);
    }
    p.html += "</section>";
}

void wide_y_axis(std::string& html, const wide_frame& f, double step, bool percent_axis) {
    for (double v = 0; v <= f.ymax + 1e-9; v += step) {
        fmt::format_to(std::back_inserter(html),
                       R"(<line x1="{0}" x2="{1}" y1="{2:.1f}" y2="{2:.1f}" stroke="#e5e7eb"/>)"
                       R"(<text x="{3}" y="{4:.1f}" text-anchor="end" fill="#475569" )"
                       R"(font-size="12">{5}</text>)",
                       wide_frame::left, wide_frame::w - wide_frame::right, f.y(v),
                       wide_frame::left - 5, f.y(v) + 4,
                       percent_axis ? tick_label(v * 100) + "%" : tick_label(v));
    }
}

void page_start(std::string& html, std::string_view html_lang, std::string_view title,
                local_date week_start, std::string_view subtitle) {
    const std::string t = detail::html_escape(title);
    fmt::format_to(std::back_inserter(html),
                   "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">"
                   "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                   "<title>{} · {}</title><style>{}</style></head><body data-ok=\"0\">"
                   "<header><div class=\"in\"><h1>{}</h1><p>{}</p></div></header><main>",
                   html_lang, t, format_date(week_start), css, t, detail::html_escape(subtitle));
}

void wide_days(std::string& html, const wide_frame& f, const std::vector<timestamp>& starts,
               double dx, const detail::strings& words) {
    std::size_t first = 0;
    for (std::size_t i = 0; i <= starts.size(); ++i) {
        if (i < starts.size() && day_of(starts[i]) == day_of(starts[first])) {
            continue;
        }
        const double a = wide_frame::left + dx * static_cast<double>(first);
        const double b = wide_frame::left + dx * static_cast<double>(i);
        const auto d = day_of(starts[first]);
        fmt::format_to(std::back_inserter(html),
                       R"(<line x1="{0:.1f}" x2="{0:.1f}" y1="{1}" y2="{2:.1f}" stroke="#94a3b8"/>)"
                       R"(<text x="{3:.1f}" y="{4}" text-anchor="middle" fill="#475569" )"
                       R"(font-size="12">{5} {6}</text>)",
                       a, wide_frame::top, f.y(0), (a + b) / 2, wide_frame::h - 10,
                       words.weekdays[static_cast<std::size_t>(weekday_index(d))],
                       format_date(d).substr(5));
        first = i;
    }
}

void data_table(std::string& html, const whatif_table& t, const std::string& id) {
    fmt::format_to(
        std::back_inserter(html),
        R"(<h3>{}</h3><div class="table-wrap"><table id="{}" class="compact"><thead><tr>)",
        html_escape(t.caption), id);
    for (const auto& h : t.head) {
        fmt::format_to(std::back_inserter(html), "<th>{}</th>", html_escape(h));
    }
    html += "</tr></thead><tbody>";
    for (const auto& r : t.rows) {
        html += "<tr>";
        for (const auto& c : r) {
            fmt::format_to(std::back_inserter(html), "<td>{}</td>", html_escape(c));
        }
        html += "</tr>";
    }
    html += "</tbody></table></div>";
}

} // namespace wfm::report::html
