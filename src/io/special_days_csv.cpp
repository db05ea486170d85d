#include <wfm/io/csv.hpp>
#include <wfm/io/special_days_csv.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>

namespace wfm::io {
namespace {

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

void check_header(const csv_table& table) {
    const auto& h = table.header();
    const bool ok = (h.size() == 2 || h.size() == 3) && trimmed_lower(h[0]) == "date" &&
                    trimmed_lower(h[1]) == "label" &&
                    (h.size() == 2 || trimmed_lower(h[2]) == "closed");
    if (!ok) {
        throw parse_error(table.path(), 1, 1, "",
                          "expected the header 'date,label' or 'date,label,closed'");
    }
}

forecast::special_days special_days_of(const csv_table& table) {
    check_header(table);
    forecast::special_days out;
    for (std::size_t r = 0; r < table.rows(); ++r) {
        forecast::special_day day;
        const std::string_view date = table.field(r, 0);
        const auto d = try_parse_date(date);
        if (!d) {
            throw table.error_at(
                r, 0, fmt::format("expected a date YYYY-MM-DD, got '{}'", message_excerpt(date)));
        }
        day.date = *d;
        day.label = std::string{table.field(r, 1)};
        if (table.columns() == 3) {
            const auto closed = parse_closed(table.field(r, 2));
            if (!closed) {
                throw table.error_at(r, 2,
                                     fmt::format("expected 0/1, true/false, yes/no or closed, "
                                                 "got '{}'",
                                                 message_excerpt(table.field(r, 2))));
            }
            day.closed = *closed;
        }
        if (out.find(day.date) != nullptr) {
            throw table.error_at(r, 0, fmt::format("{} is listed twice", date));
        }
        if (!day.closed && trimmed_lower(day.label).empty()) {
            throw table.error_at(r, 1, "an open special day needs a label");
        }
        out.add(std::move(day));
    }
    return out;
}

} // namespace

std::string format_special_days_csv(const std::vector<sim::special_day>& days) {
    std::string out = "date,label,closed\n";
    for (const auto& s : days) {
        out += csv_line({format_date(s.date), s.label, s.closed ? "true" : "false"});
    }
    return out;
}

forecast::special_days read_special_days_csv(const std::filesystem::path& path) {
    return special_days_of(read_csv(path));
}

forecast::special_days parse_special_days_csv(std::string_view text, const std::string& path) {
    return special_days_of(parse_csv(text, path));
}

} // namespace wfm::io
