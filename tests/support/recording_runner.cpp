#include "support/recording_runner.hpp"

#include <algorithm>

#include <gtest/gtest.h>

#include "exec/command_log.hpp"

namespace svcagent::testing {

bool starts_with(const std::vector<std::string>& argv, const std::vector<std::string>& prefix) {
    return prefix.size() <= argv.size() && std::equal(prefix.begin(), prefix.end(), argv.begin());
}

RecordingRunner& RecordingRunner::on(std::vector<std::string> prefix, Reply reply) {
    return on_sequence(std::move(prefix), {std::move(reply)});
}

RecordingRunner& RecordingRunner::on(std::vector<std::string> prefix) {
    return on(std::move(prefix), Reply{});
}

RecordingRunner& RecordingRunner::on_sequence(std::vector<std::string> prefix, std::vector<Reply> replies) {
    if (replies.empty()) {
        throw std::logic_error("RecordingRunner::on_sequence: no reply");
    }
    const std::lock_guard lock{m_mutex};
    m_rules.push_back({std::move(prefix), std::move(replies)});
    return *this;
}

CommandResult RecordingRunner::run(const Command& cmd, spdlog::logger& log) {
    exec::log_command_start(log, cmd);
    CommandResult result;
    {
        const std::lock_guard lock{m_mutex};
        m_commands.push_back(cmd);
        Rule* best = nullptr;
        for (auto& rule : m_rules) {
            if (starts_with(cmd.argv, rule.prefix) &&
                (best == nullptr || rule.prefix.size() >= best->prefix.size())) {
                best = &rule;
            }
        }
        if (best == nullptr) {
            ADD_FAILURE() << "unscripted command: " << display_argv(cmd.argv);
            result.exit_code = 127;
            result.err = "unscripted command";
        } else {
            const Reply& reply = best->replies[std::min(best->used, best->replies.size() - 1)];
            ++best->used;
            result.exit_code = reply.exit_code;
            result.out = reply.out;
            result.err = reply.err;
            result.timed_out = reply.timed_out;
            result.term_signal = reply.term_signal;
        }
    }
    exec::log_command_end(log, cmd, result);
    return result;
}

std::vector<Command> RecordingRunner::commands() const {
    const std::lock_guard lock{m_mutex};
    return m_commands;
}

std::vector<std::vector<std::string>> RecordingRunner::argvs() const {
    const std::lock_guard lock{m_mutex};
    std::vector<std::vector<std::string>> result;
    result.reserve(m_commands.size());
    for (const auto& cmd : m_commands) {
        result.push_back(cmd.argv);
    }
    return result;
}

std::size_t RecordingRunner::count(const std::vector<std::string>& prefix) const {
    const std::lock_guard lock{m_mutex};
    return static_cast<std::size_t>(
        std::count_if(m_commands.begin(), m_commands.end(),
                      [&](const Command& cmd) { return starts_with(cmd.argv, prefix); }));
}

void RecordingRunner::clear_commands() {
    const std::lock_guard lock{m_mutex};
    m_commands.clear();
}

}  // namespace svcagent::testing
