#pragma once
/// The special-days CSV `date,label[,closed]`: written by `wfm sample`, read by `wfm forecast`
/// and `wfm plan` (`--calendar`, `special_days_file`).

#include <wfm/forecast/calendar.hpp>
#include <wfm/sim/synthetic.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace wfm::io {

/// `date,label,closed` with `closed` as `true` or `false`.
[[nodiscard]] std::string format_special_days_csv(const std::vector<sim::special_day>& days);

/// Reads a special-days CSV: the header `date,label` or `date,label,closed` (any case), then one
/// day per row; `closed` is empty, 0/1, true/false, yes/no, open or closed (any case). Every
/// error is a parse_error with file:line:column: another header, a bad date, a bad closed flag,
/// a date listed twice, an open day without a label, and the shape errors of io::parse_csv.
[[nodiscard]] forecast::special_days read_special_days_csv(const std::filesystem::path& path);
/// Same from text already in memory; `path` is used in messages.
[[nodiscard]] forecast::special_days parse_special_days_csv(std::string_view text,
                                                            const std::string& path);

} // namespace wfm::io
