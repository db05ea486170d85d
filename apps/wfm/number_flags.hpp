#pragma once
// Numeric flags with a documented range (docs/cli.md, "Numbers"). A value that is not a number of
// the flag's kind, not finite, or outside the range is rejected while the command line is parsed:
// exit 2 (invalid_argument) and one line naming the flag and the value, e.g.
// `--iterations: expected a whole number in 1..1000000000, got '-1'`. Nothing wraps around,
// overflows or reaches a float-to-integer conversion out of range.

#include <wfm/core/error.hpp>
#include <wfm/io/csv.hpp>

#include <CLI/CLI.hpp>

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <string>
#include <system_error>
#include <type_traits>

namespace wfm::app {

namespace detail {

[[noreturn]] inline void reject_number(const std::string& flag, const std::string& expected,
                                       const std::string& text) {
    throw invalid_argument(
        fmt::format("{}: expected {}, got '{}'", flag, expected, io::message_excerpt(text)));
}

} // namespace detail

/// An integer flag: a whole number in [lo, hi] (decimal digits, a leading '-' only when lo < 0).
template <class T>
CLI::Option* add_whole_flag(CLI::App* sub, const std::string& flag, T& value, T lo, T hi,
                            const std::string& help) {
    static_assert(std::is_integral_v<T>);
    const std::string expected = fmt::format("a whole number in {}..{}", lo, hi);
    auto check = [flag, expected, lo, hi](std::string& text) {
        T v{};
        const char* end = text.data() + text.size();
        const auto [p, ec] = std::from_chars(text.data(), end, v);
        if (text.empty() || ec != std::errc{} || p != end || v < lo || v > hi) {
            detail::reject_number(flag, expected, text);
        }
        text = fmt::format("{}", v); // canonical digits: no leading zeros read as octal
        return std::string{};
    };
    return sub->add_option(flag, value, help)
        ->transform(CLI::Validator(check, fmt::format("{}..{}", lo, hi), ""));
}

/// How a real flag's range is closed at each end.
enum class bounds { closed, open_low, open_high, open };

namespace detail {

template <class Accept>
CLI::Option* add_real(CLI::App* sub, const std::string& flag, double& value,
                      const std::string& expected, Accept accept, const std::string& help) {
    auto check = [flag, expected, accept](std::string& text) {
        double v = 0.0;
        const char* end = text.data() + text.size();
        const auto [p, ec] = std::from_chars(text.data(), end, v);
        if (text.empty() || ec != std::errc{} || p != end || !std::isfinite(v) || !accept(v)) {
            reject_number(flag, expected, text);
        }
        return std::string{};
    };
    // `wfm CMD --help` shows the range after the type: FLOAT:(0, 24].
    const std::string prefix = "a finite number in ";
    const std::string range =
        expected.starts_with(prefix) ? expected.substr(prefix.size()) : std::string{"finite"};
    return sub->add_option(flag, value, help)->transform(CLI::Validator(check, range, ""));
}

} // namespace detail

/// A floating flag: a finite number in the range [lo, hi], with open ends as `b` says.
inline CLI::Option* add_real_flag(CLI::App* sub, const std::string& flag, double& value, double lo,
                                  double hi, bounds b, const std::string& help) {
    const bool open_low = b == bounds::open_low || b == bounds::open;
    const bool open_high = b == bounds::open_high || b == bounds::open;
    const std::string expected = fmt::format("a finite number in {}{:g}, {:g}{}",
                                             open_low ? '(' : '[', lo, hi, open_high ? ')' : ']');
    return detail::add_real(
        sub, flag, value, expected,
        [=](double v) { return (open_low ? v > lo : v >= lo) && (open_high ? v < hi : v <= hi); },
        help);
}

/// A floating flag whose range the engine checks (naming the field): here only finite.
inline CLI::Option* add_finite_flag(CLI::App* sub, const std::string& flag, double& value,
                                    const std::string& help) {
    return detail::add_real(
        sub, flag, value, "a finite number", [](double) { return true; }, help);
}

} // namespace wfm::app
