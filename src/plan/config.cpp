// The plan configuration's decoder (wfm::decode): every error a config_error at its JSON pointer,
// `expected …, got …`.
#include <wfm/core/error.hpp>
#include <wfm/plan/config.hpp>

#include "../core/json_decode.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <set>

namespace wfm::plan {
namespace {

using json = nlohmann::json;
using decode::node;

constexpr const char* pools_expected = "\"separate\", \"blended\" or a list of channel lists";

std::vector<std::vector<std::string>> decode_pool_mode(const node& n,
                                                       const std::vector<std::string>& names) {
    std::vector<std::vector<std::string>> pools;
    const std::string mode = n.string();
    if (mode == "separate") {
        for (const auto& name : names) {
            pools.push_back({name});
        }
    } else if (mode == "blended") {
        pools.push_back(names);
    } else {
        n.fail(pools_expected);
    }
    return pools;
}

std::vector<std::vector<std::string>> decode_pools(const node& n,
                                                   const std::vector<std::string>& names) {
    if (n.value().is_string()) {
        return decode_pool_mode(n, names);
    }
    if (!n.value().is_array() || n.value().empty()) {
        n.fail(pools_expected);
    }
    std::vector<std::vector<std::string>> pools;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < n.value().size(); ++i) {
        const node p = n.at(i);
        if (!p.value().is_array() || p.value().empty()) {
            p.fail("a non-empty list of channel names");
        }
        pools.emplace_back();
        for (std::size_t k = 0; k < p.value().size(); ++k) {
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
            n.fail_with(fmt::format("expected every channel in a pool, got channel \"{}\" in none",
                                    decode::escaped_excerpt(name)));
        }
    }
    return pools;
}

void decode_header(const node& root, plan_config& c) {
    if (auto n = root.find("title")) {
        c.title = n->string();
    }
    if (auto n = root.find("interval")) {
        try {
            c.grid = interval_grid::parse(n->string());
        } catch (const invalid_argument&) {
            n->fail("an interval such as \"15m\", \"30m\" or \"1h\"");
        }
    }
    if (auto n = root.find("week")) {
        const auto d = try_parse_date(n->string());
        if (!d || weekday_index(*d) != 0) {
            n->fail("the Monday that starts the planning week, as \"YYYY-MM-DD\"");
        }
        c.week = *d;
    }
    if (auto n = root.find("special_days")) {
        c.special_days_file = n->string();
    }
}

void decode_forecast(const node& f, plan_config& c) {
    f.keys({"method", "level", "backtest_origins"});
    if (auto m = f.find("method")) {
        try {
            c.method = forecast::method::parse(m->string());
        } catch (const invalid_argument&) {
            m->fail("a forecast method: snaive, avgK with K in 1..52, topdown, svd, ensemble or "
                    "auto");
        }
    }
    if (auto n = f.find("level")) {
        c.level = n->number(50.0, 99.9) / 100.0;
    }
    if (auto n = f.find("backtest_origins")) {
        c.backtest_origins = static_cast<int>(n->integer(0, 52));
    }
}

// The history columns of each channel (defaults `<channel>_volume`, `<channel>_aht_s`).
void decode_columns(const node& history, plan_config& c) {
    for (const auto& ch : c.channels) {
        c.columns[ch.name] = {ch.name + "_volume", ch.name + "_aht_s"};
    }
    const auto cols = history.find("columns");
    if (!cols) {
        return;
    }
    if (!cols->value().is_object()) {
        cols->fail("an object of channel name → {\"volume\": …, \"aht\": …}");
    }
    for (const auto& item : cols->value().items()) {
        const node n = cols->child(item.key());
        if (!c.columns.contains(item.key())) {
            n.fail("a channel named in /channels");
        }
        n.keys({"volume", "aht"});
        if (auto v = n.find("volume")) {
            c.columns[item.key()].volume = v->string();
        }
        if (auto a = n.find("aht")) {
            c.columns[item.key()].aht = a->string();
        }
    }
}

void decode_solver(const node& s, plan_config& c) {
    s.keys({"seed", "time_limit_s", "iterations"});
    if (auto n = s.find("seed")) {
        c.solver.seed = static_cast<std::uint64_t>(n->integer(0, 1LL << 62));
    }
    if (auto n = s.find("time_limit_s")) {
        // At most 3,600,000 ms: the (truncating) conversion to an integer cannot overflow.
        c.solver.time_limit =
            std::chrono::milliseconds{static_cast<long long>(n->number(0.01, 3600.0) * 1000.0)};
    }
    if (auto n = s.find("iterations")) {
        c.solver.max_iterations = static_cast<std::uint64_t>(n->integer(0, 1LL << 40));
    }
}

void decode_shifts(const node& root, plan_config& c) {
    const node shifts = root.at("shifts", "a schedule configuration object");
    c.shifts =
        decode::rooted("/shifts", [&] { return schedule::config_from_json(shifts.value()); });
    if (c.shifts.interval_minutes && *c.shifts.interval_minutes != c.grid.minutes()) {
        shifts.child("interval_minutes")
            .fail(fmt::format("the plan's interval ({} minutes)", c.grid.minutes()));
    }
}

} // namespace

plan_config decode_plan_config(const json& doc) {
    const node root{doc, ""};
    root.keys({"title", "interval", "week", "history", "special_days", "forecast", "channels",
               "pools", "shifts", "solver", "standard_day_h", "description", "lang",
               "contract_hours_per_week"});
    plan_config c;
    decode_header(root, c);
    const node history = root.at("history", "an object {\"file\": …}");
    history.keys({"file", "time_column", "columns"});
    c.history_file = history.string_at("file");
    c.time_column = history.string_or("time_column", c.time_column);
    if (auto f = root.find("forecast")) {
        decode_forecast(*f, c);
    }
    json channels = json::object();
    if (auto n = root.find("channels")) {
        channels["channels"] = n->value();
    }
    c.channels = erlang::decode_channels(channels);
    std::vector<std::string> names;
    for (const auto& ch : c.channels) {
        names.push_back(ch.name);
    }
    decode_columns(history, c);
    const json separate = "separate";
    const auto pools = root.find("pools");
    c.pools = decode_pools(pools ? *pools : node{separate, "/pools"}, names);
    decode_shifts(root, c);
    if (auto s = root.find("solver")) {
        decode_solver(*s, c);
    }
    if (auto n = root.find("standard_day_h")) {
        // Finite and in [1, 24] hours: the minutes (60..1440) convert to an integer exactly.
        c.standard_day = std::chrono::minutes{std::lround(n->number(1.0, 24.0) * 60.0)};
    }
    if (auto n = root.find("lang")) {
        c.lang = n->string();
        if (c.lang != "en" && c.lang != "zh-CN") {
            n->fail("\"en\" or \"zh-CN\"");
        }
    }
    if (auto n = root.find("contract_hours_per_week")) {
        c.contract_hours_per_week = n->number(1.0, 168.0);
    }
    return c;
}

} // namespace wfm::plan
