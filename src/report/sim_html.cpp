// The `wfm simulate --plan` report as one self-contained HTML page (the plan report's style
// sheet and axis helpers): per queue, the simulated SL per interval in its confidence band
// beside the Erlang prediction with the flagged intervals marked, the backlog at each
// interval's end, then the week and day figures as tables.
#include "format.hpp"
#include "html_page.hpp"
#include "strings.hpp"

#include <wfm/report/sim_page.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace wfm::report {
namespace {

using detail::html_escape;
using frame = html::wide_frame;

struct sim_words {
    std::string_view title, head_f, sl_title, sl_lead, backlog_title, simulated, band, erlang,
        target, flagged, queue_f, footer;
};

constexpr sim_words en_words{
    "Simulation of the plan",
    "Week of {} · {} replications (seed {}) · {:.0f} % confidence intervals · {} contacts "
    "simulated",
    "Service level per interval: simulation against the Erlang prediction",
    "SL = answered within the threshold / offered. The plan's week simulated interval by "
    "interval (discrete events: carry-over, breaks, abandonment); a red tick marks an interval "
    "where a prediction lies outside the simulation's interval.",
    "Backlog at each interval's end (contacts waiting, simulated)",
    "simulated",
    "confidence interval",
    "Erlang prediction",
    "target",
    "flagged interval",
    "{0} · pool {1} · SL within {2} s, target {3:.0f} % · {5} of {4} open intervals flagged",
    "wfm simulate --plan · figures are means over replications with their confidence "
    "half-widths"};

constexpr sim_words zh_words{
    "排班仿真复核",
    "{} 当周 · {} 次重复（随机种子 {}）· {:.0f}% 置信区间 · 共仿真 {} 个来电",
    "各时段服务水平：仿真与 Erlang 预测对照",
    "服务水平 = 阈值内人工接通量 / 人工呼入量。按时段离散事件仿真本周排班（积压延续、休息、"
    "放弃）；红色刻度表示该时段有预测落在仿真置信区间之外。",
    "各时段末排队量（等待中的来电，仿真）",
    "仿真",
    "置信区间",
    "Erlang 预测",
    "目标",
    "被标记时段",
    "{} · 座席组 {} · {} 秒内接通，目标 {:.0f}% · {} 个开放时段中 {} 个被标记",
    "wfm simulate --plan · 数值为各次重复的平均值及其置信区间半宽"};

constexpr std::string_view sim_colour = "#1d4ed8";
constexpr std::string_view erlang_colour = "#64748b";
constexpr std::string_view flag_colour = "#b91c1c";

// The confidence band: one closed polygon per run of intervals with a defined interval.
void band(std::string& html, const sim_queue_series& q, const frame& f, double dx) {
    std::size_t i = 0;
    while (i < q.starts.size()) {
        if (!q.sl_low[i] || !q.sl_high[i]) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < q.starts.size() && q.sl_low[j] && q.sl_high[j]) {
            ++j;
        }
        std::string points;
        for (std::size_t k = i; k < j; ++k) {
            fmt::format_to(std::back_inserter(points), "{:.1f},{:.1f} ",
                           frame::left + dx * (static_cast<double>(k) + 0.5), f.y(*q.sl_high[k]));
        }
        for (std::size_t k = j; k-- > i;) {
            fmt::format_to(std::back_inserter(points), "{:.1f},{:.1f} ",
                           frame::left + dx * (static_cast<double>(k) + 0.5), f.y(*q.sl_low[k]));
        }
        fmt::format_to(std::back_inserter(html),
                       R"(<polygon class="sim-band" points="{}" fill="{}" fill-opacity="0.18"/>)",
                       points, sim_colour);
        i = j;
    }
}

void sl_chart(std::string& html, std::vector<std::string>& ids, const sim_queue_series& q,
              const std::string& id, const detail::strings& base) {
    const frame f{1.0};
    fmt::format_to(std::back_inserter(html),
                   R"(<svg id="{}" class="chart sim-sl" viewBox="0 0 {} {}" role="img">)", id,
                   frame::w, frame::h);
    html::wide_y_axis(html, f, 0.25, true);
    const double dx = (frame::w - frame::left - frame::right) /
                      std::max(1.0, static_cast<double>(q.starts.size()));
    html::wide_days(html, f, q.starts, dx, base);
    fmt::format_to(std::back_inserter(html),
                   R"(<line x1="{0}" x2="{1}" y1="{2:.1f}" y2="{2:.1f}" stroke="#15803d" )"
                   R"(stroke-dasharray="5 4"/>)",
                   frame::left, frame::w - frame::right, f.y(q.sl_target));
    band(html, q, f, dx);
    fmt::format_to(std::back_inserter(html),
                   R"(<path class="sim-erlang" d="{}" fill="none" stroke="{}" stroke-width="1.4" )"
                   R"(stroke-dasharray="4 3"/>)"
                   R"(<path class="sim-mean" d="{}" fill="none" stroke="{}" stroke-width="1.6"/>)",
                   html::wide_path(q.erlang, f, dx), erlang_colour, html::wide_path(q.sl, f, dx),
                   sim_colour);
    for (std::size_t i = 0; i < q.flagged.size(); ++i) {
        if (q.flagged[i]) {
            const double x = frame::left + dx * (static_cast<double>(i) + 0.5);
            fmt::format_to(std::back_inserter(html),
                           R"(<line class="sim-flag" x1="{0:.1f}" x2="{0:.1f}" y1="{1}" )"
                           R"(y2="{2}" stroke="{3}" stroke-width="1.5"/>)",
                           x, frame::top - 2, frame::top + 6, flag_colour);
        }
    }
    html += "</svg>";
    ids.push_back(id);
}

void backlog_chart(std::string& html, std::vector<std::string>& ids, const sim_queue_series& q,
                   const std::string& id, const detail::strings& base) {
    double top = 1.0;
    for (const double x : q.backlog) {
        top = std::max(top, x);
    }
    const auto [ymax, step] = html::nice_axis(top);
    const frame f{ymax};
    fmt::format_to(std::back_inserter(html),
                   R"(<svg id="{}" class="chart sim-backlog" viewBox="0 0 {} {}" role="img">)", id,
                   frame::w, frame::h);
    html::wide_y_axis(html, f, step, false);
    const double dx = (frame::w - frame::left - frame::right) /
                      std::max(1.0, static_cast<double>(q.starts.size()));
    html::wide_days(html, f, q.starts, dx, base);
    fmt::format_to(std::back_inserter(html),
                   R"(<path class="sim-mean" d="{}" fill="none" stroke="{}" stroke-width="1.6"/>)",
                   html::wide_path(q.backlog, f, dx), sim_colour);
    html += "</svg>";
    ids.push_back(id);
}

void legend(std::string& html, const sim_words& w) {
    fmt::format_to(std::back_inserter(html),
                   R"(<div class="legend"><span><i class="sw" style="background:{}"></i>{}</span>)"
                   R"(<span><i class="sw" style="background:{};opacity:0.25"></i>{}</span>)"
                   R"(<span><i class="sw" style="background:{}"></i>{}</span>)"
                   R"(<span><i class="sw" style="background:#15803d"></i>{}</span>)"
                   R"(<span><i class="sw" style="background:{}"></i>{}</span></div>)",
                   sim_colour, w.simulated, sim_colour, w.band, erlang_colour, w.erlang, w.target,
                   flag_colour, w.flagged);
}

} // namespace

std::string render_sim_html(const sim_page& page, std::string_view lang) {
    const auto& base = detail::strings_for(lang);
    const sim_words& w = lang == "zh-CN" ? zh_words : en_words;
    std::string html;
    std::vector<std::string> ids;
    html::page_start(html, base.html_lang, w.title, page.week_start,
                     fmt::format(fmt::runtime(w.head_f), format_date(page.week_start),
                                 page.replications, page.seed, page.confidence * 100,
                                 page.contacts));
    fmt::format_to(std::back_inserter(html),
                   R"(<section id="sl"><h2>{}</h2><p class="lead">{}</p>)", w.sl_title, w.sl_lead);
    legend(html, w);
    for (std::size_t q = 0; q < page.queues.size(); ++q) {
        const auto& s = page.queues[q];
        fmt::format_to(
            std::back_inserter(html), R"(<figure class="wide"><figcaption>{}</figcaption>)",
            html_escape(fmt::format(fmt::runtime(w.queue_f), s.name, s.pool, s.sl_time_s,
                                    s.sl_target * 100, s.open_intervals, s.flagged_intervals)));
        sl_chart(html, ids, s, fmt::format("sim-sl-{}", q), base);
        html += "</figure>";
    }
    fmt::format_to(std::back_inserter(html), R"(</section><section id="backlog"><h2>{}</h2>)",
                   w.backlog_title);
    for (std::size_t q = 0; q < page.queues.size(); ++q) {
        fmt::format_to(std::back_inserter(html),
                       R"(<figure class="wide"><figcaption>{}</figcaption>)",
                       html_escape(page.queues[q].name));
        backlog_chart(html, ids, page.queues[q], fmt::format("sim-backlog-{}", q), base);
        html += "</figure>";
    }
    html += R"(</section><section id="figures">)";
    for (std::size_t t = 0; t < page.tables.size(); ++t) {
        html::data_table(html, page.tables[t], fmt::format("sim-table-{}", t));
    }
    fmt::format_to(std::back_inserter(html), "</section></main><footer>{}</footer>", w.footer);
    html::self_check_script(html, ids);
    html += "</body></html>\n";
    return html;
}

} // namespace wfm::report
