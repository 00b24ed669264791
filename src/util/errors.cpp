#include <svcagent/error.hpp>

#include <fmt/format.h>

namespace svcagent {

std::string Origin::str() const {
    if (line > 0) {
        return fmt::format("{}:{}", file, line);
    }
    return file;
}

namespace {
std::string located(const Origin& where, std::string_view message) {
    const std::string place = where.str();
    return place.empty() ? std::string{message} : fmt::format("{}: {}", place, message);
}

std::string describe(const Command& cmd, const CommandResult& result) {
    std::string text = display_argv(cmd.argv) + ": ";
    if (result.timed_out) {
        text += fmt::format("timed out after {} ms", cmd.timeout.count());
    } else if (result.term_signal != 0) {
        text += fmt::format("killed by signal {}", result.term_signal);
    } else {
        text += fmt::format("exit code {}", result.exit_code);
    }
    auto block = [](std::string_view name, const std::string& data) {
        std::string trimmed = data;
        while (!trimmed.empty() && (trimmed.back() == '\n' || trimmed.back() == ' ')) {
            trimmed.pop_back();
        }
        return fmt::format("\n  {}: {}", name, trimmed.empty() ? "(empty)" : trimmed);
    };
    text += block("stdout", result.out);
    text += block("stderr", result.err);
    return text;
}
}  // namespace

ConfigError::ConfigError(Origin where, std::string_view message)
    : Error(located(where, message)), m_where(std::move(where)), m_message(message) {}

CommandError::CommandError(const Command& cmd, CommandResult result)
    : Error(describe(cmd, result)), m_argv(cmd.argv), m_result(std::move(result)) {}

ResourceError::ResourceError(std::string rid, std::string_view message)
    : Error(fmt::format("{}: {}", rid, message)), m_rid(std::move(rid)) {}

RemoteError::RemoteError(std::string node, std::string_view message)
    : Error(fmt::format("{}: {}", node, message)), m_node(std::move(node)) {}

}  // namespace svcagent
