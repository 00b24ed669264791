#pragma once

#include <mutex>
#include <string>
#include <vector>

#include <svcagent/runner.hpp>

namespace svcagent::testing {

// A Runner for unit tests (STYLE §3.3): records every Command and answers from a script matched
// by argv prefix. The longest matching prefix wins; among equal prefixes the latest rule wins.
// An unscripted command fails the current test (ADD_FAILURE) and gets exit code 127.
// Logs like the PosixRunner (argv before, output after), so driver tests can check log lines.
class RecordingRunner final : public svcagent::Runner {
public:
    struct Reply {
        int exit_code = 0;
        std::string out{};
        std::string err{};
        bool timed_out = false;
        int term_signal = 0;
    };

    // Every command starting with `prefix` gets `reply`.
    RecordingRunner& on(std::vector<std::string> prefix, Reply reply);
    RecordingRunner& on(std::vector<std::string> prefix);  // exit 0, no output
    // Successive commands starting with `prefix` get the replies in order; the last one repeats.
    RecordingRunner& on_sequence(std::vector<std::string> prefix, std::vector<Reply> replies);

    [[nodiscard]] CommandResult run(const Command& cmd, spdlog::logger& log) override;

    [[nodiscard]] std::vector<Command> commands() const;  // in call order
    [[nodiscard]] std::vector<std::vector<std::string>> argvs() const;
    [[nodiscard]] std::size_t count(const std::vector<std::string>& prefix) const;  // calls matching it
    void clear_commands();

private:
    struct Rule {
        std::vector<std::string> prefix;
        std::vector<Reply> replies;
        std::size_t used = 0;
    };
    mutable std::mutex m_mutex;
    std::vector<Rule> m_rules;
    std::vector<Command> m_commands;
};

[[nodiscard]] bool starts_with(const std::vector<std::string>& argv, const std::vector<std::string>& prefix);

}  // namespace svcagent::testing
