#pragma once

// Instance status of SPEC §10: evaluation of every resource through the probes, aggregation,
// the status.json cache (§10.8) and the view the renderers draw (§11).

#include <filesystem>
#include <memory>
#include <optional>

#include <svcagent/driver.hpp>

#include "config/service_config.hpp"
#include "engine/graph.hpp"
#include "status/instance_status.hpp"

namespace spdlog {
class logger;
}

namespace svcagent::model {

// Evaluates every resource (§10.2), aggregates (§10.4), adds frozen, lock, monitor and file facts.
// `base_log` is the service logger; each resource logs through a child "<node>.<svc>.<rid>".
[[nodiscard]] InstanceStatus evaluate_instance(const config::ServiceConfig& config, engine::ServiceGraph& graph,
                                               Runner& runner, ProbeCache& probes,
                                               const std::shared_ptr<spdlog::logger>& base_log,
                                               const ActionOptions& options);

[[nodiscard]] std::filesystem::path status_cache_path(const Paths& paths, const std::string& svc);
void write_status_cache(const Paths& paths, const InstanceStatus& status);
// The cached status, or nullopt when absent or unreadable.
[[nodiscard]] std::optional<InstanceStatus> read_status_cache(const Paths& paths, const std::string& svc);
// §10.8: the cache exists, is newer than the service file and younger than max_age.
[[nodiscard]] bool cache_is_fresh(const Paths& paths, const std::string& svc,
                                  const std::filesystem::path& service_file, std::chrono::seconds max_age);

// After an action: the cached status gets the monitor word and expectation of monitor.json.
void refresh_cached_monitor(const Paths& paths, const std::string& svc);

// Peer instances from <var>/<svc>/peers/<node>.json (§14.7), for nodes and drpnodes other than us.
[[nodiscard]] std::vector<PeerInstance> read_peer_caches(const config::ServiceConfig& config);

// The view of one service for the tree and classic renderers.
[[nodiscard]] ServiceView make_view(const config::ServiceConfig& config, InstanceStatus local);

}  // namespace svcagent::model
