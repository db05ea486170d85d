// The plan configuration's decoder (wfm::decode): every error a config_error at its JSON pointer,
// `expected …, got …`.
#include <wfm/core/error.hpp>
#include <wfm/plan/config.hpp>

#include "../core/json_decode.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <set>

namespace wfm::plan {
namespace {

using json = nlohmann::json;
using decode::node;

constexpr const char* pools_expected =
    "\"separate\", \"blended\" or a list of pools (queue lists or {\"name\": …, \"queues\": […]})";

void decode_pool_mode(const node& n, const std::vector<std::string>& names, plan_config& c) {
    const std::string mode = n.string();
    if (mode == "separate") {
        for (const auto& name : names) {
            c.pools.push_back({name});
        }
    } else if (mode == "blended") {
        c.pools.push_back(names);
    } else {
        n.fail(pools_expected);
    }
}

// One pool: a list of queue names, or {"name": …, "queues": [names]}; its name (given, or the
// queue names joined by `+`) and its queues.
std::pair<std::string, node> pool_list(const node& p) {
    if (p.value().is_object()) {
        p.keys({"name", "queues"});
        const node name = p.at("name", "a pool name");
        if (!name.value().is_string() || name.string().empty() || name.string().size() > 60) {
            name.fail("a pool name of 1 to 60 characters");
        }
        return {name.string(), p.at("queues", "a non-empty list of queue names")};
    }
    return {"", p};
}

void decode_pool_list(const node& n, const std::vector<std::string>& names, plan_config& c) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < n.value().size(); ++i) {
        const auto [given, p] = pool_list(n.at(i));
        if (!p.value().is_array() || p.value().empty()) {
            p.fail("a non-empty list of queue names");
        }
        c.pools.emplace_back();
        for (std::size_t k = 0; k < p.value().size(); ++k) {
            const node q = p.at(k);
            const std::string name = q.string();
            if (std::find(names.begin(), names.end(), name) == names.end()) {
                q.fail("a queue named in /queues (or /channels)");
            }
            if (!seen.insert(name).second) {
                q.fail("a queue not already in another pool");
            }
            c.pools.back().push_back(name);
        }
        c.pool_names.push_back(given);
    }
    for (const auto& name : names) {
        if (!seen.contains(name)) {
            n.fail_with(fmt::format("expected every queue in a pool, got queue \"{}\" in none",
                                    decode::escaped_excerpt(name)));
        }
    }
}

void decode_pools(const node& n, const std::vector<std::string>& names, plan_config& c) {
    if (n.value().is_string()) {
        decode_pool_mode(n, names, c);
    } else if (!n.value().is_array() || n.value().empty()) {
        n.fail(pools_expected);
    } else {
        decode_pool_list(n, names, c);
    }
    c.pool_names.resize(c.pools.size());
    std::set<std::string> seen;
    for (std::size_t p = 0; p < c.pools.size(); ++p) {
        if (c.pool_names[p].empty()) {
            c.pool_names[p] = fmt::format("{}", fmt::join(c.pools[p], "+"));
        }
        if (!seen.insert(c.pool_names[p]).second) {
            n.at(p).fail_with(fmt::format("expected a pool not named before, got \"{}\" again",
                                          decode::escaped_excerpt(c.pool_names[p])));
        }
    }
}

// `"week_start": "Sun"`: the weekday that starts the planning week.
void decode_week_start(const node& root, plan_config& c) {
    if (auto n = root.find("week_start")) {
        c.week_start = n->choice<int>(
            {{"Mon", 0}, {"Tue", 1}, {"Wed", 2}, {"Thu", 3}, {"Fri", 4}, {"Sat", 5}, {"Sun", 6}});
    }
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
    decode_week_start(root, c);
    if (auto n = root.find("week")) {
        static constexpr std::array<const char*, 7> days{
            "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
        const auto d = try_parse_date(n->string());
        if (!d || weekday_index(*d) != c.week_start) {
            n->fail(fmt::format("the {} that starts the planning week (week_start), as "
                                "\"YYYY-MM-DD\"",
                                days[static_cast<std::size_t>(c.week_start)]));
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
        c.level = n->number(1.0, 99.9) / 100.0;
    }
    if (auto n = f.find("backtest_origins")) {
        c.backtest_origins = static_cast<int>(n->integer(0, 52));
    }
}

// The old top-level `history.columns` (queue name → {"volume": …, "aht": …}); a queue whose
// block has its own `history` must not be named here too.
void decode_columns(const node& history, const node& queues, plan_config& c) {
    const auto cols = history.find("columns");
    if (!cols) {
        return;
    }
    if (!cols->value().is_object()) {
        cols->fail("an object of queue name → {\"volume\": …, \"aht\": …}");
    }
    for (const auto& item : cols->value().items()) {
        const node n = cols->child(item.key());
        const auto it = std::find_if(c.channels.begin(), c.channels.end(),
                                     [&](const auto& ch) { return ch.name == item.key(); });
        if (it == c.channels.end()) {
            n.fail("a queue named in /queues (or /channels)");
        }
        if (queues.at(static_cast<std::size_t>(it - c.channels.begin())).has("history")) {
            n.fail("a queue without its own history block");
        }
        n.keys({"volume", "aht"});
        auto& into = c.columns[item.key()];
        into.volume = n.string_or("volume", into.volume);
        into.aht = n.string_or("aht", into.aht);
    }
}

// "HH:MM" at `at` of a checked span as minutes.
int clock_at(const std::string& s, std::size_t at) {
    return std::stoi(s.substr(at, 2)) * 60 + std::stoi(s.substr(at + 3, 2));
}

// Opening and closing times must be on the plan's grid (no partial intervals).
void check_open_on_grid(const node& queues, const plan_config& c) {
    for (std::size_t q = 0; q < c.channels.size(); ++q) {
        const auto open = queues.at(q).find("open");
        if (!open) {
            continue;
        }
        for (const auto& item : open->value().items()) {
            const std::string span = item.value().get<std::string>();
            const int step = c.grid.minutes();
            if (clock_at(span, 0) % step != 0 || clock_at(span, 6) % step != 0) {
                open->child(item.key())
                    .fail(fmt::format("opening and closing times on the plan's {}-minute grid",
                                      step));
            }
        }
    }
}

// `queues` (or its alias `channels`): the queue blocks, their history columns and opening hours.
void decode_queues(const node& root, plan_config& c) {
    const bool alias = root.has("channels");
    json list = json::object();
    if (alias && root.has("queues")) {
        root.child("channels")
            .fail_with("expected either /queues or its alias /channels, got both");
    }
    const char* key = alias ? "channels" : "queues";
    if (auto n = root.find(key)) {
        list[key] = n->value();
    }
    std::vector<history_columns> cols;
    c.channels = erlang::decode_channels(list, &cols);
    for (std::size_t q = 0; q < c.channels.size(); ++q) {
        c.columns[c.channels[q].name] = cols[q];
    }
    const node queues = root.child(key);
    decode_columns(root.child("history"), queues, c);
    check_open_on_grid(queues, c);
}

void decode_solver(const node& s, plan_config& c) {
    s.keys({"seed", "time_limit_s", "iterations", "restarts", "start"});
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
    if (auto n = s.find("restarts")) {
        c.solver.restarts = static_cast<int>(n->integer(1, 64));
    }
    if (auto n = s.find("start")) {
        using start_kind = schedule::solve_options::start_kind;
        const std::string start = n->string();
        if (start == "auto") {
            c.solver.start = start_kind::automatic;
        } else if (start == "greedy") {
            c.solver.start = start_kind::greedy;
        } else if (start == "lp") {
            c.solver.start = start_kind::lp;
        } else {
            n->fail("\"auto\", \"greedy\" or \"lp\"");
        }
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
    root.keys({"title", "interval", "week", "week_start", "history", "special_days", "forecast",
               "queues", "channels", "pools", "shifts", "solver", "standard_day_h", "description",
               "lang", "contract_hours_per_week", "intraday", "simulate"});
    plan_config c;
    decode_header(root, c);
    const node history = root.at("history", "an object {\"file\": …}");
    history.keys({"file", "time_column", "columns"});
    c.history_file = history.string_at("file");
    c.time_column = history.string_or("time_column", c.time_column);
    if (auto f = root.find("forecast")) {
        decode_forecast(*f, c);
    }
    decode_queues(root, c);
    std::vector<std::string> names;
    for (const auto& ch : c.channels) {
        names.push_back(ch.name);
    }
    const json separate = "separate";
    const auto pools = root.find("pools");
    decode_pools(pools ? *pools : node{separate, "/pools"}, names, c);
    decode_shifts(root, c);
    c.shifts.week_start = c.week_start;
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
    if (auto n = root.find("simulate")) {
        n->keys({"replications", "seed"});
        c.simulate_replications = static_cast<int>(n->integer_at("replications", 2, 100000));
        c.simulate_seed = static_cast<std::uint64_t>(
            n->integer_or("seed", 0, std::numeric_limits<long long>::max(), 1));
    }
    if (auto n = root.find("intraday")) {
        c.intraday = decode_intraday_rules(n->value(), "/intraday");
    }
    return c;
}

} // namespace wfm::plan
