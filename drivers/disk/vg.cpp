#include "vg.hpp"

#include <array>
#include <string_view>

namespace svcagent::drivers::disk {

namespace {

constexpr auto k_name_aliases = std::to_array<std::string_view>({"vgname"});

// SPEC §9.3 keyword table.
constexpr auto k_keywords = std::to_array<Keyword>({
    {.name = "name", .scopable = true, .required = true, .aliases = k_name_aliases, .help = "vg name"},
    {.name = "pvs",
     .type = ValueType::list,
     .default_value = "",
     .scopable = true,
     .help = "physical volumes for provisioning (globs allowed)"},
    {.name = "options",
     .type = ValueType::shlex,
     .default_value = "",
     .scopable = true,
     .help = "extra vgcreate arguments"},
    {.name = "scsireserv",
     .type = ValueType::boolean,
     .default_value = "false",
     .scopable = true,
     .help = "unsupported: true gives a warning, no reservation is taken"},
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
    .group = "disk",
    .type = "vg",
    .keywords = k_keywords,
    .caps = {.provisions = true},
    .make = nullptr,
    .help = "activates an LVM volume group and claims it with a host tag (@<nodename>)",
};

}  // namespace

const DriverSpec& vg_spec() {
    return k_spec;
}

}  // namespace svcagent::drivers::disk
