#pragma once

// Computations of SPEC §10.2 and §10.4 to §10.7 on the plain data of instance_status.hpp.

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <svcagent/status.hpp>

#include "status/instance_status.hpp"

namespace svcagent {

// Resource groups in display and status_group order (SPEC §10.4, §11.1).
inline constexpr std::array<std::string_view, 6> k_status_groups{"ip",        "disk", "fs",
                                                                 "container", "app",  "sync"};

// Position of a group in k_status_groups; unknown groups sort after them (value 6).
[[nodiscard]] std::size_t group_rank(std::string_view group) noexcept;

// Natural rid order: digit runs compare as numbers ("fs#2" < "fs#10"), the rest byte-wise.
[[nodiscard]] bool natural_less(std::string_view a, std::string_view b) noexcept;

// §10.2 rules 1-2: the driver is not asked (disabled, encapsulated, unsupported, tag nostatus);
// such a resource is n/a.
[[nodiscard]] bool status_skips_driver(const ResourceState& r) noexcept;
// §10.2 rule 4: up -> stdby up, down -> stdby down for a standby resource.
[[nodiscard]] Status standby_status(Status driver_status, bool standby) noexcept;

// Sync resources are optional whatever their configuration (§10.4, §10.5 "O").
[[nodiscard]] bool is_optional(const ResourceState& r) noexcept;

// §10.4: avail, optional and overall with the 8/9 post-processing, and one value per group of
// k_status_groups (raw, 8 and 9 included).
struct Aggregation {
    Status avail = Status::na;
    Status optional = Status::na;
    Status overall = Status::na;
    std::vector<GroupStatus> groups{};
};
[[nodiscard]] Aggregation aggregate(std::span<const ResourceState> resources);
// Fills avail, optional, overall and status_group of the instance from its resources.
void apply_aggregation(InstanceStatus& instance);

// §10.5 flags: "RMDOEPSr" (8 characters) and "MDOE" (4 characters), '.' when false.
[[nodiscard]] std::string tree_flags(const ResourceState& r);
[[nodiscard]] std::string classic_flags(const ResourceState& r);

// §10.6 provisioned state: disabled resources and unknown states are ignored; none known: yes.
[[nodiscard]] Provisioned instance_provisioned(std::span<const ResourceState> resources) noexcept;

// Content of <var>/<svc>/monitor.json (§10.6).
struct MonitorRecord {
    std::string last_action{};  // "start"
    std::string last_result{};  // "ok" or "failed"
    double last_time = 0;
    std::string local_expect{};  // "started" or ""
};
// §10.6 monitor word: lock intent as a participle while the lock is held ("starting", "busy"),
// else "<last_action> failed" after a failure, else "idle".
[[nodiscard]] std::string monitor_word(const std::optional<std::string>& lock_intent,
                                       const MonitorRecord& record);

// What the engine calls once the resources of `instance` hold their §10.2 status: aggregation,
// provisioned state, the running flag of each resource (from instance.running, the lock file's
// rids) and the monitor member (word and local_expect of the record).
void complete_instance(InstanceStatus& instance, const std::optional<std::string>& lock_intent,
                       const MonitorRecord& record);

// Peer data older than this is "stale" (§10.6).
inline constexpr double k_stale_after_seconds = 600;
[[nodiscard]] bool is_stale(const InstanceStatus& data, double now) noexcept;

// §10.6 notices of an instance line, in display order.
[[nodiscard]] std::vector<std::string> instance_notices(const InstanceStatus& instance);
// Peer line: the instance notices of its data, then unreachable, stale, unknown.
[[nodiscard]] std::vector<std::string> peer_notices(const PeerInstance& peer);

// §10.7 cluster status from the local instance and the peers with data.
[[nodiscard]] Status cluster_status(const ServiceView& view);
// The placement leader: flex_primary, else the first of nodes.
[[nodiscard]] std::string placement_leader(const ServiceView& view);
// A failover service up on a node other than its placement leader.
[[nodiscard]] bool placement_non_optimal(const ServiceView& view);
// Service line notices: "warn" (a known instance has overall warn), "placement non-optimal".
[[nodiscard]] std::vector<std::string> service_notices(const ServiceView& view);

// "a, b, c"
[[nodiscard]] std::string join_notices(const std::vector<std::string>& notices);

}  // namespace svcagent
