#pragma once
// The library's one int-to-index conversion outside the scheduler (which has
// wfm/schedule/detail/index.hpp): days, shifts and agents are counted in `int`, containers in
// size_t.

#include <cstddef>

namespace wfm::detail {

/// A non-negative int count or position as a container index.
[[nodiscard]] constexpr std::size_t to_index(int i) noexcept {
    return static_cast<std::size_t>(i);
}

} // namespace wfm::detail
