#include <wfm/io/csv.hpp>
#include <wfm/io/series_csv.hpp>
#include <wfm/io/sim_csv.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace wfm::io {
namespace {

constexpr double max_agents = 1e6;

// Checks every cell of the value column (a located error for an empty, NA, negative or, for
// agents, fractional value) before the series reader checks the timestamps.
void check_cells(const std::string& text, const std::string& path, const std::string& column,
                 bool whole) {
    const auto t = parse_csv(text, path);
    const auto c = t.column(column);
    for (std::size_t r = 0; r < t.rows(); ++r) {
        const double v = t.non_negative(r, c, whole ? max_agents : 1e9);
        if (whole && v != std::floor(v)) {
            throw t.error_at(r, c,
                             fmt::format("expected a whole number of agents, got '{}'",
                                         message_excerpt(t.field(r, c))));
        }
    }
}

series_table read_one(const std::filesystem::path& path, const std::string& column, bool whole,
                      const series_read_options* like) {
    const auto text = read_file(path);
    check_cells(text, path.string(), column, whole);
    series_read_options o;
    o.columns = {column};
    o.max_value = whole ? max_agents : 1e9;
    auto table = parse_series_csv(text, path.string(), o);
    if (like != nullptr && table.grid.minutes() != like->grid->minutes()) {
        throw parse_error(path.string(), 1, 1, "interval_start",
                          fmt::format("the coverage is on a {}-minute grid, the forecast on a "
                                      "{}-minute grid",
                                      table.grid.minutes(), like->grid->minutes()));
    }
    return table;
}

} // namespace

sim_inputs read_sim_inputs(const std::filesystem::path& forecast,
                           const std::filesystem::path& coverage) {
    const auto f = read_one(forecast, "volume", false, nullptr);
    series_read_options like;
    like.grid = f.grid;
    const auto c = read_one(coverage, "agents", true, &like);
    const auto& volume = f.at("volume");
    const auto& agents = c.at("agents");
    sim_inputs in;
    in.grid = f.grid;
    in.start = volume.start();
    for (std::size_t i = 0; i < volume.size(); ++i) {
        in.volume.push_back(volume.observed(i) ? volume.value(i) : 0.0);
        const auto k = agents.index_of(volume.time_at(i));
        in.agents.push_back(k && agents.observed(*k) ? static_cast<int>(agents.value(*k)) : 0);
    }
    return in;
}

std::string format_sim_csv(interval_grid grid, timestamp start,
                           const std::vector<sim::interval_figures>& rows) {
    using f = sim::interval_figures;
    static constexpr std::pair<const char*, sim::estimate f::*> columns[] = {
        {"offered", &f::offered},
        {"answered", &f::answered},
        {"abandoned", &f::abandoned},
        {"answered_within_t", &f::answered_within_t},
        {"sl", &f::sl},
        {"asa_s", &f::asa_s},
        {"starts", &f::starts},
        {"abandonments", &f::abandonments},
        {"busy_agents", &f::busy_agents},
        {"p_wait", &f::p_wait},
        {"waiting_at_end", &f::waiting_at_end}};
    std::string out = "interval_start";
    for (const auto& [name, member] : columns) {
        out += fmt::format(",{0},{0}_ci", name);
    }
    out += '\n';
    for (std::size_t i = 0; i < rows.size(); ++i) {
        out += format_timestamp(start + grid.step() * static_cast<long>(i));
        for (const auto& [name, member] : columns) {
            const sim::estimate& e = rows[i].*member;
            out += e.defined ? fmt::format(",{:.6g},{:.6g}", e.mean, e.half_width) : ",,";
        }
        out += '\n';
    }
    return out;
}

namespace {

using row = plan::sim_row;
constexpr std::pair<const char*, sim::estimate row::*> sim_counts[] = {
    {"offered", &row::offered},
    {"answered", &row::answered},
    {"abandoned", &row::abandoned},
    {"waiting_at_end", &row::waiting_at_end}};
constexpr std::pair<const char*, plan::sim_metric row::*> sim_metrics[] = {
    {"sl", &row::service_level},
    {"answer_rate", &row::answer_rate},
    {"asa_s", &row::asa_s},
    {"abandon", &row::abandon},
    {"occupancy", &row::occupancy}};

std::string cell(double v) {
    return fmt::format("{:.6g}", v);
}

void csv_row(std::string& out, const std::string& queue, const char* period, const row& r) {
    out += fmt::format("{},{},{},{},{}", queue, period, format_timestamp(r.start), r.open ? 1 : 0,
                       cell(r.forecast));
    for (const auto& [name, member] : sim_counts) {
        const auto& e = r.*member;
        out += fmt::format(",{},{}", cell(e.mean), cell(e.half_width));
    }
    for (const auto& [name, member] : sim_metrics) {
        const auto& m = r.*member;
        out += m.sim.defined ? fmt::format(",{},{}", cell(m.sim.mean), cell(m.sim.half_width))
                             : std::string{",,"};
        out += m.erlang ? "," + cell(*m.erlang) : std::string{","};
        out += m.flagged ? ",1" : ",0";
    }
    out += '\n';
}

nlohmann::json estimate_json(const sim::estimate& e) {
    if (!e.defined) {
        return {{"mean", nullptr}, {"ci", nullptr}};
    }
    return {{"mean", e.mean}, {"ci", e.half_width}};
}

nlohmann::json row_json(const row& r) {
    nlohmann::json j{{"start", format_timestamp(r.start)},
                     {"open", r.open},
                     {"forecast", r.forecast},
                     {"flagged", r.flagged()}};
    for (const auto& [name, member] : sim_counts) {
        j[name] = estimate_json(r.*member);
    }
    for (const auto& [name, member] : sim_metrics) {
        const auto& m = r.*member;
        auto e = estimate_json(m.sim);
        e["erlang"] = m.erlang ? nlohmann::json(*m.erlang) : nlohmann::json(nullptr);
        e["flagged"] = m.flagged;
        j[name] = e;
    }
    return j;
}

} // namespace

std::string format_plan_sim_csv(const plan::plan_simulation& s) {
    std::string out = "queue,period,start,open,forecast";
    for (const auto& [name, member] : sim_counts) {
        out += fmt::format(",{0},{0}_ci", name);
    }
    for (const auto& [name, member] : sim_metrics) {
        out += fmt::format(",{0},{0}_ci,erlang_{0},{0}_flag", name);
    }
    out += '\n';
    for (const auto& q : s.queues) {
        csv_row(out, q.name, "week", q.week);
        for (const auto& d : q.days) {
            csv_row(out, q.name, "day", d);
        }
        for (const auto& i : q.intervals) {
            csv_row(out, q.name, "interval", i);
        }
    }
    return out;
}

nlohmann::json plan_sim_json(const plan::plan_simulation& s) {
    nlohmann::json j{{"week_start", format_date(s.week_start)},
                     {"interval_minutes", s.grid.minutes()},
                     {"replications", s.replications},
                     {"seed", s.seed},
                     {"confidence", s.confidence},
                     {"contacts", s.contacts}};
    auto& queues = j["queues"] = nlohmann::json::array();
    for (const auto& q : s.queues) {
        nlohmann::json jq{{"name", q.name},
                          {"pool", q.pool},
                          {"sl_target", q.sl_target},
                          {"sl_time_s", q.sl_time_s},
                          {"sl_other_definition", q.sl_other_definition},
                          {"flagged_intervals", plan::flagged_intervals(q)},
                          {"week", row_json(q.week)}};
        auto& days = jq["days"] = nlohmann::json::array();
        for (const auto& d : q.days) {
            days.push_back(row_json(d));
        }
        auto& intervals = jq["intervals"] = nlohmann::json::array();
        for (const auto& i : q.intervals) {
            intervals.push_back(row_json(i));
        }
        queues.push_back(std::move(jq));
    }
    return j;
}

} // namespace wfm::io
