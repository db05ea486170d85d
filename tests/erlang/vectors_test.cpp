// Every row of reference/erlang/vectors.csv (60-digit values, two methods each) at 1e-9.
#include "reference_vectors.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>

TEST_CASE("erlang: every reference vector is reproduced to 1e-9 and every staffing row exactly",
          "[erlang]") {
    using namespace wfm_test::erlang_vectors;
    const auto rows = read_vectors(WFM_TEST_DATA_DIR "/erlang/vectors.csv");
    REQUIRE(rows.size() == 257);
    std::set<std::string> covered;
    std::size_t checked = 0;
    for (const row& r : rows) {
        covered.insert(r.at("model") + "," + r.at("metric"));
        for (const check& c : checks_of(r)) {
            INFO(c.what);
            CHECK(c.ok);
        }
        ++checked;
    }
    CHECK(checked == rows.size());
    CHECK(covered.size() == 44); // every (model, metric) pair in the file
}
