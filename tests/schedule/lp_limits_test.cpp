// The LP with side limits on weekly instances: the LP-guided start under a part-time share, its
// bound, and reproducible solves without an iteration budget.
#include "shared_data.hpp"
#include <wfm/schedule/config.hpp>
#include <wfm/schedule/lp.hpp>
#include <wfm/schedule/problem.hpp>
#include <wfm/schedule/solve.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

using namespace wfm::schedule;

namespace {

std::optional<problem> instance(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) {
        return std::nullopt;
    }
    std::stringstream text;
    text << in.rdbuf();
    return problem_from_instance(nlohmann::json::parse(text.str()));
}

solution run_limited(const problem& p, solve_options::start_kind start, std::uint64_t iterations) {
    solve_options o;
    o.seed = 1;
    o.max_iterations = iterations;
    o.time_limit = std::chrono::seconds{120}; // a safety cap the budget stays far below
    o.start = start;
    return solve(p, o);
}

int part_time_tours(const problem& p, const solution& s) {
    int n = 0;
    for (const tour& t : s.tours) {
        n += p.templates[static_cast<std::size_t>(t.template_index)].part_time ? 1 : 0;
    }
    return n;
}

/// The LP start is used under the part-time share, meets it, and is no worse than greedy for
/// the same iteration budget; the bound is the LP's and below both.
void lp_start_beats_greedy(const problem& p, std::uint64_t iterations) {
    REQUIRE(p.limits.max_part_time_share);
    const solution lp = run_limited(p, solve_options::start_kind::automatic, iterations);
    const solution greedy = run_limited(p, solve_options::start_kind::greedy, iterations);
    CHECK(lp.status == solve_status::feasible);
    CHECK(validate(p, lp.tours).empty());
    CHECK(validate(p, greedy.tours).empty());
    CHECK(part_time_tours(p, lp) <= *p.limits.max_part_time_share * lp.metrics.headcount + 1e-9);
    CHECK(part_time_tours(p, lp) > 0); // the share binds: part-time tours are cheaper
    INFO("LP start " << lp.objective << ", greedy " << greedy.objective);
    CHECK(lp.objective <= greedy.objective + 1e-9);
    CHECK(lp.bound_note.find("LP relaxation (column generation with the side limits)") == 0);
    REQUIRE(lp.lower_bound);
    CHECK(*lp.lower_bound <= lp.objective + 1e-9);
    CHECK(*lp.lower_bound <= greedy.objective + 1e-9);
    CHECK(!lp.clock_stopped);
}

} // namespace

TEST_CASE("lp: under a part-time share the LP start is used and beats greedy (bundled week)",
          "[schedule][lp]") {
    const auto p = instance(WFM_TEST_DATA_DIR "/schedule/week60_part_time.json");
    REQUIRE(p);
    lp_start_beats_greedy(*p, 300000);
    // the LP with the share is stronger than the one without
    problem free = *p;
    free.limits = {};
    const lp_result with = lp_relaxation(*p, {.time_limit = std::chrono::seconds{60}});
    const lp_result without = lp_relaxation(free, {.time_limit = std::chrono::seconds{60}});
    REQUIRE(with.lower_bound);
    REQUIRE(without.lower_bound);
    CHECK(*with.lower_bound > *without.lower_bound);
}

TEST_CASE("lp: under a part-time share the LP start is used and beats greedy (week30)",
          "[schedule][lp][shared]") {
    const auto file = wfm::test::shared_path("reference/schedule/week30_21patterns.json");
    WFM_REQUIRE_SHARED(file);
    auto p = instance(file);
    REQUIRE(p);
    // the instance has no part-time templates: the 4 h and 6 h ones become part-time
    p->templates[0].part_time = true;
    p->templates[1].part_time = true;
    p->limits.max_part_time_share = 0.3;
    lp_start_beats_greedy(*p, 2000000);
}

TEST_CASE("schedule: two solves with only a time limit give identical tours", "[schedule][lp]") {
    const auto p = instance(WFM_TEST_DATA_DIR "/schedule/week60_part_time.json");
    REQUIRE(p);
    solve_options o;
    o.seed = 3;
    o.time_limit = std::chrono::seconds{60}; // no iteration budget: one derived from the size
    const solution a = solve(*p, o);
    const solution b = solve(*p, o);
    REQUIRE(a.tours.size() == b.tours.size());
    for (std::size_t i = 0; i < a.tours.size(); ++i) {
        CHECK(a.tours[i].template_index == b.tours[i].template_index);
        CHECK(a.tours[i].pattern_index == b.tours[i].pattern_index);
        CHECK(a.tours[i].starts == b.tours[i].starts);
        CHECK(a.tours[i].break_offsets == b.tours[i].break_offsets);
    }
    CHECK(a.objective == b.objective);
    CHECK(a.iterations == b.iterations);
    CHECK(a.iterations >= 200000); // the derived budget, not the clock
    CHECK(!a.clock_stopped);
    CHECK(a.bound_note.find("not reproducible") == std::string::npos);
    // a time limit too short for that budget says so
    o.time_limit = std::chrono::milliseconds{30};
    const solution cut = solve(*p, o);
    CHECK(cut.clock_stopped);
    CHECK(cut.bound_note.find("not reproducible: the time limit stopped") != std::string::npos);
}
