#pragma once

#include <memory>

#include <svcagent/driver.hpp>
#include <svcagent/probe_cache.hpp>

#include "cli/context.hpp"
#include "config/service_config.hpp"
#include "engine/graph.hpp"
#include "exec/dry_run_runner.hpp"
#include "exec/posix_runner.hpp"
#include "status/instance_status.hpp"

namespace svcagent::cli {

// Everything one command needs to act on one service: the validated config, the graph with its
// drivers, the logger, the runner (dry-run wraps the real one) and the options drivers see.
struct Session {
    std::unique_ptr<config::ServiceConfig> config;
    engine::ServiceGraph graph;
    std::shared_ptr<spdlog::logger> log;
    exec::PosixRunner posix;
    std::unique_ptr<exec::DryRunRunner> dry_run;
    ActionOptions options;

    [[nodiscard]] Runner& runner() { return dry_run ? static_cast<Runner&>(*dry_run) : posix; }
};

// Loads and validates the service (refusing errors), builds its graph. write_log: the service log
// file gets the lines too (state-changing actions, never with --dry-run).
[[nodiscard]] std::unique_ptr<Session> open_session(CommandContext& ctx, bool write_log);

// Status of the local instance per §10.8: the cache when fresh (or when not root), else a full
// evaluation written back to the cache. refresh forces the evaluation (root only).
[[nodiscard]] InstanceStatus instance_status(CommandContext& ctx, Session& session, bool refresh);

// Full evaluation with a fresh probe cache, written to status.json when root.
[[nodiscard]] InstanceStatus refresh_status(CommandContext& ctx, Session& session);

}  // namespace svcagent::cli
