// The plan report's simulation check (see simulation_section.hpp): per queue the week and each
// day, the simulated SL, answer rate and abandonment with their 95 % half-widths beside the
// Erlang prediction, `*` where the prediction lies outside the interval.
#include "simulation_section.hpp"

#include "format.hpp"
#include "strings.hpp"

#include <fmt/format.h>

#include <array>
#include <vector>

namespace wfm::report::detail {
namespace {

struct sim_words {
    std::string_view title_f, lead, queue, period, offered, sl, answer, abandon, erlang, week,
        flagged_f;
};

constexpr sim_words sim_en{
    "Simulation check ({} replications, seed {})",
    "The plan's week simulated interval by interval (discrete events: carry-over, breaks, "
    "abandonment) beside the Erlang prediction; * marks a prediction outside the simulation's "
    "95 % interval.",
    "queue",
    "period",
    "offered",
    "SL % sim.",
    "answer % sim.",
    "abandon % sim.",
    "Erlang",
    "week",
    "{}: {} of {} open intervals flagged"};

constexpr sim_words sim_zh{"仿真复核（{} 次重复，随机种子 {}）",
                           "按时段离散事件仿真本周排班（积压延续、休息、放弃），与 Erlang "
                           "预测对照；* 表示预测落在仿真 95% 置信区间之外。",
                           "队列",
                           "时段",
                           "人工呼入量",
                           "服务水平 % 仿真",
                           "人工接通率 % 仿真",
                           "放弃率 % 仿真",
                           "Erlang",
                           "全周",
                           "{}：{} 个开放时段中 {} 个被标记"};

const sim_words& words_of(const plan_report& r) {
    return r.lang == "zh-CN" ? sim_zh : sim_en;
}

std::string sim_cell(const simulated_figure& f) {
    return f.mean ? fmt::format("{:.1f}±{:.1f}", 100.0 * *f.mean, 100.0 * f.ci) : "—";
}

std::string erlang_cell(const simulated_figure& f) {
    return f.erlang ? fmt::format("{:.1f}{}", 100.0 * *f.erlang, f.flagged ? "*" : "") : "—";
}

std::vector<std::string> head(const sim_words& w) {
    return {std::string{w.queue},  std::string{w.period},  std::string{w.offered},
            std::string{w.sl},     std::string{w.erlang},  std::string{w.answer},
            std::string{w.erlang}, std::string{w.abandon}, std::string{w.erlang}};
}

std::vector<std::vector<std::string>> rows(const simulation_check& c, const sim_words& w) {
    std::vector<std::vector<std::string>> out;
    const auto row = [&](const std::string& q, const std::string& label,
                         const simulated_period& p) {
        out.push_back({q, label, fmt::format("{:.1f}", p.offered), sim_cell(p.service_level),
                       erlang_cell(p.service_level), sim_cell(p.answer_rate),
                       erlang_cell(p.answer_rate), sim_cell(p.abandon), erlang_cell(p.abandon)});
    };
    for (const auto& q : c.queues) {
        row(q.name, std::string{w.week}, q.week);
        for (const auto& d : q.days) {
            row(q.name, format_date(d.day), d);
        }
    }
    return out;
}

nlohmann::json figure_json(const simulated_figure& f) {
    return {{"mean", f.mean ? nlohmann::json(*f.mean) : nlohmann::json(nullptr)},
            {"ci", f.ci},
            {"erlang", f.erlang ? nlohmann::json(*f.erlang) : nlohmann::json(nullptr)},
            {"flagged", f.flagged}};
}

nlohmann::json period_json(const simulated_period& p) {
    return {{"date", format_date(p.day)},
            {"offered", p.offered},
            {"service_level", figure_json(p.service_level)},
            {"answer_rate", figure_json(p.answer_rate)},
            {"abandon", figure_json(p.abandon)}};
}

} // namespace

void simulation_text(std::string& out, const plan_report& r) {
    if (!r.simulation) {
        return;
    }
    const auto& w = words_of(r);
    const auto& c = *r.simulation;
    out += "\n" + fmt::format(fmt::runtime(w.title_f), c.replications, c.seed) + "\n";
    std::vector<std::vector<std::string>> table{head(w)};
    for (auto& x : rows(c, w)) {
        table.push_back(std::move(x));
    }
    std::vector<std::size_t> widths(table.front().size(), 0);
    for (const auto& row : table) {
        for (std::size_t k = 0; k < row.size(); ++k) {
            widths[k] = std::max(widths[k], display_width(row[k]));
        }
    }
    for (const auto& row : table) {
        std::string line;
        for (std::size_t k = 0; k < row.size(); ++k) {
            const std::string pad(widths[k] - display_width(row[k]), ' ');
            line += (k == 0 ? "" : "  ") + (k < 2 ? row[k] + pad : pad + row[k]);
        }
        out += line + "\n";
    }
    for (const auto& q : c.queues) {
        out +=
            fmt::format(fmt::runtime(w.flagged_f), q.name, q.flagged_intervals, q.open_intervals) +
            "\n";
    }
}

nlohmann::json simulation_json(const plan_report& r) {
    if (!r.simulation) {
        return nullptr;
    }
    nlohmann::json queues = nlohmann::json::array();
    for (const auto& q : r.simulation->queues) {
        nlohmann::json days = nlohmann::json::array();
        for (const auto& d : q.days) {
            days.push_back(period_json(d));
        }
        queues.push_back({{"name", q.name},
                          {"flagged_intervals", q.flagged_intervals},
                          {"open_intervals", q.open_intervals},
                          {"week", period_json(q.week)},
                          {"days", std::move(days)}});
    }
    return {{"replications", r.simulation->replications},
            {"seed", r.simulation->seed},
            {"queues", std::move(queues)}};
}

void simulation_html(std::string& html, const plan_report& r) {
    if (!r.simulation) {
        return;
    }
    const auto& w = words_of(r);
    const auto& c = *r.simulation;
    const auto out = std::back_inserter(html);
    fmt::format_to(out,
                   R"(<section id="simulation"><h2>{}</h2><p class="lead">{}</p>)"
                   R"(<div class="table-wrap"><table id="table-simulation" class="compact">)"
                   "<thead><tr>",
                   html_escape(fmt::format(fmt::runtime(w.title_f), c.replications, c.seed)),
                   html_escape(w.lead));
    for (const auto& h : head(w)) {
        fmt::format_to(out, "<th>{}</th>", html_escape(h));
    }
    html += "</tr></thead><tbody>";
    for (const auto& row : rows(c, w)) {
        html += "<tr>";
        for (const auto& cell : row) {
            fmt::format_to(out, "<td>{}</td>", html_escape(cell));
        }
        html += "</tr>";
    }
    html += "</tbody></table></div><ul>";
    for (const auto& q : c.queues) {
        fmt::format_to(out, "<li>{}</li>",
                       html_escape(fmt::format(fmt::runtime(w.flagged_f), q.name,
                                               q.flagged_intervals, q.open_intervals)));
    }
    html += "</ul></section>";
}

} // namespace wfm::report::detail
