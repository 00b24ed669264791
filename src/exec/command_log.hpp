#pragma once

#include <svcagent/runner.hpp>

namespace spdlog {
class logger;
}

namespace svcagent::exec {

// The log lines of SPEC §15 around one external command, shared by every Runner.

// Before: "<argv>" at INFO (DEBUG for a probe).
void log_command_start(spdlog::logger& log, const Command& cmd);

// After: "output:" then one line per stdout line (INFO, DEBUG for a probe); "stderr:" then one
// line per stderr line (INFO when the command succeeded, ERROR otherwise; DEBUG for a probe);
// at DEBUG the exit status and the elapsed time; a timeout at ERROR.
void log_command_end(spdlog::logger& log, const Command& cmd, const CommandResult& result);

}  // namespace svcagent::exec
