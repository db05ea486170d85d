// The Erlang engine used header-only: this program is built without the wfm library (and without
// fmt or nlohmann/json; Boost's headers only) and reproduces every reference vector of
// tests/data/erlang/vectors.csv at the tolerances of vectors_test.cpp. Usage: PROGRAM vectors.csv
#include "../reference_vectors.hpp"

#include <wfm/erlang.hpp>

#include <cstdio>
#include <exception>
#include <set>
#include <string>

#if defined(FMT_VERSION) || defined(NLOHMANN_JSON_VERSION_MAJOR)
#error "the header-only Erlang engine must not need fmt or nlohmann/json"
#endif

int main(int argc, char** argv) {
    using namespace wfm_test::erlang_vectors;
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s vectors.csv\n", argv[0]);
        return 2;
    }
    try {
        const auto rows = read_vectors(argv[1]);
        std::set<std::string> covered;
        std::size_t checks = 0;
        std::size_t failures = 0;
        for (const row& r : rows) {
            covered.insert(r.at("model") + "," + r.at("metric"));
            for (const check& c : checks_of(r)) {
                ++checks;
                if (!c.ok) {
                    ++failures;
                    std::fprintf(stderr, "FAILED: %s\n", c.what.c_str());
                }
            }
        }
        // the same counts as vectors_test.cpp: 257 rows, 44 (model, metric) pairs
        if (rows.size() != 257 || covered.size() != 44) {
            std::fprintf(stderr, "FAILED: %zu rows, %zu (model, metric) pairs\n", rows.size(),
                         covered.size());
            return 1;
        }
        std::printf("%zu rows, %zu checks, %zu failed\n", rows.size(), checks, failures);
        return failures == 0 ? 0 : 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "FAILED: %s\n", e.what());
        return 1;
    }
}
