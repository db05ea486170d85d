// Reader options the io tests share (their files compile together in unity groups).
#pragma once

#include <wfm/io/series_csv.hpp>

namespace wfm::test {

// Read one column, `calls`.
inline wfm::io::series_read_options calls_options() {
    wfm::io::series_read_options o;
    o.columns = {"calls"};
    return o;
}

} // namespace wfm::test
