// ip.netns start: the plumbing of SPEC §9.2 (bridge, macvlan, ipvlan-l2, ipvlan-l3).
#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/logger.h>

#include <svcagent/error.hpp>

#include "netns_resource.hpp"

namespace svcagent::drivers::ip {

namespace {

constexpr std::size_t k_max_ifname = 15;
constexpr std::chrono::seconds k_probe_timeout{30};

bool unknown_device_type(const CommandError& e) {
    return e.result().err.find("Unknown device type") != std::string::npos;
}

}  // namespace

std::string NetnsIpResource::guest_name(ActionContext& ctx, const Sandbox& box) const {
    if (m_config.nsdev) {
        return *m_config.nsdev;
    }
    std::vector<std::string> taken;
    if (box.ns.front() != '<') {
        for (const auto& iface : ctx.probes.netns_addresses(box.ns)->interfaces) {
            taken.push_back(iface.name);
        }
    }
    const auto host = ctx.probes.addresses();
    for (int n = 0;; ++n) {
        const std::string guest = fmt::format("eth{}", n);
        const std::string host_side = m_config.mode == "bridge" ? fmt::format("v{}pl{}", guest, box.pid)
                                                                : fmt::format("ph{}{}", box.pid, guest);
        if (std::find(taken.begin(), taken.end(), guest) == taken.end() &&
            host->find_interface(host_side) == nullptr) {
            return guest;
        }
    }
}

bool NetnsIpResource::start(ActionContext& ctx) {
    const Address addr = address_or_throw();
    const Sandbox box = sandbox(ctx);
    if (!box.running) {
        throw ResourceError(m_config.rid, fmt::format("container {} is not running", m_config.container_rid));
    }
    if (const std::string dev = carrier_of(ctx, box, addr); !dev.empty()) {
        ctx.log.info("{} is already up on {}", addr.text, dev);
        return false;
    }
    const unsigned prefix = prefix_or_throw(ctx, addr);
    const HostLink link = host_link(ctx);
    if (!link.exists) {
        throw ResourceError(m_config.rid, fmt::format("interface {} not found", m_config.ipdev));
    }
    if (link.no_carrier && m_config.check_carrier && !ctx.options.force) {
        throw ResourceError(m_config.rid, fmt::format("interface {} has no carrier", m_config.ipdev));
    }
    if (m_config.mode == "bridge" && link.kind != "bridge") {
        throw ResourceError(m_config.rid,
                            fmt::format("{} is not a bridge: use mode macvlan or ipvlan-l2", m_config.ipdev));
    }
    if (!link.admin_up) {
        run_checked(ctx.runner, {.argv = {m_tools.ip, "link", "set", "dev", m_config.ipdev, "up"}}, ctx.log);
    }
    plumb(ctx, box, addr, prefix, link);
    ctx.probes.invalidate(ProbeKind::addresses);
    return true;
}

void NetnsIpResource::plumb(ActionContext& ctx, const Sandbox& box, const Address& addr, unsigned prefix,
                            const HostLink& link) {
    const std::string guest = guest_name(ctx, box);
    const bool bridge = m_config.mode == "bridge";
    const std::string host_end =
        bridge ? fmt::format("v{}pl{}", guest, box.pid) : fmt::format("ph{}{}", box.pid, guest);
    const std::string peer = bridge ? fmt::format("v{}pg{}", guest, box.pid) : host_end;
    for (const std::string& name : {guest, host_end, peer}) {
        if (name.size() > k_max_ifname && box.pid.front() != '<') {
            throw ResourceError(m_config.rid, fmt::format("interface name {} is longer than {} characters",
                                                          name, k_max_ifname));
        }
    }
    const auto timeout = m_config.start_timeout;
    const std::string mtu = std::to_string(link.mtu);
    auto host_run = [&](std::vector<std::string> args) {
        args.insert(args.begin(), m_tools.ip);
        run_checked(ctx.runner, {.argv = std::move(args), .timeout = timeout}, ctx.log);
    };
    auto ns_run = [&](std::vector<std::string> args) {
        run_checked(ctx.runner, {.argv = ns_argv(box, std::move(args)), .timeout = timeout}, ctx.log);
    };
    enum class Stage { none, on_host, in_ns, renamed };
    Stage stage = Stage::none;
    try {
        ctx.log.info("{} mode", m_config.mode);
        if (bridge) {
            host_run({"link", "add", "name", host_end, "mtu", mtu, "type", "veth", "peer", "name", peer,
                      "mtu", mtu});
            stage = Stage::on_host;
            host_run({"link", "set", host_end, "master", m_config.ipdev});
            host_run({"link", "set", host_end, "up"});
        } else {
            std::vector<std::string> add{"link",   "add", "link", m_config.ipdev, "dev",
                                         host_end, "mtu", mtu,    "type"};
            if (m_config.mode == "macvlan") {
                add.insert(add.end(), {"macvlan", "mode", "bridge"});
            } else {
                add.insert(add.end(), {"ipvlan", "mode", m_config.mode == "ipvlan-l3" ? "l3" : "l2"});
            }
            host_run(add);
            stage = Stage::on_host;
        }
        host_run({"link", "set", peer, "netns", box.pid});
        stage = Stage::in_ns;
        ns_run({"ip", "link", "set", peer, "name", guest});
        stage = Stage::renamed;
        if (m_config.macaddr) {
            ns_run({"ip", "link", "set", guest, "address", *m_config.macaddr});
        }
        ns_run({"ip", "addr", "add", fmt::format("{}/{}", addr.text, prefix), "dev", guest});
        common_tail(ctx, box, guest, addr, prefix);
    } catch (const Error& e) {
        // Undo what this start created (SPEC §9.2) before reporting the failure.
        std::vector<std::string> undo;
        if (stage == Stage::renamed) {
            undo = ns_argv(box, {"ip", "link", "del", guest});
        } else if (stage == Stage::in_ns && bridge) {
            undo = {m_tools.ip, "link", "del", host_end};  // the pair goes with its host end
        } else if (stage == Stage::in_ns) {
            undo = ns_argv(box, {"ip", "link", "del", peer});
        } else if (stage == Stage::on_host) {
            undo = {m_tools.ip, "link", "del", host_end};
        }
        if (!undo.empty()) {
            (void)ctx.runner.run({.argv = undo, .timeout = timeout}, ctx.log);
            ctx.probes.invalidate(ProbeKind::addresses);
        }
        const auto* command_error = dynamic_cast<const CommandError*>(&e);
        if (command_error != nullptr && stage == Stage::none && unknown_device_type(*command_error)) {
            throw ResourceError(m_config.rid,
                                fmt::format("mode {} is not supported by this kernel", m_config.mode));
        }
        throw;
    }
}

void NetnsIpResource::common_tail(ActionContext& ctx, const Sandbox& box, const std::string& guest,
                                  const Address& addr, unsigned prefix) {
    const auto timeout = m_config.start_timeout;
    auto ns_run = [&](std::vector<std::string> args) {
        run_checked(ctx.runner, {.argv = ns_argv(box, std::move(args)), .timeout = timeout}, ctx.log);
    };
    ns_run({"ip", "link", "set", guest, "up"});
    if (m_config.gateway) {
        ns_run({"ip", "route", "replace", "default", "via", *m_config.gateway, "dev", guest});
    } else {
        bool has_default = false;
        if (box.ns.front() != '<') {
            const CommandResult routes =
                ctx.runner.run({.argv = ns_argv(box, {"ip", "-j", "route", "show", "default"}),
                                .timeout = k_probe_timeout,
                                .effect = Effect::probe},
                               ctx.log);
            const auto json = nlohmann::json::parse(routes.out, nullptr, false);
            has_default = routes.ok() && json.is_array() && !json.empty();
        }
        if (!has_default) {
            ns_run({"ip", "route", "replace", "default", "dev", guest});
        }
    }
    if (m_config.del_net_route && m_config.network) {
        ns_run({"ip", "route", "del", fmt::format("{}/{}", *m_config.network, prefix), "dev", guest});
    }
    if (addr.family == Family::inet && m_config.mode != "ipvlan-l3") {
        const ArpingFlavour flavour = arping(ctx);
        if (flavour == ArpingFlavour::missing) {
            ctx.log.warn("arping not found: gratuitous ARP skipped");
            return;
        }
        Command announce = arping_announce_command(flavour, guest, addr.text);
        announce.argv = ns_argv(box, announce.argv);
        if (!ctx.runner.run(announce, ctx.log).ok()) {
            ctx.log.warn("gratuitous ARP for {} on {} failed", addr.text, guest);
        }
    }
}

}  // namespace svcagent::drivers::ip
