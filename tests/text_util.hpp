#pragma once
// Small text helpers shared by the tests.

#include <cstddef>
#include <string>

namespace wfm::test {

/// How many times `what` occurs in `text`, overlapping occurrences included.
inline std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) {
        ++n;
    }
    return n;
}

} // namespace wfm::test
