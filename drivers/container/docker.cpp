#include "docker.hpp"

#include <array>
#include <string_view>

namespace svcagent::drivers::container {

namespace {

constexpr auto k_image_aliases = std::to_array<std::string_view>({"run_image"});
constexpr auto k_command_aliases = std::to_array<std::string_view>({"run_command"});
constexpr auto k_netns_aliases = std::to_array<std::string_view>({"net"});
constexpr auto k_pull_policies = std::to_array<std::string_view>({"once", "always"});

// SPEC §9.6 keyword table.
constexpr auto k_keywords = std::to_array<Keyword>({
    {.name = "image", .scopable = true, .required = true, .aliases = k_image_aliases, .help = "image"},
    {.name = "command",
     .type = ValueType::shlex,
     .scopable = true,
     .aliases = k_command_aliases,
     .help = "arguments after the image"},
    {.name = "run_args",
     .type = ValueType::shlex,
     .default_value = "",
     .scopable = true,
     .help = "extra docker run arguments"},
    {.name = "name",
     .default_help = "<svc>.container.<index>",
     .help = "container name; <index> is the text after # of the rid"},
    {.name = "netns",
     .scopable = true,
     .aliases = k_netns_aliases,
     .help = "container#N: --net=container:<name of container#N>; host, none, other: --net=<value>; "
             "unset and no --net/--network in run_args: --net=none"},
    {.name = "hostname", .scopable = true, .help = "--hostname=<value>"},
    {.name = "entrypoint", .scopable = true, .help = "--entrypoint=<value>"},
    {.name = "user", .scopable = true, .help = "--user=<value>"},
    {.name = "privileged",
     .type = ValueType::boolean,
     .default_value = "false",
     .scopable = true,
     .help = "--privileged"},
    {.name = "environment",
     .type = ValueType::list,
     .default_value = "",
     .scopable = true,
     .help = "each K=V word gives -e K=V"},
    {.name = "rm",
     .type = ValueType::boolean,
     .default_value = "false",
     .scopable = true,
     .help = "remove the container after stop, and a stopped leftover before run"},
    {.name = "detach",
     .type = ValueType::boolean,
     .default_value = "true",
     .scopable = true,
     .help = "false: run in the foreground until it exits (init container)"},
    {.name = "image_pull_policy",
     .type = ValueType::lower,
     .default_value = "once",
     .scopable = true,
     .candidates = k_pull_policies,
     .help = "always: pull at every start"},
    {.name = "image_archive",
     .scopable = true,
     .help = "docker save archive loaded when the image is absent"},
    {.name = "start_timeout",
     .type = ValueType::duration,
     .default_value = "60s",
     .scopable = true,
     .inherit = Inherit::leaf_head,
     .help = "run and wait for running/healthy (§8.13)"},
    {.name = "stop_timeout",
     .type = ValueType::duration,
     .default_value = "120s",
     .scopable = true,
     .inherit = Inherit::leaf_head,
     .help = "bound of the stop action (§8.13)"},
    {.name = "pull_timeout",
     .type = ValueType::duration,
     .default_value = "2m",
     .scopable = true,
     .help = "added when a pull or load is needed"},
});

// Resource implementation: see issue "Host drivers".
constexpr DriverSpec k_spec{
    .group = "container",
    .type = "docker",
    .keywords = k_keywords,
    .caps = {.provisions = true},
    .make = nullptr,
    .help = "runs a docker container, optionally under a service-private docker daemon",
};

}  // namespace

const DriverSpec& docker_spec() {
    return k_spec;
}

}  // namespace svcagent::drivers::container
