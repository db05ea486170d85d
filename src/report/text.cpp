// Terminal rendering of the plan report: tables aligned by display width (CJK takes two
// columns), under 60 lines for a usual plan, in the report's language.
#include "format.hpp"
#include "simulation_section.hpp"
#include "strings.hpp"

#include <wfm/report/plan_report.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

namespace wfm::report {
namespace {

using detail::number;
using detail::percent;
using detail::strings;

/// Rows of cells printed with each column as wide as its widest cell, the first left-aligned
/// and the others right-aligned, one space apart (two after the first column).
class text_table {
public:
    void row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }

    void render(std::string& out) const {
        std::vector<std::size_t> widths;
        for (const auto& r : rows_) {
            widths.resize(std::max(widths.size(), r.size()), 0);
            for (std::size_t k = 0; k < r.size(); ++k) {
                widths[k] = std::max(widths[k], detail::display_width(r[k]));
            }
        }
        for (const auto& r : rows_) {
            std::string line;
            for (std::size_t k = 0; k < r.size(); ++k) {
                line += (k == 0 ? "" : k == 1 ? "  " : " ") + detail::pad(r[k], widths[k], k == 0);
            }
            out += line + "\n";
        }
    }

private:
    std::vector<std::vector<std::string>> rows_;
};

std::string day_label(const strings& w, local_date day) {
    return fmt::format("{} {}", w.weekdays[static_cast<std::size_t>(weekday_index(day))],
                       format_date(day));
}

std::string target_label(const service_target& t) {
    return fmt::format("{:.0f}%/{}s", t.service_level * 100.0, t.threshold.count());
}

/// Appends `items` joined by `separator` and a space after `lead`, wrapping at 100 columns.
void append_wrapped(std::string& out, std::string_view lead, const std::vector<std::string>& items,
                    std::string_view separator = ",") {
    std::string line{lead};
    const std::size_t indent = detail::display_width(lead);
    std::size_t width = indent;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string piece =
            items[i] + (i + 1 < items.size() ? std::string{separator} : std::string{});
        const std::size_t w = detail::display_width(piece);
        if (width > indent && width + 1 + w > 100) {
            out += line + "\n";
            line = std::string(indent, ' ');
            width = indent;
        }
        line += (width > indent ? " " : "") + piece;
        width += (width > indent ? 1 : 0) + w;
    }
    out += line + "\n";
}

std::vector<std::string> fit_cells(const std::string& name, const period_summary& p) {
    const auto& f = p.fit;
    return {name,
            fmt::format("{:.1f}", p.outcome.required_hours),
            fmt::format("{:.1f}", p.outcome.scheduled_hours),
            percent(f.fit()),
            percent(f.shortage_ratio()),
            percent(f.redundancy_ratio()),
            percent(f.covered_share())};
}

void fit_table(std::string& out, const strings& w, const plan_summary& s) {
    text_table t;
    t.row({std::string{w.fit_title}, std::string{w.required_h}, std::string{w.scheduled_h},
           std::string{w.fit}, std::string{w.shortage}, std::string{w.redundancy},
           std::string{w.covered}, std::string{w.within_5}, std::string{w.within_10}});
    const auto row = [&](const channel_summary& c, const std::string& name) {
        auto cells = fit_cells(name, c.week);
        cells.push_back(percent(c.week.fit.within_5_share()));
        cells.push_back(percent(c.week.fit.within_10_share()));
        t.row(std::move(cells));
    };
    for (const auto& c : s.channels) {
        row(c, c.name);
    }
    if (s.channels.size() > 1) {
        row(s.all_channels, std::string{w.all});
    }
    t.render(out);
}

void outcome_table(std::string& out, const strings& w, const plan_report& r,
                   const plan_summary& s) {
    text_table t;
    t.row({std::string{w.outcome_title}, std::string{w.offered}, std::string{w.answered},
           std::string{w.sl}, std::string{w.target}, std::string{w.met}, std::string{w.answer_rate},
           std::string{w.abandon}, std::string{w.asa}, std::string{w.occupancy},
           std::string{w.calls_per_agent_day}});
    for (std::size_t i = 0; i < s.channels.size(); ++i) {
        const auto& o = s.channels[i].week.outcome;
        t.row({s.channels[i].name, fmt::format("{:.0f}", o.offered),
               fmt::format("{:.0f}", o.answered), percent(o.service_level()),
               target_label(r.channels[i].target), percent(o.target_met_share(), 0),
               percent(o.answer_rate()), percent(o.abandon()), number(o.asa_s()),
               percent(o.occupancy(), 0), number(o.calls_per_agent_day(r.standard_working_day))});
    }
    t.render(out);
}

/// SL per day of each channel (up to four channels) or else of each pool.
void day_table(std::string& out, const strings& w, const plan_summary& s) {
    std::vector<const channel_summary*> columns;
    if (s.channels.size() <= 4) {
        std::transform(s.channels.begin(), s.channels.end(), std::back_inserter(columns),
                       [](const auto& c) { return &c; });
    } else {
        std::transform(s.pools.begin(), s.pools.end(), std::back_inserter(columns),
                       [](const auto& p) { return static_cast<const channel_summary*>(&p); });
    }
    text_table t;
    std::vector<std::string> head{std::string{w.per_day},     std::string{w.required_h},
                                  std::string{w.scheduled_h}, std::string{w.fit},
                                  std::string{w.shortage},    std::string{w.redundancy},
                                  std::string{w.covered}};
    for (const auto* c : columns) {
        head.push_back(fmt::format("{} {}", w.sl, detail::truncate_to_width(c->name, 6)));
    }
    t.row(std::move(head));
    for (const auto& d : s.all_channels.days) {
        auto cells = fit_cells(day_label(w, d.start), d);
        for (const auto* c : columns) {
            const auto it =
                std::find_if(c->days.begin(), c->days.end(),
                             [&](const period_summary& p) { return p.start == d.start; });
            cells.push_back(it == c->days.end() ? std::string{"-"}
                                                : percent(it->outcome.service_level()));
        }
        t.row(std::move(cells));
    }
    t.render(out);
}

/// Headcount, paid hours, FTE, cost, on-duty and break hours, the standard's utilisation and
/// the model's occupancy per pool and overall.
void staff_table(std::string& out, const strings& w, const plan_report& r, const plan_summary& s) {
    text_table t;
    t.row({std::string{w.staff_title}, std::string{w.agents}, std::string{w.paid_h},
           std::string{w.fte}, std::string{w.cost}, std::string{w.on_duty_h},
           std::string{w.break_h}, std::string{w.utilisation}, std::string{w.occupancy}});
    const auto row = [&](const schedule_summary& x, const std::optional<double>& occupancy) {
        t.row({x.pool == "all" ? std::string{w.all} : x.pool, std::to_string(x.headcount()),
               fmt::format("{:.1f}", x.paid_hours()), number(x.fte(r.contract_hours_per_week)),
               number(x.cost(), 0), fmt::format("{:.1f}", x.on_duty_hours),
               fmt::format("{:.1f}", x.break_hours), percent(x.utilisation()), percent(occupancy)});
    };
    for (const auto& x : r.schedules) {
        const auto p = std::find_if(s.pools.begin(), s.pools.end(),
                                    [&](const pool_summary& q) { return q.name == x.pool; });
        row(x, p == s.pools.end() ? std::nullopt : p->week.outcome.occupancy());
    }
    if (r.schedules.size() > 1) {
        row(s.all_schedules, s.all_channels.week.outcome.occupancy());
    }
    t.render(out);
    out += fmt::format(fmt::runtime(w.staff_note), r.contract_hours_per_week) + "\n";
}

void schedule_table(std::string& out, const strings& w, const plan_report& r) {
    text_table t;
    t.row({std::string{w.schedule_title}, std::string{w.objective}, std::string{w.bound},
           std::string{w.gap}, std::string{w.solver_s}, std::string{w.status}});
    for (const auto& s : r.schedules) {
        t.row({s.pool, number(s.objective), number(s.lower_bound),
               s.gap() ? percent(s.gap(), 2) : std::string{w.no_bound}, number(s.solver_seconds, 2),
               s.status});
    }
    t.render(out);
    for (const auto& s : r.schedules) {
        std::vector<std::string> items;
        for (const auto& u : s.templates) {
            items.push_back(
                fmt::format(fmt::runtime(w.template_f), u.name, u.headcount, u.paid_hours));
        }
        if (!items.empty()) {
            append_wrapped(out, fmt::format("{}{}: ", w.templates, s.pool), items);
        }
    }
}

void backtest_table_text(std::string& out, const strings& w, const plan_report& r) {
    text_table t;
    t.row({std::string{w.backtest_title}, std::string{w.series}, std::string{w.chosen},
           std::string{w.wape}, std::string{w.mase}, std::string{w.bias}, std::string{w.coverage}});
    std::vector<std::pair<std::string, std::vector<std::string>>> others;
    for (const auto& b : r.backtests) {
        const auto chosen = std::find_if(b.rows.begin(), b.rows.end(), [&](const accuracy_row& a) {
            return a.method == b.chosen_method;
        });
        const bool found = chosen != b.rows.end();
        t.row({b.channel, b.series, b.chosen_method, found ? percent(chosen->wape) : "n/a",
               found ? number(chosen->mase, 2) : "n/a", found ? percent(chosen->bias) : "n/a",
               found ? percent(chosen->coverage, 0) : "n/a"});
        auto& list = others.emplace_back(b.channel, std::vector<std::string>{}).second;
        for (const auto& a : b.rows) {
            if (a.method != b.chosen_method) {
                list.push_back(fmt::format("{} {}", a.method, percent(a.wape)));
            }
        }
    }
    t.render(out);
    for (const auto& [channel, list] : others) {
        if (!list.empty()) {
            append_wrapped(out, fmt::format("{}{}: ", w.others, channel), list);
        }
    }
}

} // namespace

std::string render_text(const plan_report& report) {
    const plan_summary s = summarise(report);
    const strings& w = detail::strings_for(report.lang);
    std::string out =
        fmt::format("{} · {} … {} · {}\n", report.title, day_label(w, report.week_start),
                    day_label(w, report.week_start + std::chrono::days{6}),
                    fmt::format(fmt::runtime(w.interval_f), report.grid.minutes()));
    std::vector<std::string> targets;
    for (const auto& c : report.channels) {
        targets.push_back(fmt::format(fmt::runtime(w.target_f), c.name,
                                      c.target.service_level * 100.0, c.target.threshold.count(),
                                      detail::variant_name(w, c.target.sl_variant),
                                      c.shrinkage * 100.0));
    }
    append_wrapped(out, w.targets, targets, ";");
    out += "\n";
    fit_table(out, w, s);
    out += "\n";
    outcome_table(out, w, report, s);
    out += "\n";
    day_table(out, w, s);
    if (!report.schedules.empty()) {
        out += "\n";
        staff_table(out, w, report, s);
        out += "\n";
        schedule_table(out, w, report);
    }
    if (!report.backtests.empty()) {
        out += "\n";
        backtest_table_text(out, w, report);
    }
    detail::simulation_text(out, report);
    if (!report.notes.empty()) {
        out += "\n";
    }
    for (const auto& note : report.notes) {
        out += note + "\n";
    }
    return out;
}

} // namespace wfm::report
