// Channel settings: validation, JSON decoding (errors name the JSON path), one interval's staffing.
#include <wfm/erlang/channel.hpp>
#include <wfm/erlang/queue.hpp>

#include <wfm/core/error.hpp>

#include "../core/json_decode.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

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
        t.sl_time = seconds_d{number_in(*n, 0.0, false, big, false)};
    }
    optional_number(block, "max_asa_s", t.max_asa, 0.0, true, big, false);
    if (const auto n = block.find("sl_definition")) {
        t.sl_kind = n->choice<sl_definition>({{"offered", sl_definition::over_offered},
                                              {"answered", sl_definition::over_answered},
                                              {"virtual", sl_definition::virtual_wait}});
    }
    at_path(block.where(), [&] { validate(t); });
    return t;
}

} // namespace

void validate(const channel_settings& c) {
    if (c.name != "voice" && c.name != "text" && c.name != "video") {
        throw wfm::invalid_argument(
            fmt::format("channel: name must be voice, text or video, got '{}'", c.name));
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
    // The queue checks the model fields (with a stand-in AHT when the forecast carries it).
    validate(queue_of(c, 0.0, c.aht.value_or(seconds_d{1.0})));
    validate(c.goals);
}

channel_settings decode_channel(const json& block, const std::string& path) {
    const node n{block, path};
    n.keys({"name", "model", "aht_s", "patience_s", "lines", "concurrency", "compose_ratio",
            "targets", "shrinkage", "self_service_rate"});
    channel_settings c;
    c.name = n.at("name", "\"voice\", \"text\" or \"video\"")
                 .choice<std::string>({{"voice", "voice"}, {"text", "text"}, {"video", "video"}});
    optional_number(n, "patience_s", c.patience, 0.0, true, big, false);
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
    optional_number(n, "aht_s", c.aht, 0.0, true, big, false);
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
    c.goals = decode_targets(n.at("targets", "an object of targets"));
    at_path(path, [&] { validate(c); });
    return c;
}

std::vector<channel_settings> decode_channels(const json& config) {
    const node root{config, ""};
    root.keys({"channels"});
    const node list = root.at("channels", "a non-empty array of channel blocks");
    if (list.array("a non-empty array of channel blocks") == 0) {
        list.fail("a non-empty array of channel blocks");
    }
    std::vector<channel_settings> out;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < config.at("channels").size(); ++i) {
        const node block = list.at(i);
        out.push_back(decode_channel(block.value(), block.pointer()));
        if (!seen.insert(out.back().name).second) {
            block.child("name").fail_with(fmt::format(
                "expected a channel not named before, got \"{}\" again", out.back().name));
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
    const queue q = channel_queue(c, volume, interval, aht);
    requirement r;
    r.agent_volume = q.arrivals_per_s * interval.count();
    r.aht_s = q.aht.count();
    r.staffed = staff(q, c.goals);
    r.scheduled_agents = scheduled_agents(static_cast<double>(r.staffed.agents), c.shrinkage);
    return r;
}

} // namespace wfm::erlang
