#pragma once

// The engine's view of one service (SPEC §8.1): one ResourceNode per resource section, plus the
// service-level settings an action needs. The lead fills it from the parsed configuration; the
// planner and the executor only read it (the executor calls the nodes' Resource objects).

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <svcagent/driver.hpp>

namespace svcagent::engine {

// Trigger keywords (SPEC §8.11) of one section: keyword ("pre_start", "blocking_post_stop", ...)
// -> its value already evaluated and split as shlex. Absent keyword: no trigger.
struct TriggerSet {
    std::map<std::string, std::vector<std::string>, std::less<>> commands;

    [[nodiscard]] const std::vector<std::string>* find(std::string_view keyword) const {
        const auto it = commands.find(keyword);
        return it == commands.end() ? nullptr : &it->second;
    }
};

struct ResourceNode {
    std::string rid;      // "fs#1", "vg#1"
    std::string group;    // "fs", "disk" (also for a legacy vg#1)
    std::string type;     // driver type string of SPEC §8.1: "fs.ext4", "disk.vg", "ip.netns"
    std::string subset;   // "" when none
    std::set<std::string> tags;
    bool disabled = false;
    bool optional = false;
    bool standby = false;
    bool encap = false;        // encap = true or tag encap
    bool unsupported = false;  // placeholder of §8.10 (impl may be null)
    bool shared = false;
    bool monitor = false;
    bool provision = true;     // keyword `provision`: false skips the provisioner
    bool unprovision = true;   // keyword `unprovision`: false skips the unprovisioner
    int restart = 0;
    std::optional<std::int64_t> app_sequence;  // app whose `start` is an integer
    std::string vg_name;  // disk.vg: the vg `name`
    std::string lv_vg;    // disk.lv: its `vg`
    std::string mnt;      // fs: mount point
    std::string netns;    // ip.netns: container rid; container: "container#N" it joins, or ""
    TriggerSet triggers;  // resource-level triggers (never inherited from DEFAULT)
    // Bounds of the resource actions, also used for its triggers: "start", "stop", "provision".
    std::map<std::string, std::chrono::milliseconds, std::less<>> timeouts;
    std::unique_ptr<Resource> impl;  // null only for unsupported placeholders

    [[nodiscard]] bool has_tag(std::string_view tag) const { return tags.find(std::string(tag)) != tags.end(); }
    [[nodiscard]] bool noaction() const { return has_tag("noaction"); }
    [[nodiscard]] bool is_encap() const { return encap || has_tag("encap"); }
    // optional, or tagged noaction (which implies optional, SPEC §7)
    [[nodiscard]] bool is_optional() const { return optional || noaction(); }
    [[nodiscard]] bool is_netns_ip() const { return type == "ip.netns"; }
    [[nodiscard]] std::chrono::milliseconds timeout(std::string_view action) const;
};

struct ServiceGraph {
    std::string service;  // "db1"
    std::string svc_id;   // DEFAULT.id, for OPENSVC_SVC_ID ("" when unknown)
    std::vector<ResourceNode> resources;  // file order
    // "<group>:<name>" -> [subset#<group>:<name>] parallel (absent: serial)
    std::map<std::string, bool, std::less<>> parallel_subsets;
    TriggerSet triggers;  // DEFAULT-level triggers
    bool rollback = true;  // DEFAULT.rollback
    std::string topology = "failover";  // or "flex"
    std::string orchestrate = "no";
    std::vector<std::string> nodes, drpnodes, encapnodes;
    std::vector<std::string> autostart_node;
    std::string env = "TST";  // DEFAULT.env
    bool disabled = false;    // DEFAULT.disable
    std::chrono::milliseconds lock_timeout{std::chrono::seconds{60}};  // DEFAULT.lock_timeout

    [[nodiscard]] const ResourceNode* find(std::string_view rid) const;
    [[nodiscard]] ResourceNode* find(std::string_view rid);
};

// Default timeout of a resource action when the node names none (SPEC §8.13 leaves it per driver).
inline constexpr std::chrono::milliseconds k_default_resource_timeout{std::chrono::hours{1}};
// Timeout of DEFAULT-level triggers (SPEC §8.11).
inline constexpr std::chrono::milliseconds k_service_trigger_timeout{std::chrono::hours{1}};

}  // namespace svcagent::engine
