#pragma once
/// The metrics of one queue at a given staffing: evaluate() and the metrics by name.

#include <wfm/erlang/detail/evaluate.hpp>
#include <wfm/erlang/types.hpp>

#include <cmath>
#include <string_view>
#include <utility>
#include <vector>

namespace wfm::erlang {

/// All metrics with `agents` agents (real-valued allowed: the continuous extensions of B and of
/// Palm's factor; with finite `lines` metrics are interpolated linearly between whole agents).
/// `sl_time` is the SL threshold t. Throws wfm::invalid_argument on invalid input.
[[nodiscard]] inline metrics evaluate(const queue& q, double agents, seconds_d sl_time) {
    return detail::evaluate(q, agents, sl_time, true);
}

/// The metrics that apply to `q`'s model, named as in vectors.csv, in a fixed order —
/// b: blocking, occupancy; c: p_wait, sl, asa_s, avg_queue_len, occupancy, erlang_b;
/// a: p_wait, p_abandon, …, occupancy (13 names), with p_block first when lines are finite.
[[nodiscard]] inline std::vector<std::pair<std::string_view, double>>
named_metrics(const queue& q, const metrics& m) {
    if (q.kind == model::erlang_b) {
        return {{"blocking", m.p_block}, {"occupancy", m.occupancy}};
    }
    if (q.kind == model::erlang_c || (q.patience && std::isinf(q.patience->count()))) {
        return {{"p_wait", m.p_wait},       {"sl", m.sl_answered_within_t_over_offered},
                {"asa_s", m.asa_served_s},  {"avg_queue_len", m.avg_queue_len},
                {"occupancy", m.occupancy}, {"erlang_b", m.erlang_b}};
    }
    std::vector<std::pair<std::string_view, double>> out;
    if (q.lines) {
        out.emplace_back("p_block", m.p_block);
    }
    out.insert(out.end(),
               {{"p_wait", m.p_wait},
                {"p_abandon", m.p_abandon},
                {"p_virtual_wait_gt_t", m.p_virtual_wait_gt_t},
                {"p_wait_gt_t", m.p_wait_gt_t},
                {"p_served_and_wait_gt_t", m.p_served_and_wait_gt_t},
                {"sl_answered_within_t_over_offered", m.sl_answered_within_t_over_offered},
                {"sl_answered_within_t_over_answered", m.sl_answered_within_t_over_answered},
                {"sl_virtual", m.sl_virtual},
                {"asa_all_s", m.asa_all_s},
                {"asa_served_s", m.asa_served_s},
                {"mean_virtual_wait_s", m.mean_virtual_wait_s},
                {"avg_queue_len", m.avg_queue_len},
                {"occupancy", m.occupancy}});
    return out;
}

} // namespace wfm::erlang
