// plan.json's `"intraday"` block: the rules of the intraday re-plan (docs/formats.md,
// "intraday rules").
#include <wfm/plan/config.hpp>

#include "../core/json_decode.hpp"

namespace wfm::plan {

intraday_rules decode_intraday_rules(const nlohmann::json& block, const std::string& path) {
    const decode::node n{block, path};
    n.keys({"max_overtime_minutes", "overtime_premium", "vto", "min_vto_minutes", "break_moves",
            "pool_moves"});
    intraday_rules r;
    r.max_overtime_minutes =
        static_cast<int>(n.integer_or("max_overtime_minutes", 0, 240, r.max_overtime_minutes));
    r.overtime_premium = n.number_or("overtime_premium", 1.0, 5.0, r.overtime_premium);
    r.vto = n.boolean_or("vto", r.vto);
    r.min_vto_minutes =
        static_cast<int>(n.integer_or("min_vto_minutes", 0, 1440, r.min_vto_minutes));
    r.break_moves = n.boolean_or("break_moves", r.break_moves);
    r.pool_moves = n.boolean_or("pool_moves", r.pool_moves);
    return r;
}

} // namespace wfm::plan
