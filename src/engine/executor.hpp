#pragma once

// One state-changing resource action on one service, through the phases of SPEC §8.2:
// pre-checks, lock, service triggers, abort phase, walk, rollback, status refresh, monitor.json.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <svcagent/driver.hpp>
#include <svcagent/node_info.hpp>
#include <svcagent/status.hpp>

#include "engine/graph.hpp"
#include "engine/lock.hpp"
#include "engine/planner.hpp"

namespace spdlog {
class logger;
}

namespace svcagent::engine {

// Peer checks of SPEC §14.10 and §8.12, implemented by the multi-node code.
struct PeerVerdict {
    enum class Kind { ok, peer_up, unverifiable } kind = Kind::ok;
    std::string message;  // the refusal, e.g. "db1 is up on node2: ..."
};
class PeerChecker {
public:
    PeerChecker() = default;
    PeerChecker(const PeerChecker&) = delete;
    PeerChecker& operator=(const PeerChecker&) = delete;
    PeerChecker(PeerChecker&&) = delete;
    PeerChecker& operator=(PeerChecker&&) = delete;
    virtual ~PeerChecker() = default;
    // May this failover service start here (no peer runs it, every peer verified)?
    [[nodiscard]] virtual PeerVerdict check_start(const ServiceGraph& graph, const ActionOptions& options,
                                                  spdlog::logger& log) = 0;
    // §8.12: may it be unprovisioned here? (--force --confirm overrides; the checker logs that)
    [[nodiscard]] virtual PeerVerdict check_unprovision(const ServiceGraph& graph, const ActionOptions& options,
                                                        spdlog::logger& log) = 0;
};

// Default: a single node, no peers known; every check passes (logged at DEBUG).
class NoPeers final : public PeerChecker {
public:
    [[nodiscard]] PeerVerdict check_start(const ServiceGraph& graph, const ActionOptions& options,
                                          spdlog::logger& log) override;
    [[nodiscard]] PeerVerdict check_unprovision(const ServiceGraph& graph, const ActionOptions& options,
                                                spdlog::logger& log) override;
};

// Step 9 of §8.2: a full probe round writing status.json; returns the instance avail
// (nullopt: unknown, the final avail check is skipped).
class StatusRefresher {
public:
    StatusRefresher() = default;
    StatusRefresher(const StatusRefresher&) = delete;
    StatusRefresher& operator=(const StatusRefresher&) = delete;
    StatusRefresher(StatusRefresher&&) = delete;
    StatusRefresher& operator=(StatusRefresher&&) = delete;
    virtual ~StatusRefresher() = default;
    [[nodiscard]] virtual std::optional<Status> refresh(ServiceGraph& graph, spdlog::logger& log) = 0;
};

struct ActionRequest {
    // start stop restart startstandby boot shutdown provision unprovision, or a shortcut
    // (startip stopip startdisk stopdisk startfs stopfs startcontainer stopcontainer startapp stopapp)
    std::string action;
    Selection selection{};
    ActionOptions options{};  // force, confirm, dry_run, disable_rollback, env (action is set here)
    std::optional<std::chrono::milliseconds> waitlock{};  // --waitlock; nullopt: DEFAULT.lock_timeout
    bool follower = false;    // --follower
    std::string node_env = "TST";  // node.conf env (the PRD rule of §8.2)
};

struct ExecutorHooks {
    PeerChecker* peers = nullptr;         // null: NoPeers
    StatusRefresher* status = nullptr;    // null: no refresh, no final avail check
};

[[nodiscard]] bool is_executor_action(std::string_view action);

class Executor {
public:
    // `log` is the service logger ("<node>.<svc>"); resources log through its children.
    Executor(const NodeInfo& node, Runner& runner, ProbeCache& probes, std::shared_ptr<spdlog::logger> log,
             LockManager& locks, ExecutorHooks hooks = {});

    // Runs the action; returns on success (exit 0). Refusals and failures throw (exit 1):
    // ActionError, or the failing resource's own error (CommandError, ResourceError...).
    void run(ServiceGraph& graph, const ActionRequest& request);

private:
    struct Run;
    void run_locked(Run& run);
    void walk(Run& run, const std::string& action);
    void boot(Run& run);
    void pre_checks(const Run& run) const;
    void abort_phase(Run& run, const Plan& plan);
    void finish(Run& run, bool ok);

    const NodeInfo& m_node;
    Runner& m_runner;
    ProbeCache& m_probes;
    std::shared_ptr<spdlog::logger> m_log;
    LockManager& m_locks;
    NoPeers m_no_peers;
    ExecutorHooks m_hooks;
};

}  // namespace svcagent::engine
