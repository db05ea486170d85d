// Channel settings: validation, JSON decoding (errors name the JSON path), one interval's staffing.
#include <wfm/erlang/channel.hpp>
#include <wfm/erlang/limits.hpp>
#include <wfm/erlang/queue.hpp>

#include <wfm/core/error.hpp>

#include "../core/json_decode.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <utility>

namespace wfm::erlang {
namespace {

using json = nlohmann::json;

using decode::node;

constexpr double big = std::numeric_limits<double>::max();
// min_agents: a large centre's queue; more would only size the schedule by a typo.
constexpr long long max_min_agents = 10000;

// A finite number in an interval whose ends may be open: `expected a number in (0, 1], got 2`.
double number_in(const node& n, double lo, bool lo_open, double hi, bool hi_open) {
    const double x = n.value().is_number() ? n.value().get<double>() : 0.0;
    const bool ok = n.value().is_number() && std::isfinite(x) && (lo_open ? x > lo : x >= lo) &&
                    (hi_open ? x < hi : x <= hi);
    if (!ok) {
        n.fail(hi == big ? fmt::format("a number {} {}", lo_open ? ">" : ">=", lo)
                         : fmt::format("a number in {}{}, {}{}", lo_open ? "(" : "[", lo, hi,
                                       hi_open ? ")" : "]"));
    }
    return x;
}

// Reads the optional member `key` into `into` with number_in's rule.
template <class T>
void optional_number(const node& block, const char* key, std::optional<T>& into, double lo,
                     bool lo_open, double hi, bool hi_open) {
    if (const auto n = block.find(key)) {
        into = T{number_in(*n, lo, lo_open, hi, hi_open)};
    }
}

// The queue of a channel's model fields with the given arrival rate and handle time.
queue queue_of(const channel_settings& c, double arrivals_per_s, seconds_d aht) {
    return {.arrivals_per_s = arrivals_per_s,
            .aht = aht,
            .kind = c.kind,
            .patience = c.patience,
            .lines = c.lines,
            .concurrency = c.concurrency,
            .compose_ratio = c.compose_ratio};
}

// The JSON key of a field a validator names (wfm::invalid_argument::field()): the library's
// member names, and the keys that carry a unit suffix in JSON.
std::string json_key(const std::string& field) {
    static const std::map<std::string, std::string> suffixed{{"aht", "aht_s"},
                                                             {"patience", "patience_s"},
                                                             {"sl_time", "sl_time_s"},
                                                             {"max_asa", "max_asa_s"}};
    const auto it = suffixed.find(field);
    return it == suffixed.end() ? field : it->second;
}

// Runs a validation of the block at `path`; an invalid_argument becomes a config_error at the
// JSON pointer of the field it names (`/channels/1/aht_s`), or at the block for rules between
// fields (e.g. "the erlang_a model needs a patience"). Targets are checked at their own block
// before the channel, so every field named here belongs to the block at `path`.
template <class F> void at_path(const std::string& path, F check) {
    try {
        check();
    } catch (const wfm::invalid_argument& e) {
        throw wfm::config_error(e.field().empty() ? path : path + "/" + json_key(e.field()),
                                e.what());
    }
}

targets decode_targets(const node& block) {
    block.keys({"service_level", "sl_time_s", "sl_definition", "max_asa_s", "max_abandon",
                "min_answer_rate", "max_occupancy", "max_blocking"});
    targets t;
    optional_number(block, "service_level", t.service_level, 0.0, true, 1.0, true);
    optional_number(block, "max_abandon", t.max_abandon, 0.0, true, 1.0, true);
    optional_number(block, "min_answer_rate", t.min_answer_rate, 0.0, true, 1.0, true);
    optional_number(block, "max_occupancy", t.max_occupancy, 0.0, true, 1.0, false);
    optional_number(block, "max_blocking", t.max_blocking, 0.0, true, 1.0, true);
    if (const auto n = block.find("sl_time_s")) {
        t.sl_time = seconds_d{number_in(*n, 0.0, false, limits::seconds, false)};
    }
    optional_number(block, "max_asa_s", t.max_asa, 0.0, true, limits::seconds, false);
    if (const auto n = block.find("sl_definition")) {
        t.sl_kind = n->choice<sl_definition>({{"offered", sl_definition::over_offered},
                                              {"answered", sl_definition::over_answered},
                                              {"virtual", sl_definition::virtual_wait}});
    }
    at_path(block.where(), [&] { validate(t); });
    return t;
}

bool known_channel(const std::string& s) {
    return s == "voice" || s == "text" || s == "video";
}

bool safe_name(const std::string& s) {
    return !s.empty() && s.size() <= max_queue_name && std::all_of(s.begin(), s.end(), [](char ch) {
        return std::isalnum(static_cast<unsigned char>(ch)) != 0 || ch == '_' || ch == '.' ||
               ch == '-';
    });
}

constexpr const char* name_expected = "a queue name of 1 to 40 characters from [A-Za-z0-9_.-]";

// `HH:MM` with HH:MM in 00:00..24:00 as minutes of the day; empty when malformed.
std::optional<int> clock_minutes(std::string_view s) {
    const auto digit = [&](std::size_t i) {
        return std::isdigit(static_cast<unsigned char>(s[i]));
    };
    if (s.size() != 5 || s[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4)) {
        return std::nullopt;
    }
    const int h = (s[0] - '0') * 10 + (s[1] - '0');
    const int m = (s[3] - '0') * 10 + (s[4] - '0');
    if (m > 59 || h > 24 || (h == 24 && m != 0)) {
        return std::nullopt;
    }
    return h * 60 + m;
}

// `HH:MM-HH:MM`, open before close, close at most 24:00.
std::pair<int, int> decode_span(const node& n) {
    constexpr const char* expected = "opening hours \"HH:MM-HH:MM\" with open < close ≤ 24:00";
    if (!n.value().is_string()) {
        n.fail(expected);
    }
    const std::string s = n.string();
    const auto dash = s.find('-');
    const auto from = dash == std::string::npos ? std::nullopt : clock_minutes(s.substr(0, dash));
    const auto to = dash == std::string::npos ? std::nullopt : clock_minutes(s.substr(dash + 1));
    if (!from || !to || *from >= *to || *from >= 1440) {
        n.fail(expected);
    }
    return {*from, *to};
}

int weekday_of(std::string_view s) {
    for (int d = 0; d < 7; ++d) {
        if (weekday_name(d) == s) {
            return d;
        }
    }
    return -1;
}

// `Mon`, or a range `Mon-Fri` (it may wrap: `Sat-Mon`), as weekday indices.
std::vector<int> decode_days(const node& n, const std::string& key) {
    const auto dash = key.find('-');
    const int first = weekday_of(key.substr(0, dash));
    const int last = dash == std::string::npos ? first : weekday_of(key.substr(dash + 1));
    if (first < 0 || last < 0) {
        n.fail_with(fmt::format("expected a weekday or a range of weekdays such as \"Sat\" or "
                                "\"Mon-Fri\", got the key \"{}\"",
                                decode::escaped_excerpt(key)));
    }
    std::vector<int> days;
    for (int d = first;; d = (d + 1) % 7) {
        days.push_back(d);
        if (d == last) {
            return days;
        }
    }
}

opening_hours decode_open(const node& n) {
    if (!n.value().is_object()) {
        n.fail("an object of weekdays → \"HH:MM-HH:MM\", e.g. {\"Mon-Fri\": \"08:00-20:00\"}");
    }
    opening_hours hours;
    for (const auto& item : n.value().items()) {
        const node day = n.child(item.key());
        const auto span = decode_span(day);
        for (int d : decode_days(day, item.key())) {
            auto& slot = hours.days[static_cast<std::size_t>(d)];
            if (slot) {
                day.fail_with(fmt::format("expected weekdays not named by another key, got {} "
                                          "again",
                                          weekday_name(d)));
            }
            slot = span;
        }
    }
    return hours;
}

history_columns decode_history(const node& block, const std::string& name) {
    history_columns cols{name + "_volume", name + "_aht_s"};
    if (const auto h = block.find("history")) {
        h->keys({"volume", "aht"});
        cols.volume = h->string_or("volume", cols.volume);
        cols.aht = h->string_or("aht", cols.aht);
    }
    return cols;
}

} // namespace

bool below_min_volume(double agent_volume, seconds_d interval) noexcept {
    return agent_volume < min_contacts_per_hour * interval.count() / 3600.0;
}

bool opening_hours::open_at(int weekday, int minute) const noexcept {
    const auto& span = days[static_cast<std::size_t>(weekday)];
    return span && minute >= span->first && minute < span->second;
}

bool is_open(const channel_settings& c, timestamp t) noexcept {
    return !c.open || c.open->open_at(weekday_index(t), minute_of_day(t));
}

void validate(const channel_settings& c) {
    if (!safe_name(c.name)) {
        throw wfm::invalid_argument(
            fmt::format("queue: name must be 1 to {} characters from [A-Za-z0-9_.-], got '{}'",
                        max_queue_name, decode::escaped_excerpt(c.name)),
            "name");
    }
    if (!known_channel(c.channel)) {
        throw wfm::invalid_argument(
            fmt::format("queue {}: channel must be voice, text or video, got '{}'", c.name,
                        decode::escaped_excerpt(c.channel)),
            "channel");
    }
    const auto fail = [&](const char* field, const char* expected, double value) {
        throw wfm::invalid_argument(
            fmt::format("channel {}: {} must be {}, got {}", c.name, field, expected, value),
            field);
    };
    if (c.aht && !(std::isfinite(c.aht->count()) && c.aht->count() > 0.0)) {
        fail("aht_s", "a finite number > 0", c.aht->count());
    }
    if (!(c.shrinkage >= 0.0 && c.shrinkage < 1.0)) {
        fail("shrinkage", "in [0, 1)", c.shrinkage);
    }
    if (!(c.self_service_rate >= 0.0 && c.self_service_rate < 1.0)) {
        fail("self_service_rate", "in [0, 1)", c.self_service_rate);
    }
    if (c.min_agents < 0 || c.min_agents > max_min_agents) {
        fail("min_agents", "an integer in 0..10000", c.min_agents);
    }
    // The queue checks the model fields (with a stand-in AHT when the forecast carries it).
    validate(queue_of(c, 0.0, c.aht.value_or(seconds_d{1.0})));
    validate(c.goals);
}

namespace {

// The name and channel: a name alone must be voice, text or video (the channel it names).
void decode_identity(const node& n, channel_settings& c) {
    const node name = n.at("name", name_expected);
    if (!name.value().is_string() || !safe_name(name.string())) {
        name.fail(name_expected);
    }
    c.name = name.string();
    if (const auto ch = n.find("channel")) {
        c.channel =
            ch->choice<std::string>({{"voice", "voice"}, {"text", "text"}, {"video", "video"}});
    } else if (known_channel(c.name)) {
        c.channel = c.name;
    } else {
        (void)n.at("channel", "\"voice\", \"text\" or \"video\" (required when the name is not "
                              "one of them)");
    }
}

} // namespace

channel_settings decode_channel(const json& block, const std::string& path,
                                history_columns* columns) {
    const node n{block, path};
    n.keys({"name", "channel", "model", "aht_s", "patience_s", "lines", "concurrency",
            "compose_ratio", "targets", "shrinkage", "self_service_rate", "open", "min_agents",
            "history"});
    channel_settings c;
    decode_identity(n, c);
    optional_number(n, "patience_s", c.patience, limits::min_patience_s, false, limits::seconds,
                    false);
    if (c.patience) {
        c.kind = model::erlang_a;
    }
    if (const auto m = n.find("model")) {
        c.kind = m->choice<model>({{"b", model::erlang_b},
                                   {"c", model::erlang_c},
                                   {"a", model::erlang_a},
                                   {"erlang_b", model::erlang_b},
                                   {"erlang_c", model::erlang_c},
                                   {"erlang_a", model::erlang_a}});
    }
    optional_number(n, "aht_s", c.aht, 0.0, true, limits::seconds, false);
    if (const auto lines = n.find("lines")) {
        c.lines = static_cast<long>(lines->integer_at_least(1));
    }
    c.concurrency = static_cast<int>(n.integer_or("concurrency", 1, 1000, 1));
    if (const auto r = n.find("compose_ratio")) {
        c.compose_ratio = number_in(*r, 0.0, true, big, false);
    }
    if (const auto r = n.find("shrinkage")) {
        c.shrinkage = number_in(*r, 0.0, false, 1.0, true);
    }
    if (const auto r = n.find("self_service_rate")) {
        c.self_service_rate = number_in(*r, 0.0, false, 1.0, true);
    }
    c.min_agents = static_cast<int>(n.integer_or("min_agents", 0, max_min_agents, 0));
    if (const auto o = n.find("open")) {
        c.open = decode_open(*o);
    }
    const history_columns cols = decode_history(n, c.name);
    if (columns != nullptr) {
        *columns = cols;
    }
    c.goals = decode_targets(n.at("targets", "an object of targets"));
    at_path(path, [&] { validate(c); });
    return c;
}

std::vector<channel_settings> decode_channels(const json& config,
                                              std::vector<history_columns>* columns) {
    const node root{config, ""};
    root.keys({"queues", "channels"});
    if (root.has("queues") && root.has("channels")) {
        root.child("channels")
            .fail_with("expected either /queues or its alias /channels, got both");
    }
    const char* key = root.has("channels") ? "channels" : "queues";
    constexpr const char* expected = "a non-empty array of queue blocks";
    const node list = root.at(key, expected);
    if (list.array(expected) == 0) {
        list.fail(expected);
    }
    std::vector<channel_settings> out;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < list.value().size(); ++i) {
        const node block = list.at(i);
        history_columns cols;
        out.push_back(decode_channel(block.value(), block.pointer(), &cols));
        if (columns != nullptr) {
            columns->push_back(std::move(cols));
        }
        if (!seen.insert(out.back().name).second) {
            block.child("name").fail_with(fmt::format(
                "expected a queue not named before, got \"{}\" again", out.back().name));
        }
    }
    return out;
}

queue channel_queue(const channel_settings& c, double volume, seconds_d interval,
                    std::optional<seconds_d> aht) {
    if (!std::isfinite(volume) || volume < 0.0) {
        throw wfm::invalid_argument(
            fmt::format("channel {}: volume must be a finite number >= 0, got {}", c.name, volume));
    }
    if (!(interval.count() > 0.0)) {
        throw wfm::invalid_argument(
            fmt::format("channel {}: interval must be > 0 s, got {}", c.name, interval.count()));
    }
    const auto handle = aht ? aht : c.aht;
    if (!handle) {
        throw wfm::invalid_argument(fmt::format(
            "channel {}: no AHT (neither aht_s in the forecast row nor in the channel)", c.name));
    }
    const queue q = queue_of(c, volume * (1.0 - c.self_service_rate) / interval.count(), *handle);
    validate(q);
    return q;
}

requirement staff_interval(const channel_settings& c, double volume, seconds_d interval,
                           std::optional<seconds_d> aht) {
    requirement r;
    const double agent_volume = volume * (1.0 - c.self_service_rate);
    if (std::isfinite(agent_volume) && below_min_volume(agent_volume, interval) &&
        interval.count() > 0.0 && volume >= 0.0) {
        r.agent_volume = agent_volume;
        r.aht_s = aht ? aht->count() : c.aht.value_or(seconds_d{0.0}).count();
        r.scheduled_agents = c.min_agents;
        return r;
    }
    const queue q = channel_queue(c, volume, interval, aht);
    r.agent_volume = q.arrivals_per_s * interval.count();
    r.aht_s = q.aht.count();
    r.staffed = staff(q, c.goals);
    r.scheduled_agents =
        std::max(scheduled_agents(static_cast<double>(r.staffed.agents), c.shrinkage),
                 static_cast<double>(c.min_agents));
    return r;
}

} // namespace wfm::erlang
