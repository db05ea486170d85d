#pragma once
/// The scheduler's index conversion is the library's one (wfm/core/detail/index.hpp).

#include <wfm/core/detail/index.hpp>

namespace wfm::schedule::detail {

using wfm::detail::to_index;

} // namespace wfm::schedule::detail
