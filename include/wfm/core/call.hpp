#pragma once
/// One contact from a per-call log, as the service standard counts it.

#include <chrono>
#include <string>

namespace wfm {

/// A contact that reached (or tried to reach) the agent queue. Customer identifiers are never
/// kept.
struct call_record {
    std::chrono::local_seconds arrival{}; ///< when the contact entered the agent queue stage
    bool offered = true;                  ///< reached the agent queue
    bool answered = false;                ///< an agent took it (offered − answered = abandoned)
    double wait_s = 0.0;   ///< seconds queued: until answer, or until hang-up when abandoned
    double handle_s = 0.0; ///< talk + hold + wrap-up seconds of an answered contact
    std::string channel = "voice";
    std::string queue; ///< the queue it entered (Anonymous Bank `type`); empty = its channel
    std::string agent; ///< empty when the log names no agent
};

} // namespace wfm
