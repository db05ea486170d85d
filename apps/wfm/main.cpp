// The `wfm` command-line tool: one executable, one subcommand per job.
#include "commands.hpp"

#include <wfm/core/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <utility>
#include <vector>

namespace wfm::app {
namespace {

std::vector<std::pair<int, command_factory>>& registry() {
    static std::vector<std::pair<int, command_factory>> commands;
    return commands;
}

} // namespace

bool register_command(int order, command_factory factory) {
    registry().emplace_back(order, std::move(factory));
    return true;
}

void add_registered_commands(CLI::App& app) {
    auto& commands = registry();
    std::stable_sort(commands.begin(), commands.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [order, factory] : commands) {
        factory(app);
    }
}

} // namespace wfm::app

int main(int argc, char** argv) {
    CLI::App app{"wfm: workforce management for contact centres (forecast, staff, schedule, "
                 "report)"};
    app.set_version_flag("--version", "wfm 0.1.0");
    app.require_subcommand(1);
    wfm::app::add_registered_commands(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    } catch (const wfm::error& e) {
        std::fputs(fmt::format("wfm: error: {}\n", e.what()).c_str(), stderr);
        return static_cast<int>(e.code());
    } catch (const std::exception& e) {
        std::fputs(fmt::format("wfm: internal error: {}\n", e.what()).c_str(), stderr);
        return static_cast<int>(wfm::exit_code::error);
    }
    return 0;
}
