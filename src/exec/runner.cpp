#include <svcagent/error.hpp>
#include <svcagent/runner.hpp>

namespace svcagent {

namespace {
bool needs_quotes(const std::string& word) {
    if (word.empty()) {
        return true;
    }
    for (const char c : word) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                           std::string_view{"-_./=:,@%+#"}.find(c) != std::string_view::npos;
        if (!plain) {
            return true;
        }
    }
    return false;
}
}  // namespace

std::string display_argv(const std::vector<std::string>& argv) {
    std::string text;
    for (const auto& word : argv) {
        if (!text.empty()) {
            text += ' ';
        }
        if (!needs_quotes(word)) {
            text += word;
            continue;
        }
        text += '\'';
        for (const char c : word) {
            if (c == '\'') {
                text += "'\\''";
            } else {
                text += c;
            }
        }
        text += '\'';
    }
    return text;
}

CommandResult run_checked(Runner& runner, const Command& cmd, spdlog::logger& log) {
    CommandResult result = runner.run(cmd, log);
    if (!result.ok()) {
        throw CommandError(cmd, std::move(result));
    }
    return result;
}

}  // namespace svcagent
