#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace spdlog {
class logger;
}

namespace svcagent {

enum class Effect { changes_state, probe };  // dry-run skips the first kind only

// One external command: an argument vector, never a shell string.
struct Command {
    std::vector<std::string> argv;  // argv[0] resolved through PATH
    std::chrono::milliseconds timeout{std::chrono::seconds{60}};
    std::vector<std::pair<std::string, std::string>> env{};  // set on top of the agent's environment
    std::optional<std::filesystem::path> cwd{};
    std::string input{};  // empty: stdin is /dev/null
    Effect effect = Effect::changes_state;
};

struct CommandResult {
    int exit_code = -1;
    int term_signal = 0;
    bool timed_out = false;
    std::string out, err;  // kept apart, each capped at 1 MiB
    std::chrono::milliseconds elapsed{};
    [[nodiscard]] bool ok() const noexcept { return exit_code == 0 && term_signal == 0 && !timed_out; }
};

class Runner {
public:
    Runner() = default;
    Runner(const Runner&) = delete;
    Runner& operator=(const Runner&) = delete;
    Runner(Runner&&) = delete;
    Runner& operator=(Runner&&) = delete;
    virtual ~Runner() = default;
    // Logs the command (INFO for changes_state, DEBUG for probes) before running it,
    // and its output after. Never throws for a non-zero exit: see run_checked().
    [[nodiscard]] virtual CommandResult run(const Command& cmd, spdlog::logger& log) = 0;
};

// Runs cmd; throws CommandError unless result.ok().
CommandResult run_checked(Runner& runner, const Command& cmd, spdlog::logger& log);

// "mount -t xfs /dev/db1/data '/srv/my data'": argv for humans and logs (quoted where needed).
[[nodiscard]] std::string display_argv(const std::vector<std::string>& argv);

}  // namespace svcagent
