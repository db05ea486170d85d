// report.txt and the report.html data of `wfm simulate --plan`, in English or Chinese: per
// queue the week and each day, simulated ± CI half-width beside the Erlang prediction.
#include <wfm/io/sim_csv.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace wfm::io {
namespace {

using row = plan::sim_row;

struct words {
    std::string_view head_f, note, queue_f, other_definition, period, offered, sl, answer, asa,
        abandon, occupancy, erlang, week, flagged_f, table_f;
};

constexpr words en{
    "Simulation of the plan for the week of {}: {} replications (seed {}), {:.0f} % confidence "
    "intervals, {} contacts simulated\n",
    "simulated ± CI half-width beside the Erlang prediction; * = the prediction is outside the "
    "interval\n",
    "{} (pool {}; SL = answered within {} s / offered, target {:.0f} %){}",
    "; the plan's SL uses another definition",
    "period",
    "offered",
    "SL %",
    "answer %",
    "ASA s",
    "abandon %",
    "occupancy %",
    "Erl.",
    "week",
    "flagged intervals: {} of {} open",
    "{}: week and days"};

constexpr words zh{
    "{} 当周排班仿真：{} 次重复（随机种子 {}），{:.0f}% 置信区间，共仿真 {} 个来电\n",
    "仿真值 ± 置信区间半宽，旁列 Erlang 预测；* = 预测落在区间之外\n",
    "{}（座席组 {}；服务水平 = {} 秒内人工接通量 / 人工呼入量，目标 {:.0f}%）{}",
    "；计划的服务水平采用另一定义",
    "时段",
    "人工呼入量",
    "服务水平 %",
    "人工接通率 %",
    "平均应答 秒",
    "放弃率 %",
    "占用率 %",
    "Erlang",
    "全周",
    "被标记时段：{} 个开放时段中 {} 个",
    "{}：全周与各日"};

const words& words_for(std::string_view lang) {
    return lang == "zh-CN" ? zh : en;
}

std::string pm(const plan::sim_metric& m, double scale, int digits) {
    if (!m.sim.defined) {
        return "-";
    }
    return fmt::format("{:.{}f}±{:.{}f}", m.sim.mean * scale, digits, m.sim.half_width * scale,
                       digits);
}

std::string pred(const plan::sim_metric& m, double scale, int digits) {
    return m.erlang ? fmt::format("{:.{}f}{}", *m.erlang * scale, digits, m.flagged ? "*" : " ")
                    : std::string{"-  "};
}

std::vector<std::string> cells(const std::string& label, const row& r) {
    return {label,
            fmt::format("{:.1f}", r.offered.mean),
            pm(r.service_level, 100, 1),
            pred(r.service_level, 100, 1),
            pm(r.answer_rate, 100, 1),
            pred(r.answer_rate, 100, 1),
            pm(r.asa_s, 1, 1),
            pred(r.asa_s, 1, 1),
            pm(r.abandon, 100, 1),
            pred(r.abandon, 100, 1),
            pm(r.occupancy, 100, 1),
            pred(r.occupancy, 100, 1)};
}

std::vector<std::string> head(const words& w) {
    return {std::string{w.period}, std::string{w.offered},   std::string{w.sl},
            std::string{w.erlang}, std::string{w.answer},    std::string{w.erlang},
            std::string{w.asa},    std::string{w.erlang},    std::string{w.abandon},
            std::string{w.erlang}, std::string{w.occupancy}, std::string{w.erlang}};
}

std::vector<std::vector<std::string>> period_rows(const plan::queue_simulation& q, const words& w) {
    std::vector<std::vector<std::string>> out{cells(std::string{w.week}, q.week)};
    for (const auto& d : q.days) {
        out.push_back(cells(format_date(day_of(d.start)), d));
    }
    return out;
}

int open_intervals(const plan::queue_simulation& q) {
    return static_cast<int>(std::count_if(q.intervals.begin(), q.intervals.end(),
                                          [](const auto& r) { return r.open; }));
}

std::string queue_line(const plan::queue_simulation& q, const words& w) {
    return fmt::format(fmt::runtime(w.queue_f), q.name, q.pool, q.sl_time_s, q.sl_target * 100,
                       q.sl_other_definition ? w.other_definition : "");
}

} // namespace

std::string render_plan_sim_text(const plan::plan_simulation& s, std::string_view lang) {
    const words& w = words_for(lang);
    std::string out = fmt::format(fmt::runtime(w.head_f), format_date(s.week_start), s.replications,
                                  s.seed, s.confidence * 100, s.contacts);
    out += w.note;
    for (const auto& q : s.queues) {
        out += "\n" + queue_line(q, w) + "\n";
        const auto line = [&](const std::vector<std::string>& c) {
            out += fmt::format("{:<10} {:>9} {:>13} {:>6} {:>13} {:>6} {:>11} {:>6} {:>13} {:>6} "
                               "{:>13} {:>6}\n",
                               c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10],
                               c[11]);
        };
        line(head(w));
        for (const auto& r : period_rows(q, w)) {
            line(r);
        }
        out +=
            fmt::format(fmt::runtime(w.flagged_f), plan::flagged_intervals(q), open_intervals(q));
        out += '\n';
    }
    return out;
}

report::sim_page plan_sim_page(const plan::plan_simulation& s, std::string_view lang) {
    const words& w = words_for(lang);
    report::sim_page page;
    page.week_start = s.week_start;
    page.replications = s.replications;
    page.seed = s.seed;
    page.confidence = s.confidence;
    page.contacts = s.contacts;
    for (const auto& q : s.queues) {
        report::sim_queue_series qs;
        qs.name = q.name;
        qs.pool = q.pool;
        qs.sl_target = q.sl_target;
        qs.sl_time_s = q.sl_time_s;
        qs.flagged_intervals = plan::flagged_intervals(q);
        qs.open_intervals = open_intervals(q);
        for (const auto& r : q.intervals) {
            const auto& sl = r.service_level;
            const bool shown = r.open && sl.sim.defined;
            qs.starts.push_back(r.start);
            qs.sl.push_back(shown ? std::optional<double>{sl.sim.mean} : std::nullopt);
            qs.sl_low.push_back(
                shown ? std::optional<double>{std::max(0.0, sl.sim.mean - sl.sim.half_width)}
                      : std::nullopt);
            qs.sl_high.push_back(
                shown ? std::optional<double>{std::min(1.0, sl.sim.mean + sl.sim.half_width)}
                      : std::nullopt);
            qs.erlang.push_back(r.open ? sl.erlang : std::nullopt);
            qs.flagged.push_back(r.open && r.flagged());
            qs.backlog.push_back(r.waiting_at_end.mean);
        }
        page.tables.push_back(
            {fmt::format(fmt::runtime(w.table_f), queue_line(q, w)), head(w), period_rows(q, w)});
        page.queues.push_back(std::move(qs));
    }
    return page;
}

} // namespace wfm::io
