// The header-only engine writes its messages without fmt: numbers must read as fmt's "{}" wrote
// them (the compiled engine's messages), and the constexpr recurrences agree with erlang_b().
#include <wfm/erlang/detail/message.hpp>
#include <wfm/erlang/formulas.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <bit>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

TEST_CASE("erlang message: numbers are written as fmt writes them", "[erlang]") {
    using wfm::erlang::detail::format_number;
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<double> values{0.0,
                               -0.0,
                               1.0,
                               -1.0,
                               0.5,
                               3.0,
                               1e-4,
                               1e-5,
                               1.5e-5,
                               0.0001234,
                               123.456,
                               1e15,
                               9.99e15,
                               1e16,
                               1.25e16,
                               1e100,
                               -2.5e-300,
                               5e-324,
                               1.7976931348623157e308,
                               inf,
                               -inf,
                               std::nan(""),
                               0.1 + 0.2,
                               1e8,
                               1e9,
                               1e22,
                               9223372036854775807.0,
                               1e-7,
                               12345678901234567.0};
    std::mt19937_64 random(42);
    for (int i = 0; i < 20000; ++i) {
        values.push_back(std::bit_cast<double>(random())); // every exponent and digit count
    }
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (int i = 0; i < 2000; ++i) {
        values.push_back(std::round(unit(random) * 1e6) / 100.0); // short decimals
    }
    for (const double v : values) {
        INFO(fmt::format("{}", v));
        CHECK(format_number(v) == fmt::format("{}", v));
    }
    CHECK(format_number(1e15) == "1000000000000000");
    CHECK(format_number(1e16) == "1e+16");
    CHECK(format_number(1.5e-5) == "1.5e-05");
    CHECK(wfm::erlang::detail::message("got ", 2.5, ", ", 7L, " and '", "x", "'") ==
          "got 2.5, 7 and 'x'");
}

TEST_CASE("erlang_b_whole: the constexpr recurrence equals erlang_b for whole n", "[erlang]") {
    using namespace wfm::erlang;
    for (long n = 0; n <= 24; ++n) {
        for (const double load : {0.0, 0.3, 1.0, 7.5, 24.0, 300.0}) {
            INFO(n << " servers, " << load << " erlangs");
            CHECK(erlang_b_whole(n, load) == erlang_b(static_cast<double>(n), load)); // bitwise
            CHECK(erlang_c_whole(n, load) == erlang_c(static_cast<double>(n), load));
        }
    }
    for (const long n : {25L, 100L, 1000L, 100000L}) {
        const double load = 0.9 * static_cast<double>(n);
        CHECK(erlang_b_whole(n, load) ==
              Approx(erlang_b(static_cast<double>(n), load)).epsilon(1e-11));
    }
    CHECK_THROWS_WITH(erlang_b_whole(-1, 1.0),
                      "erlang::erlang_b_whole: servers must be >= 0, got -1");
    CHECK_THROWS_WITH(erlang_b_whole(3, -1.0),
                      "erlang::erlang_b_whole: load must be a finite number >= 0, got -1");
    static_assert(erlang_b_whole(2, 1.0) > 0.19999 && erlang_c_whole(3, 2.0) < 0.44445);
}
