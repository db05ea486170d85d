#pragma once
/// The HTML page of `wfm whatif` (report.html): per scenario, per queue, SL and backlog per
/// interval of the days the scenario touches, baseline against scenario and against the
/// scenario with its emergency plan, then the scenario's figures and emergency plan as tables.
/// The data is plain (io/whatif.hpp builds it from the plan's outcomes).

#include <wfm/core/time.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wfm::report {

/// One queue's intervals in one scenario.
struct whatif_queue_series {
    std::string name;
    std::string pool;
    double sl_target = 0.8;
    std::vector<timestamp> starts;
    /// [0] baseline, [1] scenario, [2] with the emergency plan.
    std::vector<std::optional<double>> sl[3];
    std::vector<double> backlog[3];
};

/// A table: header cells and rows of cells (already formatted).
struct whatif_table {
    std::string caption;
    std::vector<std::string> head;
    std::vector<std::vector<std::string>> rows;
};

struct whatif_scenario_page {
    std::string name;
    std::string description;
    std::string events;  ///< one line
    std::string verdict; ///< rescued or not, the confirmation
    bool rescued = true;
    std::vector<whatif_queue_series> queues;
    std::vector<whatif_table> tables;
};

struct whatif_page {
    local_date week_start;
    int replications = 0;
    std::vector<whatif_scenario_page> scenarios;
};

/// report.html in `lang` ("en" or "zh-CN"): self-contained, with the self-check script that
/// marks the body once every chart is drawn.
[[nodiscard]] std::string render_whatif_html(const whatif_page& page, std::string_view lang);

} // namespace wfm::report
