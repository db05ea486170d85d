#include <wfm/io/schedule_summary.hpp>

#include <nlohmann/json.hpp>

namespace wfm::io {
namespace {

nlohmann::json optional_json(const std::optional<double>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

} // namespace

std::string format_schedule_summary_json(const schedule::problem& p, const schedule::solution& s,
                                         std::uint64_t seed, local_date monday) {
    const auto& m = s.metrics;
    nlohmann::json j;
    j["status"] = s.status == schedule::solve_status::feasible ? "feasible" : "infeasible";
    j["message"] = s.message;
    j["week_start"] = format_date(monday);
    j["mode"] = p.mode == schedule::objective_mode::pure_fit        ? "pure_fit"
                : p.mode == schedule::objective_mode::full_coverage ? "full_coverage"
                                                                    : "weighted";
    j["objective"] = s.objective;
    j["cost"] = m.labour_cost;
    j["labour_cost_weighted"] = p.weights.labour * m.labour_cost;
    j["shortage"] = m.shortage;
    j["redundancy"] = m.redundancy;
    j["required_total"] = m.required_total;
    j["fit"] = m.fit;
    j["shortage_ratio"] = m.shortage_ratio;
    j["redundancy_ratio"] = m.redundancy_ratio;
    j["within_5_percent"] = m.within_5;
    j["within_10_percent"] = m.within_10;
    j["covered_share"] = m.covered_share;
    j["headcount"] = m.headcount;
    nlohmann::json by_template = nlohmann::json::object();
    for (std::size_t k = 0; k < p.templates.size(); ++k) {
        by_template[p.templates[k].name] = m.tours_by_template[k];
    }
    j["headcount_by_template"] = by_template;
    j["lower_bound"] = optional_json(s.lower_bound);
    j["gap"] = optional_json(s.gap);
    j["bound_note"] = s.bound_note;
    j["seed"] = seed;
    j["iterations"] = s.iterations;
    j["seconds"] = s.seconds;
    nlohmann::json trace = nlohmann::json::array();
    for (const auto& point : s.trace) {
        trace.push_back({point.seconds, point.objective});
    }
    j["trace"] = trace;
    return j.dump(2) + "\n";
}

} // namespace wfm::io
