#pragma once
// Fuzz target `csv`: the RFC 4180 parser, every field through the number reader, and a
// write-then-read round trip of the fields.

#include <wfm/io/csv.hpp>

#include <cstdlib>
#include <string_view>

namespace wfm::fuzz {

inline void csv(std::string_view text) {
    io::csv_table t;
    try {
        t = io::parse_csv(text, "fuzz.csv");
    } catch (const wfm::error&) {
        return; // a located rejection is the contract
    }
    for (std::size_t r = 0; r < t.rows(); ++r) {
        for (std::size_t c = 0; c < t.columns(); ++c) {
            try {
                (void)t.non_negative(r, c, 1e9);
            } catch (const io::parse_error&) {
            }
        }
    }
    if (t.columns() < 2 || t.header().front().rfind("\xEF\xBB\xBF", 0) == 0) {
        return; // a one-column empty row or a second BOM does not survive a round trip
    }
    std::string out = io::csv_line(t.header(), t.delimiter());
    std::vector<std::string> fields(t.columns());
    for (std::size_t r = 0; r < t.rows(); ++r) {
        for (std::size_t c = 0; c < t.columns(); ++c) {
            fields[c] = std::string{t.field(r, c)};
        }
        out += io::csv_line(fields, t.delimiter());
    }
    const auto back = io::parse_csv(out, "round-trip.csv", io::csv_options{t.delimiter()});
    if (back.rows() != t.rows() || back.header() != t.header()) {
        std::abort();
    }
    for (std::size_t r = 0; r < t.rows(); ++r) {
        for (std::size_t c = 0; c < t.columns(); ++c) {
            if (back.field(r, c) != t.field(r, c)) {
                std::abort();
            }
        }
    }
}

} // namespace wfm::fuzz
