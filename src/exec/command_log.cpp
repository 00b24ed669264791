#include "exec/command_log.hpp"

#include <spdlog/logger.h>

#include "util/strings.hpp"

namespace svcagent::exec {

namespace {

void log_block(spdlog::logger& log, spdlog::level::level_enum level, std::string_view title,
               const std::string& text) {
    const auto lines = util::split_lines(text);
    if (lines.empty()) {
        return;
    }
    log.log(level, "{}", title);
    for (const auto& line : lines) {
        log.log(level, "{}", line);
    }
}

std::string describe_status(const CommandResult& result) {
    if (result.timed_out) {
        return "timed out";
    }
    if (result.term_signal != 0) {
        return fmt::format("killed by signal {}", result.term_signal);
    }
    return fmt::format("exit code {}", result.exit_code);
}

}  // namespace

void log_command_start(spdlog::logger& log, const Command& cmd) {
    const auto level = cmd.effect == Effect::probe ? spdlog::level::debug : spdlog::level::info;
    log.log(level, "{}", display_argv(cmd.argv));
}

void log_command_end(spdlog::logger& log, const Command& cmd, const CommandResult& result) {
    const bool probe = cmd.effect == Effect::probe;
    const auto out_level = probe ? spdlog::level::debug : spdlog::level::info;
    const auto err_level = probe         ? spdlog::level::debug
                           : result.ok() ? spdlog::level::info
                                         : spdlog::level::err;
    log_block(log, out_level, "output:", result.out);
    log_block(log, err_level, "stderr:", result.err);
    if (result.timed_out) {
        const auto ms = cmd.timeout.count();
        const std::string duration = ms % 1000 == 0 ? fmt::format("{}s", ms / 1000) : fmt::format("{}ms", ms);
        log.error("timeout exceeded ({}): {}", duration, display_argv(cmd.argv));
    }
    log.debug("{} in {} ms", describe_status(result), result.elapsed.count());
}

}  // namespace svcagent::exec
