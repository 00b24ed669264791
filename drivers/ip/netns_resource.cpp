#include "netns_resource.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/logger.h>

#include <svcagent/error.hpp>

namespace svcagent::drivers::ip {

namespace {

constexpr std::chrono::seconds k_probe_timeout{30};
constexpr std::chrono::seconds k_ping_timeout{10};

const InterfaceAddress* find_address(const Interface& iface, std::string_view addr) {
    const auto family = literal_family(addr);
    for (const auto& candidate : iface.addresses) {
        if (family && candidate.family == to_text(*family) &&
            network_contains(candidate.local, max_prefix(*family), addr)) {
            return &candidate;
        }
    }
    return nullptr;
}

}  // namespace

NetnsIpResource::NetnsIpResource(NetnsIpConfig config, NetnsIpTools tools)
    : m_config(std::move(config)), m_tools(std::move(tools)) {}

std::optional<NetnsIpResource::Address> NetnsIpResource::address() const {
    if (const auto family = literal_family(m_config.ipname)) {
        return Address{m_config.ipname, *family};
    }
    if (const auto resolved = m_tools.resolve(m_config.ipname)) {
        if (const auto family = literal_family(*resolved)) {
            return Address{*resolved, *family};
        }
    }
    return std::nullopt;
}

NetnsIpResource::Address NetnsIpResource::address_or_throw() const {
    auto addr = address();
    if (!addr) {
        throw ResourceError(m_config.rid, fmt::format("cannot resolve {}", m_config.ipname));
    }
    return *addr;
}

unsigned NetnsIpResource::prefix_or_throw(ActionContext& ctx, const Address& addr) {
    if (m_config.prefix) {
        return *m_config.prefix;
    }
    const auto table = ctx.probes.addresses();
    const Interface* iface = table->find_interface(m_config.ipdev);
    const auto guess = iface != nullptr ? guess_prefix(*iface, addr.family, addr.text) : std::nullopt;
    if (!guess) {
        throw ResourceError(m_config.rid,
                            fmt::format("netmask is not set nor guessable from {}", m_config.ipdev));
    }
    const std::lock_guard lock{m_mutex};
    m_guessed_prefix = guess;
    return *guess;
}

std::string NetnsIpResource::label() const {
    std::optional<unsigned> prefix = m_config.prefix;
    if (!prefix) {
        const std::lock_guard lock{m_mutex};
        prefix = m_guessed_prefix;
    }
    return fmt::format("netns {} {}{} {}@{}", m_config.mode, m_config.ipname,
                       prefix ? fmt::format("/{}", *prefix) : "", m_config.ipdev, m_config.container_rid);
}

Sandbox NetnsIpResource::sandbox(ActionContext& ctx) const {
    Sandbox box;
    // A private daemon without its socket is not running: no container of it runs either.
    std::error_code ec;
    const bool daemon_absent =
        m_config.docker.private_daemon &&
        !std::filesystem::exists(container::DaemonPaths::of(ctx.node.paths, m_config.docker.service).socket,
                                 ec);
    if (!daemon_absent) {
        const auto table = ctx.probes.containers(m_config.docker.host(ctx.node.paths));
        const ContainerInfo* c = table->find_name(m_config.container_name);
        if (c != nullptr && c->running && c->pid > 0) {
            box.running = true;
            box.pid = std::to_string(c->pid);
            box.ns = c->sandbox_key.empty() ? fmt::format("/proc/{}/ns/net", c->pid) : c->sandbox_key;
            return box;
        }
    }
    if (ctx.options.dry_run) {  // the container would have been started by now (SPEC §8.14)
        box.running = true;
        box.pid = fmt::format("<pid of {}>", m_config.container_rid);
        box.ns = fmt::format("<netns of {}>", m_config.container_rid);
    }
    return box;
}

HostLink NetnsIpResource::host_link(ActionContext& ctx) const {
    HostLink link;
    const CommandResult result =
        ctx.runner.run({.argv = {m_tools.ip, "-d", "-j", "link", "show", "dev", m_config.ipdev},
                        .timeout = k_probe_timeout,
                        .effect = Effect::probe},
                       ctx.log);
    if (!result.ok()) {
        return link;
    }
    const auto json = nlohmann::json::parse(result.out, nullptr, false);
    if (!json.is_array() || json.empty() || !json[0].is_object()) {
        return link;
    }
    const auto& entry = json[0];
    link.exists = true;
    link.mtu = entry.value("mtu", 1500U);
    for (const auto& flag : entry.value("flags", nlohmann::json::array())) {
        if (flag == "UP") {
            link.admin_up = true;
        } else if (flag == "NO-CARRIER") {
            link.no_carrier = true;
        }
    }
    if (entry.contains("linkinfo") && entry["linkinfo"].is_object()) {
        link.kind = entry["linkinfo"].value("info_kind", std::string{});
    }
    return link;
}

std::string NetnsIpResource::carrier_of(ActionContext& ctx, const Sandbox& box, const Address& addr) const {
    if (!box.running || box.ns.empty() || box.ns.front() == '<') {
        return {};
    }
    const auto table = ctx.probes.netns_addresses(box.ns);
    for (const auto& iface : table->interfaces) {
        if (find_address(iface, addr.text) != nullptr) {
            return iface.name;
        }
    }
    return {};
}

std::vector<std::string> NetnsIpResource::ns_argv(const Sandbox& box, std::vector<std::string> args) const {
    std::vector<std::string> argv{m_tools.nsenter, "--net=" + box.ns};
    argv.insert(argv.end(), std::make_move_iterator(args.begin()), std::make_move_iterator(args.end()));
    return argv;
}

ArpingFlavour NetnsIpResource::arping(ActionContext& ctx) const {
    return arping_flavour(ctx.runner.run(arping_version_command(), ctx.log));
}

StatusReport NetnsIpResource::status(ActionContext& ctx) {
    StatusReport report;
    report.info = {
        {"ipdev", m_config.ipdev}, {"mode", m_config.mode}, {"nsdev", m_config.nsdev.value_or("")}};
    const auto addr = address();
    if (!addr) {
        report.status = Status::undef;
        report.error(fmt::format("cannot resolve {}", m_config.ipname));
        return report;
    }
    report.info["ipaddr"] = addr->text;
    report.status = Status::down;
    Sandbox box;
    try {
        box = sandbox(ctx);
    } catch (const Error& e) {
        ctx.log.debug("docker probe failed: {}", e.what());
    }
    if (!box.running || box.ns.front() == '<') {
        report.info_line(fmt::format("container {} is not running", m_config.container_rid));
        return report;
    }
    report.info["netns"] = box.ns;
    try {
        const auto table = ctx.probes.addresses();
        if (table->find_interface(m_config.ipdev) == nullptr) {
            report.warn(fmt::format("interface {} not found", m_config.ipdev));
            return report;
        }
        if (m_config.prefix) {
            report.info["netmask"] = *m_config.prefix;
        }
        const std::string dev = carrier_of(ctx, box, *addr);
        if (!dev.empty()) {
            report.status = Status::up;
            report.info["nsdev"] = dev;
        }
    } catch (const Error& e) {
        report.status = Status::undef;
        report.error(e.what());
    }
    return report;
}

std::optional<std::string> NetnsIpResource::start_conflict(ActionContext& ctx) {
    if (!m_config.check_availability) {
        return std::nullopt;
    }
    const Address addr = address_or_throw();
    try {
        if (!carrier_of(ctx, sandbox(ctx), addr).empty()) {
            return std::nullopt;  // already plumbed by us
        }
    } catch (const Error& e) {
        ctx.log.debug("netns probe failed: {}", e.what());
    }
    ctx.log.info("checking {} availability", addr.text);
    if (addr.family == Family::inet) {
        const ArpingFlavour flavour = arping(ctx);
        if (flavour == ArpingFlavour::missing) {
            ctx.log.warn("arping not found: duplicate address detection skipped");
        } else {
            Command dad = arping_dad_command(flavour, m_config.ipdev, addr.text);
            dad.effect = Effect::probe;
            if (dad_verdict(flavour, ctx.runner.run(dad, ctx.log)) == DadVerdict::in_use) {
                return fmt::format("{} is already in use on the network (duplicate address detected)",
                                   addr.text);
            }
        }
    }
    std::vector<std::string> ping{"ping"};
    if (addr.family == Family::inet6) {
        ping.emplace_back("-6");
    }
    ping.insert(ping.end(), {"-n", "-c", "1", "-w", "2", addr.text});
    if (ctx.runner.run({.argv = ping, .timeout = k_ping_timeout, .effect = Effect::probe}, ctx.log).ok()) {
        return fmt::format("{} answers to ping: it is up on another host", addr.text);
    }
    return std::nullopt;
}

bool NetnsIpResource::stop(ActionContext& ctx) {
    const Address addr = address_or_throw();
    const Sandbox box = sandbox(ctx);
    if (!box.running || box.ns.front() == '<') {
        ctx.log.info("{} is already down (container {} is not running)", addr.text, m_config.container_rid);
        return false;
    }
    const std::string dev = carrier_of(ctx, box, addr);
    if (dev.empty()) {
        ctx.log.info("{} is already down", addr.text);
        return false;
    }
    unsigned prefix = max_prefix(addr.family);
    for (const auto& iface : ctx.probes.netns_addresses(box.ns)->interfaces) {
        if (iface.name == dev) {
            if (const auto* found = find_address(iface, addr.text)) {
                prefix = static_cast<unsigned>(found->prefixlen);
            }
        }
    }
    const auto timeout = m_config.stop_timeout;
    run_checked(
        ctx.runner,
        {.argv = ns_argv(box, {"ip", "addr", "del", fmt::format("{}/{}", addr.text, prefix), "dev", dev}),
         .timeout = timeout},
        ctx.log);
    run_checked(ctx.runner, {.argv = ns_argv(box, {"ip", "link", "del", "dev", dev}), .timeout = timeout},
                ctx.log);
    ctx.probes.invalidate(ProbeKind::addresses);
    ctx.log.info("checking {} availability", addr.text);
    std::vector<std::string> ping{"ping"};
    if (addr.family == Family::inet6) {
        ping.emplace_back("-6");
    }
    ping.insert(ping.end(), {"-n", "-c", "1", "-w", "1", addr.text});
    if (ctx.runner.run({.argv = ping, .timeout = k_ping_timeout, .effect = Effect::probe}, ctx.log).ok()) {
        ctx.log.warn("{} still answers after stop: another host may hold it", addr.text);
    }
    return true;
}

}  // namespace svcagent::drivers::ip
