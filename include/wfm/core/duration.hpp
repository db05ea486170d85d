#pragma once
/// The one parser of duration texts (`500ms`, `5s`, `2m`, `90min`, `36h`, `7d`, `1w`) used by every
/// command and configuration. Each call site states which units it takes and what a number
/// without a unit means (or that it is rejected), so `30` cannot mean minutes in one place and
/// seconds in another by accident.

#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

namespace wfm {

/// A duration unit and its suffixes: ms; s; m or min; h; d; w.
enum class duration_unit { milliseconds, seconds, minutes, hours, days, weeks };

/// How one call site reads a duration.
struct duration_syntax {
    std::string_view context;         ///< message prefix, e.g. `schedule: --time-limit`
    std::string_view expected;        ///< e.g. `a duration like 5s, 500ms or 2m`
    std::vector<duration_unit> units; ///< the suffixes accepted
    bool whole_numbers = false;       ///< `1.5h` rejected
    std::chrono::duration<double, std::milli> min{0.0}; ///< smallest value accepted
    std::chrono::duration<double, std::milli> max{0.0}; ///< largest value accepted
};

/// Parses `<number><unit>`: a non-negative decimal number (digits and at most one `.`; no sign,
/// exponent or spaces) followed by one of `syntax.units`. A number without a unit counts in
/// `bare` when given, and is rejected when `bare` is empty. Throws wfm::invalid_argument
/// `<context>: expected <expected>, got '<text>'` (text escaped and cut after 60 bytes) for
/// anything else, including a value outside [min, max].
[[nodiscard]] std::chrono::duration<double, std::milli>
parse_duration(std::string_view text, std::optional<duration_unit> bare,
               const duration_syntax& syntax);

} // namespace wfm
