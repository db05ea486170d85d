// The measured interval KPIs of a reviewed week, per queue (`wfm review --actuals`).
#include <wfm/core/error.hpp>
#include <wfm/io/csv.hpp>
#include <wfm/io/kpi_csv.hpp>
#include <wfm/io/review.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace wfm::io {
namespace {

// The queue of a file without a queue column.
std::string queue_of_file(const actuals_source& s, const std::vector<std::string>& queues) {
    if (!s.queue.empty()) {
        if (std::find(queues.begin(), queues.end(), s.queue) == queues.end()) {
            throw invalid_argument(fmt::format("review: --actuals {}={}: the plan has no queue "
                                               "'{}' (its queues: {})",
                                               s.queue, s.path.string(), s.queue,
                                               fmt::join(queues, ", ")));
        }
        return s.queue;
    }
    if (queues.size() == 1) {
        return queues.front();
    }
    const std::string stem = s.path.stem().string();
    if (std::find(queues.begin(), queues.end(), stem) != queues.end()) {
        return stem;
    }
    throw invalid_argument(fmt::format("review: --actuals {}: which queue? The file has no "
                                       "`channel` column and its name is no plan queue: write "
                                       "QUEUE={} (plan queues: {})",
                                       s.path.string(), s.path.string(), fmt::join(queues, ", ")));
}

// Data rows per queue: by the `channel`/`queue` column, else all rows to one queue.
std::map<std::string, std::vector<std::size_t>>
rows_by_queue(const csv_table& t, const actuals_source& s, const std::vector<std::string>& queues) {
    std::map<std::string, std::vector<std::size_t>> out;
    auto column = t.find_column("channel");
    if (!column) {
        column = t.find_column("queue");
    }
    if (!column) {
        auto& rows = out[queue_of_file(s, queues)];
        for (std::size_t r = 0; r < t.rows(); ++r) {
            rows.push_back(r);
        }
        return out;
    }
    for (std::size_t r = 0; r < t.rows(); ++r) {
        const std::string name{t.field(r, *column)};
        if (std::find(queues.begin(), queues.end(), name) == queues.end()) {
            throw t.error_at(r, *column,
                             fmt::format("'{}' is no queue of the plan (its queues: {})",
                                         message_excerpt(name), fmt::join(queues, ", ")));
        }
        out[name].push_back(r);
    }
    return out;
}

} // namespace

actuals_source parse_actuals_source(std::string_view arg) {
    const auto eq = arg.find('=');
    if (eq == std::string_view::npos || eq == 0) {
        return {{}, std::filesystem::path{arg}};
    }
    return {std::string{arg.substr(0, eq)}, std::filesystem::path{arg.substr(eq + 1)}};
}

std::map<std::string, std::vector<report::kpi_row>>
read_review_actuals(const actuals_source& source, const std::vector<std::string>& plan_queues,
                    local_date week) {
    const csv_table table = read_csv(source.path);
    if (table.rows() == 0) {
        throw parse_error(table.path(), 1, 1, {}, "no data rows");
    }
    std::map<std::string, std::vector<report::kpi_row>> out;
    const timestamp first = week;
    const timestamp end = first + std::chrono::days{7};
    bool overlap = false;
    timestamp lo = timestamp::max();
    timestamp hi = timestamp::min();
    for (const auto& [queue, rows] : rows_by_queue(table, source, plan_queues)) {
        auto kpis = kpi_csv_rows(table, report::kpi_period::interval, rows);
        for (const auto& k : kpis) {
            overlap = overlap || (k.start >= first && k.start < end);
            lo = std::min(lo, k.start);
            hi = std::max(hi, k.start);
        }
        out.emplace(queue, std::move(kpis));
    }
    if (!overlap) {
        throw table.error_at(0, 0,
                             fmt::format("the actuals run from {} to {}, none in the plan's week "
                                         "{} to {}",
                                         format_timestamp(lo), format_timestamp(hi),
                                         format_date(week),
                                         format_date(week + std::chrono::days{6})));
    }
    return out;
}

} // namespace wfm::io
