// Every row of reference/erlang/vectors.csv (60-digit values, two methods each) at 1e-9.
#include <wfm/erlang/formulas.hpp>
#include <wfm/erlang/queue.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace wfm::erlang;
using row = std::map<std::string, std::string>;

// The file is plain RFC 4180 with quoted notes; a tiny reader keeps this test independent of io.
std::vector<std::string> split_csv_line(const std::string& line) {
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

std::vector<row> read_vectors() {
    std::ifstream in(WFM_TEST_DATA_DIR "/erlang/vectors.csv");
    REQUIRE(in.good());
    std::string line;
    std::getline(in, line);
    const auto header = split_csv_line(line);
    std::vector<row> rows;
    while (std::getline(in, line)) {
        if (line.empty()) {
            continue;
        }
        const auto fields = split_csv_line(line);
        REQUIRE(fields.size() == header.size());
        row r;
        for (std::size_t i = 0; i < header.size(); ++i) {
            r[header[i]] = fields[i];
        }
        rows.push_back(r);
    }
    return rows;
}

double num(const row& r, const std::string& column) {
    return std::stod(r.at(column));
}

void check_close(const row& r, double computed) {
    const double expected = num(r, "value");
    INFO(r.at("case_id") << " " << r.at("model") << " " << r.at("metric") << ": expected "
                         << expected << ", computed " << computed);
    if (std::abs(expected) < 1e-3) {
        CHECK(std::abs(computed - expected) <= std::max(1e-12, 1e-9 * std::abs(expected)));
    } else {
        CHECK(std::abs(computed - expected) <= 1e-9 * std::abs(expected));
    }
}

queue queue_of(const row& r, model kind) {
    queue q;
    q.arrivals_per_s = num(r, "calls") / num(r, "interval_s");
    q.aht = seconds_d{num(r, "aht_s")};
    q.kind = kind;
    if (!r.at("patience_s").empty()) {
        q.patience = seconds_d{num(r, "patience_s")};
    }
    if (!r.at("lines").empty()) {
        q.lines = std::stol(r.at("lines"));
    }
    return q;
}

double metric_of(const metrics& m, const std::string& name) {
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
    const auto it = by_name.find(name);
    REQUIRE(it != by_name.end());
    return it->second;
}

// Targets spelled in a staffing row's metric name.
targets targets_of(const row& r) {
    const std::string name = r.at("metric");
    targets t;
    t.sl_time = seconds_d{num(r, "t_s")};
    if (name == "min_agents_sl80" || name == "min_agents_sl80_maxocc0.85" ||
        name == "min_agents_answered20_over_offered_ge_0.8") {
        t.service_level = 0.8;
    }
    if (name == "min_agents_sl80_maxocc0.85") {
        t.max_occupancy = 0.85;
    }
    if (name == "min_agents_asa_le_120s") {
        t.max_asa = seconds_d{120};
    }
    REQUIRE((t.service_level || t.max_asa));
    return t;
}

} // namespace

TEST_CASE("erlang: every reference vector is reproduced to 1e-9 and every staffing row exactly",
          "[erlang]") {
    const auto rows = read_vectors();
    REQUIRE(rows.size() == 257);
    std::set<std::string> covered;
    std::size_t checked = 0;
    for (const row& r : rows) {
        const std::string& kind = r.at("model");
        const std::string& metric = r.at("metric");
        covered.insert(kind + "," + metric);
        if (kind == "ErlangB" || kind == "ErlangB_continuous") {
            const double n = num(r, "agents");
            if (metric == "load_for_blocking_0.01") {
                check_close(r, erlang_b_load(n, 0.01));
            } else {
                check_close(r, erlang_b(n, num(r, "offered_load_erl")));
            }
        } else if (kind == "ErlangC_continuous") {
            check_close(r, erlang_c(num(r, "agents"), num(r, "offered_load_erl")));
        } else if (kind == "ChatConcurrency_finite_source") {
            queue q{.arrivals_per_s = 0.0,
                    .aht = seconds_d{500},
                    .concurrency = static_cast<int>(num(r, "agents")),
                    .compose_ratio = 0.75};
            check_close(r, metric == "effective_concurrency"
                               ? effective_concurrency(q.concurrency, q.compose_ratio)
                               : session_handle_time(q).count());
        } else {
            const model m = kind == "ErlangC" ? model::erlang_c : model::erlang_a;
            const queue q = queue_of(r, m);
            CHECK(std::abs(offered_load(q) - num(r, "offered_load_erl")) <=
                  1e-12 * offered_load(q));
            if (metric.rfind("min_agents", 0) == 0) {
                const staffing s = staff(q, targets_of(r));
                INFO(r.at("case_id") << " " << metric);
                CHECK(s.status == staffing_status::ok);
                CHECK(s.agents == std::stol(r.at("value")));
                CHECK(s.agents_fractional <= static_cast<double>(s.agents));
                CHECK(s.agents_fractional > static_cast<double>(s.agents) - 1.0);
            } else {
                const metrics at = evaluate(q, num(r, "agents"), seconds_d{num(r, "t_s")});
                check_close(r, metric_of(at, metric));
            }
        }
        ++checked;
    }
    CHECK(checked == rows.size());
    CHECK(covered.size() == 44); // every (model, metric) pair in the file
}
