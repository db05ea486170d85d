// plan.json's `"simulate"`: the plan's schedule as simulation lines, and the report's summary
// of the simulation (docs/methods.md, "Simulating a plan").
#include <wfm/plan/plan.hpp>

#include <algorithm>

namespace wfm::plan {
namespace {

report::simulated_figure figure_of(const sim_metric& m) {
    report::simulated_figure f;
    if (m.sim.defined) {
        f.mean = m.sim.mean;
        f.ci = m.sim.half_width;
    }
    f.erlang = m.erlang;
    f.flagged = m.flagged;
    return f;
}

report::simulated_period period_of(const sim_row& r) {
    return {day_of(r.start), r.offered.mean, figure_of(r.service_level), figure_of(r.answer_rate),
            figure_of(r.abandon)};
}

} // namespace

std::vector<schedule_line> schedule_lines_of(const plan_result& plan) {
    std::vector<schedule_line> out;
    for (const auto& pool : plan.pools) {
        const auto& p = pool.problem;
        for (std::size_t i = 0; i < pool.solution.tours.size(); ++i) {
            const auto& t = pool.solution.tours[i];
            const auto& st = p.templates[static_cast<std::size_t>(t.template_index)];
            schedule_line l;
            l.pool = pool.name;
            l.line = static_cast<int>(i) + 1;
            l.template_name = st.name;
            for (std::size_t w = 0; w < 7; ++w) {
                const std::size_t d =
                    p.days == 7 ? (w + 7 - static_cast<std::size_t>(p.first_weekday)) % 7 : w;
                const int start = d < t.starts.size() ? t.starts[d] : -1;
                if (start < 0) {
                    continue;
                }
                line_day day;
                day.start_minute = start * p.interval_minutes;
                for (std::size_t b = 0; b < t.break_offsets[d].size(); ++b) {
                    day.breaks.emplace_back(st.breaks[b].name,
                                            ((start + t.break_offsets[d][b]) * p.interval_minutes) %
                                                1440);
                }
                l.days[w] = std::move(day);
            }
            out.push_back(std::move(l));
        }
    }
    return out;
}

report::simulation_check simulation_check_of(const plan_simulation& s) {
    report::simulation_check c;
    c.replications = s.replications;
    c.seed = s.seed;
    for (const auto& q : s.queues) {
        report::simulated_queue sq;
        sq.name = q.name;
        sq.flagged_intervals = flagged_intervals(q);
        sq.open_intervals = static_cast<int>(std::count_if(
            q.intervals.begin(), q.intervals.end(), [](const sim_row& r) { return r.open; }));
        for (const auto& d : q.days) {
            sq.days.push_back(period_of(d));
        }
        sq.week = period_of(q.week);
        c.queues.push_back(std::move(sq));
    }
    return c;
}

} // namespace wfm::plan
