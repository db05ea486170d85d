// The review report as one self-contained HTML page (the plan report's style sheet and axis
// helpers): per queue forecast against actual per day with the band, and SL per interval.
#include "format.hpp"
#include "html_page.hpp"
#include "review_strings.hpp"

#include <wfm/report/review.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace wfm::report {
namespace {

using detail::html_escape;
using detail::percent;
using out_it = std::back_insert_iterator<std::string>;

struct frame {
    static constexpr double w = 520, h = 200, left = 44, right = 10, top = 10, bottom = 28;
    double ymax = 1;
    [[nodiscard]] double y(double v) const { return top + (h - top - bottom) * (1 - v / ymax); }
};

void y_axis(std::string& html, const frame& f, double step, bool percent_axis) {
    for (double v = 0; v <= f.ymax + 1e-9; v += step) {
        fmt::format_to(std::back_inserter(html),
                       R"(<line x1="{0}" x2="{1}" y1="{2:.1f}" y2="{2:.1f}" stroke="#e5e7eb"/>)"
                       R"(<text x="{3}" y="{4:.1f}" text-anchor="end" fill="#475569" )"
                       R"(font-size="11">{5}</text>)",
                       frame::left, frame::w - frame::right, f.y(v), frame::left - 4, f.y(v) + 4,
                       percent_axis ? html::tick_label(v * 100) + "%" : html::tick_label(v));
    }
}

void volume_chart(std::string& html, std::vector<std::string>& ids, const detail::review_strings& w,
                  const review_queue& q, std::size_t k) {
    const std::string id = fmt::format("volume-{}", k);
    double top = 1;
    for (const auto& d : q.days) {
        top = std::max({top, d.upper, d.accuracy.actual, d.accuracy.forecast});
    }
    const auto [ymax, step] = html::nice_axis(top);
    frame f{ymax};
    const auto out = std::back_inserter(html);
    fmt::format_to(out,
                   R"(<figure><figcaption>{}</figcaption><svg id="{}" class="chart" )"
                   R"(viewBox="0 0 {} {}" role="img">)",
                   html_escape(q.name), id, frame::w, frame::h);
    y_axis(html, f, step, false);
    const double slot =
        (frame::w - frame::left - frame::right) / std::max(1.0, static_cast<double>(q.days.size()));
    std::string line;
    for (std::size_t i = 0; i < q.days.size(); ++i) {
        const auto& d = q.days[i];
        const double x = frame::left + slot * (static_cast<double>(i) + 0.5);
        fmt::format_to(out,
                       R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" )"
                       R"(fill="#cbd5e1" opacity="0.6"/>)"
                       R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}"/>)"
                       R"(<text x="{:.1f}" y="{}" text-anchor="middle" fill="#475569" )"
                       R"(font-size="11">{}</text>)",
                       x - slot * 0.4, f.y(d.upper), slot * 0.8, f.y(d.lower) - f.y(d.upper),
                       x - slot * 0.2, f.y(d.accuracy.actual), slot * 0.4,
                       f.y(0) - f.y(d.accuracy.actual), d.outside != 0 ? "#b91c1c" : "#1d4ed8", x,
                       frame::h - 10,
                       w.base.weekdays[static_cast<std::size_t>(weekday_index(d.start))]);
        line += fmt::format("{:.1f},{:.1f} ", x, f.y(d.accuracy.forecast));
    }
    fmt::format_to(out,
                   R"(<polyline points="{}" fill="none" stroke="#ea580c" stroke-width="2"/>)"
                   R"(</svg></figure>)",
                   line);
    ids.push_back(id);
}

void sl_chart(std::string& html, std::vector<std::string>& ids, const review_queue& q,
              std::size_t k) {
    const std::string id = fmt::format("sl-{}", k);
    frame f{1.0};
    const auto out = std::back_inserter(html);
    fmt::format_to(out,
                   R"(<figure><figcaption>{}</figcaption><svg id="{}" class="chart" )"
                   R"(viewBox="0 0 {} {}" role="img">)",
                   html_escape(q.name), id, frame::w, frame::h);
    y_axis(html, f, 0.25, true);
    const double n = std::max(1.0, static_cast<double>(q.intervals.size()));
    const double dx = (frame::w - frame::left - frame::right) / n;
    std::string predicted;
    std::string actual;
    for (std::size_t i = 0; i < q.intervals.size(); ++i) {
        const auto& x = q.intervals[i];
        const double px = frame::left + dx * (static_cast<double>(i) + 0.5);
        if (x.sl_predicted) {
            predicted += fmt::format("{:.1f},{:.1f} ", px, f.y(*x.sl_predicted));
        }
        if (x.sl_actual) {
            actual += fmt::format("{:.1f},{:.1f} ", px, f.y(*x.sl_actual));
        }
    }
    fmt::format_to(out,
                   R"(<line x1="{0}" x2="{1}" y1="{2:.1f}" y2="{2:.1f}" stroke="#15803d" )"
                   R"(stroke-dasharray="4 3"/>)"
                   R"(<polyline points="{3}" fill="none" stroke="#ea580c" stroke-width="1.2"/>)"
                   R"(<polyline points="{4}" fill="none" stroke="#1d4ed8" stroke-width="1.2"/>)"
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

// The text report's tables, preformatted (one renderer of the figures).
void tables(std::string& html, const review_result& r, std::string_view lang) {
    fmt::format_to(std::back_inserter(html),
                   R"(<section id="tables"><div class="table-wrap"><pre>{}</pre></div></section>)",
                   html_escape(render_review_text(r, lang)));
}

} // namespace

std::string render_review_html(const review_result& r, std::string_view lang) {
    const auto w = detail::review_strings_for(lang);
    std::string html;
    std::vector<std::string> ids;
    fmt::format_to(std::back_inserter(html),
                   "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">"
                   "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                   "<title>{} · {}</title><style>{}</style></head><body data-ok=\"0\">"
                   "<header><div class=\"in\"><h1>{}</h1><p>{}</p></div></header><main>",
                   w.base.html_lang, w.title, format_date(r.week_start), html::css, w.title,
                   fmt::format(fmt::runtime(w.head_f), format_date(r.week_start),
                               format_date(r.week_start + std::chrono::days{6}), r.grid.minutes()));
    section(html, "volume", w.volume_chart_title, w.volume_chart_lead);
    legend(
        html,
        {{"#1d4ed8", w.actual_legend}, {"#ea580c", w.forecast_legend}, {"#cbd5e1", w.band_legend}});
    html += R"(<div class="multiples">)";
    for (std::size_t k = 0; k < r.queues.size(); ++k) {
        volume_chart(html, ids, w, r.queues[k], k);
    }
    html += "</div></section>";
    section(html, "sl", w.sl_chart_title, w.sl_chart_lead);
    legend(html, {{"#1d4ed8", w.actual_legend},
                  {"#ea580c", w.predicted_legend},
                  {"#15803d", w.base.target_legend}});
    html += R"(<div class="multiples">)";
    for (std::size_t k = 0; k < r.queues.size(); ++k) {
        sl_chart(html, ids, r.queues[k], k);
    }
    html += "</div></section>";
    tables(html, r, lang);
    fmt::format_to(std::back_inserter(html), "</main><footer>{}</footer>", w.footer);
    html::self_check_script(html, ids);
    html += "</body></html>\n";
    return html;
}

} // namespace wfm::report
