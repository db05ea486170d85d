// The intraday re-plan's actions (intraday_state.hpp): pool moves, break moves, overtime and
// voluntary time off, each applied to the working state with the pool's rest-of-day SL before
// and after it.
#include "intraday_state.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace wfm::plan::intraday_detail {
namespace {

constexpr double eps = 1e-9;
/// Least gain of a line's break moves, in contacts answered within the SL time: below it the
/// move is not worth asking an agent for.
constexpr double min_break_gain = 0.25;

std::size_t at_index(int v) {
    return static_cast<std::size_t>(v);
}

int step_of(const day_state& s) {
    return static_cast<int>(s.input().step.count());
}

// The coverage given up by taking one agent off over [o, o + len): SL-weighted contacts lost
// first, then shortage added.
struct loss {
    double sl = 0.0;
    double shortage = 0.0;
};

bool better(const loss& a, const loss& b) {
    return a.sl < b.sl - eps || (a.sl <= b.sl + eps && a.shortage < b.shortage - eps);
}

loss loss_of(day_state& s, pool_state& p, int o, int len) {
    loss l;
    for (int t = o; t < o + len; ++t) {
        const int c = p.coverage[at_index(t)];
        l.sl += s.at(p, t, c).sl_weighted - s.at(p, t, c - 1).sl_weighted;
        l.shortage += s.shortage(p, t, c - 1) - s.shortage(p, t, c);
    }
    return l;
}

double total_offered(const pool_state& p) {
    double sum = 0.0;
    for (const double v : p.offered) {
        sum += v;
    }
    return sum;
}

// True when some interval from now is short of the requirement or misses a target.
bool needs_fix(day_state& s, pool_state& p) {
    for (int t = s.now(); t < s.periods(); ++t) {
        const int c = p.coverage[at_index(t)];
        if (s.shortage(p, t, c) > eps || !s.at(p, t, c).meets) {
            return true;
        }
    }
    return false;
}

void add_span(pool_state& p, int from, int to, int sign) {
    for (int t = from; t < to; ++t) {
        p.coverage[at_index(t)] += sign;
    }
}

// Moves break b of line l to its best start in its window (not before now, in the template's
// order between its neighbours); returns true when it moved.
bool place_break(day_state& s, pool_state& p, intraday_line& l, std::size_t b) {
    auto& br = l.breaks[b];
    const int prev_end = b > 0 ? l.breaks[b - 1].start + l.breaks[b - 1].length : l.start;
    const int next_start = b + 1 < l.breaks.size() ? l.breaks[b + 1].start : l.end;
    const int lo = std::max({br.earliest, s.now(), prev_end});
    const int hi = std::min(br.latest, next_start - br.length);
    if (br.start < s.now() || lo > hi) {
        return false;
    }
    add_span(p, br.start, br.start + br.length, +1);
    int best = br.start;
    loss best_loss = loss_of(s, p, br.start, br.length);
    for (int o = lo; o <= hi; ++o) {
        const loss l2 = loss_of(s, p, o, br.length);
        if (better(l2, best_loss)) {
            best = o;
            best_loss = l2;
        }
    }
    add_span(p, best, best + br.length, -1);
    const bool moved = best != br.start;
    br.start = best;
    return moved;
}

bool on_break(const intraday_line& l, int t) {
    return std::any_of(l.breaks.begin(), l.breaks.end(), [t](const intraday_break& b) {
        return t >= b.start && t < b.start + b.length;
    });
}

} // namespace

void move_pool_agents(day_state& s, pool_state& p, std::vector<intraday_action>& out) {
    if (!s.input().rules.pool_moves || p.queues.size() < 2) {
        return;
    }
    auto share = p.share;
    std::vector<double> hours(p.queues.size(), 0.0);
    double moved = 0.0;
    int first = -1;
    int last = -1;
    for (int t = s.now(); t < s.periods(); ++t) {
        const auto i = at_index(t);
        double total = 0.0;
        for (const std::size_t q : p.queues) {
            total += s.required(q, t);
        }
        for (std::size_t k = 0; total > 0.0 && k < p.queues.size(); ++k) {
            share[k][i] = s.required(p.queues[k], t) / total;
            const double d = p.coverage[i] * (share[k][i] - p.share[k][i]);
            hours[k] += d * step_of(s) / 60.0;
            moved += std::max(0.0, d) * step_of(s);
            if (std::abs(d) >= 0.05) {
                first = first < 0 ? t : first;
                last = t;
            }
        }
    }
    if (first < 0) {
        return;
    }
    const double before = s.pool_sl(p);
    auto old = p.share;
    s.set_share(p, std::move(share));
    const double after = s.pool_sl(p);
    if (after <= before + eps) {
        s.set_share(p, std::move(old));
        return;
    }
    std::string detail = "split the pool's agents by the new requirement:";
    for (std::size_t k = 0; k < p.queues.size(); ++k) {
        detail += fmt::format(" {} {:+.1f} agent-h", s.input().queues[p.queues[k]].settings.name,
                              hours[k]);
    }
    out.push_back({action_kind::pool_move,
                   p.name,
                   {},
                   first,
                   last + 1,
                   moved,
                   std::nullopt,
                   detail,
                   before,
                   after});
}

void move_breaks(day_state& s, pool_state& p, std::vector<intraday_action>& out) {
    if (!s.input().rules.break_moves || !needs_fix(s, p)) {
        return;
    }
    const int step = step_of(s);
    for (const std::size_t i : p.lines) {
        auto& l = s.lines()[i];
        const double before = s.pool_sl(p);
        const auto was = l.breaks;
        intraday_action a{action_kind::break_move,
                          p.name,
                          {l.line},
                          s.periods(),
                          0,
                          0.0,
                          std::nullopt,
                          "",
                          before,
                          before};
        for (std::size_t b = 0; b < l.breaks.size(); ++b) {
            if (!place_break(s, p, l, b)) {
                continue;
            }
            const auto& br = l.breaks[b];
            const int from = was[b].start;
            a.first = std::min({a.first, from, br.start});
            a.last = std::max({a.last, from + br.length, br.start + br.length});
            a.agent_minutes += br.length * step;
            a.detail += fmt::format("{}{} {} → {}", a.detail.empty() ? "" : "; ", br.name,
                                    clock_of(from, step), clock_of(br.start, step));
        }
        if (a.detail.empty()) {
            continue;
        }
        a.sl_after = s.pool_sl(p);
        if ((a.sl_after - a.sl_before) * total_offered(p) < min_break_gain) {
            s.add_line(p, l, -1); // too small a gain to ask an agent to move: undo
            l.breaks = was;
            s.add_line(p, l, +1);
            continue;
        }
        out.push_back(std::move(a));
    }
}

namespace {

// The best one-interval extension of a line (before its start or after its end) into a short
// interval; returns false when none gains.
struct extension {
    std::size_t j = 0; ///< index into p.lines
    bool after = true;
    int t = 0;
    double gain = 0.0;
};

bool best_extension(day_state& s, pool_state& p, const std::vector<int>& ext_before,
                    const std::vector<int>& ext_after, int max_ot, extension& best) {
    best.gain = eps;
    bool found = false;
    const auto consider = [&](std::size_t j, bool after, int t) {
        const int c = p.coverage[at_index(t)];
        if (t < s.now() || t >= s.periods() || s.shortage(p, t, c) <= eps) {
            return;
        }
        const double g = s.at(p, t, c + 1).sl_weighted - s.at(p, t, c).sl_weighted +
                         1e-6 * std::min(1.0, s.shortage(p, t, c));
        if (g > best.gain) {
            best = {j, after, t, g};
            found = true;
        }
    };
    for (std::size_t j = 0; j < p.lines.size(); ++j) {
        const auto& l = s.lines()[p.lines[j]];
        if (ext_before[j] + ext_after[j] >= max_ot || l.end <= s.now()) {
            continue;
        }
        consider(j, true, l.end + ext_after[j]);
        consider(j, false, l.start - ext_before[j] - 1);
    }
    return found;
}

void emit_overtime(day_state& s, pool_state& p, std::size_t j, int from, int to, bool after,
                   std::vector<intraday_action>& out) {
    auto& l = s.lines()[p.lines[j]];
    const int step = step_of(s);
    const double before = s.pool_sl(p);
    add_span(p, from, to, +1);
    (after ? l.end : l.start) = after ? to : from;
    const double minutes = static_cast<double>((to - from) * step);
    std::optional<double> cost;
    if (l.hourly_rate) {
        cost = minutes / 60.0 * *l.hourly_rate * s.input().rules.overtime_premium;
    }
    out.push_back(
        {action_kind::overtime,
         p.name,
         {l.line},
         from,
         to,
         minutes,
         cost,
         fmt::format("{} {} min {} ({}–{})", after ? "stay" : "start", minutes,
                     after ? "later" : "earlier", clock_of(from, step), clock_of(to, step)),
         before,
         s.pool_sl(p)});
}

} // namespace

void add_overtime(day_state& s, pool_state& p, std::vector<intraday_action>& out) {
    const int max_ot = s.input().rules.max_overtime_minutes / step_of(s);
    if (max_ot <= 0) {
        return;
    }
    std::vector<int> ext_before(p.lines.size(), 0);
    std::vector<int> ext_after(p.lines.size(), 0);
    extension e;
    while (best_extension(s, p, ext_before, ext_after, max_ot, e)) {
        p.coverage[at_index(e.t)] += 1;
        ++(e.after ? ext_after : ext_before)[e.j];
    }
    for (std::size_t j = 0; j < p.lines.size(); ++j) {
        const auto& l = s.lines()[p.lines[j]];
        add_span(p, l.end, l.end + ext_after[j], -1);
        add_span(p, l.start - ext_before[j], l.start, -1);
    }
    for (std::size_t j = 0; j < p.lines.size(); ++j) {
        const auto& l = s.lines()[p.lines[j]];
        if (ext_before[j] > 0) {
            emit_overtime(s, p, j, l.start - ext_before[j], l.start, false, out);
        }
        if (ext_after[j] > 0) {
            emit_overtime(s, p, j, l.end, l.end + ext_after[j], true, out);
        }
    }
}

namespace {

// Whether one agent fewer at t keeps the pool at its requirement plus the published surplus,
// and every queue at its target.
bool can_release(day_state& s, pool_state& p, int t) {
    const auto i = at_index(t);
    const int c = p.coverage[i] - 1;
    return c >= 0 && c + eps >= p.required[i] + p.surplus[i] && s.at(p, t, c).meets;
}

// Gives line l time off from t to its end.
void release(day_state& s, pool_state& p, intraday_line& l, int t,
             std::vector<intraday_action>& out) {
    const int step = step_of(s);
    const double before = s.pool_sl(p);
    int working = 0;
    for (int u = t; u < l.end; ++u) {
        if (!on_break(l, u)) {
            p.coverage[at_index(u)] -= 1;
            ++working;
        }
    }
    const std::string detail =
        t == l.start
            ? fmt::format("the whole shift off ({}–{})", clock_of(l.start, step),
                          clock_of(l.end, step))
            : fmt::format("leave at {} instead of {}", clock_of(t, step), clock_of(l.end, step));
    out.push_back({action_kind::vto,
                   p.name,
                   {l.line},
                   t,
                   l.end,
                   static_cast<double>(working * step),
                   std::nullopt,
                   detail,
                   before,
                   s.pool_sl(p)});
    l.end = t;
    std::erase_if(l.breaks, [t](const intraday_break& b) { return b.start + b.length > t; });
}

} // namespace

void offer_vto(day_state& s, pool_state& p, std::vector<intraday_action>& out) {
    if (!s.input().rules.vto) {
        return;
    }
    const int min_len =
        std::max(1, (s.input().rules.min_vto_minutes + step_of(s) - 1) / step_of(s));
    std::vector<std::size_t> order = p.lines;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return s.lines()[a].end > s.lines()[b].end;
    });
    for (const std::size_t i : order) {
        auto& l = s.lines()[i];
        const auto& published = s.input().lines[i];
        if (l.start != published.start || l.end != published.end || l.end <= s.now()) {
            continue; // overtime already changed it, or it is over
        }
        int t = l.end;
        while (t > std::max(s.now(), l.start) && (on_break(l, t - 1) || can_release(s, p, t - 1))) {
            --t;
        }
        if (l.end - t >= min_len) {
            release(s, p, l, t, out);
        }
    }
}

} // namespace wfm::plan::intraday_detail
