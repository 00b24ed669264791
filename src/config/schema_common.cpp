// Keywords of every resource section (SPEC §7), of [subset#<group>:<name>] (§8.4) and of [sync#i0]
// (§9.9), and the resource_keywords() merge of a driver's table with the common one.

#include <algorithm>
#include <array>
#include <span>
#include <string_view>
#include <vector>

#include "config/schema.hpp"
#include "config/schema_tables.hpp"

namespace svcagent::config {

namespace {

constexpr auto k_resource_keywords = std::to_array<Keyword>({
    {.name = "type",
     .type = ValueType::lower,
     .default_help = "group default",
     .help = "driver (ip: host, disk: vg, container: docker, app: forking, sync: rsync; fs: required)"},
    {.name = "disable",
     .type = ValueType::boolean,
     .default_value = "false",
     .scopable = true,
     .help = "resource never acted upon; status n/a; flag D"},
    {.name = "optional",
     .type = ValueType::boolean,
     .default_value = "false",
     .scopable = true,
     .inherit = Inherit::leaf_head,
     .help = "failures are logged, never abort the action; excluded from avail"},
    {.name = "standby",
     .type = ValueType::boolean,
     .default_value = "false",
     .scopable = true,
     .help = "started by start, startstandby and boot; not stopped by stop without --force"},
    {.name = "always_on",
     .type = ValueType::list_lower,
     .default_value = "",
     .help = "legacy: standby when the local node is named, or is in nodes/drpnodes when those words are listed"},
    {.name = "monitor",
     .type = ValueType::boolean,
     .default_value = "false",
     .scopable = true,
     .inherit = Inherit::leaf_head,
     .help = "flag M only (§17)"},
    {.name = "restart",
     .type = ValueType::integer,
     .default_value = "0",
     .scopable = true,
     .inherit = Inherit::leaf_head,
     .help = "shown in flag 8 only (§17)"},
    {.name = "tags",
     .type = ValueType::set,
     .default_value = "",
     .scopable = true,
     .inherit = Inherit::leaf_head,
     .help = "selection with --tags; special tags noaction, nostatus, encap, nonrouted"},
    {.name = "subset", .scopable = true, .help = "resource subset (§8.4)"},
    {.name = "shared",
     .type = ValueType::boolean,
     .default_value = "false",
     .help = "provisioned by the leader only (§8.12)"},
    {.name = "encap",
     .type = ValueType::boolean,
     .default_value = "false",
     .scopable = true,
     .help = "encapsulated resource: flag E, never driven (§8.10)"},
    {.name = "provision",
     .type = ValueType::boolean,
     .default_value = "true",
     .scopable = true,
     .help = "false: provision skips the provisioner, records provisioned"},
    {.name = "unprovision",
     .type = ValueType::boolean,
     .default_value = "true",
     .scopable = true,
     .help = "false: unprovision skips the unprovisioner"},
    {.name = "comment", .default_value = "", .help = "free text"},
    {.name = "start_timeout",
     .type = ValueType::duration,
     .default_help = "per driver",
     .scopable = true,
     .inherit = Inherit::leaf_head,
     .help = "bound of the start action (§8.13)"},
    {.name = "stop_timeout",
     .type = ValueType::duration,
     .default_help = "per driver",
     .scopable = true,
     .inherit = Inherit::leaf_head,
     .help = "bound of the stop action (§8.13)"},
    {.name = "provision_timeout",
     .type = ValueType::duration,
     .default_help = "per driver",
     .scopable = true,
     .inherit = Inherit::leaf_head,
     .help = "bound of the provision action (§8.13)"},
});

constexpr auto k_common_keywords = detail::concat(k_resource_keywords, detail::trigger_keywords(Inherit::leaf));

constexpr auto k_subset_keywords = std::to_array<Keyword>({
    {.name = "parallel",
     .type = ValueType::boolean,
     .default_value = "false",
     .help = "run the resources of the subset concurrently (not in dry run)"},
});

constexpr auto k_sync_i0_keywords = std::to_array<Keyword>({
    {.name = "options", .type = ValueType::shlex, .default_value = "", .scopable = true, .help = "extra rsync options"},
    {.name = "schedule",
     .type = ValueType::schedule,
     .default_help = "DEFAULT.sync_schedule",
     .help = "schedule of the configuration replication (§14.9)"},
    {.name = "disable",
     .type = ValueType::boolean,
     .default_value = "false",
     .scopable = true,
     .help = "never replicate the configuration"},
});

}  // namespace

std::span<const Keyword> common_resource_keywords() {
    return k_common_keywords;
}

std::span<const Keyword> subset_keywords() {
    return k_subset_keywords;
}

std::span<const Keyword> sync_i0_keywords() {
    return k_sync_i0_keywords;
}

std::vector<const Keyword*> resource_keywords(const DriverSpec& spec) {
    std::vector<const Keyword*> out;
    out.reserve(spec.keywords.size() + k_common_keywords.size());
    for (const Keyword& kw : spec.keywords) {
        out.push_back(&kw);
    }
    for (const Keyword& kw : k_common_keywords) {
        const bool redeclared = std::any_of(spec.keywords.begin(), spec.keywords.end(),
                                            [&](const Keyword& own) { return own.name == kw.name; });
        if (!redeclared) {
            out.push_back(&kw);
        }
    }
    return out;
}

}  // namespace svcagent::config
