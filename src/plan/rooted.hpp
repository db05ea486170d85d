#pragma once
// Errors of a sub-document (the plan's `shifts`) reported at their path in the plan config.

#include <wfm/core/error.hpp>

#include <string>

namespace wfm::plan::detail {

// Re-roots a config_error raised on a sub-document at `prefix`.
template <class F> auto rooted(const std::string& prefix, F f) {
    try {
        return f();
    } catch (const config_error& e) {
        const std::string what = e.what();
        const std::string own = e.json_path() + ": ";
        const std::string message = what.rfind(own, 0) == 0 ? what.substr(own.size()) : what;
        throw config_error(prefix + (e.json_path() == "/" ? "" : e.json_path()), message);
    }
}

} // namespace wfm::plan::detail
