// report.txt, report.json and whatif.csv of `wfm whatif` (see whatif.hpp).
#include <wfm/io/whatif.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace wfm::io {
namespace {

constexpr double day_s = 86400.0;

struct run {
    int pool, begin, end, agents; ///< intervals [begin, end) of the week
};

// The extra agents as runs of equal counts.
std::vector<run> runs_of(const plan::emergency_plan& e) {
    std::vector<run> out;
    for (std::size_t p = 0; p < e.extra.size(); ++p) {
        const auto& x = e.extra[p];
        for (std::size_t i = 0; i < x.size();) {
            std::size_t j = i;
            while (j < x.size() && x[j] == x[i]) {
                ++j;
            }
            if (x[i] > 0) {
                out.push_back(
                    {static_cast<int>(p), static_cast<int>(i), static_cast<int>(j), x[i]});
            }
            i = j;
        }
    }
    return out;
}

timestamp at(const plan::plan_model& m, double s) {
    return m.start + std::chrono::minutes{static_cast<long>(std::lround(s / 60.0))};
}

std::string clock(timestamp t) {
    const auto minutes = minute_of_day(t);
    return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

std::string span(const plan::plan_model& m, double a, double b) {
    const auto ta = at(m, a);
    const auto tb = at(m, b);
    std::string end = clock(tb);
    if (day_of(tb) != day_of(ta)) {
        end = day_of(tb) == day_of(ta) + std::chrono::days{1} && minute_of_day(tb) == 0
                  ? "24:00"
                  : format_timestamp(tb);
    }
    return fmt::format("{} {}–{}", format_date(day_of(ta)), clock(ta), end);
}

std::string cell(const sim::estimate& e, double scale = 1.0) {
    return e.defined && std::isfinite(e.mean) ? fmt::format("{:.6g}", e.mean * scale) : "";
}

nlohmann::json est(const sim::estimate& e) {
    if (!e.defined || !std::isfinite(e.mean)) {
        return nullptr;
    }
    return {{"mean", e.mean}, {"ci", e.half_width}};
}

nlohmann::json scenario_row_json(const plan::sim_row& r) {
    return {{"offered", est(r.offered)},
            {"service_level", est(r.service_level.sim)},
            {"answer_rate", est(r.answer_rate.sim)},
            {"abandon", est(r.abandon.sim)},
            {"asa_s", est(r.asa_s.sim)},
            {"backlog", est(r.waiting_at_end)}};
}

struct whatif_words {
    const char* scenario;
    const char* events;
    const char* baseline;
    const char* with_scenario;
    const char* with_plan;
    const char* sl;
    const char* answer;
    const char* abandon;
    const char* backlog;
    const char* week;
    const char* emergency;
    const char* none_needed;
    const char* extra;
    const char* overtime;
    const char* extra_shifts;
    const char* cost;
    const char* rescued;
    const char* not_rescued;
    const char* confirm;
    const char* line;
    const char* before;
    const char* after;
    const char* shift;
    const char* queue;
    const char* day;
    const char* pool;
    const char* when;
    const char* what;
    const char* hours;
    const char* figures;
    const char* rescued_f;     ///< replications, short intervals, simulations
    const char* not_rescued_f; ///< short intervals, extra agents per interval
};

constexpr whatif_words whatif_en{
    "Scenario",
    "events",
    "baseline",
    "scenario",
    "with plan",
    "SL %",
    "answer %",
    "abandon %",
    "max backlog",
    "week",
    "Emergency plan",
    "no extra staffing needed",
    "extra agent-hours",
    "overtime",
    "extra shifts",
    "cost",
    "every interval back to its level",
    "NOT rescued within the limits",
    "confirmation",
    "line",
    "before the shift",
    "after the shift",
    "extra shift",
    "queue",
    "day",
    "pool",
    "when",
    "what",
    "hours",
    "Baseline / scenario / with the emergency plan",
    "every interval back to its level (checked at {} replications: {} intervals "
    "short; {} simulations)",
    "NOT rescued within the limits: {} intervals still short with at most {} extra "
    "agents per interval ("};

constexpr whatif_words whatif_zh{
    "情景",
    "事件",
    "基准",
    "情景",
    "应急后",
    "服务水平 %",
    "人工接通率 %",
    "放弃率 %",
    "最大排队",
    "全周",
    "应急预案",
    "无需增加人力",
    "增加座席工时",
    "加班",
    "增开班次",
    "成本",
    "各时段恢复到目标水平",
    "在限制内无法恢复",
    "复核",
    "排班行",
    "班前",
    "班后",
    "增开班次",
    "队列",
    "日期",
    "人员组",
    "时段",
    "安排",
    "工时",
    "基准 / 情景 / 应急后",
    "各时段恢复到目标水平（以 {} 次重复复核：{} 个时段不足；共 {} 次仿真）",
    "在限制内无法恢复：每时段最多增加 {1} 名座席时仍有 {0} 个时段不足（"};

std::string event_text(const plan::scenario_event& e, const plan::plan_model& m) {
    using k = plan::scenario_event::kind;
    std::string queues;
    for (const int q : e.queues) {
        queues += (queues.empty() ? "" : ",") + m.queues[static_cast<std::size_t>(q)];
    }
    if (queues.empty()) {
        queues = "all queues";
    }
    const std::string when = span(m, e.begin_s, e.end_s);
    switch (e.type) {
    case k::surge:
        return fmt::format("surge {} ×{:.3g} {}", queues, e.factor, when);
    case k::aht:
        return fmt::format("aht {} ×{:.3g} {}", queues, e.factor, when);
    case k::key_day:
        return fmt::format("key_day {} ×{:.3g} {}", queues, e.factor,
                           format_date(day_of(at(m, e.begin_s))));
    case k::outage:
        return fmt::format("outage {} {} (retry {:.0f} % after {:.0f} s)", queues, when,
                           100.0 * e.retry_share, e.retry_delay_s);
    case k::absence:
        if (e.lines.empty()) {
            return fmt::format("absence {:.0f} % of pool {} {}", 100.0 * e.share,
                               m.pools[static_cast<std::size_t>(e.pool)], when);
        }
        return fmt::format("absence of {} lines of pool {} {}", e.lines.size(),
                           m.pools[static_cast<std::size_t>(e.pool)], when);
    }
    return {};
}

std::string pm(const sim::estimate& e) {
    if (!e.defined || !std::isfinite(e.mean)) {
        return "—";
    }
    return fmt::format("{:.1f}±{:.1f}", 100.0 * e.mean, 100.0 * e.half_width);
}

// Largest mean backlog at an interval's end over the day's intervals.
double max_backlog(const plan::queue_simulation& q, timestamp day) {
    double best = 0.0;
    for (const auto& r : q.intervals) {
        if (day_of(r.start) == day_of(day)) {
            best = std::max(best, r.waiting_at_end.mean);
        }
    }
    return best;
}

} // namespace

std::string format_whatif_csv(const std::vector<plan::scenario_outcome>& s,
                              const plan::plan_model& model) {
    std::string out = "scenario,queue,pool,interval_start,forecast";
    for (const char* w : {"baseline", "scenario", "emergency"}) {
        out +=
            fmt::format(",{0}_offered,{0}_sl,{0}_sl_ci,{0}_answer_rate,{0}_abandon,{0}_backlog", w);
    }
    out += ",extra_agents\n";
    const auto step = model.model.interval_s;
    for (const auto& o : s) {
        for (std::size_t q = 0; q < o.baseline.queues.size(); ++q) {
            const auto pool = static_cast<std::size_t>(model.model.queues[q].pool);
            for (std::size_t i = 0; i < o.baseline.queues[q].intervals.size(); ++i) {
                const auto& b = o.baseline.queues[q].intervals[i];
                const double since = std::chrono::duration<double>(b.start - model.start).count();
                const int day = static_cast<int>(std::floor(since / day_s));
                if (day < o.first_day || day > o.last_day) {
                    continue;
                }
                out += fmt::format("{},{},{},{},{:.6g}", o.name, model.queues[q], model.pools[pool],
                                   format_timestamp(b.start), b.forecast);
                for (const auto* set : {&o.baseline, &o.scenario, &o.rescued}) {
                    const auto& r = set->queues[q].intervals[i];
                    out += fmt::format(
                        ",{},{},{},{},{},{}", cell(r.offered), cell(r.service_level.sim),
                        r.service_level.sim.defined
                            ? fmt::format("{:.6g}", r.service_level.sim.half_width)
                            : "",
                        cell(r.answer_rate.sim), cell(r.abandon.sim), cell(r.waiting_at_end));
                }
                const auto k = static_cast<std::size_t>(since / step);
                out += fmt::format(",{}\n", o.emergency.extra[pool][k]);
            }
        }
    }
    return out;
}

nlohmann::json whatif_json(const std::vector<plan::scenario_outcome>& s,
                           const plan::plan_model& model) {
    nlohmann::json doc;
    doc["replications"] = s.empty() ? 0 : s.front().baseline.replications;
    doc["seed"] = s.empty() ? 0 : s.front().baseline.seed;
    doc["week_start"] = format_date(day_of(model.start));
    doc["scenarios"] = nlohmann::json::array();
    for (const auto& o : s) {
        nlohmann::json j;
        j["name"] = o.name;
        j["description"] = o.description;
        j["first_day"] = format_date(day_of(model.start) + std::chrono::days{o.first_day});
        j["last_day"] = format_date(day_of(model.start) + std::chrono::days{o.last_day});
        j["queues"] = nlohmann::json::array();
        for (std::size_t q = 0; q < o.baseline.queues.size(); ++q) {
            nlohmann::json jq;
            jq["name"] = o.baseline.queues[q].name;
            jq["pool"] = o.baseline.queues[q].pool;
            jq["sl_target"] = o.baseline.queues[q].sl_target;
            for (const auto& [key, set] :
                 {std::pair{"baseline", &o.baseline}, std::pair{"scenario", &o.scenario},
                  std::pair{"emergency", &o.rescued}}) {
                nlohmann::json days = nlohmann::json::array();
                for (int d = o.first_day; d <= o.last_day; ++d) {
                    auto row = scenario_row_json(set->queues[q].days[static_cast<std::size_t>(d)]);
                    row["date"] = format_date(day_of(model.start) + std::chrono::days{d});
                    row["max_backlog"] = max_backlog(
                        set->queues[q], set->queues[q].days[static_cast<std::size_t>(d)].start);
                    days.push_back(std::move(row));
                }
                jq[key] = {{"week", scenario_row_json(set->queues[q].week)},
                           {"days", std::move(days)}};
            }
            j["queues"].push_back(std::move(jq));
        }
        const auto& e = o.emergency;
        nlohmann::json em;
        em["rescued"] = e.rescued;
        em["confirmation_short_intervals"] = o.emergency.confirm_short;
        em["simulations"] = e.simulations;
        em["max_extra_agents"] = e.max_extra;
        em["extra_agent_hours"] = e.extra_agent_hours;
        em["overtime_hours"] = e.overtime_hours;
        em["extra_shift_hours"] = e.extra_shift_hours;
        em["cost"] = e.cost ? nlohmann::json(*e.cost) : nlohmann::json(nullptr);
        em["extra_agents"] = nlohmann::json::array();
        for (const auto& r : runs_of(e)) {
            em["extra_agents"].push_back(
                {{"pool", model.pools[static_cast<std::size_t>(r.pool)]},
                 {"from", format_timestamp(at(model, r.begin * model.model.interval_s))},
                 {"to", format_timestamp(at(model, r.end * model.model.interval_s))},
                 {"agents", r.agents}});
        }
        em["shifts"] = nlohmann::json::array();
        for (const auto& sh : e.shifts) {
            using k = plan::emergency_shift::kind;
            em["shifts"].push_back(
                {{"type", sh.type == k::extra_shift       ? "extra_shift"
                          : sh.type == k::overtime_before ? "overtime_before"
                                                          : "overtime_after"},
                 {"pool", model.pools[static_cast<std::size_t>(sh.pool)]},
                 {"line",
                  sh.type == k::extra_shift ? nlohmann::json(nullptr) : nlohmann::json(sh.line)},
                 {"template", sh.template_name},
                 {"from", format_timestamp(at(model, sh.begin_s))},
                 {"to", format_timestamp(at(model, sh.end_s))},
                 {"hours", sh.hours},
                 {"cost", sh.cost ? nlohmann::json(*sh.cost) : nlohmann::json(nullptr)}});
        }
        em["short_intervals"] = nlohmann::json::array();
        for (const auto& [p, i] : e.short_intervals) {
            em["short_intervals"].push_back(
                {{"pool", model.pools[static_cast<std::size_t>(p)]},
                 {"interval_start", format_timestamp(at(model, i * model.model.interval_s))}});
        }
        j["emergency"] = std::move(em);
        doc["scenarios"].push_back(std::move(j));
    }
    return doc;
}

namespace {

std::string triple(const sim::estimate& a, const sim::estimate& b, const sim::estimate& c) {
    return pm(a) + " / " + pm(b) + " / " + pm(c);
}

// A day's (or the week's) figures of one queue: queue, period, SL, answer rate, abandonment
// and the largest backlog, each baseline / scenario / with the emergency plan.
std::vector<std::string> period_cells(const plan::scenario_outcome& o, std::size_t q,
                                      const std::string& label, int day) {
    const auto row = [&](const plan::plan_simulation& s) -> const plan::sim_row& {
        return day < 0 ? s.queues[q].week : s.queues[q].days[static_cast<std::size_t>(day)];
    };
    const auto& b = row(o.baseline);
    const auto& c = row(o.scenario);
    const auto& r = row(o.rescued);
    std::string backlog;
    if (day >= 0) {
        backlog = fmt::format(
            "{:.1f} / {:.1f} / {:.1f}", max_backlog(o.baseline.queues[q], b.start),
            max_backlog(o.scenario.queues[q], b.start), max_backlog(o.rescued.queues[q], b.start));
    }
    return {o.baseline.queues[q].name,
            label,
            triple(b.service_level.sim, c.service_level.sim, r.service_level.sim),
            triple(b.answer_rate.sim, c.answer_rate.sim, r.answer_rate.sim),
            triple(b.abandon.sim, c.abandon.sim, r.abandon.sim),
            backlog};
}

std::vector<std::vector<std::string>> period_rows(const plan::scenario_outcome& o,
                                                  const whatif_words& w) {
    std::vector<std::vector<std::string>> rows;
    for (std::size_t q = 0; q < o.baseline.queues.size(); ++q) {
        for (int d = o.first_day; d <= o.last_day; ++d) {
            rows.push_back(period_cells(
                o, q,
                format_date(day_of(o.baseline.queues[q].days[static_cast<std::size_t>(d)].start)),
                d));
        }
        rows.push_back(period_cells(o, q, w.week, -1));
    }
    return rows;
}

std::vector<std::string> period_head(const whatif_words& w) {
    return {w.queue, w.day, w.sl, w.answer, w.abandon, w.backlog};
}

// The emergency plan: extra agents per run, then overtime and extra shifts.
std::vector<std::vector<std::string>>
plan_rows(const plan::scenario_outcome& o, const plan::plan_model& model, const whatif_words& w) {
    std::vector<std::vector<std::string>> rows;
    const double len = model.model.interval_s;
    for (const auto& r : runs_of(o.emergency)) {
        rows.push_back({model.pools[static_cast<std::size_t>(r.pool)],
                        span(model, r.begin * len, r.end * len), fmt::format("+{}", r.agents),
                        fmt::format("{:.2f}", r.agents * (r.end - r.begin) * len / 3600.0), ""});
    }
    for (const auto& sh : o.emergency.shifts) {
        using k = plan::emergency_shift::kind;
        const std::string what =
            sh.type == k::extra_shift
                ? fmt::format("{} ({})", w.shift, sh.template_name)
                : fmt::format("{} {} {}", w.line, sh.line,
                              sh.type == k::overtime_before ? w.before : w.after);
        rows.push_back({model.pools[static_cast<std::size_t>(sh.pool)],
                        span(model, sh.begin_s, sh.end_s), what, fmt::format("{:.2f}", sh.hours),
                        sh.cost ? fmt::format("{:.2f}", *sh.cost) : ""});
    }
    return rows;
}

std::string plan_summary(const plan::scenario_outcome& o, const whatif_words& w) {
    const auto& e = o.emergency;
    if (e.extra_agent_hours == 0.0 && e.rescued) {
        return w.none_needed;
    }
    int overtime = 0;
    int extra = 0;
    for (const auto& sh : e.shifts) {
        (sh.type == plan::emergency_shift::kind::extra_shift ? extra : overtime) += 1;
    }
    return fmt::format("{} {:.2f} h; {} {:.2f} h ({}); {} {:.2f} h ({}); {} {}", w.extra,
                       e.extra_agent_hours, w.overtime, e.overtime_hours, overtime, w.extra_shifts,
                       e.extra_shift_hours, extra, w.cost,
                       e.cost ? fmt::format("{:.2f}", *e.cost) : "n/a");
}

std::string verdict(const plan::scenario_outcome& o, const plan::plan_model& model,
                    const whatif_words& w) {
    const auto& e = o.emergency;
    if (e.rescued) {
        return fmt::format(fmt::runtime(w.rescued_f), o.baseline.replications, e.confirm_short,
                           e.simulations);
    }
    std::string out =
        fmt::format(fmt::runtime(w.not_rescued_f), e.short_intervals.size(), e.max_extra);
    for (std::size_t i = 0; i < e.short_intervals.size() && i < 8; ++i) {
        const auto& [p, k] = e.short_intervals[i];
        out += fmt::format("{}{} {}", i == 0 ? "" : ", ", model.pools[static_cast<std::size_t>(p)],
                           format_timestamp(at(model, k * model.model.interval_s)));
    }
    return out + (e.short_intervals.size() > 8 ? ", …" : "") + (&w == &whatif_zh ? "）" : ")");
}

std::string events_line(const plan::scenario_outcome& o, const plan::plan_model& model) {
    std::string out;
    for (std::size_t i = 0; i < o.events.size(); ++i) {
        out += (i == 0 ? "" : "; ") + event_text(o.events[i], model);
    }
    return out;
}

} // namespace

std::string render_whatif_text(const std::vector<plan::scenario_outcome>& s,
                               const plan::plan_model& model, const std::string& lang) {
    const whatif_words& w = lang == "zh-CN" ? whatif_zh : whatif_en;
    std::string out;
    const auto line = [&](const std::vector<std::string>& c) {
        out += fmt::format("  {:<10} {:<11} {:>27} {:>27} {:>27} {:>20}\n", c[0], c[1], c[2], c[3],
                           c[4], c[5]);
    };
    for (const auto& o : s) {
        out += fmt::format("{} {}{}\n", w.scenario, o.name,
                           o.description.empty() ? "" : ": " + o.description);
        out += fmt::format("{}: {}\n", w.events, events_line(o, model));
        out += fmt::format("{}\n", w.figures);
        line(period_head(w));
        for (const auto& r : period_rows(o, w)) {
            line(r);
        }
        out += fmt::format("{}: {}\n", w.emergency, plan_summary(o, w));
        for (const auto& r : plan_rows(o, model, w)) {
            out +=
                fmt::format("  {:<8} {:<24} {:<28} {:>7} h {:>10}\n", r[0], r[1], r[2], r[3], r[4]);
        }
        out += fmt::format("  {}\n\n", verdict(o, model, w));
    }
    return out;
}

report::whatif_page whatif_page_of(const std::vector<plan::scenario_outcome>& s,
                                   const plan::plan_model& model, const std::string& lang) {
    const whatif_words& w = lang == "zh-CN" ? whatif_zh : whatif_en;
    report::whatif_page page;
    page.week_start = day_of(model.start);
    page.replications = s.empty() ? 0 : s.front().baseline.replications;
    for (const auto& o : s) {
        report::whatif_scenario_page sp;
        sp.name = o.name;
        sp.description = o.description;
        sp.events = events_line(o, model);
        sp.verdict = plan_summary(o, w) + " · " + verdict(o, model, w);
        sp.rescued = o.emergency.rescued;
        for (std::size_t q = 0; q < o.baseline.queues.size(); ++q) {
            report::whatif_queue_series qs;
            qs.name = o.baseline.queues[q].name;
            qs.pool = o.baseline.queues[q].pool;
            qs.sl_target = o.baseline.queues[q].sl_target;
            const auto& ivs = o.baseline.queues[q].intervals;
            for (std::size_t i = 0; i < ivs.size(); ++i) {
                const double since =
                    std::chrono::duration<double>(ivs[i].start - model.start).count();
                const int day = static_cast<int>(std::floor(since / day_s));
                if (day < o.first_day || day > o.last_day) {
                    continue;
                }
                qs.starts.push_back(ivs[i].start);
                int k = 0;
                for (const auto* set : {&o.baseline, &o.scenario, &o.rescued}) {
                    const auto& r = set->queues[q].intervals[i];
                    const auto& sl = r.service_level.sim;
                    qs.sl[k].push_back(sl.defined && r.open ? std::optional<double>{sl.mean}
                                                            : std::nullopt);
                    qs.backlog[k].push_back(r.waiting_at_end.mean);
                    ++k;
                }
            }
            sp.queues.push_back(std::move(qs));
        }
        sp.tables.push_back({w.figures, period_head(w), period_rows(o, w)});
        sp.tables.push_back(
            {w.emergency, {w.pool, w.when, w.what, w.hours, w.cost}, plan_rows(o, model, w)});
        page.scenarios.push_back(std::move(sp));
    }
    return page;
}

} // namespace wfm::io
