#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <svcagent/driver.hpp>
#include <svcagent/probe_cache.hpp>

#include "../fs/host_ops.hpp"

namespace svcagent::drivers::disk {

// disk.lv (SPEC §9.4): an LVM logical volume.
[[nodiscard]] const DriverSpec& lv_spec();

struct LvConfig {
    std::string rid{};
    std::string name{};  // lv name
    std::string vg{};    // vg holding it
    // Provisioning size: MiB (bytes rounded down), or an lvcreate -l extent spec ("100%FREE").
    std::variant<std::monostate, std::int64_t, std::string> size{};
    std::vector<std::string> create_options{};
    std::chrono::milliseconds start_timeout{std::chrono::seconds{60}};
    std::chrono::milliseconds stop_timeout{std::chrono::seconds{60}};
    std::vector<std::string> service_nodes{};

    [[nodiscard]] static LvConfig from(const ResolvedSection& section);  // throws ConfigError
};

class LvResource final : public Resource {
public:
    LvResource(LvConfig config, std::shared_ptr<HostOps> host);

    [[nodiscard]] std::string label() const override;
    [[nodiscard]] StatusReport status(ActionContext& ctx) override;
    bool start(ActionContext& ctx) override;
    bool stop(ActionContext& ctx) override;
    void provision(ActionContext& ctx) override;
    void unprovision(ActionContext& ctx) override;
    [[nodiscard]] std::optional<bool> provisioned(ActionContext& ctx) override;
    [[nodiscard]] std::optional<std::vector<std::string>> devices(std::string_view kind) const override;

private:
    [[nodiscard]] std::string path() const { return m_config.vg + "/" + m_config.name; }
    void lvchange(ActionContext& ctx, const char* activate, const Deadline& deadline);

    LvConfig m_config;
    std::shared_ptr<HostOps> m_host;
};

}  // namespace svcagent::drivers::disk
