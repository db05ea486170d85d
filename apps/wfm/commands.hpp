#pragma once
// Subcommand registry of the `wfm` tool: each cmd_*.cpp registers itself, so adding a command
// touches no shared file.

#include <CLI/CLI.hpp>

#include <functional>

namespace wfm::app {

/// Adds one subcommand (with its callback) to the application.
using command_factory = std::function<void(CLI::App&)>;

/// Registers a subcommand; `order` fixes its place in `wfm --help`.
bool register_command(int order, command_factory factory);

/// Adds every registered subcommand to `app`, in order.
void add_registered_commands(CLI::App& app);

} // namespace wfm::app

#define WFM_COMMAND_CONCAT_(a, b) a##b
#define WFM_COMMAND_NAME_(n) WFM_COMMAND_CONCAT_(wfm_registered_command_, n)
/// Each registration has a variable of its own (`__COUNTER__`), so the subcommands can share one
/// translation unit (the CLI is a unity build).
#define WFM_REGISTER_COMMAND(order, factory)                                                       \
    [[maybe_unused]] static const bool WFM_COMMAND_NAME_(__COUNTER__) =                            \
        ::wfm::app::register_command(order, factory)
