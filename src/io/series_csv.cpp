#include <wfm/io/series_csv.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace wfm::io {
namespace {

using namespace std::chrono_literals;

struct parsed_row {
    std::size_t row;
    timestamp t;
};

// Largest standard step that every timestamp is aligned to.
interval_grid infer_grid(const std::vector<parsed_row>& rows) {
    static constexpr std::array<int, 5> steps{60, 30, 15, 10, 5};
    for (int s : steps) {
        const bool all = std::all_of(rows.begin(), rows.end(), [s](const parsed_row& r) {
            return minute_of_day(r.t) % s == 0;
        });
        if (all) {
            return interval_grid{std::chrono::minutes{s}};
        }
    }
    return interval_grid{5min};
}

class reader {
public:
    reader(const csv_table& table, const series_read_options& options, series_table& out)
        : table_(table), options_(options), out_(out) {}

    void run() {
        const std::size_t tcol = table_.column(options_.time_column);
        std::vector<std::pair<std::string, std::size_t>> cols;
        for (const auto& name : options_.columns) {
            cols.emplace_back(name, table_.column(name));
        }
        for (const auto& name : options_.optional_columns) {
            if (auto i = table_.find_column(name)) {
                cols.emplace_back(name, *i);
            }
        }
        const auto rows = parse_times(tcol);
        if (rows.empty()) {
            throw parse_error(table_.path(), table_.rows() == 0 ? 2 : table_.line_of(0), 1, "",
                              "no data rows after the header");
        }
        out_.grid = options_.grid ? *options_.grid : infer_grid(rows);
        const timestamp first = rows.front().t;
        timestamp last = first;
        for (const auto& r : rows) {
            last = std::max(last, r.t);
        }
        const auto n = static_cast<std::size_t>((last - first) / out_.grid.step()) + 1;
        for (const auto& [name, index] : cols) {
            out_.columns.emplace(name, time_series{out_.grid, first, n});
        }
        fill(rows, tcol, cols);
        std::stable_sort(skipped_.begin(), skipped_.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        for (auto& [line, message] : skipped_) {
            out_.warnings.push_back(std::move(message));
        }
    }

private:
    template <class F> bool guarded(F f) {
        if (!options_.lenient) {
            f();
            return true;
        }
        try {
            f();
            return true;
        } catch (const parse_error& e) {
            skipped_.emplace_back(e.line(), std::string{e.what()} + " (row skipped)");
            return false;
        }
    }

    std::vector<parsed_row> parse_times(std::size_t tcol) {
        std::vector<parsed_row> rows;
        rows.reserve(table_.rows());
        timestamp max_t{};
        std::size_t max_row = 0;
        std::optional<timestamp> fold_end;
        std::optional<timestamp> fold_last;
        for (std::size_t r = 0; r < table_.rows(); ++r) {
            guarded([&] {
                const std::string text = message_excerpt(table_.field(r, tcol));
                const auto secs = table_.time(r, tcol, "YYYY-MM-DDTHH:MM");
                const auto t = std::chrono::floor<std::chrono::minutes>(secs);
                if (t != secs || (options_.grid && !options_.grid->on_grid(t)) ||
                    minute_of_day(t) % 5 != 0) {
                    throw table_.error_at(
                        r, tcol,
                        fmt::format("timestamp '{}' is off the {} grid", text,
                                    options_.grid ? options_.grid->name() : std::string{"5m"}));
                }
                if (!rows.empty() && t - rows.front().t > options_.max_span) {
                    throw table_.error_at(
                        r, tcol,
                        fmt::format("timestamp '{}' is more than {} days after the first one "
                                    "(line {}): the span limit",
                                    text, options_.max_span.count(),
                                    table_.line_of(rows.front().row)));
                }
                if (!rows.empty() && t <= max_t) {
                    // A repeated hour lies within the rows read so far (never before the first).
                    const bool repeat_start = options_.merge_dst_repeat && !fold_end &&
                                              t == max_t - 60min + step_guess(rows) &&
                                              t >= rows.front().t;
                    if (fold_end && t < *fold_end && t > *fold_last) {
                        fold_last = t;
                    } else if (repeat_start) {
                        fold_end = max_t + step_guess(rows);
                        fold_last = t;
                    } else if (t == max_t) {
                        throw table_.error_at(
                            r, tcol,
                            fmt::format("duplicate timestamp '{}' (first at line {})", text,
                                        table_.line_of(max_row)));
                    } else {
                        throw table_.error_at(
                            r, tcol,
                            fmt::format("out-of-order timestamp '{}' after '{}' (line {})", text,
                                        format_timestamp(max_t), table_.line_of(max_row)));
                    }
                } else {
                    max_t = t;
                    max_row = r;
                    if (fold_end && t >= *fold_end) {
                        fold_end.reset();
                    }
                }
                rows.push_back({r, t});
            });
        }
        return rows;
    }

    // Step between the last two rows seen (the grid is not known yet while reading).
    static std::chrono::minutes step_guess(const std::vector<parsed_row>& rows) {
        if (rows.size() < 2) {
            return 60min;
        }
        const auto d = rows[rows.size() - 1].t - rows[rows.size() - 2].t;
        return d > 0min ? std::chrono::duration_cast<std::chrono::minutes>(d) : 60min;
    }

    void fill(const std::vector<parsed_row>& rows, std::size_t tcol,
              const std::vector<std::pair<std::string, std::size_t>>& cols) {
        std::vector<double> values(cols.size());
        std::vector<char> present(cols.size());
        for (const auto& pr : rows) {
            guarded([&] {
                if (options_.grid == std::nullopt && !out_.grid.on_grid(pr.t)) {
                    throw table_.error_at(pr.row, tcol, "timestamp off the grid");
                }
                for (std::size_t c = 0; c < cols.size(); ++c) {
                    const std::string_view f = table_.field(pr.row, cols[c].second);
                    present[c] = !(f.empty() || f == "NA");
                    values[c] =
                        present[c] ? table_.non_negative(pr.row, cols[c].second, options_.max_value)
                                   : 0.0;
                }
                for (std::size_t c = 0; c < cols.size(); ++c) {
                    store(cols, c, pr.t, values, present);
                }
            });
        }
    }

    void store(const std::vector<std::pair<std::string, std::size_t>>& cols, std::size_t c,
               timestamp t, const std::vector<double>& values, const std::vector<char>& present) {
        auto& s = out_.columns.find(cols[c].first)->second;
        const auto i = *s.index_of(t);
        if (!s.observed(i)) { // first row for this interval
            if (present[c]) {
                s.set(i, values[c]);
            } else {
                s.set_missing(i);
            }
            return;
        }
        if (!present[c]) {
            return;
        }
        // The repeated hour of a fall-back day: add counts, weight means.
        const auto weighted =
            std::find_if(options_.weighted_columns.begin(), options_.weighted_columns.end(),
                         [&](const auto& p) { return p.first == cols[c].first; });
        if (weighted == options_.weighted_columns.end()) {
            s.set(i, s.value(i) + values[c]);
            return;
        }
        const auto w = std::find_if(cols.begin(), cols.end(),
                                    [&](const auto& p) { return p.first == weighted->second; });
        if (w == cols.end()) {
            s.set(i, s.value(i) + values[c]);
            return;
        }
        const auto& ws = out_.columns.find(w->first)->second;
        const auto wi = static_cast<std::size_t>(w - cols.begin());
        // Weight series already holds the sum including this row when w precedes c.
        const double w_new = values[wi];
        const double w_old = wi < c ? ws.value(i) - w_new : ws.value(i);
        const double total = w_old + w_new;
        s.set(i, total > 0.0 ? (s.value(i) * w_old + values[c] * w_new) / total : s.value(i));
    }

    const csv_table& table_;
    const series_read_options& options_;
    series_table& out_;
    std::vector<std::pair<std::size_t, std::string>> skipped_;
};

} // namespace

const time_series& series_table::at(std::string_view name) const {
    const auto it = columns.find(name);
    if (it == columns.end()) {
        throw invalid_argument(fmt::format("series_table: no column '{}'", name));
    }
    return it->second;
}

series_table parse_series_csv(std::string_view text, const std::string& path,
                              const series_read_options& options) {
    const csv_table table = parse_csv(text, path, options.csv);
    series_table out;
    reader{table, options, out}.run();
    return out;
}

series_table read_series_csv(const std::filesystem::path& path,
                             const series_read_options& options) {
    return parse_series_csv(read_file(path), path.string(), options);
}

std::string format_series_csv(const std::vector<std::string>& names,
                              const std::vector<const time_series*>& columns,
                              bool include_missing) {
    std::string out = "interval_start";
    for (const auto& n : names) {
        out += ',';
        out += csv_escape(n);
    }
    out += '\n';
    if (columns.empty()) {
        return out;
    }
    const time_series& first = *columns.front();
    for (std::size_t i = 0; i < first.size(); ++i) {
        bool any_observed = false;
        bool any_missing = false;
        for (const auto* c : columns) {
            any_observed = any_observed || c->observed(i);
            any_missing = any_missing || c->state(i) == slot_state::missing;
        }
        if (!any_observed && !(include_missing && any_missing)) {
            continue;
        }
        out += format_timestamp(first.time_at(i));
        for (const auto* c : columns) {
            out += ',';
            if (c->observed(i)) {
                out += fmt::format("{}", c->value(i));
            }
        }
        out += '\n';
    }
    return out;
}

} // namespace wfm::io
