// Intraday re-plan (intraday.hpp): the working state, the predictions before and after, and the
// published lines of a schedule's day. The actions are in intraday_actions.cpp.
#include "intraday_state.hpp"

#include <wfm/core/error.hpp>
#include <wfm/plan/plan.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <optional>

namespace wfm::plan {
namespace intraday_detail {
namespace {

std::size_t to_size(int v) {
    return static_cast<std::size_t>(v);
}

void check_sizes(const intraday_input& in, int periods) {
    if (in.step.count() <= 0 || 1440 % in.step.count() != 0) {
        throw invalid_argument(
            fmt::format("replan_day: step must divide a day, got {} minutes", in.step.count()));
    }
    if (in.now < 0 || in.now >= periods) {
        throw invalid_argument(fmt::format("replan_day: now must be an interval in 0..{}, got {}",
                                           periods - 1, in.now));
    }
    for (const auto& q : in.queues) {
        if (q.volume.size() != to_size(periods) || q.aht_s.size() != to_size(periods) ||
            q.open.size() != to_size(periods) ||
            (!q.planned_required.empty() && q.planned_required.size() != to_size(periods))) {
            throw invalid_argument(fmt::format("replan_day: queue '{}': volume, aht_s, open and "
                                               "planned_required need {} intervals",
                                               q.settings.name, periods));
        }
    }
}

void check_line(const intraday_line& l, int periods) {
    const auto bad = [&](const std::string& what) {
        throw invalid_argument(
            fmt::format("replan_day: pool '{}' line {}: {}", l.pool, l.line, what));
    };
    if (l.start < 0 || l.end <= l.start || l.end > periods) {
        bad(fmt::format("on duty [{}, {}) is not inside the day's {} intervals", l.start, l.end,
                        periods));
    }
    for (const auto& b : l.breaks) {
        if (b.length < 1 || b.start < l.start || b.start + b.length > l.end ||
            b.earliest > b.latest) {
            bad(fmt::format("break '{}' at {} (length {}, window {}..{}) is not inside the shift",
                            b.name, b.start, b.length, b.earliest, b.latest));
        }
    }
}

// Whether a predicted interval meets every target its queue has: SL, ASA, abandonment and
// answer rate (a target without a prediction is not checked).
bool meets_goals(const erlang::targets& g, const report::interval_outcome& o) {
    constexpr double tol = 1e-9;
    const auto at_least = [](const std::optional<double>& v, const std::optional<double>& goal) {
        return !goal || !v || *v + tol >= *goal;
    };
    const auto at_most = [](const std::optional<double>& v, const std::optional<double>& goal) {
        return !goal || !v || *v <= *goal + tol;
    };
    const std::optional<double> max_asa =
        g.max_asa ? std::optional<double>{g.max_asa->count()} : std::nullopt;
    return at_least(o.service_level, g.service_level) &&
           at_least(o.answer_rate, g.min_answer_rate) && at_most(o.asa_s, max_asa) &&
           at_most(o.abandon, g.max_abandon);
}

} // namespace

std::string clock_of(int t, int step_minutes) {
    const int m = t * step_minutes;
    return fmt::format("{:02}:{:02}", m / 60, m % 60);
}

day_state::day_state(const intraday_input& in)
    : in_(in), periods_(static_cast<int>(1440 / std::max<long>(in.step.count(), 1))),
      lines_(in.lines) {
    check_sizes(in, periods_);
    const erlang::seconds_d interval{static_cast<double>(in.step.count()) * 60.0};
    for (const auto& q : in.queues) {
        std::vector<double> r(to_size(periods_), 0.0);
        for (int t = in.now; t < periods_; ++t) {
            if (q.open[to_size(t)]) {
                r[to_size(t)] = erlang::staff_interval(q.settings, q.volume[to_size(t)], interval,
                                                       erlang::seconds_d{q.aht_s[to_size(t)]})
                                    .scheduled_agents;
            }
        }
        required_.push_back(std::move(r));
    }
    for (const auto& l : lines_) {
        check_line(l, periods_);
    }
    build_pools();
}

void day_state::build_pools() {
    for (std::size_t q = 0; q < in_.queues.size(); ++q) {
        const auto& name = in_.queues[q].pool;
        auto it = std::find_if(pools_.begin(), pools_.end(),
                               [&](const pool_state& p) { return p.name == name; });
        if (it == pools_.end()) {
            pool_state p;
            p.name = name;
            p.coverage.assign(to_size(periods_), 0);
            p.required.assign(to_size(periods_), 0.0);
            p.offered.assign(to_size(periods_), 0.0);
            pools_.push_back(std::move(p));
            it = pools_.end() - 1;
        }
        it->queues.push_back(q);
        for (int t = in_.now; t < periods_; ++t) {
            it->required[to_size(t)] += required_[q][to_size(t)];
            const auto o = outcome(q, t, 1.0);
            it->offered[to_size(t)] += o.service_level ? o.volume : 0.0;
        }
    }
    for (std::size_t i = 0; i < lines_.size(); ++i) {
        auto it = std::find_if(pools_.begin(), pools_.end(),
                               [&](const pool_state& p) { return p.name == lines_[i].pool; });
        if (it == pools_.end()) {
            throw invalid_argument(fmt::format("replan_day: line {} is in pool '{}', which has "
                                               "no queue",
                                               lines_[i].line, lines_[i].pool));
        }
        it->lines.push_back(i);
        add_line(*it, lines_[i], +1);
    }
    for (auto& p : pools_) {
        split_published(p);
    }
}

// The published surplus and split of a pool (its lines already added).
void day_state::split_published(pool_state& p) {
    p.surplus.assign(to_size(periods_), 0.0);
    for (std::size_t t = 0; t < to_size(periods_); ++t) {
        double planned = 0.0;
        for (const std::size_t q : p.queues) {
            const auto& r = in_.queues[q].planned_required;
            planned += r.empty() ? required_[q][t] : r[t];
        }
        p.surplus[t] = std::max(0.0, p.coverage[t] - planned);
    }
    std::vector<std::vector<double>> share;
    for (const std::size_t q : p.queues) {
        const auto& planned = in_.queues[q].planned_required;
        const auto& weights = planned.empty() ? required_[q] : planned;
        share.push_back(weights);
    }
    for (std::size_t t = 0; t < to_size(periods_); ++t) {
        double total = 0.0;
        for (const auto& w : share) {
            total += w[t];
        }
        for (auto& w : share) {
            w[t] = total > 0.0 ? w[t] / total : 1.0 / static_cast<double>(share.size());
        }
    }
    set_share(p, std::move(share));
}

report::interval_outcome day_state::outcome(std::size_t q, int t, double scheduled) const {
    const auto& queue = in_.queues[q];
    const auto i = to_size(t);
    report::interval_outcome o;
    o.start = timestamp{in_.day} + in_.step * t;
    o.open = queue.open[i];
    o.volume = queue.volume[i] * (1.0 - queue.settings.self_service_rate);
    o.aht_s = queue.aht_s[i];
    o.required = required_[q][i];
    o.scheduled = scheduled;
    if (o.open) {
        predict_interval(o, queue.settings, scheduled * (1.0 - queue.settings.shrinkage), in_.step);
    }
    return o;
}

const cell& day_state::at(pool_state& p, int t, int c) {
    auto& row = p.memo[to_size(t)];
    if (to_size(c) >= row.size()) {
        row.resize(to_size(c) + 1);
    }
    cell& x = row[to_size(c)];
    if (x.known) {
        return x;
    }
    x.known = true;
    for (std::size_t k = 0; k < p.queues.size(); ++k) {
        const auto o = outcome(p.queues[k], t, c * p.share[k][to_size(t)]);
        if (o.service_level) {
            x.sl_weighted += o.volume * *o.service_level;
            x.meets = x.meets && meets_goals(in_.queues[p.queues[k]].settings.goals, o);
        }
    }
    return x;
}

double day_state::shortage(const pool_state& p, int t, int c) const {
    return std::max(0.0, p.required[to_size(t)] - c);
}

double day_state::pool_sl(pool_state& p) {
    double num = 0.0;
    double den = 0.0;
    for (int t = in_.now; t < periods_; ++t) {
        num += at(p, t, p.coverage[to_size(t)]).sl_weighted;
        den += p.offered[to_size(t)];
    }
    return den > 0.0 ? num / den : 1.0;
}

void day_state::add_line(pool_state& p, const intraday_line& l, int sign) {
    for (int t = l.start; t < l.end; ++t) {
        p.coverage[to_size(t)] += sign;
    }
    for (const auto& b : l.breaks) {
        for (int t = b.start; t < b.start + b.length; ++t) {
            p.coverage[to_size(t)] -= sign;
        }
    }
}

void day_state::set_share(pool_state& p, std::vector<std::vector<double>> share) {
    p.share = std::move(share);
    p.memo.assign(to_size(periods_), {});
}

} // namespace intraday_detail

namespace {

using intraday_detail::day_state;
using intraday_detail::pool_state;

// Each queue's outcome per interval from `now` with the state's current coverage and split.
void snapshot(day_state& s, std::vector<intraday_queue_result>& out, bool after) {
    for (auto& p : s.pools()) {
        for (std::size_t k = 0; k < p.queues.size(); ++k) {
            auto& r = out[p.queues[k]];
            auto& rows = after ? r.after : r.before;
            auto& totals = after ? r.totals_after : r.totals_before;
            for (int t = s.now(); t < s.periods(); ++t) {
                const auto i = static_cast<std::size_t>(t);
                rows.push_back(s.outcome(p.queues[k], t, p.coverage[i] * p.share[k][i]));
                if (rows.back().open) {
                    totals.add(rows.back(), s.input().step, r.target);
                }
            }
        }
    }
}

} // namespace

const char* action_name(action_kind k) noexcept {
    switch (k) {
    case action_kind::pool_move:
        return "pool_move";
    case action_kind::break_move:
        return "break_move";
    case action_kind::overtime:
        return "overtime";
    case action_kind::vto:
        return "vto";
    }
    return "?";
}

intraday_result replan_day(const intraday_input& input) {
    day_state s{input};
    intraday_result res;
    double weight = 0.0;
    for (const auto& q : input.queues) {
        intraday_queue_result r;
        r.name = q.settings.name;
        r.pool = q.pool;
        r.target = q.settings.goals.service_level.value_or(0.0);
        res.queues.push_back(std::move(r));
    }
    snapshot(s, res.queues, false);
    for (auto& p : s.pools()) {
        intraday_detail::move_pool_agents(s, p, res.actions);
        intraday_detail::move_breaks(s, p, res.actions);
        intraday_detail::add_overtime(s, p, res.actions);
        intraday_detail::offer_vto(s, p, res.actions);
    }
    snapshot(s, res.queues, true);
    for (const auto& r : res.queues) {
        res.totals_before += r.totals_before;
        res.totals_after += r.totals_after;
        if (r.target > 0.0) {
            res.target += r.target * r.totals_before.predicted_offered;
            weight += r.totals_before.predicted_offered;
        }
    }
    res.target = weight > 0.0 ? res.target / weight : 0.0;
    res.lines_after = s.lines();
    return res;
}

namespace {

std::optional<double> hourly_rate_of(const schedule::schedule_config& config,
                                     const std::string& name) {
    std::optional<double> rate;
    for (const auto& spec : config.templates) {
        if (spec.name == name) {
            rate = spec.hourly_rate;
        }
    }
    return rate;
}

// The part of tour `i`'s shift of day `from` that falls on the day starting `offset` intervals
// after `from`'s 00:00 (0: the shift's own day; periods per day: the next day, past midnight),
// or nothing when no part of it does. Breaks are kept when wholly on that day.
std::optional<intraday_line> line_part(const schedule::problem& p, const schedule::tour& x,
                                       std::size_t i, int from, int offset,
                                       const schedule::schedule_config& config,
                                       const std::string& pool) {
    const int start = x.starts.at(static_cast<std::size_t>(from));
    if (start < 0) {
        return std::nullopt;
    }
    const auto& tpl = p.templates.at(static_cast<std::size_t>(x.template_index));
    const int first = std::max(start, offset);
    const int last = std::min(start + tpl.length, offset + p.periods_per_day);
    if (first >= last) {
        return std::nullopt;
    }
    intraday_line l{pool, static_cast<int>(i) + 1,         tpl.name, first - offset, last - offset,
                    {},   hourly_rate_of(config, tpl.name)};
    const auto& offsets = x.break_offsets.at(static_cast<std::size_t>(from));
    for (std::size_t b = 0; b < tpl.breaks.size() && b < offsets.size(); ++b) {
        const auto& rule = tpl.breaks[b];
        const int at = start + offsets[b];
        if (at < first || at + rule.length > last) {
            continue; // on the other side of midnight
        }
        l.breaks.push_back(
            {rule.name, at - offset, rule.length, std::max(0, start + rule.earliest - offset),
             std::min(p.periods_per_day - rule.length, start + rule.latest - offset)});
    }
    return l;
}

} // namespace

std::vector<intraday_line> published_lines(const schedule::problem& p,
                                           const std::vector<schedule::tour>& tours,
                                           const schedule::schedule_config& config, int day,
                                           const std::string& pool) {
    // The day before `day`, whose night shifts may run past midnight into it: in a cyclic week
    // Monday's is Sunday; otherwise the first day has none (its week's schedule is not known).
    const int previous = day > 0 ? day - 1 : p.cyclic ? p.days - 1 : -1;
    std::vector<intraday_line> out;
    for (std::size_t i = 0; i < tours.size(); ++i) {
        if (previous >= 0) {
            if (auto tail = line_part(p, tours[i], i, previous, p.periods_per_day, config, pool)) {
                out.push_back(std::move(*tail));
            }
        }
        if (auto own = line_part(p, tours[i], i, day, 0, config, pool)) {
            out.push_back(std::move(*own));
        }
    }
    return out;
}

} // namespace wfm::plan
