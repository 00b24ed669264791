#pragma once

#include <exception>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace spdlog {
class logger;
}

namespace svcagent {

class Runner;

// ---- mount table: <proc_root>/self/mountinfo (octal escapes such as \040 decoded) ----
struct MountEntry {
    int mount_id = 0;
    int parent_id = 0;
    unsigned major = 0, minor = 0;
    std::string root;                            // root of the mount inside its filesystem ("/" usually)
    std::string mount_point;                     // "/srv/db1/data"
    std::string options;                         // per-mount options, "rw,relatime"
    std::vector<std::string> optional_fields{};  // "shared:1", "master:2"
    std::string fs_type;                         // "xfs"
    std::string source;                          // "/dev/mapper/db1-data", "tmpfs"
    std::string super_options{};
};
struct MountTable {
    std::vector<MountEntry> entries;  // file order: a later entry is mounted over an earlier one
    // The visible (last) mount at exactly this mount point; nullptr when nothing is mounted there.
    [[nodiscard]] const MountEntry* find_mount_point(std::string_view mount_point) const;
    // Every mount of this source, in file order.
    [[nodiscard]] std::vector<const MountEntry*> find_source(std::string_view source) const;
};

// ---- interfaces: one `ip -j addr show` ----
struct InterfaceAddress {
    std::string family;  // "inet", "inet6"
    std::string local;   // "10.0.0.5", "fd00::2" (as ip prints it)
    int prefixlen = 0;
    std::string scope{};  // "global", "link", "host"
    std::string label{};  // "eth0:1" (inet only)
    bool tentative = false, dadfailed = false, deprecated = false, nodad = false;
};
struct Interface {
    int index = 0;
    std::string name;                  // "eth0"
    std::string operstate{};           // "UP", "DOWN", "UNKNOWN"
    std::vector<std::string> flags{};  // "BROADCAST", "UP", "LOWER_UP"...
    std::string link_type{};           // "ether", "loopback"
    std::string mac{};                 // "02:fc:00:00:00:01"
    std::string master{};              // bridge or bond holding it, "" if none
    std::vector<InterfaceAddress> addresses{};
    [[nodiscard]] bool up() const;  // "UP" in flags
};
struct AddressMatch {
    const Interface* interface;
    const InterfaceAddress* address;
};
struct AddressTable {
    std::vector<Interface> interfaces;
    [[nodiscard]] const Interface* find_interface(std::string_view name) const;
    // Where this address is configured; IPv6 compared by value ("fd00:0::2" == "fd00::2").
    [[nodiscard]] std::optional<AddressMatch> find_address(std::string_view ip) const;
};

// ---- LVM: one `lvm fullreport --reportformat json` ----
struct LogicalVolume {
    std::string name;    // "data"
    std::string attr;    // "-wi-a-----": 5th character 'a' when active
    std::string path{};  // "/dev/db1/data"
    std::string size{};  // as lvm prints it
    std::vector<std::string> tags{};
    [[nodiscard]] bool active() const;
};
struct VolumeGroup {
    std::string name;
    std::string attr{};
    std::string uuid{};
    std::vector<std::string> tags{};  // "node-1-1" (lvm prints them without '@')
    std::vector<std::string> pvs{};   // "/dev/loop0"
    std::vector<LogicalVolume> lvs{};
    [[nodiscard]] const LogicalVolume* find_lv(std::string_view lv_name) const;
    [[nodiscard]] bool any_lv_active() const;
    [[nodiscard]] bool has_tag(std::string_view tag) const;
};
struct VolumeGroupTable {
    std::vector<VolumeGroup> groups;
    [[nodiscard]] const VolumeGroup* find(std::string_view vg_name) const;
};

// ---- docker: `DOCKER ps -a` then one `DOCKER inspect <ids...>` per daemon ----
struct DockerHost {
    std::string exe = "docker";                     // node.docker_exe
    std::optional<std::filesystem::path> socket{};  // private daemon: -H unix://<socket>
    // {"docker"} or {"docker", "-H", "unix:///var/lib/opensvc/db1/docker.sock"}
    [[nodiscard]] std::vector<std::string> argv_prefix() const;
    [[nodiscard]] std::string key() const;  // identifies the daemon in the cache
};
struct ContainerInfo {
    std::string id;          // full id
    std::string name;        // without docker's leading '/'
    std::string image;       // Config.Image as given to docker run: "google/pause"
    std::string image_id{};  // "sha256:..."
    std::string state{};     // State.Status: "created", "running", "exited"...
    bool running = false;
    int exit_code = 0;
    std::string error{};        // State.Error
    pid_t pid = 0;              // 0 when not running
    std::string health{};       // State.Health.Status, "" without health check
    std::string sandbox_key{};  // NetworkSettings.SandboxKey: "/var/run/docker/netns/21c851c4646b"
};
struct ContainerTable {
    std::vector<ContainerInfo> containers;
    [[nodiscard]] const ContainerInfo* find_name(std::string_view name) const;
};
struct ImageInfo {
    std::string repository, tag, id;
};
struct ImageTable {
    std::vector<ImageInfo> images;
    // "busybox" means "busybox:latest"; a "sha256:..." id or its 12-character prefix also matches.
    [[nodiscard]] bool has(std::string_view reference) const;
};

enum class ProbeKind { mounts, addresses, volume_groups, containers, images };

// Commands the probes run; ProbeTools::host() picks /sbin/ip and /usr/bin/nsenter when present
// (SPEC §8.13), tests use the plain names.
struct ProbeTools {
    std::string ip = "ip";
    std::string nsenter = "nsenter";
    std::string lvm = "lvm";
    [[nodiscard]] static ProbeTools host();
};

// One per action (STYLE §3.4, SPEC §9.0): each probe runs at most once until invalidated, and
// every resource of the action shares the answer. Thread-safe; snapshots are immutable and
// stay valid for their holders after invalidate(). A probe whose command fails throws
// CommandError (and throws the same again until invalidated: no retry storm); an unreadable
// mountinfo throws svcagent::Error. Commands are logged at DEBUG through `log`.
class ProbeCache {
public:
    ProbeCache(Runner& runner, spdlog::logger& log, ProbeTools tools = ProbeTools::host(),
               std::filesystem::path proc_root = "/proc");
    ProbeCache(const ProbeCache&) = delete;
    ProbeCache& operator=(const ProbeCache&) = delete;
    ProbeCache(ProbeCache&&) = delete;
    ProbeCache& operator=(ProbeCache&&) = delete;
    ~ProbeCache();

    std::shared_ptr<const MountTable> mounts();
    std::shared_ptr<const AddressTable> addresses();  // host: `ip -j addr show`
    // Inside a network namespace: `nsenter --net=<netns> ip -j addr show` (kind addresses).
    std::shared_ptr<const AddressTable> netns_addresses(const std::filesystem::path& netns);
    std::shared_ptr<const VolumeGroupTable> volume_groups();
    std::shared_ptr<const ContainerTable> containers(const DockerHost& host);
    std::shared_ptr<const ImageTable> images(const DockerHost& host);  // `DOCKER images`
    void invalidate(ProbeKind kind);

private:
    struct Slots;
    Runner& m_runner;
    spdlog::logger& m_log;
    ProbeTools m_tools;
    std::filesystem::path m_proc_root;
    std::unique_ptr<Slots> m_slots;
};

}  // namespace svcagent
