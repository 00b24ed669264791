#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

#include <svcagent/driver.hpp>
#include <svcagent/probe_cache.hpp>

#include "fs_types.hpp"
#include "host_ops.hpp"

namespace svcagent::drivers::fs {

// fs (SPEC §9.5). ext2, ext3, ext4, xfs and btrfs get fsck and mkfs support; every other mount type
// (nfs, tmpfs, bind, ...) uses the generic spec, whose type is "" (mount and umount only).
// All of them share one keyword table. zfs and directory are unsupported (src/config/schema).
[[nodiscard]] const DriverSpec& generic_spec();
[[nodiscard]] const DriverSpec& ext2_spec();
[[nodiscard]] const DriverSpec& ext3_spec();
[[nodiscard]] const DriverSpec& ext4_spec();
[[nodiscard]] const DriverSpec& xfs_spec();
[[nodiscard]] const DriverSpec& btrfs_spec();

// "/srv//x/./" -> "/srv/x": how mount points are compared with the mount table.
[[nodiscard]] std::string normal_path(const std::string& path);

struct FsConfig {
    std::string rid{};   // "fs#1"
    std::string type{};  // "ext4", "nfs", "bind"
    std::string dev{};   // as configured: a path, LABEL=<l>, UUID=<u>, or a virtual source
    std::string mnt{};   // absolute, as written
    std::string mnt_opt{};
    FsckPolicy fsck = FsckPolicy::automatic;
    std::vector<std::string> mkfs_opt{};
    std::optional<std::string> user{}, group{};
    std::optional<mode_t> perm{};
    std::chrono::milliseconds term_grace{std::chrono::seconds{5}};
    std::chrono::milliseconds start_timeout{std::chrono::hours{1}};
    std::chrono::milliseconds stop_timeout{std::chrono::seconds{120}};
    std::chrono::milliseconds provision_timeout{std::chrono::hours{1}};

    [[nodiscard]] static FsConfig from(const ResolvedSection& section);  // throws ConfigError
};

class FsResource final : public Resource {
public:
    FsResource(FsConfig config, std::shared_ptr<HostOps> host);

    [[nodiscard]] std::string label() const override;  // "<type> <dev>@<mnt>"
    [[nodiscard]] StatusReport status(ActionContext& ctx) override;
    [[nodiscard]] std::optional<std::string> start_conflict(ActionContext& ctx) override;
    bool start(ActionContext& ctx) override;
    bool stop(ActionContext& ctx) override;
    void provision(ActionContext& ctx) override;
    void unprovision(ActionContext& ctx) override;
    [[nodiscard]] std::optional<bool> provisioned(ActionContext& ctx) override;
    // exposed_devs: the resolved dev (empty for virtual types).
    [[nodiscard]] std::optional<std::vector<std::string>> devices(std::string_view kind) const override;

private:
    // What the mount table says about this resource.
    struct Observed {
        std::shared_ptr<const MountTable> table;
        std::optional<std::string> device;      // resolved dev; nullopt: LABEL=/UUID= not found
        std::string mount_point;                // resolved mnt
        const MountEntry* at_mnt = nullptr;     // visible mount at mnt
        bool matches = false;                   // at_mnt is this resource's device
        const MountEntry* elsewhere = nullptr;  // the block dev mounted on another mount point
    };
    [[nodiscard]] bool is_virtual() const;
    [[nodiscard]] std::optional<std::string> resolve_device(ActionContext& ctx) const;
    // The device named in fsck, blkid, mkfs and wipefs commands: dev as configured when it is a
    // path (as the user wrote it, e.g. /dev/db1/data), else the resolved LABEL=/UUID= device.
    [[nodiscard]] std::string command_device(const std::string& resolved) const;
    [[nodiscard]] bool entry_matches(const MountEntry& entry, const std::optional<std::string>& device) const;
    [[nodiscard]] Observed observe(ActionContext& ctx) const;  // throws Error when a probe fails
    [[nodiscard]] std::vector<std::string> mount_argv() const;
    void run_fsck(ActionContext& ctx, const std::string& device, const Deadline& deadline);
    void apply_ownership(ActionContext& ctx, const std::string& mount_point);
    // umount with the busy handling of SPEC §9.5 stop step 4.
    void umount(ActionContext& ctx, const std::string& target, const Deadline& deadline);
    bool try_umount(ActionContext& ctx, const std::string& target, const Deadline& deadline);
    void signal_users(ActionContext& ctx, const std::string& target, int signal, std::string_view name);

    FsConfig m_config;
    std::shared_ptr<HostOps> m_host;
    mutable std::mutex m_mutex;
    mutable std::optional<std::string> m_last_device;  // for devices()
};

}  // namespace svcagent::drivers::fs
