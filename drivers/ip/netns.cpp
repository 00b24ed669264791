#include "netns.hpp"

#include <array>
#include <string_view>

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

// Resource implementation: see issue "Host drivers".
constexpr DriverSpec k_spec{
    .group = "ip",
    .type = "netns",
    .keywords = k_keywords,
    .caps = {},
    .make = nullptr,
    .help = "plumbs an address inside the network namespace of a docker container of the service",
};

}  // namespace

const DriverSpec& netns_spec() {
    return k_spec;
}

}  // namespace svcagent::drivers::ip
