#pragma once
/// The library's one int-to-index conversion: grid intervals, days, shifts, templates and agents
/// are counted in `int` (they are small and their differences are signed), containers in size_t.

#include <cstddef>

namespace wfm::detail {

/// A non-negative int count or position as a container index.
[[nodiscard]] constexpr std::size_t to_index(int i) noexcept {
    return static_cast<std::size_t>(i);
}

} // namespace wfm::detail
