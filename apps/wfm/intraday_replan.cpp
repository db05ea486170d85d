// `wfm intraday --plan DIR` (see intraday_replan.hpp). Placeholder of the interface commit: the
// re-plan is issue 14's work in progress.
#include "intraday_replan.hpp"

#include <wfm/core/error.hpp>

namespace wfm::app {

void run_replan(const replan_request& /*request*/) {
    throw invalid_argument("wfm intraday --plan: the re-plan is not built yet");
}

} // namespace wfm::app
