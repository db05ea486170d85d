// Strict JSON reading: located errors for syntax, depth, duplicate keys, NUL bytes and overflow.
#include <wfm/io/json.hpp>

#include <wfm/core/error.hpp>
#include <wfm/io/csv.hpp>

#include "../core/json_decode.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iterator>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace wfm::io {
namespace {

using nlohmann::json;

/// 1-based line and column (in UTF-8 characters) of a byte offset.
std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t offset) {
    std::size_t line = 1;
    std::size_t col = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            col = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++col;
        }
    }
    return {line, col};
}

/// A character iterator that publishes how far the JSON lexer has read, so that the SAX events
/// below know where in the text they are.
struct tracking_iterator {
    using iterator_category = std::forward_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    const char* at = nullptr;
    const char** cursor = nullptr;

    reference operator*() const { return *at; }
    tracking_iterator& operator++() {
        *cursor = ++at;
        return *this;
    }
    tracking_iterator operator++(int) {
        tracking_iterator old = *this;
        ++*this;
        return old;
    }
    friend bool operator==(const tracking_iterator& a, const tracking_iterator& b) {
        return a.at == b.at;
    }
};

/// A problem found while parsing: byte offset and message.
struct failure {
    std::size_t offset = 0;
    std::string message;
};

/// Builds the document (nlohmann's DOM builder) and checks depth and duplicate keys.
class checked_sax {
public:
    checked_sax(json& root, std::string_view text, const char** cursor)
        : dom_(root, false), text_(text), cursor_(cursor) {}

    bool null() { return element() && dom_.null(); }
    bool boolean(bool v) { return element() && dom_.boolean(v); }
    bool number_integer(json::number_integer_t v) { return element() && dom_.number_integer(v); }
    bool number_unsigned(json::number_unsigned_t v) { return element() && dom_.number_unsigned(v); }
    bool number_float(json::number_float_t v, const json::string_t& s) {
        return element() && dom_.number_float(v, s);
    }
    bool string(json::string_t& v) { return element() && dom_.string(v); }
    bool binary(json::binary_t& v) { return element() && dom_.binary(v); }
    bool start_object(std::size_t n) { return open(true) && dom_.start_object(n); }
    bool end_object() {
        frames_.pop_back();
        return dom_.end_object();
    }
    bool start_array(std::size_t n) { return open(false) && dom_.start_array(n); }
    bool end_array() {
        frames_.pop_back();
        return dom_.end_array();
    }
    bool key(json::string_t& k);
    bool parse_error(std::size_t position, const std::string& last_token,
                     const nlohmann::detail::exception& e);

    [[nodiscard]] const std::optional<failure>& problem() const noexcept { return problem_; }

private:
    struct frame {
        bool object = false;
        std::size_t index = 0;                             ///< arrays: values begun so far
        std::string key;                                   ///< objects: the current key
        std::unordered_map<std::string, std::size_t> keys; ///< objects: key → byte offset
    };

    // Byte offset of the character the lexer read last.
    [[nodiscard]] std::size_t last_read() const {
        const auto read = static_cast<std::size_t>(*cursor_ - text_.data());
        return read == 0 ? 0 : read - 1;
    }
    bool element() {
        if (!frames_.empty() && !frames_.back().object) {
            ++frames_.back().index;
        }
        return true;
    }
    bool open(bool object) {
        element();
        if (frames_.size() >= max_json_depth) {
            problem_ = failure{last_read(), fmt::format("JSON nested deeper than {} levels of "
                                                        "arrays and objects",
                                                        max_json_depth)};
            return false;
        }
        frames_.push_back(frame{object, 0, {}, {}});
        return true;
    }
    [[nodiscard]] std::string pointer_to(std::string_view last_key) const;

    nlohmann::detail::json_sax_dom_parser<json> dom_;
    std::string_view text_;
    const char** cursor_;
    std::vector<frame> frames_;
    std::optional<failure> problem_;
};

std::string checked_sax::pointer_to(std::string_view last_key) const {
    std::string out;
    for (std::size_t i = 0; i + 1 < frames_.size(); ++i) {
        const frame& f = frames_[i];
        out += f.object ? "/" + decode::pointer_token(f.key) : fmt::format("/{}", f.index - 1);
    }
    return out + "/" + decode::pointer_token(last_key);
}

bool checked_sax::key(json::string_t& k) {
    // The lexer has just read the closing quote; the key starts at the quote before it that is
    // not escaped (preceded by an even number of backslashes).
    std::size_t start = last_read();
    while (start > 0) {
        --start;
        std::size_t slashes = 0;
        while (start >= slashes + 1 && text_[start - slashes - 1] == '\\') {
            ++slashes;
        }
        if (text_[start] == '"' && slashes % 2 == 0) {
            break;
        }
    }
    frame& f = frames_.back();
    const auto [it, inserted] = f.keys.emplace(k, start);
    if (!inserted) {
        problem_ = failure{start, fmt::format("duplicate key {} (first on line {})", pointer_to(k),
                                              line_column(text_, it->second).first)};
        return false;
    }
    f.key = k;
    return dom_.key(k);
}

bool checked_sax::parse_error(std::size_t position, const std::string& last_token,
                              const nlohmann::detail::exception& e) {
    const std::size_t at = position == 0 ? 0 : position - 1;
    if (e.id == 406) { // number overflow: point at the number's first character
        const std::size_t start = at + 1 >= last_token.size() ? at + 1 - last_token.size() : 0;
        problem_ = failure{start, fmt::format("number out of range: {} (a double reaches "
                                              "about 1.8e308)",
                                              decode::escaped_excerpt(last_token))};
        return false;
    }
    std::string what = e.what();
    const auto cut = what.find("syntax error");
    what = cut == std::string::npos ? what : what.substr(cut);
    // The library echoes the whole last token (a 10 MB string included): cut it.
    const std::string echoed = "; last read: '" + last_token + "'";
    if (const auto p = what.find(echoed); p != std::string::npos && last_token.size() > 60) {
        what.replace(p, echoed.size(),
                     "; last read: '" + decode::escaped_excerpt(last_token) + "'");
    }
    problem_ = failure{at, what};
    return false;
}

} // namespace

json parse_json(std::string_view text, const std::string& name) {
    const auto fail = [&](const failure& f) {
        const auto [line, col] = line_column(text, f.offset);
        return io::parse_error(name, line, col, "", f.message);
    };
    if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
        throw fail({nul, "a NUL byte is not allowed in a JSON file"});
    }
    json root;
    const char* cursor = text.data();
    checked_sax sax(root, text, &cursor);
    const tracking_iterator first{text.data(), &cursor};
    const tracking_iterator last{text.data() + text.size(), &cursor};
    const bool ok = json::sax_parse(first, last, &sax);
    if (!ok || sax.problem()) {
        throw fail(sax.problem().value_or(failure{0, "not valid JSON"}));
    }
    return root;
}

json read_json_file(const std::filesystem::path& path) {
    return parse_json(read_file(path), path.string());
}

} // namespace wfm::io
