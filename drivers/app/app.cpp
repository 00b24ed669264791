#include "app.hpp"

#include "app_resource.hpp"

#include <array>

namespace svcagent::drivers::app {

namespace {

// SPEC §9.7 keyword table.
constexpr auto k_keywords = std::to_array<Keyword>({
    {.name = "script",
     .scopable = true,
     .help = "script path; a relative path is taken in <etc>/<svc>.d/"},
    {.name = "start",
     .scopable = true,
     .help = "true or an integer: <script> start; false/unset: none; other text: a shlex command"},
    {.name = "stop", .scopable = true, .help = "same, <script> stop"},
    {.name = "check", .scopable = true, .help = "same, <script> status"},
    {.name = "info", .scopable = true, .help = "same, <script> info"},
    {.name = "timeout",
     .type = ValueType::duration,
     .default_value = "1h",
     .scopable = true,
     .help = "default start/stop timeout"},
    {.name = "start_timeout",
     .type = ValueType::duration,
     .default_help = "timeout",
     .scopable = true,
     .inherit = Inherit::leaf_head,
     .help = "bound of the start action (§8.13)"},
    {.name = "stop_timeout",
     .type = ValueType::duration,
     .default_help = "timeout",
     .scopable = true,
     .inherit = Inherit::leaf_head,
     .help = "bound of the stop action (§8.13)"},
    {.name = "check_timeout",
     .type = ValueType::duration,
     .default_value = "60s",
     .scopable = true,
     .help = "bound of the check command"},
    {.name = "info_timeout",
     .type = ValueType::duration,
     .default_value = "60s",
     .scopable = true,
     .help = "bound of the info command"},
    {.name = "user", .default_help = "root", .scopable = true, .help = "identity of the child"},
    {.name = "group", .default_help = "root", .scopable = true, .help = "identity of the child"},
    {.name = "cwd", .default_value = "/", .scopable = true, .help = "working directory"},
    {.name = "environment",
     .type = ValueType::list,
     .default_value = "",
     .scopable = true,
     .help = "K=V words added to the environment"},
    {.name = "status_log",
     .type = ValueType::boolean,
     .default_value = "false",
     .scopable = true,
     .help = "check stdout lines become info status logs, stderr lines warn logs"},
});

// Resource implementation: see issue "Host drivers".
constexpr DriverSpec k_forking{
    .group = "app",
    .type = "forking",
    .keywords = k_keywords,
    .caps = {},
    .make = make_app,
    .help = "runs user scripts; the start command returns once the application runs",
};
constexpr DriverSpec k_simple{
    .group = "app",
    .type = "simple",
    .keywords = k_keywords,
    .caps = {},
    .make = make_app,
    .help = "runs user scripts; the start command is a long-running process the agent detaches",
};

}  // namespace

const DriverSpec& forking_spec() {
    return k_forking;
}

const DriverSpec& simple_spec() {
    return k_simple;
}

}  // namespace svcagent::drivers::app
