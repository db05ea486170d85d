// Dates the forecast tests share (their files compile together in unity groups).
#pragma once

#include <wfm/core/time.hpp>

#include <chrono>

namespace wfm::test {

// A Monday, the first day of most synthetic test histories.
inline constexpr wfm::local_date monday_2024_01_01{std::chrono::year{2024} / 1 / 1};

} // namespace wfm::test
