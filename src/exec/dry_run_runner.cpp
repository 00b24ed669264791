#include "exec/dry_run_runner.hpp"

#include <spdlog/logger.h>

namespace svcagent::exec {

CommandResult DryRunRunner::run(const Command& cmd, spdlog::logger& log) {
    if (cmd.effect == Effect::probe) {
        return m_inner.run(cmd, log);
    }
    log.info("would run: {}", display_argv(cmd.argv));
    CommandResult result;
    result.exit_code = 0;
    return result;
}

}  // namespace svcagent::exec
