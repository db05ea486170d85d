// The what-if report as one self-contained HTML page (the plan report's style sheet and axis
// helpers): per scenario and queue, SL and backlog per interval, baseline against scenario and
// against the scenario with its emergency plan; then the figures and the plan as tables.
#include "format.hpp"
#include "html_page.hpp"
#include "strings.hpp"

#include <wfm/report/whatif.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace wfm::report {
namespace {

using detail::html_escape;

struct whatif_words {
    std::string_view title, head_f, sl_title, backlog_title, baseline, scenario, emergency, target,
        footer, lead;
};

constexpr whatif_words whatif_en{
    "What-if and emergency plans",
    "Week of {} · {} replications per simulation",
    "Service level per interval",
    "Backlog at each interval's end (contacts waiting)",
    "baseline plan",
    "scenario",
    "scenario with the emergency plan",
    "target",
    "wfm whatif · simulated with common random numbers; figures are means over replications",
    "SL = answered within the threshold / offered, per interval of the days the scenario touches."};

constexpr whatif_words whatif_zh{
    "情景推演与应急预案",
    "{} 当周 · 每次仿真 {} 次重复",
    "各时段服务水平",
    "各时段末排队量（等待中的来电）",
    "基准排班",
    "情景",
    "情景 + 应急预案",
    "目标",
    "wfm whatif · 采用公共随机数仿真；数值为各次重复的平均值",
    "服务水平 = 阈值内人工接通量 / 人工呼入量，按情景涉及的各日逐时段显示。"};

constexpr std::array<const char*, 3> colours{"#64748b", "#b91c1c", "#1d4ed8"};

using frame = html::wide_frame;

void chart(std::string& html, std::vector<std::string>& ids, const whatif_queue_series& q,
           const std::string& id, bool sl, const detail::strings& base) {
    double top = 1.0;
    if (!sl) {
        for (const auto& b : q.backlog) {
            for (const double x : b) {
                top = std::max(top, x);
            }
        }
    }
    const auto [ymax, step] = sl ? std::pair{1.0, 0.25} : html::nice_axis(top);
    const frame f{ymax};
    fmt::format_to(std::back_inserter(html),
                   R"(<figure class="wide"><figcaption>{}</figcaption><svg id="{}" )"
                   R"(class="chart whatif-{}" viewBox="0 0 {} {}" role="img">)",
                   html_escape(q.name), id, sl ? "sl" : "backlog", frame::w, frame::h);
    html::wide_y_axis(html, f, step, sl);
    const double dx = (frame::w - frame::left - frame::right) /
                      std::max(1.0, static_cast<double>(q.starts.size()));
    html::wide_days(html, f, q.starts, dx, base);
    if (sl) {
        fmt::format_to(std::back_inserter(html),
                       R"(<line x1="{0}" x2="{1}" y1="{2:.1f}" y2="{2:.1f}" stroke="#15803d" )"
                       R"(stroke-dasharray="5 4"/>)",
                       frame::left, frame::w - frame::right, f.y(q.sl_target));
    }
    for (std::size_t s = 0; s < 3; ++s) {
        const std::string d =
            sl ? html::wide_path(q.sl[s], f, dx) : html::wide_path(q.backlog[s], f, dx);
        fmt::format_to(std::back_inserter(html),
                       R"(<path class="series-{}" d="{}" fill="none" stroke="{}" )"
                       R"(stroke-width="1.6"/>)",
                       s, d, colours[s]);
    }
    html += "</svg></figure>";
    ids.push_back(id);
}

void legend(std::string& html, const whatif_words& w, bool sl) {
    html += R"(<div class="legend">)";
    const std::array<std::string_view, 3> names{w.baseline, w.scenario, w.emergency};
    for (std::size_t s = 0; s < 3; ++s) {
        fmt::format_to(std::back_inserter(html),
                       R"(<span><i class="sw" style="background:{}"></i>{}</span>)", colours[s],
                       names[s]);
    }
    if (sl) {
        fmt::format_to(std::back_inserter(html),
                       R"(<span><i class="sw" style="background:#15803d"></i>{}</span>)", w.target);
    }
    html += "</div>";
}

} // namespace

std::string render_whatif_html(const whatif_page& page, std::string_view lang) {
    const auto& base = detail::strings_for(lang);
    const whatif_words& w = lang == "zh-CN" ? whatif_zh : whatif_en;
    std::string html;
    std::vector<std::string> ids;
    html::page_start(
        html, base.html_lang, w.title, page.week_start,
        fmt::format(fmt::runtime(w.head_f), format_date(page.week_start), page.replications));
    for (std::size_t k = 0; k < page.scenarios.size(); ++k) {
        const auto& s = page.scenarios[k];
        fmt::format_to(std::back_inserter(html),
                       R"(<section id="scenario-{}"><h2>{}</h2><p class="lead">{}</p>)"
                       R"(<p>{}</p><p class="{}">{}</p>)",
                       k, html_escape(s.name), html_escape(s.description), html_escape(s.events),
                       s.rescued ? "verdict ok" : "verdict short", html_escape(s.verdict));
        fmt::format_to(std::back_inserter(html), "<h3>{}</h3><p class=\"lead\">{}</p>", w.sl_title,
                       w.lead);
        legend(html, w, true);
        for (std::size_t q = 0; q < s.queues.size(); ++q) {
            chart(html, ids, s.queues[q], fmt::format("sl-{}-{}", k, q), true, base);
        }
        fmt::format_to(std::back_inserter(html), "<h3>{}</h3>", w.backlog_title);
        legend(html, w, false);
        for (std::size_t q = 0; q < s.queues.size(); ++q) {
            chart(html, ids, s.queues[q], fmt::format("backlog-{}-{}", k, q), false, base);
        }
        for (std::size_t t = 0; t < s.tables.size(); ++t) {
            html::data_table(html, s.tables[t], fmt::format("table-{}-{}", k, t));
        }
        html += "</section>";
    }
    fmt::format_to(std::back_inserter(html), "</main><footer>{}</footer>", w.footer);
    html::self_check_script(html, ids);
    html += "</body></html>\n";
    return html;
}

} // namespace wfm::report
