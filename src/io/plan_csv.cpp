#include <wfm/io/plan_csv.hpp>
#include <wfm/io/requirements_csv.hpp>
#include <wfm/io/schedule_csv.hpp>

#include <fmt/format.h>

namespace wfm::io {

std::string format_plan_forecast_csv(const plan::plan_result& plan) {
    std::string out = "interval_start,channel,volume,lower,upper,aht_s\n";
    for (const auto& row : plan.staffing) {
        out += fmt::format("{},{},{:.4f},{:.4f},{:.4f},{:.2f}\n", format_timestamp(row.start),
                           plan.channels.at(row.channel).name, row.volume, row.lower, row.upper,
                           row.aht_s);
    }
    return out;
}

std::string format_plan_requirements_csv(const plan::plan_result& plan) {
    std::string out{requirements_csv_header()};
    for (const auto& row : plan.staffing) {
        out += requirements_csv_row(row.start, plan.channels.at(row.channel), row.requirement);
    }
    return out;
}

std::string format_plan_schedule_csv(const plan::plan_result& plan) {
    std::string out;
    for (std::size_t p = 0; p < plan.pools.size(); ++p) {
        const auto& pool = plan.pools[p];
        out += format_schedule_csv(pool.problem, pool.solution, pool.name, p == 0);
    }
    return out;
}

std::string format_plan_coverage_csv(const plan::plan_result& plan) {
    std::string out;
    for (std::size_t p = 0; p < plan.pools.size(); ++p) {
        const auto& pool = plan.pools[p];
        out += format_coverage_csv(pool.problem, pool.solution, plan.report.week_start, pool.name,
                                   p == 0);
    }
    return out;
}

} // namespace wfm::io
