#include "lv.hpp"

#include <array>

namespace svcagent::drivers::disk {

namespace {

// SPEC §9.4 keyword table.
constexpr auto k_keywords = std::to_array<Keyword>({
    {.name = "name", .scopable = true, .required = true, .help = "lv name"},
    {.name = "vg", .scopable = true, .required = true, .help = "vg holding the lv"},
    {.name = "size",
     .type = ValueType::size,
     .scopable = true,
     .help = "provisioning: bytes (rounded down to MiB) or NN%FREE/NN%VG/NN%PVS"},
    {.name = "create_options",
     .type = ValueType::shlex,
     .default_value = "",
     .scopable = true,
     .help = "extra lvcreate arguments"},
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
    .type = "lv",
    .keywords = k_keywords,
    .caps = {.provisions = true},
    .make = nullptr,
    .help = "activates an LVM logical volume",
};

}  // namespace

const DriverSpec& lv_spec() {
    return k_spec;
}

}  // namespace svcagent::drivers::disk
