// A downstream program that links the installed wfm package.
#include <wfm/core/time.hpp>

#include <cstdio>

int main() {
    auto t = wfm::parse_timestamp("2026-03-02T08:30");
    std::puts(wfm::format_timestamp(t).c_str());
    return wfm::weekday_index(t) == 0 ? 0 : 1;
}
