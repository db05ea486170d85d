// Shift-optimiser benchmark on instance files in the reference format
// (shared/reference/schedule/README.md), or on a generated 24/7 instance.
//
//   bm_schedule_instances FILE.json [--lp-bound X] [--time-limit S] [--seed N] [--iterations N]
//   bm_schedule_instances --generate-247 [--write FILE.json] [...same options]
//
// Prints one JSON object: objective, fit, shortage, redundancy, seconds, gap to the LP bound
// given on the command line, and the solver's own Lagrangian bound.
#include <wfm/core/error.hpp>
#include <wfm/schedule/config.hpp>
#include <wfm/schedule/lp.hpp>
#include <wfm/schedule/solve.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

using nlohmann::json;

/// A cyclic 24/7 week on 15-minute intervals with full- and part-time templates starting every
/// 15 minutes, rests and meals, any two days off, and a 30% part-time cap. Deterministic.
json generate_247(std::uint64_t seed) {
    const int periods = 96;
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> noise(0.0, 0.06);
    json doc;
    doc["interval_minutes"] = 15;
    doc["days"] = 7;
    doc["periods_per_day"] = periods;
    doc["cyclic"] = true;
    std::vector<double> required;
    const double day_factor[7] = {1.15, 1.05, 1.0, 1.0, 1.05, 0.8, 0.7};
    for (int d = 0; d < 7; ++d) {
        for (int i = 0; i < periods; ++i) {
            const double h = i / 4.0;
            // night floor plus morning and afternoon peaks (agents)
            const double curve = 6.0 + 38.0 * std::exp(-std::pow((h - 10.5) / 2.5, 2)) +
                                 30.0 * std::exp(-std::pow((h - 15.5) / 3.0, 2)) +
                                 12.0 * std::exp(-std::pow((h - 20.0) / 2.0, 2));
            required.push_back(
                std::max(0.0, std::round(curve * day_factor[d] * (1.0 + noise(rng)))));
        }
    }
    doc["required"] = required;
    std::vector<int> all_starts;
    for (int s = 0; s < periods; ++s) {
        all_starts.push_back(s);
    }
    auto brk = [](const char* name, int len, int lo, int hi, bool paid) {
        return json{
            {"name", name}, {"length", len}, {"earliest", lo}, {"latest", hi}, {"paid", paid}};
    };
    json templates = json::array();
    templates.push_back({{"name", "FT8"},
                         {"length", 36},
                         {"starts", all_starts},
                         {"cost_per_shift", 8.0},
                         {"breaks",
                          {brk("rest1", 1, 6, 12, true), brk("lunch", 4, 14, 20, false),
                           brk("rest2", 1, 24, 30, true)}}});
    templates.push_back({{"name", "FT7"},
                         {"length", 32},
                         {"starts", all_starts},
                         {"cost_per_shift", 7.0},
                         {"breaks",
                          {brk("rest1", 1, 6, 10, true), brk("lunch", 4, 12, 18, false),
                           brk("rest2", 1, 22, 27, true)}}});
    templates.push_back({{"name", "PT4"},
                         {"length", 16},
                         {"starts", all_starts},
                         {"cost_per_shift", 4.0},
                         {"part_time", true},
                         {"breaks", {brk("rest1", 1, 6, 10, true)}}});
    templates.push_back({{"name", "PT6"},
                         {"length", 24},
                         {"starts", all_starts},
                         {"cost_per_shift", 5.5},
                         {"part_time", true},
                         {"breaks", {brk("rest1", 1, 5, 9, true), brk("meal", 2, 10, 14, false)}}});
    doc["shift_templates"] = templates;
    json patterns = json::array();
    for (int a = 0; a < 7; ++a) {
        for (int b = a + 1; b < 7; ++b) {
            std::vector<int> p(7, 1);
            p[static_cast<std::size_t>(a)] = 0;
            p[static_cast<std::size_t>(b)] = 0;
            patterns.push_back(p);
        }
    }
    doc["days_off_patterns"] = patterns;
    doc["constraints"] = {{"max_part_time_share", 0.3}};
    doc["weights"] = {{"labour", 1.0}, {"under", 1.5}, {"over", 0.1}};
    return doc;
}

[[noreturn]] void usage(const std::string& why) {
    std::fprintf(stderr,
                 "bm_schedule_instances: %s\nusage: bm_schedule_instances (FILE.json | "
                 "--generate-247 [--write FILE]) [--lp-bound X] [--time-limit SECONDS] [--seed N] "
                 "[--iterations N] [--start auto|greedy|lp] [--core-release SHARE] [--lp-only]\n",
                 why.c_str());
    std::exit(2);
}

} // namespace

namespace {

using start_kind = wfm::schedule::solve_options::start_kind;

struct bm_args {
    std::string file;
    std::string write;
    bool generated = false;
    bool lp_only = false;
    start_kind start = start_kind::automatic;
    double lp_bound = NAN;
    double time_limit = 5.0;
    double core_release = wfm::schedule::solve_options{}.core_release;
    std::uint64_t seed = 1;
    std::uint64_t iterations = 0;
};

start_kind parse_start(const std::string& v) {
    if (v != "auto" && v != "greedy" && v != "lp") {
        usage("--start takes auto, greedy or lp, got " + v);
    }
    return v == "lp" ? start_kind::lp : v == "greedy" ? start_kind::greedy : start_kind::automatic;
}

bm_args parse_args(int argc, char** argv) {
    bm_args b;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                usage(a + " needs a value");
            }
            return argv[++i];
        };
        if (a == "--lp-bound") {
            b.lp_bound = std::stod(value());
        } else if (a == "--time-limit") {
            b.time_limit = std::stod(value());
        } else if (a == "--seed") {
            b.seed = std::stoull(value());
        } else if (a == "--iterations") {
            b.iterations = std::stoull(value());
        } else if (a == "--start") {
            b.start = parse_start(value());
        } else if (a == "--core-release") {
            b.core_release = std::stod(value());
        } else if (a == "--lp-only") {
            b.lp_only = true;
        } else if (a == "--generate-247") {
            b.generated = true;
        } else if (a == "--write") {
            b.write = value();
        } else if (!a.empty() && a[0] != '-' && b.file.empty()) {
            b.file = a;
        } else {
            usage("unknown argument " + a);
        }
    }
    if (b.file.empty() == !b.generated) {
        usage("give one instance file or --generate-247");
    }
    return b;
}

json load_instance(const bm_args& b) {
    if (b.generated) {
        json doc = generate_247(b.seed);
        if (!b.write.empty()) {
            std::ofstream(b.write) << doc.dump() << '\n';
        }
        return doc;
    }
    std::ifstream in(b.file);
    if (!in) {
        usage("cannot read " + b.file);
    }
    return json::parse(in);
}

json nullable(double v) {
    return std::isnan(v) ? json(nullptr) : json(v);
}

int run_lp_only(const wfm::schedule::problem& p, const bm_args& b) {
    const auto t0 = std::chrono::steady_clock::now();
    wfm::schedule::lp_options lo;
    lo.time_limit = std::chrono::milliseconds(static_cast<long>(b.time_limit * 1000));
    const auto lp = wfm::schedule::lp_relaxation(p, lo);
    const double lp_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const auto tours = wfm::schedule::round_lp(p, lp);
    const auto m = wfm::schedule::metrics_of(p, tours);
    json out;
    out["lp_value"] = lp.value;
    out["lp_lower_bound"] = lp.lower_bound ? json(*lp.lower_bound) : json(nullptr);
    out["converged"] = lp.converged;
    out["rounds"] = lp.rounds;
    out["pivots"] = lp.pivots;
    out["lp_seconds"] = lp_s;
    out["note"] = lp.note;
    out["rounded_objective"] = wfm::schedule::objective(p, m);
    out["rounded_valid"] = wfm::schedule::validate(p, tours).empty();
    out["lp_bound_given"] = nullable(b.lp_bound);
    std::cout << out.dump(2) << '\n';
    return 0;
}

int run_solve(const wfm::schedule::problem& p, const json& doc, const bm_args& b) {
    wfm::schedule::solve_options o;
    o.seed = b.seed;
    o.max_iterations = b.iterations;
    o.time_limit = std::chrono::milliseconds(static_cast<long>(b.time_limit * 1000));
    if (b.iterations > 0) {
        o.time_limit = std::chrono::hours(1);
    }
    o.start = b.start;
    o.core_release = b.core_release;
    const auto s = wfm::schedule::solve(p, o);
    const auto problems = wfm::schedule::validate(p, s.tours);
    json out;
    out["instance"] = b.generated ? std::string("generated_247") : b.file;
    out["status"] = s.status == wfm::schedule::solve_status::feasible ? "feasible" : "infeasible";
    out["objective"] = s.objective;
    out["fit"] = s.metrics.fit;
    out["shortage"] = s.metrics.shortage;
    out["redundancy"] = s.metrics.redundancy;
    out["labour_cost"] = s.metrics.labour_cost;
    out["headcount"] = s.metrics.headcount;
    out["seconds"] = s.seconds;
    out["iterations"] = s.iterations;
    out["lp_bound"] = nullable(b.lp_bound);
    out["gap_to_lp_bound"] =
        std::isnan(b.lp_bound) ? json(nullptr) : json((s.objective - b.lp_bound) / s.objective);
    // the solver's own bound: the LP's when the LP-guided start ran, else Lagrangian
    out["lower_bound"] = s.lower_bound ? json(*s.lower_bound) : json(nullptr);
    out["gap_to_lower_bound"] = s.gap ? json(*s.gap) : json(nullptr);
    out["bound_note"] = s.bound_note;
    out["valid"] = problems.empty();
    out["tours_by_template"] = s.metrics.tours_by_template;
    out["templates"] = doc.contains("shift_templates") ? doc["shift_templates"].size() : 0;
    std::cout << out.dump(2) << '\n';
    return problems.empty() ? 0 : 1;
}

} // namespace

int main(int argc, char** argv) {
    try {
        const bm_args b = parse_args(argc, argv);
        const json doc = load_instance(b);
        const wfm::schedule::problem p = wfm::schedule::problem_from_instance(doc);
        return b.lp_only ? run_lp_only(p, b) : run_solve(p, doc, b);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bm_schedule_instances: %s\n", e.what());
        return 1;
    }
}
