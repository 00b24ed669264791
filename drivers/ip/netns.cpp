#include "netns.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include <fmt/format.h>

#include "netns_resource.hpp"

namespace svcagent::drivers::ip {

namespace {

constexpr auto k_netns_aliases = std::to_array<std::string_view>({"container_rid"});
constexpr auto k_modes = std::to_array<std::string_view>({"bridge", "macvlan", "ipvlan-l2", "ipvlan-l3"});

// SPEC §9.2 keyword table.
constexpr auto k_keywords = std::to_array<Keyword>({
    {.name = "ipname", .scopable = true, .required = true, .help = "address or name"},
    {.name = "ipdev",
     .scopable = true,
     .required = true,
     .help = "host side: the bridge (bridge mode) or the parent interface (macvlan, ipvlan)"},
    {.name = "netns", .required = true, .aliases = k_netns_aliases, .help = "rid of the container"},
    {.name = "mode",
     .type = ValueType::lower,
     .default_value = "bridge",
     .scopable = true,
     .candidates = k_modes,
     .help = "plumbing mode"},
    {.name = "netmask",
     .default_help = "guessed from ipdev",
     .scopable = true,
     .help = "dotted (255.255.255.224) or prefix length (27), as ip.host"},
    {.name = "gateway", .scopable = true, .help = "default route inside the namespace"},
    {.name = "nsdev",
     .default_help = "first free eth<N>",
     .scopable = true,
     .help = "interface name inside the namespace"},
    {.name = "macaddr", .scopable = true, .help = "bridge and macvlan modes only"},
    {.name = "network", .scopable = true, .help = "with del_net_route, the route to delete"},
    {.name = "del_net_route",
     .type = ValueType::boolean,
     .default_value = "false",
     .scopable = true,
     .help = "delete <network>/<prefixlen> from the namespace routes"},
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
});

std::optional<std::string> non_empty(const ResolvedSection& section, std::string_view key) {
    auto value = section.get_string(key);
    return value && !value->empty() ? value : std::nullopt;
}

std::unique_ptr<Resource> make(const ResolvedSection& section) {
    const ProbeTools tools = ProbeTools::host();
    return std::make_unique<NetnsIpResource>(NetnsIpConfig::from(section),
                                             NetnsIpTools{.ip = tools.ip, .nsenter = tools.nsenter});
}

constexpr DriverSpec k_spec{
    .group = "ip",
    .type = "netns",
    .keywords = k_keywords,
    .caps = {},
    .make = make,
    .help = "plumbs an address inside the network namespace of a docker container of the service",
};

}  // namespace

const DriverSpec& netns_spec() {
    return k_spec;
}

NetnsIpConfig NetnsIpConfig::from(const ResolvedSection& section) {
    NetnsIpConfig config;
    config.rid = section.rid;
    config.ipname = non_empty(section, "ipname").value_or("");
    if (config.ipname.empty() || (!literal_family(config.ipname) && !is_host_name(config.ipname))) {
        throw section.error("ipname",
                            fmt::format("'{}' is neither an address nor a host name", config.ipname));
    }
    config.ipdev = non_empty(section, "ipdev").value_or("");
    if (!is_interface_name(config.ipdev)) {
        throw section.error("ipdev", fmt::format("'{}' is not an interface name", config.ipdev));
    }
    config.container_rid = non_empty(section, "netns").value_or("");
    if (config.container_rid.rfind("container#", 0) != 0) {
        throw section.error(
            "netns", fmt::format("'{}' is not the rid of a container (container#N)", config.container_rid));
    }
    config.container_name = container::container_name(section, config.container_rid);
    config.mode = section.get_string("mode").value_or("bridge");
    if (const auto netmask = non_empty(section, "netmask")) {
        config.prefix = parse_netmask(*netmask);
        const auto family = literal_family(config.ipname);
        if (!config.prefix || *config.prefix > max_prefix(family.value_or(Family::inet6))) {
            throw section.error("netmask", fmt::format("'{}' is not a netmask", *netmask));
        }
    }
    config.gateway = non_empty(section, "gateway");
    if (config.gateway && !literal_family(*config.gateway)) {
        throw section.error("gateway", fmt::format("'{}' is not an address", *config.gateway));
    }
    config.nsdev = non_empty(section, "nsdev");
    if (config.nsdev && !is_interface_name(*config.nsdev)) {
        throw section.error("nsdev", fmt::format("'{}' is not an interface name", *config.nsdev));
    }
    config.macaddr = non_empty(section, "macaddr");
    if (config.macaddr && config.mode.rfind("ipvlan", 0) == 0) {
        throw section.error("macaddr", "macaddr applies to the bridge and macvlan modes only");
    }
    config.network = non_empty(section, "network");
    config.del_net_route = section.flag("del_net_route");
    config.check_carrier = section.get_bool("check_carrier").value_or(true);
    const auto tags = section.get_list("tags");
    config.check_availability = std::find(tags.begin(), tags.end(), "nonrouted") == tags.end() &&
                                std::find(tags.begin(), tags.end(), "noaction") == tags.end();
    if (const auto d = section.get_duration("start_timeout")) {
        config.start_timeout = std::chrono::duration_cast<std::chrono::milliseconds>(*d);
    }
    if (const auto d = section.get_duration("stop_timeout")) {
        config.stop_timeout = std::chrono::duration_cast<std::chrono::milliseconds>(*d);
    }
    config.docker = container::DockerSettings::from(section);
    return config;
}

}  // namespace svcagent::drivers::ip
