#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <svcagent/driver.hpp>
#include <svcagent/probe_cache.hpp>

#include "../container/docker_settings.hpp"
#include "address.hpp"
#include "arping.hpp"

namespace svcagent::drivers::ip {

// The keywords of one [ip#N] section of type netns (SPEC §9.2), checked at load time.
struct NetnsIpConfig {
    std::string rid;
    std::string ipname;
    std::string ipdev;
    std::string container_rid;    // netns keyword: "container#0"
    std::string container_name;   // its docker name
    std::string mode = "bridge";  // bridge, macvlan, ipvlan-l2, ipvlan-l3
    std::optional<unsigned> prefix{};
    std::optional<std::string> gateway{}, nsdev{}, macaddr{}, network{};
    bool del_net_route = false;
    bool check_carrier = true;
    bool check_availability = true;  // false with tag nonrouted or noaction
    std::chrono::milliseconds start_timeout{std::chrono::seconds{60}};
    std::chrono::milliseconds stop_timeout{std::chrono::seconds{60}};
    container::DockerSettings docker{};

    [[nodiscard]] static NetnsIpConfig from(const ResolvedSection& section);  // throws ConfigError
};

struct NetnsIpTools {
    std::string ip = "ip";            // ProbeTools::host().ip in production
    std::string nsenter = "nsenter";  // ProbeTools::host().nsenter in production
    std::function<std::optional<std::string>(const std::string&)> resolve = resolve_first;
};

// Where the container's network namespace is.
struct Sandbox {
    bool running = false;
    std::string pid;  // "25524", or "<pid of container#0>" in a dry run
    std::string ns;   // SandboxKey, or /proc/<pid>/ns/net
};

// `ip -d -j link show dev <ipdev>`.
struct HostLink {
    bool exists = false;
    unsigned mtu = 1500;
    bool admin_up = false;
    bool no_carrier = false;
    std::string kind{};  // linkinfo.info_kind: "bridge", "" for a plain device
};

class NetnsIpResource final : public Resource {
public:
    NetnsIpResource(NetnsIpConfig config, NetnsIpTools tools);

    [[nodiscard]] std::string label() const override;
    [[nodiscard]] StatusReport status(ActionContext& ctx) override;
    [[nodiscard]] std::optional<std::string> start_conflict(ActionContext& ctx) override;
    bool start(ActionContext& ctx) override;
    bool stop(ActionContext& ctx) override;
    [[nodiscard]] std::optional<bool> provisioned(ActionContext&) override { return true; }

    [[nodiscard]] const NetnsIpConfig& config() const noexcept { return m_config; }

private:
    struct Address {
        std::string text;
        Family family;
    };
    [[nodiscard]] std::optional<Address> address() const;
    [[nodiscard]] Address address_or_throw() const;
    [[nodiscard]] unsigned prefix_or_throw(ActionContext& ctx, const Address& addr);
    [[nodiscard]] Sandbox sandbox(ActionContext& ctx) const;
    [[nodiscard]] HostLink host_link(ActionContext& ctx) const;
    // The interface of the namespace carrying addr, or "".
    [[nodiscard]] std::string carrier_of(ActionContext& ctx, const Sandbox& box, const Address& addr) const;
    [[nodiscard]] std::string guest_name(ActionContext& ctx, const Sandbox& box) const;
    [[nodiscard]] std::vector<std::string> ns_argv(const Sandbox& box, std::vector<std::string> args) const;
    void plumb(ActionContext& ctx, const Sandbox& box, const Address& addr, unsigned prefix,
               const HostLink& link);
    void common_tail(ActionContext& ctx, const Sandbox& box, const std::string& guest, const Address& addr,
                     unsigned prefix);
    [[nodiscard]] ArpingFlavour arping(ActionContext& ctx) const;

    NetnsIpConfig m_config;
    NetnsIpTools m_tools;
    mutable std::mutex m_mutex;
    mutable std::optional<unsigned> m_guessed_prefix;  // for label()
};

}  // namespace svcagent::drivers::ip
