#pragma once

// Step 6-7 of SPEC §8.2: the resource walk of a plan (serial and parallel sets, optional
// resources, resource-level triggers, the lock's running list) and the rollback of §8.7.

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <svcagent/driver.hpp>
#include <svcagent/node_info.hpp>

#include "engine/graph.hpp"
#include "engine/lock.hpp"
#include "engine/planner.hpp"

namespace spdlog {
class logger;
}

namespace svcagent::engine {

// Rids being acted upon; every change is written to the lock file (SPEC §13).
class RunningList {
public:
    explicit RunningList(LockGuard* lock) : m_lock(lock) {}
    void add(const std::string& rid);
    void remove(const std::string& rid);
    [[nodiscard]] std::vector<std::string> rids() const;

private:
    mutable std::mutex m_mutex;
    LockGuard* m_lock;
    std::vector<std::string> m_rids;
};

// At most this many workers run the members of one parallel set (SPEC §8.4).
inline constexpr std::size_t k_max_workers = 32;

struct WalkContext {
    ServiceGraph& graph;
    const NodeInfo& node;
    Runner& runner;
    ProbeCache& probes;
    const ActionOptions& options;  // options.action is the walk ("start", "stop", ...)
    spdlog::logger& log;           // the service logger
    std::vector<std::shared_ptr<spdlog::logger>> loggers;  // one per graph resource: "<base>.<rid>"
    RunningList& running;
    bool follower = false;  // --follower (provision: shared resources only recorded)
};

// Builds the per-resource loggers of a WalkContext.
[[nodiscard]] std::vector<std::shared_ptr<spdlog::logger>> resource_loggers(
    const ServiceGraph& graph, const std::shared_ptr<spdlog::logger>& base);

// Runs the plan. Nodes whose start really changed something are appended to `changed` as
// they complete (so a caller that catches the failure can roll them back). A non-optional
// failure stops a serial set at once, a parallel set once all its members finished; it is
// rethrown (a parallel set throws ActionError "<walk> failed on <rid>, <rid>").
void walk_plan(const Plan& plan, WalkContext& ctx, std::vector<std::size_t>& changed);

// SPEC §8.7 for a failed start-like walk. `reason_disabled` is "" (rollback allowed),
// "--disable-rollback" or "DEFAULT.rollback". Never throws for a stop failure (logged at ERROR).
void rollback(const Plan& plan, WalkContext& ctx, const std::vector<std::size_t>& changed,
              const std::string& reason_disabled);

}  // namespace svcagent::engine
