#pragma once

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include <svcagent/driver.hpp>
#include <svcagent/probe_cache.hpp>

#include "address.hpp"
#include "arping.hpp"

namespace svcagent::drivers::ip {

// The remaining budget of one resource action (start_timeout, stop_timeout).
class Deadline {
public:
    explicit Deadline(std::chrono::milliseconds budget) : m_end(std::chrono::steady_clock::now() + budget) {}
    [[nodiscard]] std::chrono::milliseconds remaining() const {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(m_end - std::chrono::steady_clock::now());
        return std::max(left, std::chrono::milliseconds{1});
    }

private:
    std::chrono::steady_clock::time_point m_end;
};

// The keywords of one [ip#N] section of type host (SPEC §9.1), checked at load time.
struct HostIpConfig {
    std::string service;  // for the resolution cache <var>/<svc>/<rid>/addr
    std::string rid;
    std::string ipname;  // literal or host name
    std::string ipdev;
    std::optional<unsigned> prefix{};  // from netmask; nullopt: guessed from ipdev
    bool check_carrier = true;
    bool check_availability = true;  // false with tag nonrouted or noaction
    bool alias = false;              // legacy keyword set: warned about, ignored
    std::chrono::milliseconds start_timeout{std::chrono::seconds{60}};
    std::chrono::milliseconds stop_timeout{std::chrono::seconds{60}};

    // Throws ConfigError at the keyword's origin (bad name, interface or netmask).
    static HostIpConfig from(const ResolvedSection& section);
};

// What the driver needs from the host besides ctx.runner; tests replace the resolver and sleep.
struct HostIpTools {
    std::string ip = "ip";  // ProbeTools::host().ip in production (/sbin/ip when present)
    std::function<std::optional<std::string>(const std::string&)> resolve = resolve_first;
    std::function<void(std::chrono::milliseconds)> sleep{};  // empty: std::this_thread::sleep_for
    std::chrono::milliseconds dad_poll_interval{500};
    std::chrono::milliseconds dad_poll_limit{5000};
};

class HostIpResource final : public Resource {
public:
    HostIpResource(HostIpConfig config, HostIpTools tools);

    [[nodiscard]] std::string label() const override;  // "<ipname>@<ipdev>"
    [[nodiscard]] StatusReport status(ActionContext& ctx) override;
    [[nodiscard]] std::optional<std::string> start_conflict(ActionContext& ctx) override;
    bool start(ActionContext& ctx) override;
    bool stop(ActionContext& ctx) override;
    [[nodiscard]] std::optional<bool> provisioned(ActionContext&) override { return true; }

    [[nodiscard]] const HostIpConfig& config() const noexcept { return m_config; }

private:
    struct Address {
        std::string text;  // literal
        Family family;
    };

    // The address to work on: a literal as is, a name through the resolver (cached on success);
    // with use_cache, a failed resolution falls back to the cache with a warning through `warn`.
    std::optional<Address> address(ActionContext& ctx, bool use_cache,
                                   const std::function<void(std::string)>& warn);
    [[nodiscard]] std::filesystem::path cache_path(const ActionContext& ctx) const;
    [[nodiscard]] unsigned prefix_for(const Address& addr, const AddressTable& table) const;
    [[nodiscard]] std::optional<std::string> availability_conflict(ActionContext& ctx, const Address& addr);
    [[nodiscard]] std::vector<std::string> ip_argv(const Address& addr,
                                                   std::initializer_list<std::string> words) const;
    void wait_ipv6_dad(ActionContext& ctx, const Address& addr, const std::string& cidr,
                       const Deadline& deadline);
    void announce(ActionContext& ctx, const Address& addr);
    void sleep(std::chrono::milliseconds duration) const;

    HostIpConfig m_config;
    HostIpTools m_tools;
    std::mutex m_mutex;
    bool m_checked = false;  // start_conflict() ran its check in this action
};

// Whether `dev`'s JSON (`ip -6 -j addr show dev <dev>`) lists `addr`, and its DAD state.
struct Ipv6DadState {
    bool present = false, tentative = false, dadfailed = false;
};
[[nodiscard]] Ipv6DadState ipv6_dad_state(const std::string& ip_json, const std::string& addr);

}  // namespace svcagent::drivers::ip
