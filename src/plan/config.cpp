// The plan configuration's decoder: every error a config_error at the JSON path.
#include "rooted.hpp"

#include <wfm/core/error.hpp>
#include <wfm/plan/config.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <set>

namespace wfm::plan {
namespace {

using namespace std::chrono_literals;
using json = nlohmann::json;

// A JSON value with its pointer, for config_error messages.
struct node {
    const json& v;
    std::string path;

    [[noreturn]] void fail(const std::string& expected) const {
        throw config_error(path.empty() ? "/" : path,
                           fmt::format("expected {}, found {}", expected, v.dump()));
    }
    void object(std::initializer_list<const char*> keys) const {
        if (!v.is_object()) {
            fail("an object");
        }
        for (const auto& item : v.items()) {
            const std::string& key = item.key(); // not a structured binding: clang 14 (fuzz/)
            if (std::find_if(keys.begin(), keys.end(), [&](const char* k) { return key == k; }) ==
                keys.end()) {
                std::string allowed;
                for (const char* k : keys) {
                    allowed += (allowed.empty() ? "" : ", ") + std::string{k};
                }
                throw config_error(path + "/" + key,
                                   fmt::format("unknown key (expected one of: {})", allowed));
            }
        }
    }
    [[nodiscard]] bool has(const char* key) const { return v.contains(key); }
    [[nodiscard]] node at(const char* key) const {
        if (!v.contains(key)) {
            throw config_error(path.empty() ? "/" : path, fmt::format("missing key '{}'", key));
        }
        return {v.at(key), path + "/" + key};
    }
    [[nodiscard]] node at(std::size_t i) const { return {v.at(i), fmt::format("{}/{}", path, i)}; }
    [[nodiscard]] std::string string() const {
        if (!v.is_string()) {
            fail("a string");
        }
        return v.get<std::string>();
    }
    [[nodiscard]] double number(double lo, double hi) const {
        if (!v.is_number() || v.get<double>() < lo || v.get<double>() > hi) {
            fail(fmt::format("a number in [{}, {}]", lo, hi));
        }
        return v.get<double>();
    }
    [[nodiscard]] long integer(long lo, long hi) const {
        if (!v.is_number_integer() || v.get<long>() < lo || v.get<long>() > hi) {
            fail(fmt::format("a whole number in [{}, {}]", lo, hi));
        }
        return v.get<long>();
    }
};

std::vector<std::vector<std::string>> decode_pools(const node& n,
                                                   const std::vector<std::string>& names) {
    std::vector<std::vector<std::string>> pools;
    if (n.v.is_string()) {
        const std::string mode = n.string();
        if (mode == "separate") {
            for (const auto& name : names) {
                pools.push_back({name});
            }
        } else if (mode == "blended") {
            pools.push_back(names);
        } else {
            n.fail("\"separate\", \"blended\" or a list of channel lists");
        }
        return pools;
    }
    if (!n.v.is_array() || n.v.empty()) {
        n.fail("\"separate\", \"blended\" or a list of channel lists");
    }
    std::set<std::string> seen;
    for (std::size_t i = 0; i < n.v.size(); ++i) {
        const node p = n.at(i);
        if (!p.v.is_array() || p.v.empty()) {
            p.fail("a non-empty list of channel names");
        }
        pools.emplace_back();
        for (std::size_t k = 0; k < p.v.size(); ++k) {
            const node c = p.at(k);
            const std::string name = c.string();
            if (std::find(names.begin(), names.end(), name) == names.end()) {
                c.fail("a channel named in /channels");
            }
            if (!seen.insert(name).second) {
                c.fail("a channel not already in another pool");
            }
            pools.back().push_back(name);
        }
    }
    for (const auto& name : names) {
        if (!seen.contains(name)) {
            throw config_error(n.path, fmt::format("channel '{}' is in no pool", name));
        }
    }
    return pools;
}

} // namespace

plan_config decode_plan_config(const json& doc) {
    const node root{doc, ""};
    root.object({"title", "interval", "week", "history", "special_days", "forecast", "channels",
                 "pools", "shifts", "solver", "standard_day_h", "description"});
    plan_config c;
    if (root.has("title")) {
        c.title = root.at("title").string();
    }
    if (root.has("interval")) {
        const node n = root.at("interval");
        try {
            c.grid = interval_grid::parse(n.string());
        } catch (const invalid_argument&) {
            n.fail("an interval such as \"15m\", \"30m\" or \"1h\"");
        }
    }
    if (root.has("week")) {
        const node n = root.at("week");
        const auto d = try_parse_date(n.string());
        if (!d || weekday_index(*d) != 0) {
            n.fail("the Monday that starts the planning week, as \"YYYY-MM-DD\"");
        }
        c.week = *d;
    }
    const node history = root.at("history");
    history.object({"file", "time_column", "columns"});
    c.history_file = history.at("file").string();
    if (history.has("time_column")) {
        c.time_column = history.at("time_column").string();
    }
    if (root.has("special_days")) {
        c.special_days_file = root.at("special_days").string();
    }
    if (root.has("forecast")) {
        const node f = root.at("forecast");
        f.object({"method", "level", "backtest_origins"});
        if (f.has("method")) {
            const node m = f.at("method");
            try {
                c.method = forecast::method::parse(m.string());
            } catch (const invalid_argument& e) {
                throw config_error(m.path, e.what());
            }
        }
        if (f.has("level")) {
            c.level = f.at("level").number(50.0, 99.9) / 100.0;
        }
        if (f.has("backtest_origins")) {
            c.backtest_origins = static_cast<int>(f.at("backtest_origins").integer(0, 52));
        }
    }
    c.channels = erlang::decode_channels(json{{"channels", root.at("channels").v}});
    std::vector<std::string> names;
    for (const auto& ch : c.channels) {
        names.push_back(ch.name);
        c.columns[ch.name] = {ch.name + "_volume", ch.name + "_aht_s"};
    }
    if (history.has("columns")) {
        const node cols = history.at("columns");
        if (!cols.v.is_object()) {
            cols.fail("an object of channel name → {\"volume\": …, \"aht\": …}");
        }
        for (const auto& [name, value] : cols.v.items()) {
            const node n{value, cols.path + "/" + name};
            if (!c.columns.contains(name)) {
                n.fail("a channel named in /channels");
            }
            n.object({"volume", "aht"});
            if (n.has("volume")) {
                c.columns[name].volume = n.at("volume").string();
            }
            if (n.has("aht")) {
                c.columns[name].aht = n.at("aht").string();
            }
        }
    }
    c.pools = root.has("pools") ? decode_pools(root.at("pools"), names)
                                : decode_pools(node{json("separate"), "/pools"}, names);
    c.shifts =
        detail::rooted("/shifts", [&] { return schedule::config_from_json(root.at("shifts").v); });
    if (c.shifts.interval_minutes && *c.shifts.interval_minutes != c.grid.minutes()) {
        throw config_error("/shifts/interval_minutes",
                           fmt::format("expected the plan's interval ({} minutes), found {}",
                                       c.grid.minutes(), *c.shifts.interval_minutes));
    }
    if (root.has("solver")) {
        const node s = root.at("solver");
        s.object({"seed", "time_limit_s", "iterations"});
        if (s.has("seed")) {
            c.solver.seed = static_cast<std::uint64_t>(s.at("seed").integer(0, 1L << 62));
        }
        if (s.has("time_limit_s")) {
            c.solver.time_limit = std::chrono::milliseconds{
                static_cast<long>(s.at("time_limit_s").number(0.01, 3600.0) * 1000.0)};
        }
        if (s.has("iterations")) {
            c.solver.max_iterations =
                static_cast<std::uint64_t>(s.at("iterations").integer(0, 1L << 40));
        }
    }
    if (root.has("standard_day_h")) {
        c.standard_day = std::chrono::minutes{
            static_cast<long>(std::lround(root.at("standard_day_h").number(1.0, 24.0) * 60.0))};
    }
    return c;
}

} // namespace wfm::plan
