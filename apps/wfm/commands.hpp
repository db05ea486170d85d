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

#define WFM_REGISTER_COMMAND(order, factory)                                                       \
    [[maybe_unused]] static const bool wfm_registered_command_ =                                   \
        ::wfm::app::register_command(order, factory)
