// Readers of the roster inputs: agents.csv, leave.csv and the multi-week requirements.
#include <wfm/io/csv.hpp>
#include <wfm/io/roster_csv.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

namespace wfm::io {
namespace {

using roster::agent;

constexpr std::array<std::string_view, 13> agent_columns{"agent",
                                                         "name",
                                                         "skills",
                                                         "contract",
                                                         "min_hours_week",
                                                         "max_hours_week",
                                                         "max_days_week",
                                                         "part_time",
                                                         "available",
                                                         "preferred_start",
                                                         "preferred_days_off",
                                                         "preference_weight",
                                                         "seniority"};

bool valid_id(std::string_view id) {
    return !id.empty() && id.front() != '.' && id.size() <= 64 &&
           std::all_of(id.begin(), id.end(), [](unsigned char c) {
               return std::isalnum(c) != 0 || c == '_' || c == '-' || c == '.';
           });
}

/// A field parsed by a roster value parser; its invalid_argument becomes a located parse_error.
template <class F> auto located(const csv_table& t, std::size_t r, std::size_t c, F f) {
    try {
        return f(t.field(r, c));
    } catch (const invalid_argument& e) {
        throw t.error_at(r, c, e.what());
    }
}

bool boolean(const csv_table& t, std::size_t r, std::size_t c) {
    const std::string_view v = t.field(r, c);
    if (v == "true" || v == "1" || v == "yes") {
        return true;
    }
    if (v == "false" || v == "0" || v == "no" || v.empty()) {
        return false;
    }
    throw t.error_at(r, c, fmt::format("expected true or false, got '{}'", message_excerpt(v)));
}

std::vector<std::string> skill_list(const csv_table& t, std::size_t r, std::size_t c) {
    std::vector<std::string> out;
    std::string_view rest = t.field(r, c);
    while (!rest.empty()) {
        const auto sep = rest.find(';');
        std::string s{rest.substr(0, sep)};
        s.erase(0, s.find_first_not_of(' '));
        s.erase(s.find_last_not_of(' ') + 1);
        if (!s.empty()) {
            out.push_back(std::move(s));
        }
        rest = sep == std::string_view::npos ? std::string_view{} : rest.substr(sep + 1);
    }
    if (out.empty()) {
        throw t.error_at(r, c, "expected at least one skill (queues separated by ';')");
    }
    return out;
}

/// Sets the optional columns of agent `a` from row r.
void optional_columns(const csv_table& t, std::size_t r, agent& a) {
    const auto col = [&](std::string_view name) -> std::optional<std::size_t> {
        const auto c = t.find_column(name);
        return c && !t.field(r, *c).empty() ? c : std::nullopt;
    };
    if (const auto c = col("part_time")) {
        a.part_time = boolean(t, r, *c);
    }
    a.contract = a.part_time ? "part" : "full";
    a.max_hours_week = a.part_time ? 24 : 40;
    a.max_days_week = a.part_time ? 4 : 5;
    if (const auto c = col("name")) {
        a.name = std::string{t.field(r, *c)};
    }
    if (const auto c = col("contract")) {
        a.contract = std::string{t.field(r, *c)};
    }
    if (const auto c = col("max_hours_week")) {
        a.max_hours_week = t.non_negative(r, *c, 168);
    }
    if (const auto c = col("min_hours_week")) {
        a.min_hours_week = t.non_negative(r, *c, 168);
        if (a.min_hours_week > a.max_hours_week) {
            throw t.error_at(r, *c,
                             fmt::format("min_hours_week {} is above max_hours_week {}",
                                         a.min_hours_week, a.max_hours_week));
        }
    }
    if (const auto c = col("max_days_week")) {
        const double d = t.non_negative(r, *c, 7);
        if (d != std::floor(d)) {
            throw t.error_at(r, *c, fmt::format("expected a whole number of days 0..7"));
        }
        a.max_days_week = static_cast<int>(d);
    }
    if (const auto c = col("available")) {
        a.available = located(t, r, *c, roster::parse_availability);
    }
    if (const auto c = col("preferred_start")) {
        a.preferred_start = located(t, r, *c, roster::parse_clock);
    }
    if (const auto c = col("preferred_days_off")) {
        a.preferred_days_off = located(t, r, *c, roster::parse_days);
    }
    if (const auto c = col("preference_weight")) {
        a.preference_weight = t.non_negative(r, *c, 1e6);
    }
    if (const auto c = col("seniority")) {
        a.seniority = static_cast<int>(t.non_negative(r, *c, 1e6));
    }
}

std::vector<agent> agents_of(const csv_table& t) {
    for (std::size_t c = 0; c < t.columns(); ++c) {
        if (std::find(agent_columns.begin(), agent_columns.end(), t.header()[c]) ==
            agent_columns.end()) {
            throw t.header_error(
                c, fmt::format("unknown column '{}'", message_excerpt(t.header()[c])));
        }
    }
    const std::size_t id_col = t.column("agent");
    const std::size_t skills_col = t.column("skills");
    std::vector<agent> out;
    std::set<std::string, std::less<>> seen;
    for (std::size_t r = 0; r < t.rows(); ++r) {
        agent a;
        a.id = std::string{t.field(r, id_col)};
        if (!valid_id(a.id)) {
            throw t.error_at(r, id_col,
                             fmt::format("expected an id of letters, digits, '_', '-', '.' (not "
                                         "starting with '.'), got '{}'",
                                         message_excerpt(a.id)));
        }
        if (!seen.insert(a.id).second) {
            throw t.error_at(r, id_col, fmt::format("agent '{}' is listed twice", a.id));
        }
        a.skills = skill_list(t, r, skills_col);
        optional_columns(t, r, a);
        out.push_back(std::move(a));
    }
    if (out.empty()) {
        throw parse_error(t.path(), 1, 1, "", "no agents");
    }
    return out;
}

std::vector<roster::leave> leave_of(const csv_table& t, const std::vector<agent>& agents) {
    const std::size_t id_col = t.column("agent");
    const std::size_t date_col = t.column("date");
    const auto from_col = t.find_column("from");
    const auto to_col = t.find_column("to");
    std::vector<roster::leave> out;
    for (std::size_t r = 0; r < t.rows(); ++r) {
        roster::leave l;
        l.agent = std::string{t.field(r, id_col)};
        if (std::none_of(agents.begin(), agents.end(),
                         [&](const agent& a) { return a.id == l.agent; })) {
            throw t.error_at(r, id_col,
                             fmt::format("unknown agent '{}' (not in the agents file)",
                                         message_excerpt(l.agent)));
        }
        const auto d = try_parse_date(t.field(r, date_col));
        if (!d) {
            throw t.error_at(r, date_col,
                             fmt::format("expected a date YYYY-MM-DD, got '{}'",
                                         message_excerpt(t.field(r, date_col))));
        }
        l.date = *d;
        if (from_col && !t.field(r, *from_col).empty()) {
            l.from = located(t, r, *from_col, roster::parse_clock);
        }
        if (to_col && !t.field(r, *to_col).empty()) {
            l.to = located(t, r, *to_col, roster::parse_clock);
        }
        if (l.from >= l.to) {
            throw t.error_at(
                r, to_col.value_or(date_col),
                fmt::format("leave ends at {} minutes, not after its start at {}", l.to, l.from));
        }
        out.push_back(std::move(l));
    }
    return out;
}

} // namespace

std::vector<agent> read_agents_csv(const std::filesystem::path& path) {
    return agents_of(read_csv(path));
}
std::vector<agent> parse_agents_csv(std::string_view text, const std::string& path) {
    return agents_of(parse_csv(text, path));
}
std::vector<roster::leave> read_leave_csv(const std::filesystem::path& path,
                                          const std::vector<agent>& agents) {
    return leave_of(read_csv(path), agents);
}
std::vector<roster::leave> parse_leave_csv(std::string_view text, const std::string& path,
                                           const std::vector<agent>& agents) {
    return leave_of(parse_csv(text, path), agents);
}

} // namespace wfm::io
