#pragma once

// Plain data the engine fills and the renderers read (SPEC §10, §11). No behaviour here: the
// computations live in aggregate.hpp, the JSON form in status_json.hpp.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <svcagent/driver.hpp>
#include <svcagent/status.hpp>

namespace svcagent {

// One resource of the local instance, as evaluated (SPEC §10.2) or read back from status.json.
struct ResourceState {
    std::string rid{};    // "fs#1"
    std::string group{};  // driver group: "ip", "disk", "fs", "container", "app", "sync" ([vg#1] is "disk")
    std::string type{};   // "fs.ext4", "disk.vg", "sync.rsync"
    std::string label{};  // "ext4 /dev/vg/lv@/srv/x"; unsupported: "gce (unsupported driver)"
    Status status = Status::undef;  // already mapped by §10.2 (standby, n/a for disabled, ...)
    std::vector<StatusLogLine> log{};
    nlohmann::json info = nlohmann::json::object();  // driver-specific; omitted from JSON when empty
    bool disabled = false;
    bool optional = false;  // as configured; sync resources count as optional anyway
    bool encap = false;
    bool standby = false;
    bool monitor = false;
    int restart = 0;
    std::optional<bool> provisioned{};          // nullopt: unknown
    std::optional<double> provisioned_mtime{};  // epoch seconds of the provisioned record
    std::string subset{};                       // "cge" for [disk#1] subset = cge; "" when none
    std::vector<std::string> tags{};
    bool unsupported = false;
    bool running = false;  // acted upon by the action holding the lock (R flag)
};

// Provisioned state of an instance (SPEC §10.6); JSON true, false or "mixed".
enum class Provisioned { yes, no, mixed };

// One [subset#<group>:<name>] section, or a subset only named by resources (parallel false).
struct SubsetInfo {
    std::string group{};  // "disk"
    std::string name{};   // "cge"
    bool parallel = false;
};

// Aggregated status of one resource group; the value may be 8 or 9 (to_text shows up / stdby up).
struct GroupStatus {
    std::string group{};
    Status status = Status::na;
};

struct MonitorState {
    std::string status = "idle";  // the monitor word (§10.6): idle, starting, "start failed", ...
    std::string local_expect{};   // "started" or ""
};

// The instance status of one node: every member of the SPEC §10.9 table.
struct InstanceStatus {
    std::string name{};
    std::string nodename{};
    std::string kind = "svc";
    double updated = 0;  // epoch seconds of the evaluation
    std::string app = "default";
    std::string env = "TST";
    std::string topology = "failover";
    std::string placement = "nodes order";
    std::string orchestrate = "no";  // JSON: only when not "no"
    int priority = 100;              // JSON: only when not 100
    double frozen = 0;               // 0, or epoch of the freeze
    Provisioned provisioned = Provisioned::yes;
    Status avail = Status::na;
    Status overall = Status::na;
    Status optional = Status::na;
    std::vector<GroupStatus> status_group{};  // ip, disk, fs, container, app, sync
    std::vector<SubsetInfo> subsets{};
    std::vector<std::string> running{};  // rids currently acted upon
    MonitorState monitor{};
    bool drp = false;  // local node is in drpnodes; JSON only when true
    std::string csum{};
    double config_mtime = 0;
    std::string config_path{};
    std::vector<ResourceState> resources{};  // any order: renderers and JSON sort them
};

// A peer's instance as known locally (SPEC §14.7): the content of <var>/<svc>/peers/<node>.json.
struct PeerInstance {
    std::string node{};
    std::optional<InstanceStatus> data{};  // nullopt: no cache (status undef, notice "unknown")
    bool unreachable = false;              // the last refresh failed
    bool stale = false;                    // data older than 10 minutes (see is_stale())
};

// Everything the tree and classic renderers need for one service.
struct ServiceView {
    std::string name{};
    std::string topology = "failover";  // "failover" or "flex"
    int flex_min = 1;
    int flex_max = 0;            // 0: the number of nodes
    std::string flex_primary{};  // placement leader; "" means the first of nodes
    std::vector<std::string> nodes{};
    std::vector<std::string> drpnodes{};
    bool show_disabled = true;          // DEFAULT.show_disabled
    InstanceStatus local{};             // its subsets give the subset lines and their parallel flag
    std::vector<PeerInstance> peers{};  // any order; rendered in nodes then drpnodes order
};

}  // namespace svcagent
