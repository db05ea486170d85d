// Channel settings: validation, JSON decoding (errors name the JSON path), one interval's staffing.
#include <wfm/erlang/channel.hpp>
#include <wfm/erlang/queue.hpp>

#include <wfm/core/error.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
#include <set>
#include <string>
#include <utility>

namespace wfm::erlang {
namespace {

using json = nlohmann::json;

const json& member(const json& block, const char* key) {
    return block.at(key);
}

double number_at(const json& block, const char* key, const std::string& path,
                 const char* expected) {
    const json& v = member(block, key);
    if (!v.is_number()) {
        throw wfm::config_error(path + "/" + key,
                                fmt::format("expected {}, got {}", expected, v.dump()));
    }
    return v.get<double>();
}

std::string string_at(const json& block, const char* key, const std::string& path,
                      const char* expected) {
    const json& v = member(block, key);
    if (!v.is_string()) {
        throw wfm::config_error(path + "/" + key,
                                fmt::format("expected {}, got {}", expected, v.dump()));
    }
    return v.get<std::string>();
}

long whole_at(const json& block, const char* key, const std::string& path, const char* expected) {
    const json& v = member(block, key);
    if (!v.is_number_integer()) {
        throw wfm::config_error(path + "/" + key,
                                fmt::format("expected {}, got {}", expected, v.dump()));
    }
    return v.get<long>();
}

void check_keys(const json& block, const std::string& path, const std::set<std::string>& known) {
    if (!block.is_object()) {
        throw wfm::config_error(path.empty() ? "/" : path,
                                fmt::format("expected an object, got {}", block.dump()));
    }
    for (const auto& [key, value] : block.items()) {
        if (!known.contains(key)) {
            throw wfm::config_error(path + "/" + key, fmt::format("unknown key; expected one of {}",
                                                                  fmt::join(known, ", ")));
        }
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

targets decode_targets(const json& block, const std::string& path) {
    check_keys(block, path,
               {"service_level", "sl_time_s", "sl_definition", "max_asa_s", "max_abandon",
                "min_answer_rate", "max_occupancy", "max_blocking"});
    targets t;
    const auto fraction = [&](const char* key, std::optional<double>& into) {
        if (block.contains(key)) {
            into = number_at(block, key, path, "a number");
        }
    };
    fraction("service_level", t.service_level);
    fraction("max_abandon", t.max_abandon);
    fraction("min_answer_rate", t.min_answer_rate);
    fraction("max_occupancy", t.max_occupancy);
    fraction("max_blocking", t.max_blocking);
    if (block.contains("sl_time_s")) {
        t.sl_time = seconds_d{number_at(block, "sl_time_s", path, "a number of seconds")};
    }
    if (block.contains("max_asa_s")) {
        t.max_asa = seconds_d{number_at(block, "max_asa_s", path, "a number of seconds")};
    }
    if (block.contains("sl_definition")) {
        const std::string text =
            string_at(block, "sl_definition", path, "\"offered\", \"answered\" or \"virtual\"");
        at_path(path + "/sl_definition", [&] { t.sl_kind = parse_sl_definition(text); });
    }
    at_path(path, [&] { validate(t); });
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
    check_keys(block, path,
               {"name", "model", "aht_s", "patience_s", "lines", "concurrency", "compose_ratio",
                "targets", "shrinkage", "self_service_rate"});
    channel_settings c;
    if (!block.contains("name")) {
        throw wfm::config_error(path + "/name",
                                "missing; expected \"voice\", \"text\" or \"video\"");
    }
    c.name = string_at(block, "name", path, "\"voice\", \"text\" or \"video\"");
    if (c.name != "voice" && c.name != "text" && c.name != "video") {
        throw wfm::config_error(
            path + "/name",
            fmt::format("expected \"voice\", \"text\" or \"video\", got \"{}\"", c.name));
    }
    if (block.contains("patience_s")) {
        c.patience = seconds_d{number_at(block, "patience_s", path, "a number of seconds")};
        c.kind = model::erlang_a;
    }
    if (block.contains("model")) {
        const std::string text = string_at(block, "model", path, "\"b\", \"c\" or \"a\"");
        at_path(path + "/model", [&] { c.kind = parse_model(text); });
    }
    if (block.contains("aht_s")) {
        c.aht = seconds_d{number_at(block, "aht_s", path, "a number of seconds")};
    }
    if (block.contains("lines")) {
        c.lines = whole_at(block, "lines", path, "a whole number of lines");
    }
    if (block.contains("concurrency")) {
        const long k = whole_at(block, "concurrency", path, "a whole number of sessions");
        if (k < 1 || k > 1000) {
            throw wfm::config_error(path + "/concurrency",
                                    fmt::format("expected a whole number in 1..1000, got {}", k));
        }
        c.concurrency = static_cast<int>(k);
    }
    if (block.contains("compose_ratio")) {
        c.compose_ratio = number_at(block, "compose_ratio", path, "a number > 0");
    }
    if (block.contains("shrinkage")) {
        c.shrinkage = number_at(block, "shrinkage", path, "a number in [0, 1)");
    }
    if (block.contains("self_service_rate")) {
        c.self_service_rate = number_at(block, "self_service_rate", path, "a number in [0, 1)");
    }
    if (!block.contains("targets")) {
        throw wfm::config_error(path + "/targets", "missing; expected an object of targets");
    }
    c.goals = decode_targets(member(block, "targets"), path + "/targets");
    at_path(path, [&] { validate(c); });
    return c;
}

std::vector<channel_settings> decode_channels(const json& config) {
    check_keys(config, "", {"channels"});
    if (!config.contains("channels") || !config.at("channels").is_array() ||
        config.at("channels").empty()) {
        throw wfm::config_error("/channels", "expected a non-empty array of channel blocks");
    }
    std::vector<channel_settings> out;
    std::set<std::string> seen;
    std::size_t i = 0;
    for (const json& block : config.at("channels")) {
        const std::string path = fmt::format("/channels/{}", i++);
        out.push_back(decode_channel(block, path));
        if (!seen.insert(out.back().name).second) {
            throw wfm::config_error(path + "/name",
                                    fmt::format("channel \"{}\" appears twice", out.back().name));
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
