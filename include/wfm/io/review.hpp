#pragma once
/// Inputs of `wfm review`: a `wfm plan --out` directory read back, and the measured interval
/// KPIs of the planned week (`wfm kpi --by interval`) per queue.

#include <wfm/core/time.hpp>
#include <wfm/report/kpi.hpp>
#include <wfm/report/plan_report.hpp>
#include <wfm/report/review.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wfm::io {

/// The files a plan directory must hold.
inline constexpr std::string_view plan_dir_files[] = {
    "forecast.csv", "requirements.csv", "coverage.csv", "schedule.csv", "report.json"};

/// A plan directory read back: report.json's week, grid, lang and each queue's intervals
/// (forecast, band, AHT, coverage, predicted outcome), and the config its notes name.
struct plan_dir {
    report::plan_report report;
    std::optional<std::filesystem::path> config; ///< from the `config PATH, history …` note
};

/// Reads `dir`; a missing file is a file_error naming it, a bad report.json value a
/// config_error at its JSON pointer (`report.json: /channels/0/intervals/3/scheduled: …`).
[[nodiscard]] plan_dir read_plan_dir(const std::filesystem::path& dir);

/// One `--actuals [QUEUE=]FILE` argument.
struct actuals_source {
    std::string queue; ///< empty: from the file's `channel`/`queue` column, its name or the plan
    std::filesystem::path path;
};
[[nodiscard]] actuals_source parse_actuals_source(std::string_view arg);

/// The measured rows of `source` per queue. A file with a `channel` (or `queue`) column holds
/// several queues, each a plan queue (else a parse_error at the cell); without one the file is
/// `source.queue`, else the plan's only queue, else the queue its stem names (else
/// invalid_argument). A file with no row in [week, week + 7 days) is a parse_error at its first
/// row naming both spans; a missing column a parse_error at the header.
[[nodiscard]] std::map<std::string, std::vector<report::kpi_row>>
read_review_actuals(const actuals_source& source, const std::vector<std::string>& plan_queues,
                    local_date week);

/// A past `wfm review -o` directory read back for recurrence across weeks: its week and, per
/// queue, each day's and interval's start, forecast, offered, band and band flag. A missing
/// report.json is a file_error, a bad value a config_error at its JSON pointer.
[[nodiscard]] report::review_result read_past_review(const std::filesystem::path& dir);

} // namespace wfm::io
