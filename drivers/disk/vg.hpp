#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <svcagent/driver.hpp>
#include <svcagent/probe_cache.hpp>

#include "../fs/host_ops.hpp"

namespace svcagent::drivers::disk {

// disk.vg (SPEC §9.3, alias type lvm, legacy [vg#N] sections): an LVM volume group.
[[nodiscard]] const DriverSpec& vg_spec();

struct VgConfig {
    std::string rid{};   // "disk#1"
    std::string name{};  // vg name
    std::vector<std::string> pvs{};
    std::vector<std::string> options{};
    bool scsireserv = false;
    std::chrono::milliseconds start_timeout{std::chrono::seconds{60}};
    std::chrono::milliseconds stop_timeout{std::chrono::seconds{60}};
    std::vector<std::string> service_nodes{};  // to recognise foreign host tags

    [[nodiscard]] static VgConfig from(const ResolvedSection& section);  // throws ConfigError
};

// Every LVM command inherits the agent's environment, so LVM_SYSTEM_DIR selects lvm.conf.
class VgResource final : public Resource {
public:
    VgResource(VgConfig config, std::shared_ptr<HostOps> host);

    [[nodiscard]] std::string label() const override;
    [[nodiscard]] StatusReport status(ActionContext& ctx) override;
    [[nodiscard]] std::optional<std::string> start_conflict(ActionContext& ctx) override;
    bool start(ActionContext& ctx) override;
    bool stop(ActionContext& ctx) override;
    void provision(ActionContext& ctx) override;
    void unprovision(ActionContext& ctx) override;
    [[nodiscard]] std::optional<bool> provisioned(ActionContext& ctx) override;
    // exposed_devs: /dev/<vg>/<lv> for every lv of the last LVM report read (nullopt before).
    [[nodiscard]] std::optional<std::vector<std::string>> devices(std::string_view kind) const override;

    [[nodiscard]] const VgConfig& config() const { return m_config; }

private:
    // The vg in the report; remembers its lvs for devices().
    const VolumeGroup* find(const VolumeGroupTable& table) const;
    static bool is_up(const VolumeGroup& vg, std::string_view nodename);
    [[nodiscard]] std::string tagged_by_message(const std::string& node) const;
    void vgchange(ActionContext& ctx, std::vector<std::string> args, const Deadline& deadline);
    void deactivate(ActionContext& ctx, const Deadline& deadline);
    void warn_without_volume_list(ActionContext& ctx);
    // Provision step 3 for one pv: pvcreate when needed; throws ResourceError on refusals.
    void prepare_pv(ActionContext& ctx, const std::string& pv, const Deadline& deadline);

    VgConfig m_config;
    std::shared_ptr<HostOps> m_host;
    mutable std::mutex m_mutex;
    mutable bool m_listed = false;
    mutable std::vector<std::string> m_lvs;
};

}  // namespace svcagent::drivers::disk
