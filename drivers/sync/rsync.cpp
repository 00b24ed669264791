#include "rsync.hpp"

#include <array>
#include <string_view>

namespace svcagent::drivers::sync {

namespace {

constexpr auto k_target_sets = std::to_array<std::string_view>({"nodes", "drpnodes"});

// SPEC §9.8 keyword table; optional is redeclared: true for sync resources (§7).
constexpr auto k_keywords = std::to_array<Keyword>({
    {.name = "src",
     .type = ValueType::list,
     .scopable = true,
     .required = true,
     .help = "local paths, globbed at run time"},
    {.name = "dst", .scopable = true, .required = true, .help = "destination path on the peers"},
    {.name = "target",
     .type = ValueType::list,
     .candidates = k_target_sets,
     .required = true,
     .help = "peer sets"},
    {.name = "options", .type = ValueType::shlex, .default_value = "", .scopable = true, .help = "extra rsync options"},
    {.name = "reset_options",
     .type = ValueType::boolean,
     .default_value = "false",
     .scopable = true,
     .help = "use options instead of the default options"},
    {.name = "bwlimit",
     .type = ValueType::integer,
     .default_help = "DEFAULT.bwlimit",
     .scopable = true,
     .help = "bandwidth limit (KiB/s)"},
    {.name = "schedule",
     .type = ValueType::schedule,
     .default_help = "DEFAULT.sync_schedule",
     .help = "schedule of sync nodes (§14.9)"},
    {.name = "sync_max_delay",
     .type = ValueType::duration,
     .default_help = "DEFAULT.sync_max_delay",
     .help = "age beyond which a peer needs update"},
    {.name = "timeout",
     .type = ValueType::duration,
     .default_value = "1h",
     .scopable = true,
     .help = "rsync --timeout and command bound"},
    {.name = "optional",
     .type = ValueType::boolean,
     .default_value = "true",
     .scopable = true,
     .inherit = Inherit::leaf_head,
     .help = "failures are logged, never abort the action; excluded from avail"},
});

// Resource implementation: see issue "Host drivers".
constexpr DriverSpec k_spec{
    .group = "sync",
    .type = "rsync",
    .keywords = k_keywords,
    .caps = {},
    .make = nullptr,
    .help = "copies local files to peers with rsync over ssh",
};

}  // namespace

const DriverSpec& rsync_spec() {
    return k_spec;
}

}  // namespace svcagent::drivers::sync
