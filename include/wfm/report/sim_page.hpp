#pragma once
/// The HTML page of `wfm simulate --plan` (report.html): per queue, the simulated SL per
/// interval with its confidence band beside the Erlang prediction, the flagged intervals, the
/// backlog at each interval's end, then the week and day figures as a table. The data is plain
/// (io/sim_csv.hpp builds it from the plan's simulation).

#include <wfm/core/time.hpp>
#include <wfm/report/whatif.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wfm::report {

/// One queue's intervals of the simulated week.
struct sim_queue_series {
    std::string name;
    std::string pool;
    double sl_target = 0.8;
    int sl_time_s = 20;
    std::vector<timestamp> starts;
    /// Simulated SL, the ends of its confidence interval and the Erlang prediction; empty
    /// where the interval is closed or had no contacts.
    std::vector<std::optional<double>> sl, sl_low, sl_high, erlang;
    std::vector<bool> flagged;   ///< any figure's prediction outside its interval
    std::vector<double> backlog; ///< mean contacts waiting at the interval's end
    int flagged_intervals = 0;
    int open_intervals = 0;
};

struct sim_page {
    local_date week_start;
    int replications = 0;
    std::uint64_t seed = 0;
    double confidence = 0.95;
    std::uint64_t contacts = 0;
    std::vector<sim_queue_series> queues;
    std::vector<whatif_table> tables; ///< week and days per queue, already formatted
};

/// report.html in `lang` ("en" or "zh-CN"): self-contained, with the self-check script that
/// marks the body once every chart is drawn.
[[nodiscard]] std::string render_sim_html(const sim_page& page, std::string_view lang);

} // namespace wfm::report
