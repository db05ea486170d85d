#include <wfm/core/error.hpp>
#include <wfm/erlang/queue.hpp>
#include <wfm/forecast/backtest.hpp>
#include <wfm/io/csv.hpp>
#include <wfm/report/plan.hpp>
#include <wfm/report/requirements_csv.hpp>
#include <wfm/report/schedule_csv.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <set>

namespace wfm::report {
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
        for (const auto& [key, value] : v.items()) {
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

// Re-roots a config_error raised on a sub-document at `prefix`.
template <class F> auto rooted(const std::string& prefix, F f) {
    try {
        return f();
    } catch (const config_error& e) {
        const std::string what = e.what();
        const std::string own = e.json_path() + ": ";
        const std::string message = what.rfind(own, 0) == 0 ? what.substr(own.size()) : what;
        throw config_error(prefix + (e.json_path() == "/" ? "" : e.json_path()), message);
    }
}

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
    c.shifts = rooted("/shifts", [&] { return schedule::config_from_json(root.at("shifts").v); });
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

namespace {

struct channel_week {
    const erlang::channel_settings* settings = nullptr;
    forecast::forecast_result fc;
    time_series aht;                         // forecast AHT on the week
    std::vector<interval_outcome> intervals; // every interval of the week
    std::vector<bool> open;
};

// The channel's history on the plan grid.
channel_history on_grid(const channel_history& h, interval_grid grid, const std::string& name) {
    if (h.volume.grid() == grid) {
        return h;
    }
    if (!h.volume.grid().divides(grid) || h.volume.grid().minutes() > grid.minutes()) {
        throw invalid_argument(fmt::format("plan: {} history is on a {} grid, which cannot be "
                                           "aggregated to the plan's {}",
                                           name, h.volume.grid().name(), grid.name()));
    }
    channel_history out{aggregate_sum(h.volume, grid), std::nullopt};
    if (h.aht_s) {
        out.aht_s = aggregate_weighted_mean(*h.aht_s, h.volume, grid);
    }
    return out;
}

local_date last_day(const time_series& s) {
    for (std::size_t i = s.size(); i-- > 0;) {
        if (s.state(i) != slot_state::closed) {
            return day_of(s.time_at(i));
        }
    }
    throw invalid_argument("plan: the history has no open interval");
}

void fill_prediction(interval_outcome& o, const erlang::channel_settings& ch, double available,
                     std::chrono::minutes step) {
    if (o.volume <= 0.0) {
        return;
    }
    const erlang::seconds_d interval{static_cast<double>(step.count()) * 60.0};
    const auto q = erlang::channel_queue(ch, o.volume / (1.0 - ch.self_service_rate), interval,
                                         erlang::seconds_d{o.aht_s});
    if (available <= 1e-9) {
        o.service_level = 0.0;
        o.answer_rate = ch.kind == erlang::model::erlang_c ? std::optional<double>{} : 0.0;
        o.abandon = ch.kind == erlang::model::erlang_a ? std::optional<double>{1.0} : std::nullopt;
        return;
    }
    const auto m = erlang::evaluate(q, available, ch.goals.sl_time);
    if (!m.stable) { // Erlang C overloaded: the queue grows without bound
        o.service_level = 0.0;
        o.occupancy = 1.0;
        return;
    }
    o.service_level = m.service_level(ch.goals.sl_kind);
    o.asa_s = m.asa_served_s;
    o.abandon = m.p_abandon;
    o.answer_rate = m.answer_rate();
    o.occupancy = m.occupancy;
}

} // namespace

plan_result run_plan(const plan_config& config,
                     const std::map<std::string, channel_history>& history,
                     const forecast::special_days& calendar, const plan_progress& progress) {
    constexpr int steps = 5;
    const auto say = [&](int k, const std::string& what) {
        if (progress) {
            progress(k, steps, what);
        }
    };
    if (config.channels.empty()) {
        throw invalid_argument("plan: no channels");
    }
    const interval_grid grid = config.grid;
    const auto step = grid.step();
    const auto slots = static_cast<std::size_t>(grid.slots_per_week());

    // The shift rules must fit the grid before any work is done.
    (void)rooted("/shifts", [&] {
        return schedule::make_problem(config.shifts, grid.minutes(),
                                      std::vector<double>(slots, 0.0));
    });

    // 1. Forecast each channel over the planning week.
    say(1, "forecasting");
    std::map<std::string, channel_history> hist;
    local_date end_day{};
    for (const auto& ch : config.channels) {
        const auto it = history.find(ch.name);
        if (it == history.end()) {
            throw invalid_argument(fmt::format("plan: no history for channel '{}'", ch.name));
        }
        hist[ch.name] = on_grid(it->second, grid, ch.name);
        end_day = std::max(end_day, last_day(hist[ch.name].volume));
    }
    const local_date week = config.week ? *config.week : week_start(end_day) + std::chrono::days{7};
    const timestamp week_t{week};
    const timestamp origin = std::min(week_t, timestamp{end_day + std::chrono::days{1}});
    const auto horizon =
        std::chrono::duration_cast<std::chrono::minutes>(week_t + std::chrono::days{7} - origin);

    plan_result result;
    plan_report& rep = result.report;
    rep.title = config.title;
    rep.week_start = week;
    rep.grid = grid;
    rep.standard_working_day = config.standard_day;

    std::vector<channel_week> weeks;
    for (const auto& ch : config.channels) {
        const auto& h = hist[ch.name];
        forecast::forecast_options fo;
        fo.method = config.method;
        fo.horizon = horizon;
        fo.level = config.level;
        fo.calendar = calendar;
        channel_week w;
        w.settings = &ch;
        w.fc = forecast::forecast(h.volume, origin, fo);
        std::optional<time_series> aht;
        if (h.aht_s) {
            aht = forecast::forecast_aht(*h.aht_s, h.volume, origin, horizon);
        }
        w.intervals.resize(slots);
        w.open.assign(slots, false);
        for (std::size_t i = 0; i < slots; ++i) {
            const timestamp t = week_t + step * static_cast<long>(i);
            auto& o = w.intervals[i];
            o.start = t;
            const auto k = w.fc.point.index_of(t);
            if (!k || !w.fc.point.observed(*k)) {
                continue;
            }
            w.open[i] = true;
            const double keep = 1.0 - ch.self_service_rate;
            o.volume = w.fc.point.value(*k) * keep;
            o.volume_lower = w.fc.lower.value(*k) * keep;
            o.volume_upper = w.fc.upper.value(*k) * keep;
            const auto a = aht ? aht->index_of(t) : std::nullopt;
            if (a && aht->observed(*a)) {
                o.aht_s = aht->value(*a);
            } else if (ch.aht) {
                o.aht_s = ch.aht->count();
            } else {
                throw invalid_argument(fmt::format(
                    "plan: channel '{}' has no AHT history for {} and no aht_s in its settings",
                    ch.name, format_timestamp(t)));
            }
        }
        weeks.push_back(std::move(w));
    }

    // 2. Staffing requirement per channel and interval.
    say(2, "staffing");
    const erlang::seconds_d interval_s{static_cast<double>(step.count()) * 60.0};
    std::string req_csv{requirements_csv_header()};
    std::string fc_csv = "interval_start,channel,volume,lower,upper,aht_s\n";
    for (std::size_t i = 0; i < slots; ++i) {
        for (auto& w : weeks) {
            if (!w.open[i]) {
                continue;
            }
            const auto& ch = *w.settings;
            auto& o = w.intervals[i];
            const double total = o.volume / (1.0 - ch.self_service_rate);
            const auto r =
                erlang::staff_interval(ch, total, interval_s, erlang::seconds_d{o.aht_s});
            const auto& s = r.staffed;
            o.required = r.scheduled_agents;
            o.required_fractional = erlang::scheduled_agents(s.agents_fractional, ch.shrinkage);
            const std::string when = format_timestamp(o.start);
            req_csv += requirements_csv_row(o.start, ch, r);
            fc_csv += fmt::format("{},{},{:.4f},{:.4f},{:.4f},{:.2f}\n", when, ch.name, total,
                                  o.volume_lower / (1.0 - ch.self_service_rate),
                                  o.volume_upper / (1.0 - ch.self_service_rate), o.aht_s);
        }
    }
    result.forecast_csv = std::move(fc_csv);
    result.requirements_csv = std::move(req_csv);

    // 3. One schedule per pool.
    say(3, "scheduling");
    std::string sched_csv;
    std::string cov_csv;
    for (std::size_t p = 0; p < config.pools.size(); ++p) {
        const auto& pool = config.pools[p];
        std::vector<double> required(slots, 0.0);
        for (const auto& w : weeks) {
            if (std::find(pool.begin(), pool.end(), w.settings->name) == pool.end()) {
                continue;
            }
            for (std::size_t i = 0; i < slots; ++i) {
                required[i] += w.intervals[i].required;
            }
        }
        const std::string name = fmt::format("{}", fmt::join(pool, "+"));
        auto problem = rooted("/shifts", [&] {
            return schedule::make_problem(config.shifts, grid.minutes(), required);
        });
        auto solution = schedule::solve(problem, config.solver);
        sched_csv += schedule_csv(problem, solution, name, p == 0);
        cov_csv += coverage_csv(problem, solution, week, name, p == 0);

        schedule_summary sum;
        sum.pool = name;
        sum.status = solution.status == schedule::solve_status::feasible
                         ? "feasible"
                         : "infeasible: " + solution.message;
        sum.objective = solution.objective;
        sum.lower_bound = solution.lower_bound;
        sum.objective_unit = "objective";
        sum.solver_seconds = solution.seconds;
        for (std::size_t k = 0; k < problem.templates.size(); ++k) {
            template_usage u;
            u.name = problem.templates[k].name;
            for (const auto& t : solution.tours) {
                if (static_cast<std::size_t>(t.template_index) != k) {
                    continue;
                }
                ++u.headcount;
                const auto days =
                    std::count_if(t.starts.begin(), t.starts.end(), [](int s) { return s >= 0; });
                u.paid_hours += static_cast<double>(days) * problem.templates[k].cost;
            }
            if (u.headcount > 0) {
                sum.templates.push_back(std::move(u));
            }
        }
        rep.schedules.push_back(std::move(sum));
        result.problems.push_back(std::move(problem));
        result.solutions.push_back(std::move(solution));
    }
    result.schedule_csv = std::move(sched_csv);
    result.coverage_csv = std::move(cov_csv);

    // 4. Predicted outcome: the pool's coverage is shared by its channels in proportion to their
    // requirement, then shrinkage removes the unavailable part.
    say(4, "predicting the outcome");
    for (std::size_t p = 0; p < config.pools.size(); ++p) {
        const auto& pool = config.pools[p];
        const auto& coverage = result.solutions[p].coverage;
        for (std::size_t i = 0; i < slots; ++i) {
            double total_required = 0.0;
            std::size_t members = 0;
            for (const auto& w : weeks) {
                if (std::find(pool.begin(), pool.end(), w.settings->name) != pool.end()) {
                    total_required += w.intervals[i].required;
                    members += w.open[i] ? 1U : 0U;
                }
            }
            const double c = i < coverage.size() ? coverage[i] : 0.0;
            for (auto& w : weeks) {
                if (std::find(pool.begin(), pool.end(), w.settings->name) == pool.end()) {
                    continue;
                }
                auto& o = w.intervals[i];
                const double share = total_required > 0.0       ? o.required / total_required
                                     : members > 0 && w.open[i] ? 1.0 / static_cast<double>(members)
                                                                : 0.0;
                o.scheduled = c * share;
                if (w.open[i]) {
                    fill_prediction(o, *w.settings, o.scheduled * (1.0 - w.settings->shrinkage),
                                    step);
                }
            }
        }
    }

    // 5. The report, with the forecast's backtest evidence.
    say(5, "backtesting and reporting");
    for (auto& w : weeks) {
        const auto& ch = *w.settings;
        channel_plan cp;
        cp.name = ch.name;
        cp.target.service_level = ch.goals.service_level.value_or(0.0);
        cp.target.threshold =
            std::chrono::seconds{static_cast<long>(std::lround(ch.goals.sl_time.count()))};
        cp.target.sl_variant = std::string{erlang::sl_definition_name(ch.goals.sl_kind)};
        cp.target.max_abandon = ch.goals.max_abandon;
        if (ch.goals.max_asa) {
            cp.target.max_asa_s = ch.goals.max_asa->count();
        }
        cp.target.max_occupancy = ch.goals.max_occupancy;
        cp.shrinkage = ch.shrinkage;
        cp.self_service_rate = ch.self_service_rate;
        cp.concurrency = ch.concurrency;
        for (std::size_t i = 0; i < slots; ++i) {
            if (w.open[i] || w.intervals[i].scheduled > 0.0) {
                cp.intervals.push_back(w.intervals[i]);
            }
        }
        rep.channels.push_back(std::move(cp));

        if (config.backtest_origins > 0) {
            const auto before = clip(hist[ch.name].volume, hist[ch.name].volume.start(), origin);
            backtest_table table;
            table.channel = ch.name;
            table.chosen_method = w.fc.method.name();
            forecast::backtest_options bo;
            bo.horizon = 7 * 24h;
            bo.level = config.level;
            bo.calendar = calendar;
            std::vector<timestamp> origins;
            try {
                origins = forecast::weekly_origins(before, config.backtest_origins, bo.horizon);
            } catch (const invalid_argument& e) {
                rep.notes.push_back(fmt::format("{}: no backtest ({})", ch.name, e.what()));
            }
            if (!origins.empty()) {
                const auto bt = forecast::backtest(before, origins, bo);
                table.origins = static_cast<int>(bt.origins.size());
                for (const auto& m : bt.methods) {
                    table.rows.push_back({m.method.name(), m.overall.mae, m.overall.rmse,
                                          m.overall.wape, m.overall.mase, m.overall.bias,
                                          m.overall.coverage});
                }
                rep.backtests.push_back(std::move(table));
            }
        }
    }
    return result;
}

} // namespace wfm::report
