// The review report as one self-contained HTML page (the plan report's style sheet and axis
// helpers): per queue a full-width chart of forecast against actual per day with the band, and
// of predicted against actual SL per interval; then the text report's figures as real tables.
#include "format.hpp"
#include "html_page.hpp"
#include "review_strings.hpp"

#include <wfm/report/review.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace wfm::report {
namespace {

using detail::html_escape;
using detail::percent;
using out_it = std::back_insert_iterator<std::string>;

using frame = html::wide_frame;

void open_chart(std::string& html, std::string_view caption, std::string_view id,
                std::string_view kind) {
    fmt::format_to(std::back_inserter(html),
                   R"(<figure class="wide"><figcaption>{}</figcaption><svg id="{}" )"
                   R"(class="chart {}" viewBox="0 0 {} {}" role="img">)",
                   html_escape(caption), id, kind, frame::w, frame::h);
}

void x_label(std::string& html, double x, std::string_view text) {
    fmt::format_to(std::back_inserter(html),
                   R"(<text x="{:.1f}" y="{}" text-anchor="middle" fill="#475569" )"
                   R"(font-size="12">{}</text>)",
                   x, frame::h - 10, text);
}

std::string_view weekday(const detail::review_strings& w, local_date d) {
    return w.base.weekdays[static_cast<std::size_t>(weekday_index(d))];
}

void volume_chart(std::string& html, std::vector<std::string>& ids, const detail::review_strings& w,
                  const review_queue& q, std::size_t k) {
    const std::string id = fmt::format("volume-{}", k);
    double top = 1;
    for (const auto& d : q.days) {
        top = std::max({top, d.upper, d.accuracy.actual, d.accuracy.forecast});
    }
    const auto [ymax, step] = html::nice_axis(top);
    const frame f{ymax};
    const auto out = std::back_inserter(html);
    open_chart(html, q.name, id, "review-volume");
    html::wide_y_axis(html, f, step, false);
    const double slot =
        (frame::w - frame::left - frame::right) / std::max(1.0, static_cast<double>(q.days.size()));
    std::string line;
    for (std::size_t i = 0; i < q.days.size(); ++i) {
        const auto& d = q.days[i];
        const double x = frame::left + slot * (static_cast<double>(i) + 0.5);
        fmt::format_to(out,
                       R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" )"
                       R"(fill="#cbd5e1" opacity="0.7"/>)"
                       R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}"/>)"
                       R"(<circle cx="{:.1f}" cy="{:.1f}" r="3.5" fill="#ea580c"/>)",
                       x - slot * 0.3, f.y(d.upper), slot * 0.6, f.y(d.lower) - f.y(d.upper),
                       x - slot * 0.15, f.y(d.accuracy.actual), slot * 0.3,
                       f.y(0) - f.y(d.accuracy.actual), d.outside != 0 ? "#b91c1c" : "#1d4ed8", x,
                       f.y(d.accuracy.forecast));
        x_label(html, x, fmt::format("{} {}", weekday(w, d.start), format_date(d.start).substr(5)));
        line += fmt::format("{:.1f},{:.1f} ", x, f.y(d.accuracy.forecast));
    }
    fmt::format_to(out,
                   R"(<polyline points="{}" fill="none" stroke="#ea580c" stroke-width="2"/>)"
                   R"(</svg></figure>)",
                   line);
    ids.push_back(id);
}

/// Appends point `x,y` to `path`, starting a new segment when `start` (a new day).
void path_point(std::string& path, bool start, double x, double y) {
    path += fmt::format("{}{:.1f},{:.1f} ", start || path.empty() ? "M" : "L", x, y);
}

void sl_chart(std::string& html, std::vector<std::string>& ids, const detail::review_strings& w,
              const review_queue& q, std::size_t k) {
    const std::string id = fmt::format("sl-{}", k);
    const frame f{1.0};
    const auto out = std::back_inserter(html);
    open_chart(html, q.name, id, "review-sl");
    html::wide_y_axis(html, f, 0.25, true);
    const double n = std::max(1.0, static_cast<double>(q.intervals.size()));
    const double dx = (frame::w - frame::left - frame::right) / n;
    std::string predicted;
    std::string actual;
    std::optional<local_date> day;
    double day_x = frame::left;
    const auto close_day = [&](double end_x) {
        if (day) {
            x_label(html, (day_x + end_x) / 2, weekday(w, *day));
        }
    };
    for (std::size_t i = 0; i < q.intervals.size(); ++i) {
        const auto& x = q.intervals[i];
        const double px = frame::left + dx * (static_cast<double>(i) + 0.5);
        const local_date d = day_of(x.start);
        const bool new_day = !day || d != *day;
        if (new_day) {
            const double edge = frame::left + dx * static_cast<double>(i);
            close_day(edge);
            if (day) {
                fmt::format_to(out,
                               R"(<line x1="{0:.1f}" x2="{0:.1f}" y1="{1}" y2="{2:.1f}" )"
                               R"(stroke="#94a3b8"/>)",
                               edge, frame::top, f.y(0));
            }
            day = d;
            day_x = edge;
        }
        if (x.sl_predicted) {
            path_point(predicted, new_day, px, f.y(*x.sl_predicted));
        }
        if (x.sl_actual) {
            path_point(actual, new_day, px, f.y(*x.sl_actual));
        }
    }
    close_day(frame::w - frame::right);
    fmt::format_to(out,
                   R"(<line x1="{0}" x2="{1}" y1="{2:.1f}" y2="{2:.1f}" stroke="#15803d" )"
                   R"(stroke-dasharray="5 4"/>)"
                   R"(<path d="{3}" fill="none" stroke="#ea580c" stroke-width="1.6"/>)"
                   R"(<path d="{4}" fill="none" stroke="#1d4ed8" stroke-width="1.6"/>)"
                   R"(</svg></figure>)",
                   frame::left, frame::w - frame::right, f.y(q.target.service_level), predicted,
                   actual);
    ids.push_back(id);
}

void legend(std::string& html,
            std::initializer_list<std::pair<std::string_view, std::string_view>> e) {
    html += R"(<div class="legend">)";
    for (const auto& [colour, text] : e) {
        fmt::format_to(std::back_inserter(html),
                       R"(<span><i class="sw" style="background:{}"></i>{}</span>)", colour, text);
    }
    html += "</div>";
}

void section(std::string& html, std::string_view id, std::string_view title,
             std::string_view lead) {
    fmt::format_to(std::back_inserter(html),
                   R"(<section id="{}"><h2>{}</h2><p class="lead">{}</p>)", id, title, lead);
}

void cells(std::string& html, const std::vector<std::string>& c, std::string_view tag) {
    for (const auto& x : c) {
        fmt::format_to(std::back_inserter(html), "<{0}>{1}</{0}>", tag, html_escape(x));
    }
}

void period_table(std::string& html, const detail::review_strings& w,
                  const std::vector<review_period>& days, const review_period& week,
                  std::string_view id) {
    fmt::format_to(std::back_inserter(html),
                   R"(<div class="table-wrap"><table id="{}" class="compact"><thead><tr>)", id);
    cells(html, detail::review_head_cells(w), "th");
    html += "</tr></thead><tbody>";
    for (const auto& d : days) {
        html += "<tr>";
        cells(html, detail::review_period_cells(w, d, false), "td");
        html += "</tr>";
    }
    html += R"(<tr class="total">)";
    cells(html, detail::review_period_cells(w, week, true), "td");
    html += "</tr></tbody></table></div>";
}

void queue_tables(std::string& html, const detail::review_strings& w, const review_queue& q,
                  std::size_t k) {
    const auto out = std::back_inserter(html);
    fmt::format_to(out, "<h3>{}</h3>",
                   html_escape(fmt::format(
                       fmt::runtime(w.queue_f), q.name, q.target.service_level * 100.0,
                       q.target.threshold.count(), variant_name(w.base, q.target.sl_variant))));
    period_table(html, w, q.days, q.week, fmt::format("table-days-{}", k));
    fmt::format_to(out, R"(<p class="lead">{}</p><p>{}:</p><ul id="worst-{}">)",
                   html_escape(detail::review_outside_summary(w, q)), w.worst_title, k);
    for (const auto i : q.worst) {
        const auto& x = q.intervals[i];
        fmt::format_to(
            out, "<li>{}</li>",
            html_escape(fmt::format(fmt::runtime(w.worst_f), format_timestamp(x.start), x.forecast,
                                    x.offered, percent(detail::relative_error(x)))));
    }
    html += "</ul>";
    if (q.offered_closed > 0) {
        fmt::format_to(out, "<p>{}</p>",
                       html_escape(fmt::format(fmt::runtime(w.closed_f), q.offered_closed)));
    }
}

void tables(std::string& html, const review_result& r, const detail::review_strings& w) {
    section(html, "tables", w.accuracy_title, w.decomposition_lead);
    for (std::size_t k = 0; k < r.queues.size(); ++k) {
        queue_tables(html, w, r.queues[k], k);
    }
    if (r.queues.size() > 1) {
        fmt::format_to(std::back_inserter(html), "<h3>{}</h3>", w.all_queues);
        period_table(html, w, r.days, r.week, "table-days-all");
    }
    fmt::format_to(std::back_inserter(html), R"(<h3>{}</h3><ul id="recurring">)",
                   w.recurring_title);
    for (const auto& a : r.recurring) {
        fmt::format_to(std::back_inserter(html), "<li>{}</li>",
                       html_escape(detail::review_recurring_line(w, a)));
    }
    if (r.recurring.empty()) {
        fmt::format_to(std::back_inserter(html), "<li>{}</li>", w.none);
    }
    fmt::format_to(std::back_inserter(html), R"(</ul><h3>{}</h3><ul id="suggestions">)",
                   html_escape(fmt::format(fmt::runtime(w.suggestions_f), r.weeks_reviewed)));
    for (const auto& s : r.suggestions) {
        fmt::format_to(std::back_inserter(html), "<li>{}</li>",
                       html_escape(detail::review_suggestion_line(w, s)));
    }
    if (r.suggestions.empty()) {
        fmt::format_to(std::back_inserter(html), "<li>{}</li>", w.none);
    }
    html += "</ul></section>";
}

} // namespace

std::string render_review_html(const review_result& r, std::string_view lang) {
    const auto w = detail::review_strings_for(lang);
    std::string html;
    std::vector<std::string> ids;
    html::page_start(html, w.base.html_lang, w.title, r.week_start,
                     fmt::format(fmt::runtime(w.head_f), format_date(r.week_start),
                                 format_date(r.week_start + std::chrono::days{6}),
                                 r.grid.minutes()));
    section(html, "volume", w.volume_chart_title, w.volume_chart_lead);
    legend(
        html,
        {{"#1d4ed8", w.actual_legend}, {"#ea580c", w.forecast_legend}, {"#cbd5e1", w.band_legend}});
    for (std::size_t k = 0; k < r.queues.size(); ++k) {
        volume_chart(html, ids, w, r.queues[k], k);
    }
    html += "</section>";
    section(html, "sl", w.sl_chart_title, w.sl_chart_lead);
    legend(html, {{"#1d4ed8", w.actual_legend},
                  {"#ea580c", w.predicted_legend},
                  {"#15803d", w.base.target_legend}});
    for (std::size_t k = 0; k < r.queues.size(); ++k) {
        sl_chart(html, ids, w, r.queues[k], k);
    }
    html += "</section>";
    tables(html, r, w);
    fmt::format_to(std::back_inserter(html), "</main><footer>{}</footer>", w.footer);
    html::self_check_script(html, ids);
    html += "</body></html>\n";
    return html;
}

} // namespace wfm::report
