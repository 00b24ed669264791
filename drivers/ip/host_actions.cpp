// ip.host start and stop (SPEC §9.1); status and the abort phase live in host_resource.cpp.
#include <algorithm>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <svcagent/error.hpp>

#include "host_resource.hpp"

namespace svcagent::drivers::ip {

namespace {

bool holds(const Interface* iface, std::string_view addr) {
    if (iface == nullptr) {
        return false;
    }
    const auto family = literal_family(addr);
    return family &&
           std::any_of(iface->addresses.begin(), iface->addresses.end(), [&](const InterfaceAddress& a) {
               return a.family == to_text(*family) && network_contains(a.local, max_prefix(*family), addr);
           });
}

const InterfaceAddress* entry_on(const Interface& iface, std::string_view addr) {
    for (const auto& a : iface.addresses) {
        const auto family = literal_family(a.local);
        if (family && network_contains(a.local, max_prefix(*family), addr)) {
            return &a;
        }
    }
    return nullptr;
}

}  // namespace

bool HostIpResource::start(ActionContext& ctx) {
    const Deadline deadline{m_config.start_timeout};
    if (m_config.alias) {
        ctx.log.warn("{}.alias is a legacy keyword: ignored", m_config.rid);
    }
    const auto addr = address(ctx, false, [](const std::string&) {});
    if (!addr) {
        throw ResourceError(m_config.rid, fmt::format("cannot resolve {}", m_config.ipname));
    }
    const auto table = ctx.probes.addresses();
    if (const auto match = table->find_address(addr->text)) {
        ctx.log.info("{} is already up on {}", addr->text, match->interface->name);
        return false;
    }
    const Interface* dev = table->find_interface(m_config.ipdev);
    if (dev == nullptr) {
        throw ResourceError(m_config.rid, fmt::format("interface {} not found", m_config.ipdev));
    }
    if (std::find(dev->flags.begin(), dev->flags.end(), "NO-CARRIER") != dev->flags.end() &&
        m_config.check_carrier) {
        if (!ctx.options.force) {
            throw ResourceError(m_config.rid, fmt::format("interface {} has no carrier", m_config.ipdev));
        }
        ctx.log.warn("interface {} has no carrier: starting anyway (--force)", m_config.ipdev);
    }
    const unsigned prefix = prefix_for(*addr, *table);
    bool checked = false;
    {
        const std::lock_guard lock{m_mutex};
        checked = std::exchange(m_checked, false);
    }
    if (!checked && m_config.check_availability) {
        // Not run by the engine's abort phase (a direct call): never plumb an address in use.
        if (const auto conflict = availability_conflict(ctx, *addr)) {
            throw ResourceError(m_config.rid, *conflict);
        }
    }
    if (!dev->up()) {
        run_checked(ctx.runner,
                    {.argv = {m_tools.ip, "link", "set", "dev", m_config.ipdev, "up"},
                     .timeout = deadline.remaining()},
                    ctx.log);
    }
    const std::string cidr = fmt::format("{}/{}", addr->text, prefix);
    run_checked(ctx.runner,
                {.argv = ip_argv(*addr, {"addr", "add", cidr, "dev", m_config.ipdev}),
                 .timeout = deadline.remaining()},
                ctx.log);
    ctx.probes.invalidate(ProbeKind::addresses);
    if (addr->family == Family::inet6) {
        wait_ipv6_dad(ctx, *addr, cidr, deadline);
    } else {
        announce(ctx, *addr);
    }
    return true;
}

void HostIpResource::wait_ipv6_dad(ActionContext& ctx, const Address& addr, const std::string& cidr,
                                   const Deadline& deadline) {
    if (ctx.options.dry_run) {
        return;  // nothing was added
    }
    const auto limit = std::chrono::steady_clock::now() + m_tools.dad_poll_limit;
    for (;;) {
        const auto result =
            run_checked(ctx.runner,
                        {.argv = {m_tools.ip, "-6", "-j", "addr", "show", "dev", m_config.ipdev},
                         .timeout = std::min(deadline.remaining(), std::chrono::milliseconds{30000}),
                         .effect = Effect::probe},
                        ctx.log);
        const Ipv6DadState state = ipv6_dad_state(result.out, addr.text);
        if (state.dadfailed) {
            run_checked(ctx.runner,
                        {.argv = ip_argv(addr, {"addr", "del", cidr, "dev", m_config.ipdev}),
                         .timeout = deadline.remaining()},
                        ctx.log);
            throw ResourceError(m_config.rid,
                                fmt::format("IPv6 duplicate address detected for {}", addr.text));
        }
        if (!state.present) {
            throw ResourceError(m_config.rid,
                                fmt::format("{} is not on {} after ip addr add", addr.text, m_config.ipdev));
        }
        if (!state.tentative) {
            return;
        }
        if (std::chrono::steady_clock::now() >= limit) {
            ctx.log.warn("{} is still tentative after {}s of duplicate address detection", addr.text,
                         std::chrono::duration_cast<std::chrono::seconds>(m_tools.dad_poll_limit).count());
            return;
        }
        sleep(m_tools.dad_poll_interval);
    }
}

void HostIpResource::announce(ActionContext& ctx, const Address& addr) {
    const auto flavour = arping_flavour(ctx.runner.run(arping_version_command(), ctx.log));
    if (flavour == ArpingFlavour::missing) {
        ctx.log.warn("arping not found: gratuitous ARP skipped");
        return;
    }
    const auto result = ctx.runner.run(arping_announce_command(flavour, m_config.ipdev, addr.text), ctx.log);
    if (!result.ok()) {
        ctx.log.warn("gratuitous ARP for {} failed (exit code {}): {}", addr.text, result.exit_code,
                     result.err.empty() ? result.out : result.err);
    }
}

bool HostIpResource::stop(ActionContext& ctx) {
    const Deadline deadline{m_config.stop_timeout};
    const auto addr = address(ctx, true, [&](const std::string& msg) { ctx.log.warn("{}", msg); });
    if (!addr) {
        throw ResourceError(m_config.rid, fmt::format("cannot resolve {}", m_config.ipname));
    }
    const auto table = ctx.probes.addresses();
    const Interface* dev = table->find_interface(m_config.ipdev);
    bool left_elsewhere = false;
    for (const auto& iface : table->interfaces) {
        if (iface.name != m_config.ipdev && holds(&iface, addr->text)) {
            ctx.log.warn("{} is on {}, not on {}: left in place", addr->text, iface.name, m_config.ipdev);
            left_elsewhere = true;
        }
    }
    const InterfaceAddress* entry = dev == nullptr ? nullptr : entry_on(*dev, addr->text);
    if (entry == nullptr) {
        ctx.log.info("{} is already down on {}", addr->text, m_config.ipdev);
        return false;
    }
    const std::string cidr = fmt::format("{}/{}", addr->text, entry->prefixlen);
    run_checked(ctx.runner,
                {.argv = ip_argv(*addr, {"addr", "del", cidr, "dev", m_config.ipdev}),
                 .timeout = deadline.remaining()},
                ctx.log);
    ctx.probes.invalidate(ProbeKind::addresses);
    if (ctx.options.dry_run) {
        return true;
    }
    if (holds(ctx.probes.addresses()->find_interface(m_config.ipdev), addr->text)) {
        throw ResourceError(m_config.rid,
                            fmt::format("failed to remove {} from {}", addr->text, m_config.ipdev));
    }
    if (!left_elsewhere) {
        ctx.log.info("checking {} availability", addr->text);
        std::vector<std::string> argv{"ping"};
        if (addr->family == Family::inet6) {
            argv.emplace_back("-6");
        }
        argv.insert(argv.end(), {"-n", "-c", "1", "-w", "1", addr->text});
        if (ctx.runner
                .run({.argv = std::move(argv), .timeout = std::chrono::seconds{10}, .effect = Effect::probe},
                     ctx.log)
                .ok()) {
            ctx.log.warn("{} still answers after stop: another host may hold it", addr->text);
        }
    }
    return true;
}

}  // namespace svcagent::drivers::ip
