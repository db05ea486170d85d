#include <wfm/io/csv.hpp>
#include <wfm/io/forecast_csv.hpp>
#include <wfm/io/series_csv.hpp>

#include <fmt/format.h>

namespace wfm::io {
namespace {

series_read_options forecast_columns() {
    series_read_options options;
    options.columns = {"volume"};
    options.optional_columns = {"aht_s"};
    return options;
}

/// Handle times are seconds in (0, max_aht_s]: zero would divide, more than a day is no contact.
/// The series reader has already checked every value is a finite number in [0, 1e9].
void check_aht(std::string_view text, const std::string& path) {
    const csv_table table = parse_csv(text, path, csv_options{});
    const auto col = table.find_column("aht_s");
    if (!col) {
        return;
    }
    for (std::size_t row = 0; row < table.rows(); ++row) {
        const std::string_view f = table.field(row, *col);
        if (f.empty() || f == "NA") {
            continue;
        }
        const double v = table.number(row, *col);
        if (!(v > 0.0 && v <= max_aht_s)) {
            throw table.error_at(row, *col,
                                 fmt::format("expected seconds in (0, {:g}], found '{}'", max_aht_s,
                                             message_excerpt(f)));
        }
    }
}

forecast_table from_series(series_table&& table) {
    forecast_table out;
    out.grid = table.grid;
    out.volume = table.at("volume");
    if (table.has("aht_s")) {
        out.aht_s = table.at("aht_s");
    }
    out.warnings = std::move(table.warnings);
    return out;
}

} // namespace

std::string format_forecast_csv(const forecast::forecast_result& r, const time_series* aht) {
    std::string out = aht != nullptr ? "interval_start,volume,lower,upper,aht_s\n"
                                     : "interval_start,volume,lower,upper\n";
    for (std::size_t i = 0; i < r.point.size(); ++i) {
        if (!r.point.observed(i)) {
            continue;
        }
        out += fmt::format("{},{:.3f},{:.3f},{:.3f}", format_timestamp(r.point.time_at(i)),
                           r.point.value(i), r.lower.value(i), r.upper.value(i));
        if (aht != nullptr) {
            out += aht->observed(i) ? fmt::format(",{:.1f}", aht->value(i)) : std::string{","};
        }
        out += '\n';
    }
    return out;
}

forecast_table read_forecast_csv(const std::filesystem::path& path) {
    return parse_forecast_csv(read_file(path), path.string());
}

forecast_table parse_forecast_csv(std::string_view text, const std::string& path) {
    auto table = from_series(parse_series_csv(text, path, forecast_columns()));
    if (table.aht_s) {
        check_aht(text, path);
    }
    return table;
}

} // namespace wfm::io
