#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <svcagent/node_info.hpp>
#include <svcagent/probe_cache.hpp>
#include <svcagent/section.hpp>

namespace svcagent::drivers::container {

// Where a service-private docker daemon keeps its files (SPEC §9.6, §1.2).
struct DaemonPaths {
    std::filesystem::path socket;     // <var>/<svc>/docker.sock
    std::filesystem::path pidfile;    // <var>/<svc>/docker.pid
    std::filesystem::path exec_root;  // <run>/dockerx/<svc>
    std::filesystem::path log_file;   // <log>/<svc>.dockerd.log
    std::filesystem::path lock_file;  // <var>/<svc>/docker.lock: one daemon start/stop at a time

    [[nodiscard]] static DaemonPaths of(const Paths& paths, const std::string& service);
};

// The service-level docker settings every container.docker and ip.netns resource of a service
// shares: the client (node.docker_exe) and the private daemon (DEFAULT.container_data_dir,
// docker_daemon_private, docker_daemon_args), read from ResolvedSection::context.
struct DockerSettings {
    std::string service;
    std::string exe;  // node.docker_exe, else default_docker_exe()
    bool private_daemon = false;
    std::filesystem::path data_dir{};  // container_data_dir (private daemon only)
    std::vector<std::string> daemon_args{};
    // fs mount points of the service: "<rid>.mnt" context values, rid -> mount point
    std::vector<std::pair<std::string, std::string>> fs_mounts{};

    // Throws ConfigError (private daemon without data dir, relative data dir).
    [[nodiscard]] static DockerSettings from(const ResolvedSection& section);
    // The daemon the client talks to: the private socket, or the client's default.
    [[nodiscard]] DockerHost host(const Paths& paths) const;
};

// "/usr/bin/docker" when that file is executable, else "docker" (found through PATH).
[[nodiscard]] std::string default_docker_exe();

// The container name of a container section: its "<rid>.name" context value (or its own `name`
// keyword when rid is the section itself), else "<svc>.container.<index>".
[[nodiscard]] std::string container_name(const ResolvedSection& section, std::string_view rid);

// True when exe names an executable file (absolute path) or a command found in PATH.
[[nodiscard]] bool executable_exists(const std::string& exe);

// SPEC §9.6 validation of the private daemon paths: nullopt or the error message (socket and
// exec-root unix socket paths over 107 bytes).
[[nodiscard]] std::optional<std::string> daemon_path_error(const DaemonPaths& paths);

}  // namespace svcagent::drivers::container
