#pragma once
/// One queue (channel × interval) and its Erlang B / C / A metrics, staffing and inverse questions
/// (header-only: the value types, the load, the metrics and the staffing search).
///
/// ```
/// using namespace std::chrono_literals;
/// erlang::queue q{.arrivals_per_s = 100.0 / 1800, .aht = 180s, .kind = erlang::model::erlang_a,
///                 .patience = 300s};
/// erlang::metrics m = erlang::evaluate(q, 14, 20s);
/// erlang::staffing s = erlang::staff(q, {.service_level = 0.8, .sl_time = 20s});
/// ```

#include <wfm/erlang/load.hpp>
#include <wfm/erlang/metrics.hpp>
#include <wfm/erlang/staff.hpp>
#include <wfm/erlang/types.hpp>
