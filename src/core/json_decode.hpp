#pragma once
/// Decoding of JSON configuration documents (schedule, channels, plan), inside the library.
///
/// A `node` is a JSON value with its JSON pointer (RFC 6901, `~` and `/` escaped). Every error is
/// a wfm::config_error at a pointer with one message form, `expected …, got …`, where the value
/// got is described without serialising it whole: `"text"` (escaped, cut after 60 bytes), a
/// number, `true`, `null`, `an array of 3 values`, `an object of 2 keys`, or `nothing
/// (required)` for a missing key. A key whose value is `null` counts as absent.

#include <wfm/core/error.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace wfm::decode {

/// `key` escaped as one JSON-pointer token: `~` → `~0`, `/` → `~1`.
[[nodiscard]] std::string pointer_token(std::string_view key);

/// At most `max_bytes` bytes of `text` (cut on a UTF-8 boundary), with `"`, `\` and every
/// control character escaped as in JSON; a cut text ends in `…` and its full length.
[[nodiscard]] std::string escaped_excerpt(std::string_view text, std::size_t max_bytes = 60);

/// What a value is, for "got …": a scalar's (escaped, cut) rendering, else its type and size.
[[nodiscard]] std::string describe(const nlohmann::json& v);

/// A JSON value and its pointer ("" for the document root, shown as "/").
class node {
public:
    node(const nlohmann::json& v, std::string pointer) : v_(&v), pointer_(std::move(pointer)) {}

    [[nodiscard]] const nlohmann::json& value() const noexcept { return *v_; }
    /// The pointer, "" at the root.
    [[nodiscard]] const std::string& pointer() const noexcept { return pointer_; }
    /// The pointer as shown in messages ("/" at the root).
    /// The pointer for a message: `/` for the root; a pointer longer than `max_where_bytes`
    /// (a huge key) is cut and escaped like any echoed value.
    [[nodiscard]] std::string where() const;

    /// Throws config_error "expected <expected>, got <describe(value)>" at this pointer.
    [[noreturn]] void fail(std::string_view expected) const;
    /// Throws config_error "<message>" at this pointer.
    [[noreturn]] void fail_with(const std::string& message) const;

    // --- objects -------------------------------------------------------------------------------
    /// Requires an object whose keys are all in `valid`; an unknown key fails at its own pointer:
    /// `expected one of the keys a, b, c, got an unknown key`.
    void keys(std::initializer_list<std::string_view> valid) const;
    /// True when the object has `key` with a non-null value.
    [[nodiscard]] bool has(std::string_view key) const;
    /// The member `key` if present and not null.
    [[nodiscard]] std::optional<node> find(std::string_view key) const;
    /// The required member `key`; when absent: `<ptr>/key: expected <expected>, got nothing
    /// (required)`.
    [[nodiscard]] node at(std::string_view key, std::string_view expected) const;
    /// The child at `key` (which need not exist in the document; for messages about it).
    [[nodiscard]] node child(std::string_view key) const;

    // --- arrays --------------------------------------------------------------------------------
    /// Requires an array (`expected` names it in the message) and returns its size.
    std::size_t array(std::string_view expected = "an array") const;
    /// Element `i` of an array.
    [[nodiscard]] node at(std::size_t i) const;

    // --- scalars -------------------------------------------------------------------------------
    /// A finite number.
    [[nodiscard]] double number() const;
    /// A finite number in [lo, hi]: `expected a number in [lo, hi], got …`.
    [[nodiscard]] double number(double lo, double hi) const;
    /// A finite number >= lo: `expected a number >= lo, got …`.
    [[nodiscard]] double number_at_least(double lo) const;
    /// An integer (no fraction, no exponent) in lo..hi: `expected an integer in lo..hi, got …`.
    [[nodiscard]] long long integer(long long lo, long long hi) const;
    /// An integer >= lo: `expected an integer >= lo, got …`.
    [[nodiscard]] long long integer_at_least(long long lo) const;
    [[nodiscard]] bool boolean() const;
    [[nodiscard]] std::string string() const;
    // --- typed members: required (`…_at`) and optional with a default (`…_or`) -----------------
    [[nodiscard]] double number_at(std::string_view key, double lo, double hi) const;
    [[nodiscard]] double number_or(std::string_view key, double lo, double hi,
                                   double fallback) const;
    [[nodiscard]] long long integer_at(std::string_view key, long long lo, long long hi) const;
    [[nodiscard]] long long integer_or(std::string_view key, long long lo, long long hi,
                                       long long fallback) const;
    [[nodiscard]] bool boolean_at(std::string_view key) const;
    [[nodiscard]] bool boolean_or(std::string_view key, bool fallback) const;
    [[nodiscard]] std::string string_at(std::string_view key) const;
    [[nodiscard]] std::string string_or(std::string_view key, std::string fallback) const;

    /// A string that is one of `options`' names: `expected "a", "b" or "c", got …`.
    template <class T>
    [[nodiscard]] T choice(std::initializer_list<std::pair<std::string_view, T>> options) const {
        if (v_->is_string()) {
            const auto& s = v_->get_ref<const std::string&>();
            for (const auto& [name, value] : options) {
                if (s == name) {
                    return value;
                }
            }
        }
        std::string expected;
        std::size_t k = 0;
        for (const auto& option : options) {
            expected += k == 0 ? "" : (k + 1 == options.size() ? " or " : ", ");
            expected += "\"" + std::string{option.first} + "\"";
            ++k;
        }
        fail(expected);
    }

private:
    const nlohmann::json* v_;
    std::string pointer_;
};

/// The `expected …` texts of the range readers: `a number in [lo, hi]`, `an integer in lo..hi`.
[[nodiscard]] std::string number_range(double lo, double hi);
[[nodiscard]] std::string integer_range(long long lo, long long hi);

/// Runs `f` on a sub-document decoded with its own root; re-roots a config_error it throws
/// under `prefix` (`/templates/0` + `/shifts` → `/shifts/templates/0`).
template <class F> auto rooted(const std::string& prefix, F f) {
    try {
        return f();
    } catch (const wfm::config_error& e) {
        const std::string what = e.what();
        const std::string own = e.json_path() + ": ";
        const std::string message = what.rfind(own, 0) == 0 ? what.substr(own.size()) : what;
        throw wfm::config_error(prefix + (e.json_path() == "/" ? "" : e.json_path()), message);
    }
}

} // namespace wfm::decode
