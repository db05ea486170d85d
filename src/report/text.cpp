// Terminal rendering of the plan report: fixed-width tables, under 60 lines for a usual plan.
#include "format.hpp"

#include <wfm/report/plan_report.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

namespace wfm::report {
namespace {

using detail::number;
using detail::percent;

std::string day_label(local_date day) {
    return fmt::format("{} {}", weekday_name(weekday_index(day)), format_date(day));
}

std::string target_label(const service_target& t) {
    return fmt::format("{:.0f}%/{}s", t.service_level * 100.0, t.threshold.count());
}

/// Appends `items` joined by `separator` and a space after `lead`, wrapping at 100 columns.
void append_wrapped(std::string& out, std::string_view lead, const std::vector<std::string>& items,
                    std::string_view separator = ",") {
    std::string line{lead};
    const std::string indent(lead.size(), ' ');
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string piece =
            items[i] + (i + 1 < items.size() ? std::string{separator} : std::string{});
        if (line.size() > indent.size() && line.size() + 1 + piece.size() > 100) {
            out += line + "\n";
            line = indent;
        }
        line += (line.size() > indent.size() ? " " : "") + piece;
    }
    out += line + "\n";
}

void fit_table(std::string& out, const plan_summary& s) {
    out += fmt::format("{:<16}{:>9}{:>9}{:>8}{:>9}{:>9}{:>8}{:>8}{:>8}\n", "Schedule fit", "req h",
                       "sched h", "fit", "shortage", "redund.", "c>=r", "±5%", "±10%");
    const auto row = [&](const channel_summary& c) {
        const auto& f = c.week.fit;
        out += fmt::format("{:<16}{:>9.1f}{:>9.1f}{:>8}{:>9}{:>9}{:>8}{:>8}{:>8}\n", c.name,
                           c.week.outcome.required_hours, c.week.outcome.scheduled_hours,
                           percent(f.fit()), percent(f.shortage_ratio()),
                           percent(f.redundancy_ratio()), percent(f.covered_share()),
                           percent(f.within_5_share()), percent(f.within_10_share()));
    };
    std::for_each(s.channels.begin(), s.channels.end(), row);
    if (s.channels.size() > 1) {
        row(s.all_channels);
    }
}

void outcome_table(std::string& out, const plan_report& r, const plan_summary& s) {
    out += fmt::format("{:<16}{:>9}{:>9}{:>7}{:>9}{:>7}{:>8}{:>8}{:>7}{:>7}{:>9}\n", "Predicted",
                       "offered", "answered", "SL", "target", "met", "answer", "abandon", "ASA s",
                       "occ.", "calls/AD");
    for (std::size_t i = 0; i < s.channels.size(); ++i) {
        const auto& o = s.channels[i].week.outcome;
        out += fmt::format("{:<16}{:>9.0f}{:>9.0f}{:>7}{:>9}{:>7}{:>8}{:>8}{:>7}{:>7}{:>9}\n",
                           s.channels[i].name, o.offered, o.answered, percent(o.service_level()),
                           target_label(r.channels[i].target), percent(o.target_met_share(), 0),
                           percent(o.answer_rate()), percent(o.abandon()), number(o.asa_s()),
                           percent(o.occupancy(), 0),
                           number(o.calls_per_agent_day(r.standard_working_day)));
    }
}

void day_table(std::string& out, const plan_summary& s) {
    std::string head = fmt::format("{:<16}{:>9}{:>9}{:>8}{:>9}{:>9}{:>8}", "Per day (all)", "req h",
                                   "sched h", "fit", "shortage", "redund.", "c>=r");
    for (const auto& c : s.channels) {
        head += fmt::format("{:>9}", "SL " + c.name.substr(0, 5));
    }
    out += head + "\n";
    for (const auto& d : s.all_channels.days) {
        std::string line =
            fmt::format("{:<16}{:>9.1f}{:>9.1f}{:>8}{:>9}{:>9}{:>8}", day_label(d.start),
                        d.outcome.required_hours, d.outcome.scheduled_hours, percent(d.fit.fit()),
                        percent(d.fit.shortage_ratio()), percent(d.fit.redundancy_ratio()),
                        percent(d.fit.covered_share()));
        for (const auto& c : s.channels) {
            const auto it =
                std::find_if(c.days.begin(), c.days.end(),
                             [&](const period_summary& p) { return p.start == d.start; });
            line += fmt::format("{:>9}", it == c.days.end() ? std::string{"-"}
                                                            : percent(it->outcome.service_level()));
        }
        out += line + "\n";
    }
}

void schedule_table(std::string& out, const plan_report& r) {
    out += fmt::format("{:<16}{:>8}{:>10}{:>11}{:>11}{:>9}{:>9}  {}\n", "Schedule", "agents",
                       "paid h", "objective", "bound", "gap", "solver s", "status");
    for (const auto& s : r.schedules) {
        int agents = 0;
        double paid = 0.0;
        std::vector<std::string> templates;
        for (const auto& t : s.templates) {
            agents += t.headcount;
            paid += t.paid_hours;
            templates.push_back(
                fmt::format("{} ×{} ({:.1f} h)", t.name, t.headcount, t.paid_hours));
        }
        out += fmt::format("{:<16}{:>8}{:>10.1f}{:>11}{:>11}{:>9}{:>9}  {}\n", s.pool, agents, paid,
                           number(s.objective), number(s.lower_bound),
                           s.gap() ? percent(s.gap(), 2) : std::string{"no bound"},
                           number(s.solver_seconds, 2), s.status);
        if (!templates.empty()) {
            append_wrapped(out, "  templates: ", templates);
        }
    }
}

void backtest_table_text(std::string& out, const plan_report& r) {
    out += fmt::format("{:<16}{:>8}{:>18}{:>8}{:>7}{:>8}{:>8}\n", "Backtest", "series", "chosen",
                       "WAPE", "MASE", "bias", "cover.");
    for (const auto& b : r.backtests) {
        const auto chosen = std::find_if(b.rows.begin(), b.rows.end(), [&](const accuracy_row& a) {
            return a.method == b.chosen_method;
        });
        const bool found = chosen != b.rows.end();
        out += fmt::format(
            "{:<16}{:>8}{:>18}{:>8}{:>7}{:>8}{:>8}\n", b.channel, b.series, b.chosen_method,
            found ? percent(chosen->wape) : "n/a", found ? number(chosen->mase, 2) : "n/a",
            found ? percent(chosen->bias) : "n/a", found ? percent(chosen->coverage, 0) : "n/a");
        std::vector<std::string> others;
        for (const auto& a : b.rows) {
            if (a.method != b.chosen_method) {
                others.push_back(fmt::format("{} {}", a.method, percent(a.wape)));
            }
        }
        if (!others.empty()) {
            append_wrapped(out, "  others (WAPE): ", others);
        }
    }
}

} // namespace

std::string render_text(const plan_report& report) {
    const plan_summary s = summarise(report);
    std::string out;
    out += fmt::format("{} · {} … {} · {}-minute intervals\n", report.title,
                       day_label(report.week_start),
                       day_label(report.week_start + std::chrono::days{6}), report.grid.minutes());
    std::vector<std::string> targets;
    for (const auto& c : report.channels) {
        targets.push_back(fmt::format("{} SL {:.0f}% in {} s over {}, shrinkage {:.0f}%", c.name,
                                      c.target.service_level * 100.0, c.target.threshold.count(),
                                      c.target.sl_variant, c.shrinkage * 100.0));
    }
    append_wrapped(out, "Targets: ", targets, ";");
    out += "\n";
    fit_table(out, s);
    out += "\n";
    outcome_table(out, report, s);
    out += "\n";
    day_table(out, s);
    if (!report.schedules.empty()) {
        out += "\n";
        schedule_table(out, report);
    }
    if (!report.backtests.empty()) {
        out += "\n";
        backtest_table_text(out, report);
    }
    if (!report.notes.empty()) {
        out += "\n";
    }
    for (const auto& note : report.notes) {
        out += note + "\n";
    }
    return out;
}

} // namespace wfm::report
