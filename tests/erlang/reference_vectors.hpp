#pragma once
// The rows of tests/data/erlang/vectors.csv and the checks each row asks for (60-digit values,
// two methods each, at 1e-9; staffing rows exactly). Shared by vectors_test.cpp (Catch2, linked
// with wfm) and header_only/main.cpp (no wfm library): the file needs the Erlang headers alone.
#include <wfm/erlang.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace wfm_test::erlang_vectors {

using row = std::map<std::string, std::string>;

// The file is plain RFC 4180 with quoted notes; a tiny reader keeps the tests independent of io.
inline std::vector<std::string> split_csv_line(const std::string& line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                fields.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                fields.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else if (c != '\r') {
            fields.back() += c;
        }
    }
    return fields;
}

// Every row of the file; throws std::runtime_error when it cannot be read or a row is ragged.
inline std::vector<row> read_vectors(const std::string& path) {
    std::ifstream in(path);
    if (!in.good()) {
        throw std::runtime_error("cannot read " + path);
    }
    std::string line;
    std::getline(in, line);
    const auto header = split_csv_line(line);
    std::vector<row> rows;
    while (std::getline(in, line)) {
        if (line.empty()) {
            continue;
        }
        const auto fields = split_csv_line(line);
        if (fields.size() != header.size()) {
            throw std::runtime_error("ragged row: " + line);
        }
        row r;
        for (std::size_t i = 0; i < header.size(); ++i) {
            r[header[i]] = fields[i];
        }
        rows.push_back(r);
    }
    return rows;
}

inline double num(const row& r, const std::string& column) {
    return std::stod(r.at(column));
}

/// One checked statement about a row: what was compared, and whether it held.
struct check {
    std::string what;
    bool ok;
};

inline check close_to_value(const row& r, double computed) {
    const double expected = num(r, "value");
    std::ostringstream what;
    what.precision(17);
    what << r.at("case_id") << " " << r.at("model") << " " << r.at("metric") << ": expected "
         << expected << ", computed " << computed;
    const double tolerance = std::abs(expected) < 1e-3 ? std::max(1e-12, 1e-9 * std::abs(expected))
                                                       : 1e-9 * std::abs(expected);
    return {what.str(), std::abs(computed - expected) <= tolerance};
}

inline wfm::erlang::queue queue_of(const row& r, wfm::erlang::model kind) {
    wfm::erlang::queue q;
    q.arrivals_per_s = num(r, "calls") / num(r, "interval_s");
    q.aht = wfm::erlang::seconds_d{num(r, "aht_s")};
    q.kind = kind;
    if (!r.at("patience_s").empty()) {
        q.patience = wfm::erlang::seconds_d{num(r, "patience_s")};
    }
    if (!r.at("lines").empty()) {
        q.lines = std::stol(r.at("lines"));
    }
    return q;
}

// The metric of a row by its name in the file; throws for an unknown name.
inline double metric_of(const wfm::erlang::metrics& m, const std::string& name) {
    const std::map<std::string, double> by_name{
        {"p_block", m.p_block},
        {"p_wait", m.p_wait},
        {"p_abandon", m.p_abandon},
        {"p_virtual_wait_gt_t", m.p_virtual_wait_gt_t},
        {"p_wait_gt_t", m.p_wait_gt_t},
        {"p_served_and_wait_gt_t", m.p_served_and_wait_gt_t},
        {"sl_answered_within_t_over_offered", m.sl_answered_within_t_over_offered},
        {"sl_answered_within_t_over_answered", m.sl_answered_within_t_over_answered},
        {"sl_virtual", m.sl_virtual},
        {"asa_all_s", m.asa_all_s},
        {"asa_served_s", m.asa_served_s},
        {"mean_virtual_wait_s", m.mean_virtual_wait_s},
        {"avg_queue_len", m.avg_queue_len},
        {"occupancy", m.occupancy},
        // Erlang C names
        {"sl", m.sl_answered_within_t_over_offered},
        {"asa_s", m.asa_served_s},
        {"erlang_b", m.erlang_b},
    };
    return by_name.at(name);
}

// Targets spelled in a staffing row's metric name; throws when the name sets none.
inline wfm::erlang::targets targets_of(const row& r) {
    const std::string name = r.at("metric");
    wfm::erlang::targets t;
    t.sl_time = wfm::erlang::seconds_d{num(r, "t_s")};
    if (name == "min_agents_sl80" || name == "min_agents_sl80_maxocc0.85" ||
        name == "min_agents_answered20_over_offered_ge_0.8") {
        t.service_level = 0.8;
    }
    if (name == "min_agents_sl80_maxocc0.85") {
        t.max_occupancy = 0.85;
    }
    if (name == "min_agents_asa_le_120s") {
        t.max_asa = wfm::erlang::seconds_d{120};
    }
    if (!t.service_level && !t.max_asa) {
        throw std::runtime_error("no target in " + name);
    }
    return t;
}

inline void staffing_checks(const row& r, const wfm::erlang::queue& q, std::vector<check>& out) {
    using namespace wfm::erlang;
    const staffing s = staff(q, targets_of(r));
    const std::string id = r.at("case_id") + " " + r.at("metric") + ": ";
    const auto whole = static_cast<double>(s.agents);
    out.push_back({id + "status ok", s.status == staffing_status::ok});
    out.push_back({id + "agents " + std::to_string(s.agents) + " == " + r.at("value"),
                   s.agents == std::stol(r.at("value"))});
    out.push_back({id + "fractional <= agents", s.agents_fractional <= whole});
    out.push_back({id + "fractional > agents - 1", s.agents_fractional > whole - 1.0});
}

/// Every check of one row (the model and metric columns say what to compute).
inline std::vector<check> checks_of(const row& r) {
    using namespace wfm::erlang;
    const std::string& kind = r.at("model");
    const std::string& metric = r.at("metric");
    if (kind == "ErlangB" || kind == "ErlangB_continuous") {
        const double n = num(r, "agents");
        return {close_to_value(r, metric == "load_for_blocking_0.01"
                                      ? erlang_b_load(n, 0.01)
                                      : erlang_b(n, num(r, "offered_load_erl")))};
    }
    if (kind == "ErlangC_continuous") {
        return {close_to_value(r, erlang_c(num(r, "agents"), num(r, "offered_load_erl")))};
    }
    if (kind == "ChatConcurrency_finite_source") {
        queue q;
        q.aht = seconds_d{500};
        q.concurrency = static_cast<int>(num(r, "agents"));
        q.compose_ratio = 0.75;
        return {close_to_value(r, metric == "effective_concurrency"
                                      ? effective_concurrency(q.concurrency, q.compose_ratio)
                                      : session_handle_time(q).count())};
    }
    const queue q = queue_of(r, kind == "ErlangC" ? model::erlang_c : model::erlang_a);
    std::vector<check> out{
        {r.at("case_id") + ": offered load",
         std::abs(offered_load(q) - num(r, "offered_load_erl")) <= 1e-12 * offered_load(q)}};
    if (metric.rfind("min_agents", 0) == 0) {
        staffing_checks(r, q, out);
    } else {
        const metrics at = evaluate(q, num(r, "agents"), seconds_d{num(r, "t_s")});
        out.push_back(close_to_value(r, metric_of(at, metric)));
    }
    return out;
}

} // namespace wfm_test::erlang_vectors
