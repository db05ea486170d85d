#pragma once
// Fuzz target `json_scenarios`: the strict JSON reader and the `wfm whatif` scenario-file
// decoder, against a small plan (queues voice and text in pools of their own, the week of
// Monday 2026-11-02 on 15 minutes, schedule lines 1–3 of voice).

#include <wfm/io/json.hpp>
#include <wfm/plan/whatif.hpp>

#include <nlohmann/json.hpp>

#include <string_view>
#include <vector>

namespace wfm::fuzz {

inline const plan::plan_model& scenario_plan() {
    static const plan::plan_model m = [] {
        plan::plan_model p;
        p.start = parse_timestamp("2026-11-02T00:00");
        p.model.interval_s = 900;
        p.model.intervals = 7 * 96;
        p.queues = {"voice", "text"};
        p.pools = {"voice", "text"};
        return p;
    }();
    return m;
}

inline void json_scenarios(std::string_view text) {
    static const std::vector<plan::schedule_line> lines = [] {
        std::vector<plan::schedule_line> l(3);
        for (int i = 0; i < 3; ++i) {
            l[static_cast<std::size_t>(i)].pool = "voice";
            l[static_cast<std::size_t>(i)].line = i + 1;
        }
        return l;
    }();
    try {
        (void)plan::decode_scenarios(io::parse_json(text, "fuzz.json"), scenario_plan(), lines);
    } catch (const wfm::error&) {
    }
}

} // namespace wfm::fuzz
