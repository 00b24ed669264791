#include "docker.hpp"

#include <array>
#include <string_view>

#include <fmt/format.h>

#include "docker_resource.hpp"

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

std::chrono::milliseconds duration(const ResolvedSection& section, std::string_view key,
                                   std::chrono::milliseconds fallback) {
    const auto value = section.get_duration(key);
    return value ? std::chrono::duration_cast<std::chrono::milliseconds>(*value) : fallback;
}

std::optional<std::string> non_empty(const ResolvedSection& section, std::string_view key) {
    auto value = section.get_string(key);
    return value && !value->empty() ? value : std::nullopt;
}

std::unique_ptr<Resource> make(const ResolvedSection& section) {
    return std::make_unique<DockerContainer>(ContainerConfig::from(section), ContainerTools{});
}

constexpr DriverSpec k_spec{
    .group = "container",
    .type = "docker",
    .keywords = k_keywords,
    .caps = {.provisions = true},
    .make = make,
    .help = "runs a docker container, optionally under a service-private docker daemon",
};

}  // namespace

const DriverSpec& docker_spec() {
    return k_spec;
}

ContainerConfig ContainerConfig::from(const ResolvedSection& section) {
    ContainerConfig config;
    config.rid = section.rid;
    config.settings = DockerSettings::from(section);
    config.name = container_name(section, section.rid);
    config.image = non_empty(section, "image").value_or("");
    if (config.image.empty()) {
        throw section.error("image", "an image is required");
    }
    config.command = section.get_list("command");
    const std::vector<std::string> run_args = section.get_list("run_args");
    if (const auto error = run_args_error(run_args)) {
        throw section.error("run_args", *error);
    }
    config.netns = non_empty(section, "netns");
    if (config.netns && config.netns->rfind("container#", 0) == 0) {
        if (*config.netns == section.rid) {
            throw section.error("netns", "a container cannot join its own network namespace");
        }
        config.netns_container = container_name(section, *config.netns);
    }
    config.hostname = non_empty(section, "hostname");
    config.entrypoint = non_empty(section, "entrypoint");
    config.user = non_empty(section, "user");
    config.privileged = section.flag("privileged");
    config.run_args = process_run_args(run_args, {.netns = config.netns.has_value(),
                                                  .hostname = config.hostname.has_value(),
                                                  .entrypoint = config.entrypoint.has_value(),
                                                  .user = config.user.has_value(),
                                                  .privileged = section.is_set("privileged")});
    for (const std::string& word : section.get_list("environment")) {
        const auto eq = word.find('=');
        if (eq == std::string::npos || eq == 0) {
            throw section.error("environment", fmt::format("'{}' is not a KEY=VALUE word", word));
        }
        config.environment.push_back(word);
    }
    config.rm = section.flag("rm");
    config.detach = section.get_bool("detach").value_or(true);
    config.pull_always = section.get_string("image_pull_policy").value_or("once") == "always";
    config.image_archive = non_empty(section, "image_archive");
    config.start_timeout = duration(section, "start_timeout", config.start_timeout);
    config.stop_timeout = duration(section, "stop_timeout", config.stop_timeout);
    config.pull_timeout = duration(section, "pull_timeout", config.pull_timeout);
    return config;
}

std::vector<std::string> ContainerConfig::run_argv() const {
    std::vector<std::string> argv{"run", "--name=" + name};
    argv.insert(argv.end(), run_args.words.begin(), run_args.words.end());
    if (detach) {
        argv.emplace_back("--detach");
    }
    if (!netns_container.empty()) {
        argv.push_back("--net=container:" + netns_container);
    } else if (netns) {
        argv.push_back("--net=" + *netns);
    } else if (!run_args.has_network) {
        argv.emplace_back("--net=none");
    }
    if (hostname) {
        argv.push_back("--hostname=" + *hostname);
    }
    if (entrypoint) {
        argv.push_back("--entrypoint=" + *entrypoint);
    }
    if (user) {
        argv.push_back("--user=" + *user);
    }
    if (privileged) {
        argv.emplace_back("--privileged");
    }
    for (const std::string& kv : environment) {
        argv.emplace_back("-e");
        argv.push_back(kv);
    }
    argv.push_back(image);
    argv.insert(argv.end(), command.begin(), command.end());
    return argv;
}

}  // namespace svcagent::drivers::container
