// Resource actions (SPEC §8): start stop restart startstandby boot shutdown provision unprovision
// and the 1.x shortcuts, through the engine's executor.
#include <chrono>

#include <spdlog/spdlog.h>

#include <svcagent/error.hpp>

#include "cli/context.hpp"
#include "cli/handlers.hpp"
#include "cli/session.hpp"
#include "config/converters.hpp"
#include "engine/executor.hpp"
#include "engine/lock.hpp"
#include "engine/planner.hpp"
#include "model/instance_eval.hpp"
#include "util/strings.hpp"

namespace svcagent::cli {

namespace {

// Step 9 of §8.2: the status refresh after the walk, with a fresh probe cache.
class SessionRefresher final : public engine::StatusRefresher {
public:
    SessionRefresher(CommandContext& ctx, Session& session) : m_ctx(ctx), m_session(session) {}
    std::optional<Status> refresh(engine::ServiceGraph& /*graph*/, spdlog::logger& /*log*/) override {
        if (m_ctx.options().dry_run) {
            return std::nullopt;
        }
        return refresh_status(m_ctx, m_session).avail;
    }

private:
    CommandContext& m_ctx;
    Session& m_session;
};

// "do start --rid fs#1" (SPEC §15).
std::string action_line(const CommandContext& ctx) {
    const Options& o = ctx.options();
    std::string line = "do " + std::string{ctx.action().name};
    if (!o.rid.empty()) {
        line += " --rid " + util::join(o.rid, ",");
    }
    if (!o.tags.empty()) {
        line += " --tags " + util::join(o.tags, ",");
    }
    if (!o.subsets.empty()) {
        line += " --subsets " + util::join(o.subsets, ",");
    }
    for (const auto& [flag, on] : {std::pair{"--force", o.force}, {"--confirm", o.confirm},
                                   {"--dry-run", o.dry_run}, {"--disable-rollback", o.disable_rollback}}) {
        if (on) {
            line += std::string{" "} + flag;
        }
    }
    return line;
}

std::string elapsed_text(std::chrono::steady_clock::duration d) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
    return fmt::format("{}:{:02}:{:02}.{:03}", ms / 3600000, (ms / 60000) % 60, (ms / 1000) % 60, ms % 1000);
}

}  // namespace

int resource_action(CommandContext& ctx) {
    const Options& o = ctx.options();
    auto session = open_session(ctx, true);
    engine::ActionRequest request;
    request.action = std::string{ctx.action().name};
    for (const auto& r : o.rid) {
        for (auto& item : engine::parse_list(r)) {
            request.selection.rids.push_back(item);
        }
    }
    request.selection.tags = util::join(o.tags, ",");
    for (const auto& s : o.subsets) {
        for (auto& item : engine::parse_list(s)) {
            request.selection.subsets.push_back(item);
        }
    }
    request.options = session->options;
    request.follower = o.follower;
    request.node_env = session->config->node_config().env;
    if (o.waitlock) {
        try {
            request.waitlock = std::chrono::seconds{config::to_duration(*o.waitlock)};
        } catch (const std::exception&) {
            throw UsageError("invalid --waitlock \"" + *o.waitlock + "\" (expected a duration, e.g. 30s)");
        }
    }
    const auto started = std::chrono::steady_clock::now();
    session->log->info(action_line(ctx));
    engine::LockManager locks;
    ProbeCache probes(session->runner(), *session->log);
    SessionRefresher refresher(ctx, *session);
    engine::Executor executor(ctx.node(), session->runner(), probes, session->log, locks,
                              engine::ExecutorHooks{.peers = nullptr, .status = &refresher});
    int rc = 0;
    try {
        executor.run(session->graph, request);
    } catch (const UsageError&) {
        throw;
    } catch (const Error& e) {
        session->log->error(e.what());
        rc = 1;
    }
    if (!o.dry_run && ctx.node().is_root) {
        model::refresh_cached_monitor(ctx.node().paths, ctx.service());
    }
    const std::string done = fmt::format("{} done in {} - rc {}", ctx.action().name,
                                         elapsed_text(std::chrono::steady_clock::now() - started), rc);
    if (rc == 0) {
        session->log->info(done);
    } else {
        session->log->error(done);
    }
    return rc;
}

}  // namespace svcagent::cli
