// JSON configuration decoding: typed readers with one message form, `expected …, got …`.
#include "json_decode.hpp"

#include "excerpt.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace wfm::decode {
namespace {

using nlohmann::json;

std::string count_of(std::size_t n, const char* one, const char* many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

// Whether `v` is an integer that fits a long long (integers above 2^63 − 1 do not).
bool is_whole(const json& v) {
    if (v.is_number_unsigned()) {
        return v.get<unsigned long long>() <=
               static_cast<unsigned long long>(std::numeric_limits<long long>::max());
    }
    return v.is_number_integer();
}

} // namespace

std::string pointer_token(std::string_view key) {
    std::string out;
    out.reserve(key.size());
    for (const char c : key) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out += c;
        }
    }
    return out;
}

std::string escaped_excerpt(std::string_view text, std::size_t max_bytes) {
    return detail::excerpt(text, max_bytes, detail::excerpt_style::json);
}

std::string node::where() const {
    constexpr std::size_t max_where_bytes = 240;
    if (pointer_.empty()) {
        return "/";
    }
    return pointer_.size() > max_where_bytes ? escaped_excerpt(pointer_, max_where_bytes)
                                             : pointer_;
}

std::string describe(const json& v) {
    switch (v.type()) {
    case json::value_t::null:
        return "null";
    case json::value_t::boolean:
        return v.get<bool>() ? "true" : "false";
    case json::value_t::string: {
        const auto& s = v.get_ref<const std::string&>();
        std::string out = "\"" + escaped_excerpt(s) + "\"";
        if (s.size() > 60) {
            out += fmt::format(" ({} bytes)", s.size());
        }
        return out;
    }
    case json::value_t::array:
        return v.empty() ? "an empty array"
                         : "an array of " + count_of(v.size(), "value", "values");
    case json::value_t::object:
        return v.empty() ? "an empty object" : "an object of " + count_of(v.size(), "key", "keys");
    case json::value_t::binary:
        return "binary data";
    case json::value_t::discarded:
        return "a discarded value";
    default:
        return v.dump(); // a number: a scalar, never nested
    }
}

void node::fail(std::string_view expected) const {
    throw wfm::config_error(where(), fmt::format("expected {}, got {}", expected, describe(*v_)));
}

void node::fail_with(const std::string& message) const {
    throw wfm::config_error(where(), message);
}

void node::keys(std::initializer_list<std::string_view> valid) const {
    if (!v_->is_object()) {
        fail("an object");
    }
    for (const auto& item : v_->items()) {
        if (std::find(valid.begin(), valid.end(), item.key()) == valid.end()) {
            throw wfm::config_error(child(item.key()).where(),
                                    fmt::format("expected one of the keys {}, got an unknown key",
                                                fmt::join(valid, ", ")));
        }
    }
}

bool node::has(std::string_view key) const {
    if (!v_->is_object()) {
        return false;
    }
    const auto it = v_->find(key);
    return it != v_->end() && !it->is_null();
}

std::optional<node> node::find(std::string_view key) const {
    if (!v_->is_object()) {
        fail("an object");
    }
    const auto it = v_->find(key);
    if (it == v_->end() || it->is_null()) {
        return std::nullopt;
    }
    return node{*it, pointer_ + "/" + pointer_token(key)};
}

node node::at(std::string_view key, std::string_view expected) const {
    if (auto n = find(key)) {
        return *std::move(n);
    }
    throw wfm::config_error(child(key).where(),
                            fmt::format("expected {}, got nothing (required)", expected));
}

node node::child(std::string_view key) const {
    static const json absent;
    const json* v = &absent;
    if (v_->is_object()) {
        if (const auto it = v_->find(key); it != v_->end()) {
            v = &*it;
        }
    }
    return node{*v, pointer_ + "/" + pointer_token(key)};
}

std::size_t node::array(std::string_view expected) const {
    if (!v_->is_array()) {
        fail(expected);
    }
    return v_->size();
}

node node::at(std::size_t i) const {
    return node{v_->at(i), fmt::format("{}/{}", pointer_, i)};
}

double node::number() const {
    if (!v_->is_number() || !std::isfinite(v_->get<double>())) {
        fail("a finite number");
    }
    return v_->get<double>();
}

std::string number_range(double lo, double hi) {
    return fmt::format("a number in [{}, {}]", lo, hi);
}

std::string integer_range(long long lo, long long hi) {
    return fmt::format("an integer in {}..{}", lo, hi);
}

double node::number(double lo, double hi) const {
    if (!v_->is_number() || !(v_->get<double>() >= lo && v_->get<double>() <= hi)) {
        fail(number_range(lo, hi));
    }
    return v_->get<double>();
}

double node::number_at_least(double lo) const {
    if (!v_->is_number() || !std::isfinite(v_->get<double>()) || !(v_->get<double>() >= lo)) {
        fail(fmt::format("a number >= {}", lo));
    }
    return v_->get<double>();
}

long long node::integer(long long lo, long long hi) const {
    if (!is_whole(*v_) || v_->get<long long>() < lo || v_->get<long long>() > hi) {
        fail(integer_range(lo, hi));
    }
    return v_->get<long long>();
}

long long node::integer_at_least(long long lo) const {
    if (!is_whole(*v_) || v_->get<long long>() < lo) {
        fail(fmt::format("an integer >= {}", lo));
    }
    return v_->get<long long>();
}

bool node::boolean() const {
    if (!v_->is_boolean()) {
        fail("true or false");
    }
    return v_->get<bool>();
}

std::string node::string() const {
    if (!v_->is_string()) {
        fail("a string");
    }
    return v_->get<std::string>();
}

double node::number_at(std::string_view key, double lo, double hi) const {
    return at(key, number_range(lo, hi)).number(lo, hi);
}

double node::number_or(std::string_view key, double lo, double hi, double fallback) const {
    const auto n = find(key);
    return n ? n->number(lo, hi) : fallback;
}

long long node::integer_at(std::string_view key, long long lo, long long hi) const {
    return at(key, integer_range(lo, hi)).integer(lo, hi);
}

long long node::integer_or(std::string_view key, long long lo, long long hi,
                           long long fallback) const {
    const auto n = find(key);
    return n ? n->integer(lo, hi) : fallback;
}

bool node::boolean_at(std::string_view key) const {
    return at(key, "true or false").boolean();
}

bool node::boolean_or(std::string_view key, bool fallback) const {
    const auto n = find(key);
    return n ? n->boolean() : fallback;
}

std::string node::string_at(std::string_view key) const {
    return at(key, "a string").string();
}

std::string node::string_or(std::string_view key, std::string fallback) const {
    const auto n = find(key);
    return n ? n->string() : std::move(fallback);
}

} // namespace wfm::decode
