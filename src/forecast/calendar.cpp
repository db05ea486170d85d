#include <wfm/core/error.hpp>
#include <wfm/forecast/calendar.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace wfm::forecast {

void special_days::add(special_day day) {
    if (!day.closed && day.label.empty()) {
        throw invalid_argument(
            fmt::format("special_days::add: {} is open but has no label", format_date(day.date)));
    }
    const auto d = day.date;
    if (!days_.emplace(d, std::move(day)).second) {
        throw invalid_argument(
            fmt::format("special_days::add: {} is listed twice", format_date(d)));
    }
}

const special_day* special_days::find(local_date d) const noexcept {
    const auto it = days_.find(d);
    return it == days_.end() ? nullptr : &it->second;
}

bool special_days::closed(local_date d) const noexcept {
    const auto* s = find(d);
    return s != nullptr && s->closed;
}

std::string_view special_days::label(local_date d) const noexcept {
    const auto* s = find(d);
    return s == nullptr || s->closed ? std::string_view{} : std::string_view{s->label};
}

std::vector<special_day> special_days::entries() const {
    std::vector<special_day> out;
    out.reserve(days_.size());
    for (const auto& [d, s] : days_) {
        out.push_back(s);
    }
    return out;
}

namespace {

struct field {
    std::string text;
    std::size_t column; // 1-based character column
};

// Splits one CSV record (RFC 4180 quotes, no embedded line breaks) into fields.
std::vector<field> split_record(std::string_view line, const std::string& path,
                                std::size_t lineno) {
    std::vector<field> out;
    std::size_t i = 0;
    while (true) {
        field f{{}, i + 1};
        if (i < line.size() && line[i] == '"') {
            ++i;
            while (true) {
                if (i >= line.size()) {
                    throw io::parse_error(path, lineno, f.column, "", "unterminated quote");
                }
                if (line[i] == '"') {
                    if (i + 1 < line.size() && line[i + 1] == '"') {
                        f.text += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                f.text += line[i++];
            }
            if (i < line.size() && line[i] != ',') {
                throw io::parse_error(path, lineno, i + 1, "", "text after a closing quote");
            }
        } else {
            const auto stop = std::min(line.find(',', i), line.size());
            f.text = std::string{line.substr(i, stop - i)};
            i = stop;
        }
        out.push_back(std::move(f));
        if (i >= line.size()) {
            return out;
        }
        ++i; // the comma
    }
}

std::string trimmed_lower(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) {
        s.remove_prefix(1);
    }
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) {
        s.remove_suffix(1);
    }
    std::string out{s};
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::optional<bool> parse_closed(std::string_view text) {
    const auto t = trimmed_lower(text);
    if (t.empty() || t == "0" || t == "false" || t == "no" || t == "open") {
        return false;
    }
    if (t == "1" || t == "true" || t == "yes" || t == "closed") {
        return true;
    }
    return std::nullopt;
}

} // namespace

special_days parse_special_days_csv(std::string_view text, const std::string& path) {
    if (text.starts_with("\xEF\xBB\xBF")) {
        text.remove_prefix(3);
    }
    special_days out;
    std::size_t lineno = 0;
    bool header_seen = false;
    std::size_t expected_fields = 0;
    while (!text.empty()) {
        const auto nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
        ++lineno;
        if (line.ends_with('\r')) {
            line.remove_suffix(1);
        }
        if (line.empty()) {
            continue;
        }
        const auto fields = split_record(line, path, lineno);
        if (!header_seen) {
            const bool ok = (fields.size() == 2 || fields.size() == 3) &&
                            trimmed_lower(fields[0].text) == "date" &&
                            trimmed_lower(fields[1].text) == "label" &&
                            (fields.size() == 2 || trimmed_lower(fields[2].text) == "closed");
            if (!ok) {
                throw io::parse_error(path, lineno, 1, "",
                                      "expected the header 'date,label' or 'date,label,closed'");
            }
            header_seen = true;
            expected_fields = fields.size();
            continue;
        }
        if (fields.size() != expected_fields) {
            throw io::parse_error(
                path, lineno, fields.back().column, "",
                fmt::format("expected {} fields, got {}", expected_fields, fields.size()));
        }
        special_day day;
        const auto date = try_parse_date(fields[0].text);
        if (!date) {
            throw io::parse_error(
                path, lineno, fields[0].column, "date",
                fmt::format("expected a date YYYY-MM-DD, got '{}'", fields[0].text));
        }
        day.date = *date;
        day.label = fields[1].text;
        if (expected_fields == 3) {
            const auto closed = parse_closed(fields[2].text);
            if (!closed) {
                throw io::parse_error(path, lineno, fields[2].column, "closed",
                                      fmt::format("expected 0/1, true/false, yes/no or closed, "
                                                  "got '{}'",
                                                  fields[2].text));
            }
            day.closed = *closed;
        }
        if (out.find(day.date) != nullptr) {
            throw io::parse_error(path, lineno, fields[0].column, "date",
                                  fmt::format("{} is listed twice", fields[0].text));
        }
        if (!day.closed && trimmed_lower(day.label).empty()) {
            throw io::parse_error(path, lineno, fields[1].column, "label",
                                  "an open special day needs a label");
        }
        out.add(std::move(day));
    }
    if (!header_seen) {
        throw io::parse_error(path, 1, 1, "", "empty file: expected the header 'date,label'");
    }
    return out;
}

} // namespace wfm::forecast
