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
    return from_series(read_series_csv(path, forecast_columns()));
}

forecast_table parse_forecast_csv(std::string_view text, const std::string& path) {
    return from_series(parse_series_csv(text, path, forecast_columns()));
}

} // namespace wfm::io
