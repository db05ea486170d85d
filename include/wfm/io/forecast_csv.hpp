#pragma once
/// The forecast CSV `interval_start,volume,lower,upper[,aht_s]`: written by `wfm forecast`, read
/// by `wfm staff`.

#include <wfm/core/series.hpp>
#include <wfm/forecast/forecast.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wfm::io {

/// CSV text of a volume forecast, one row per forecast interval; `aht` (on the forecast's frame)
/// adds an `aht_s` column, empty where it has no value.
[[nodiscard]] std::string format_forecast_csv(const forecast::forecast_result& forecast,
                                              const time_series* aht = nullptr);

/// A forecast read back: the volume column and, when present, the `aht_s` column.
struct forecast_table {
    interval_grid grid{std::chrono::minutes{60}};
    time_series volume;
    std::optional<time_series> aht_s;
    std::vector<std::string> warnings; ///< as io::series_table::warnings
};

/// Largest handle time a forecast row may give, in seconds (a day).
inline constexpr double max_aht_s = 86400.0;

/// Reads `interval_start,volume[,aht_s]` (other columns, such as lower and upper, are ignored)
/// with the checks of io::read_series_csv (finite, non-negative, volume at most 1e9), and
/// `aht_s` in (0, max_aht_s]; each a parse_error at file:line:column.
[[nodiscard]] forecast_table read_forecast_csv(const std::filesystem::path& path);
/// Same from text already in memory; `path` is used in messages.
[[nodiscard]] forecast_table parse_forecast_csv(std::string_view text, const std::string& path);

} // namespace wfm::io
