#include <wfm/roster/agents.hpp>

#include <wfm/core/error.hpp>

#include "../core/json_decode.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <array>
#include <charconv>
#include <string_view>

namespace wfm::roster {
namespace {

using decode::node;

constexpr std::array<std::string_view, 7> day_names{"Mon", "Tue", "Wed", "Thu",
                                                    "Fri", "Sat", "Sun"};

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

int day_index(std::string_view s, std::string_view whole) {
    s = trim(s);
    for (std::size_t d = 0; d < day_names.size(); ++d) {
        if (s == day_names[d]) {
            return static_cast<int>(d);
        }
    }
    throw invalid_argument(fmt::format("expected a weekday Mon..Sun, got '{}' in '{}'", s, whole));
}

/// `Mon-Fri`, `Sat`, `Mon,Wed,Fri` or `Sat-Mon` (wrapping) as Monday-first flags.
std::array<bool, 7> day_set(std::string_view text, std::string_view whole) {
    std::array<bool, 7> out{};
    while (!text.empty()) {
        const auto comma = text.find(',');
        const std::string_view part = text.substr(0, comma);
        const auto dash = part.find('-');
        const int a = day_index(part.substr(0, dash), whole);
        const int b = dash == std::string_view::npos ? a : day_index(part.substr(dash + 1), whole);
        for (int d = a;; d = (d + 1) % 7) {
            out[static_cast<std::size_t>(d)] = true;
            if (d == b) {
                break;
            }
        }
        text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    }
    return out;
}

/// The `roster` rules object.
rules read_rules(const node& n) {
    n.keys({"min_rest_hours", "max_consecutive_days", "min_weekends_off", "fairness",
            "start_stability_minutes", "stability_weight", "min_hours_weight"});
    rules r;
    r.min_rest_hours = n.number_or("min_rest_hours", 0, 24, r.min_rest_hours);
    r.max_consecutive_days =
        static_cast<int>(n.integer_or("max_consecutive_days", 1, 42, r.max_consecutive_days));
    if (const auto w = n.find("min_weekends_off")) {
        w->keys({"count", "per_weeks"});
        r.weekend_block_weeks = static_cast<int>(w->integer_or("per_weeks", 1, 6, 4));
        r.min_weekends_off = static_cast<int>(w->integer_at("count", 0, r.weekend_block_weeks));
    }
    if (const auto f = n.find("fairness")) {
        f->keys({"weekends", "evenings", "late", "evening_from", "late_from"});
        r.weekend_weight = f->number_or("weekends", 0, 1e6, r.weekend_weight);
        r.evening_weight = f->number_or("evenings", 0, 1e6, r.evening_weight);
        r.late_weight = f->number_or("late", 0, 1e6, r.late_weight);
        for (auto [key, target] :
             {std::pair{"evening_from", &r.evening_from}, std::pair{"late_from", &r.late_from}}) {
            if (const auto t = f->find(key)) {
                try {
                    *target = parse_clock(t->string());
                } catch (const invalid_argument&) {
                    t->fail("a time of day \"HH:MM\"");
                }
            }
        }
    }
    if (const auto s = n.find("start_stability_minutes")) {
        r.start_stability_minutes = static_cast<int>(s->integer(0, 720));
    }
    r.stability_weight = n.number_or("stability_weight", 0, 1e6, r.stability_weight);
    r.min_hours_weight = n.number_or("min_hours_weight", 0, 1e6, r.min_hours_weight);
    return r;
}

} // namespace

rules rules_from_json(const nlohmann::json& schedule_doc) {
    const node root{schedule_doc, ""};
    if (const auto n = root.find("roster")) {
        return read_rules(*n);
    }
    return rules{};
}

int parse_clock(std::string_view text) {
    const std::string_view s = trim(text);
    int h = -1;
    int m = -1;
    if (s.size() == 5 && s[2] == ':') {
        const auto rh = std::from_chars(s.data(), s.data() + 2, h);
        const auto rm = std::from_chars(s.data() + 3, s.data() + 5, m);
        if (rh.ptr != s.data() + 2 || rm.ptr != s.data() + 5) {
            h = -1;
        }
    }
    if (h < 0 || h > 24 || m < 0 || m > 59 || (h == 24 && m != 0)) {
        throw invalid_argument(fmt::format("expected a time HH:MM, got '{}'", s));
    }
    return h * 60 + m;
}

std::array<bool, 7> parse_days(std::string_view text) {
    std::array<bool, 7> out{};
    std::string_view rest = trim(text);
    while (!rest.empty()) {
        const auto sep = rest.find_first_of(";,");
        const auto part = trim(rest.substr(0, sep));
        if (!part.empty()) {
            const auto set = day_set(part, text);
            for (std::size_t d = 0; d < 7; ++d) {
                out[d] = out[d] || set[d];
            }
        }
        rest = sep == std::string_view::npos ? std::string_view{} : rest.substr(sep + 1);
    }
    return out;
}

std::vector<time_window> parse_availability(std::string_view text) {
    std::vector<time_window> out;
    std::string_view rest = trim(text);
    while (!rest.empty()) {
        const auto sep = rest.find(';');
        const auto part = trim(rest.substr(0, sep));
        rest = sep == std::string_view::npos ? std::string_view{} : rest.substr(sep + 1);
        if (part.empty()) {
            continue;
        }
        const auto space = part.find(' ');
        const auto hours =
            space == std::string_view::npos ? std::string_view{} : trim(part.substr(space + 1));
        const auto dash = hours.find('-');
        if (dash == std::string_view::npos) {
            throw invalid_argument(
                fmt::format("expected days and hours like 'Mon-Fri 08:00-18:00', got '{}'", part));
        }
        const int from = parse_clock(hours.substr(0, dash));
        int to = parse_clock(hours.substr(dash + 1));
        if (to <= from) {
            to += 1440; // runs past midnight
        }
        const auto days = day_set(part.substr(0, space), text);
        for (int d = 0; d < 7; ++d) {
            if (days[static_cast<std::size_t>(d)]) {
                out.push_back({d, from, to});
            }
        }
    }
    return out;
}

} // namespace wfm::roster
