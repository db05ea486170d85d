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
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <vector>

namespace wfm::app {

namespace detail {

[[noreturn]] inline void reject_value(const std::string& flag, const std::string& expected,
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
            detail::reject_value(flag, expected, text);
        }
        text = fmt::format("{}", v); // canonical digits: no leading zeros read as octal
        return std::string{};
    };
    return sub->add_option(flag, value, help)
        ->transform(CLI::Validator(check, fmt::format("{}..{}", lo, hi), ""));
}

/// How a real flag's range is closed at each end.
enum class bounds { closed, open_low, open_high, open };

/// A floating flag: a finite number in the range [lo, hi], with open ends as `b` says.
inline CLI::Option* add_real_flag(CLI::App* sub, const std::string& flag, double& value, double lo,
                                  double hi, bounds b, const std::string& help) {
    const bool open_low = b == bounds::open_low || b == bounds::open;
    const bool open_high = b == bounds::open_high || b == bounds::open;
    const std::string range =
        fmt::format("{}{:g}, {:g}{}", open_low ? '(' : '[', lo, hi, open_high ? ')' : ']');
    const std::string expected = "a finite number in " + range;
    auto check = [=](std::string& text) {
        double v = 0.0;
        const char* end = text.data() + text.size();
        const auto [p, ec] = std::from_chars(text.data(), end, v);
        const bool in_range =
            (open_low ? v > lo : v >= lo) && (open_high ? v < hi : v <= hi) && std::isfinite(v);
        if (text.empty() || ec != std::errc{} || p != end || !in_range) {
            detail::reject_value(flag, expected, text);
        }
        return std::string{};
    };
    // `wfm CMD --help` shows the range after the type: FLOAT:(0, 24].
    return sub->add_option(flag, value, help)->transform(CLI::Validator(check, range, ""));
}

/// A flag whose value is one of `choices`; anything else exits 2 naming the flag, the choices
/// and the value: `--format: expected one of text, json, got 'xml'`. `wfm CMD --help` lists them.
inline CLI::Option* add_choice_flag(CLI::App* sub, const std::string& flag, std::string& value,
                                    const std::vector<std::string>& choices,
                                    const std::string& help) {
    const std::string list = fmt::format("{}", fmt::join(choices, ", "));
    auto check = [flag, list, choices](std::string& text) {
        if (std::find(choices.begin(), choices.end(), text) == choices.end()) {
            detail::reject_value(flag, "one of " + list, text);
        }
        return std::string{};
    };
    auto* option =
        sub->add_option(flag, value, fmt::format("{}: {}", help, fmt::join(choices, " | ")))
            ->transform(CLI::Validator(check, "", ""));
    return value.empty() ? option : option->capture_default_str();
}

/// A text flag that `parse` (throwing wfm::invalid_argument) checks while the command line is
/// parsed, before any work: a bad duration, grid or date exits 2 with one line naming the flag
/// and the value (`--interval: expected e.g. 15m, 30m or 1h, got '7x'`).
template <class Parse>
CLI::Option* add_checked_flag(CLI::App* sub, const std::string& flag, std::string& value,
                              Parse parse, const std::string& help) {
    auto check = [flag, parse](std::string& text) {
        try {
            (void)parse(text);
        } catch (const invalid_argument& e) {
            std::string_view what = e.what();
            // The parser's own context (`interval: …`, one word) gives way to the flag.
            const auto colon = what.find(": ");
            if (colon != std::string_view::npos &&
                what.substr(0, colon).find(' ') == std::string_view::npos) {
                what.remove_prefix(colon + 2);
            }
            throw invalid_argument(fmt::format("{}: {}", flag, what));
        }
        return std::string{};
    };
    auto* option = sub->add_option(flag, value, help)->transform(CLI::Validator(check, "", ""));
    return value.empty() ? option : option->capture_default_str();
}

} // namespace wfm::app
