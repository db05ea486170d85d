// The `wfm` command-line tool: one executable, one subcommand per job.
#include "commands.hpp"

#include <wfm/core/error.hpp>
#include <wfm/io/csv.hpp>

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

// A CLI11 usage error (a missing or unknown flag, a flag without its value, options that
// require or exclude each other) as one line and the usage exit code 2, like every bad value.
int usage_error(const CLI::App& app, const CLI::ParseError& e) {
    const auto parsed = app.get_subcommands();
    const std::string command = parsed.empty() ? std::string{} : parsed.front()->get_name();
    std::fputs(fmt::format("wfm: error: {}{} (see 'wfm {}--help')\n",
                           command.empty() ? "" : command + ": ",
                           io::message_excerpt(e.what(), 300), command.empty() ? "" : command + " ")
                   .c_str(),
               stderr);
    return static_cast<int>(exit_code::invalid_argument);
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
    } catch (const CLI::Success& e) { // --help, --version
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        return wfm::app::usage_error(app, e);
    } catch (const wfm::error& e) {
        std::fputs(fmt::format("wfm: error: {}\n", e.what()).c_str(), stderr);
        return static_cast<int>(e.code());
    } catch (const std::exception& e) {
        std::fputs(fmt::format("wfm: internal error: {}\n", e.what()).c_str(), stderr);
        return static_cast<int>(wfm::exit_code::error);
    }
    return 0;
}
