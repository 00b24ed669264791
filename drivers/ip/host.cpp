#include "host.hpp"

#include <array>
#include <memory>

#include <fmt/format.h>

#include <svcagent/error.hpp>
#include <svcagent/probe_cache.hpp>

#include "host_resource.hpp"

namespace svcagent::drivers::ip {

namespace {

// SPEC §9.1 keyword table.
constexpr auto k_keywords = std::to_array<Keyword>({
    {.name = "ipname", .scopable = true, .required = true, .help = "address or resolvable name"},
    {.name = "ipdev", .scopable = true, .required = true, .help = "interface"},
    {.name = "netmask",
     .default_help = "guessed",
     .scopable = true,
     .help = "dotted (255.255.255.224) or prefix length (27)"},
    {.name = "check_carrier",
     .type = ValueType::boolean,
     .default_value = "true",
     .scopable = true,
     .help = "require a carrier on ipdev"},
    {.name = "start_timeout",
     .type = ValueType::duration,
     .default_value = "60s",
     .scopable = true,
     .inherit = Inherit::leaf_head,
     .help = "bound of the start action (§8.13)"},
    {.name = "stop_timeout",
     .type = ValueType::duration,
     .default_value = "60s",
     .scopable = true,
     .inherit = Inherit::leaf_head,
     .help = "bound of the stop action (§8.13)"},
    {.name = "alias", .type = ValueType::boolean, .help = "legacy, ignored (warning)"},
});

std::unique_ptr<Resource> make_host(const ResolvedSection& section) {
    return std::make_unique<HostIpResource>(HostIpConfig::from(section),
                                            HostIpTools{.ip = ProbeTools::host().ip});
}

constexpr DriverSpec k_spec{
    .group = "ip",
    .type = "host",
    .keywords = k_keywords,
    .caps = {},
    .make = make_host,
    .help = "plumbs a service address on a host interface with ip addr",
};

}  // namespace

HostIpConfig HostIpConfig::from(const ResolvedSection& section) {
    HostIpConfig config;
    config.service = section.service;
    config.rid = section.rid;
    config.ipname = section.get_string("ipname").value_or("");
    if (config.ipname.empty()) {
        throw section.error("ipname", "empty address or name");
    }
    const auto family = literal_family(config.ipname);
    if (!family && !is_host_name(config.ipname)) {
        throw section.error(
            "ipname", fmt::format("\"{}\" is neither an IPv4/IPv6 address nor a host name", config.ipname));
    }
    config.ipdev = section.get_string("ipdev").value_or("");
    if (!is_interface_name(config.ipdev)) {
        throw section.error("ipdev", fmt::format("\"{}\" is not a valid interface name", config.ipdev));
    }
    if (const auto netmask = section.get_string("netmask"); netmask && !netmask->empty()) {
        config.prefix = parse_netmask(*netmask);
        if (!config.prefix) {
            throw section.error(
                "netmask", fmt::format("\"{}\" is neither a prefix length nor a dotted netmask", *netmask));
        }
        const bool dotted = netmask->find('.') != std::string::npos;
        if (family && (*config.prefix > max_prefix(*family) || (dotted && *family == Family::inet6))) {
            throw section.error("netmask", fmt::format("\"{}\" does not fit the {} address {}", *netmask,
                                                       to_text(*family), config.ipname));
        }
    }
    config.check_carrier = section.get_bool("check_carrier").value_or(true);
    for (const auto& tag : section.get_list("tags")) {
        if (tag == "nonrouted" || tag == "noaction") {
            config.check_availability = false;
        }
    }
    config.alias = section.is_set("alias");
    config.start_timeout = section.get_duration("start_timeout").value_or(std::chrono::seconds{60});
    config.stop_timeout = section.get_duration("stop_timeout").value_or(std::chrono::seconds{60});
    return config;
}

const DriverSpec& host_spec() {
    return k_spec;
}

}  // namespace svcagent::drivers::ip
