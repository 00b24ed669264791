#include "host.hpp"

#include <array>

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

// Resource implementation: see issue "Host drivers".
constexpr DriverSpec k_spec{
    .group = "ip",
    .type = "host",
    .keywords = k_keywords,
    .caps = {},
    .make = nullptr,
    .help = "plumbs a service address on a host interface with ip addr",
};

}  // namespace

const DriverSpec& host_spec() {
    return k_spec;
}

}  // namespace svcagent::drivers::ip
