#pragma once
// Every fuzz target: `void name(std::string_view input)`, which returns on a wfm::error and
// lets anything else (a crash, another exception, a sanitizer report) escape. The libFuzzer
// harnesses call one each; tests/io/fuzz_regressions_test.cpp runs every kept reproducer in
// tests/data/fuzz/<name>/ through the same function in the normal build.

#include "targets/call_log.hpp"
#include "targets/csv.hpp"
#include "targets/json_channels.hpp"
#include "targets/json_plan.hpp"
#include "targets/json_scenarios.hpp"
#include "targets/json_schedule.hpp"
#include "targets/requirements.hpp"
#include "targets/series_csv.hpp"

#include <array>
#include <string_view>

namespace wfm::fuzz {

struct target {
    std::string_view name;
    void (*run)(std::string_view);
};

/// To add a target: a header in targets/, a row here, `wfm_add_fuzzer(name)` in CMakeLists.txt
/// and a seed or two in corpus/<name>/.
inline constexpr std::array targets{
    target{"csv", csv},
    target{"series_csv", series_csv},
    target{"call_log", call_log},
    target{"json_schedule", json_schedule},
    target{"json_channels", json_channels},
    target{"requirements", requirements},
    target{"json_plan", json_plan},
    target{"json_scenarios", json_scenarios},
};

} // namespace wfm::fuzz
