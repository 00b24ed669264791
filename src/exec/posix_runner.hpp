#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include <svcagent/runner.hpp>

namespace svcagent::exec {

// The fixed PATH of SPEC §1.5, used to resolve argv[0] and given to every command.
inline constexpr std::string_view k_command_path =
    "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

// Runs commands on this host (SPEC §8.13): argv[0] looked up in k_command_path (or used as is
// when it contains '/'), own process group, stdin from /dev/null or cmd.input through a pipe,
// stdout and stderr read through separate pipes (each kept up to output_cap bytes), other
// descriptors closed, umask 022, environment = the agent's + LANG=C LC_ALL=C PATH=<fixed> +
// cmd.env. On timeout: SIGTERM to the group, SIGKILL after kill_grace. Always reaps the child.
// A tool that is not found gives exit code 127 and stderr "<tool> not found in PATH".
class PosixRunner final : public Runner {
public:
    struct Options {
        std::chrono::milliseconds kill_grace{std::chrono::seconds{5}};
        std::size_t output_cap = std::size_t{1} << 20;
    };
    PosixRunner();
    explicit PosixRunner(Options options);
    [[nodiscard]] CommandResult run(const Command& cmd, spdlog::logger& log) override;

private:
    Options m_options;
    std::vector<std::string> m_base_env;  // the agent's environment, read once, "K=V"
};

// Resolves a program name through a colon-separated search path; empty when not found.
// A name containing '/' is returned as is when it is an executable file.
[[nodiscard]] std::string find_executable(std::string_view name, std::string_view search_path);

// The agent's environment plus LANG, LC_ALL and PATH of SPEC §1.5, then `extra` (later wins).
[[nodiscard]] std::vector<std::string>
command_environment(const std::vector<std::string>& base,
                    const std::vector<std::pair<std::string, std::string>>& extra);

}  // namespace svcagent::exec
