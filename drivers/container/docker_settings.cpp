#include "docker_settings.hpp"

#include <cstdlib>
#include <string_view>
#include <unistd.h>

#include <fmt/format.h>

#include <svcagent/error.hpp>

namespace svcagent::drivers::container {

namespace {

constexpr std::size_t k_max_socket_path = 107;  // sun_path holds 108 bytes with the final NUL

const Value* context_value(const ResolvedSection& section, std::string_view key) {
    const auto it = section.context.find(key);
    if (it == section.context.end() || std::holds_alternative<std::monostate>(it->second.data)) {
        return nullptr;
    }
    return &it->second;
}

std::optional<std::string> context_string(const ResolvedSection& section, std::string_view key) {
    const Value* value = context_value(section, key);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (const auto* text = std::get_if<std::string>(&value->data)) {
        return text->empty() ? std::nullopt : std::optional<std::string>{*text};
    }
    return value->text.empty() ? std::nullopt : std::optional<std::string>{value->text};
}

}  // namespace

DaemonPaths DaemonPaths::of(const Paths& paths, const std::string& service) {
    return {.socket = paths.var / service / "docker.sock",
            .pidfile = paths.var / service / "docker.pid",
            .exec_root = paths.run / "dockerx" / service,
            .log_file = paths.log / (service + ".dockerd.log"),
            .lock_file = paths.var / service / "docker.lock"};
}

std::string default_docker_exe() {
    return ::access("/usr/bin/docker", X_OK) == 0 ? "/usr/bin/docker" : "docker";
}

bool executable_exists(const std::string& exe) {
    if (exe.find('/') != std::string::npos) {
        return ::access(exe.c_str(), X_OK) == 0;
    }
    const char* path = std::getenv("PATH");  // NOLINT(concurrency-mt-unsafe): read only, never set
    std::string_view dirs = path != nullptr ? path : "/usr/sbin:/usr/bin:/sbin:/bin";
    while (!dirs.empty()) {
        const auto colon = dirs.find(':');
        const std::string_view dir = dirs.substr(0, colon);
        if (!dir.empty() && ::access(fmt::format("{}/{}", dir, exe).c_str(), X_OK) == 0) {
            return true;
        }
        dirs = colon == std::string_view::npos ? std::string_view{} : dirs.substr(colon + 1);
    }
    return false;
}

DockerSettings DockerSettings::from(const ResolvedSection& section) {
    DockerSettings settings;
    settings.service = section.service;
    settings.exe = context_string(section, "node.docker_exe").value_or(default_docker_exe());
    const auto data_dir = context_string(section, "DEFAULT.container_data_dir");
    bool private_daemon = data_dir.has_value();
    if (const Value* flag = context_value(section, "DEFAULT.docker_daemon_private")) {
        if (const auto* b = std::get_if<bool>(&flag->data)) {
            private_daemon = *b;
        }
    }
    if (private_daemon) {
        if (!data_dir) {
            throw ConfigError(section.where,
                              "DEFAULT.docker_daemon_private: a private docker daemon requires "
                              "DEFAULT.container_data_dir");
        }
        if (!std::filesystem::path{*data_dir}.is_absolute()) {
            throw ConfigError(
                section.context.find("DEFAULT.container_data_dir")->second.where,
                fmt::format("DEFAULT.container_data_dir: {} is not an absolute path", *data_dir));
        }
        settings.private_daemon = true;
        settings.data_dir = *data_dir;
        if (const Value* args = context_value(section, "DEFAULT.docker_daemon_args")) {
            if (const auto* words = std::get_if<std::vector<std::string>>(&args->data)) {
                settings.daemon_args = *words;
            }
        }
    }
    for (const auto& [key, value] : section.context) {
        constexpr std::string_view suffix = ".mnt";
        if (key.size() > suffix.size() &&
            key.compare(key.size() - suffix.size(), suffix.size(), suffix) == 0) {
            if (const auto* mnt = std::get_if<std::string>(&value.data); mnt != nullptr && !mnt->empty()) {
                settings.fs_mounts.emplace_back(key.substr(0, key.size() - suffix.size()), *mnt);
            }
        }
    }
    return settings;
}

DockerHost DockerSettings::host(const Paths& paths) const {
    DockerHost host{.exe = exe};
    if (private_daemon) {
        host.socket = DaemonPaths::of(paths, service).socket;
    }
    return host;
}

std::string container_name(const ResolvedSection& section, std::string_view rid) {
    if (rid == section.rid) {
        if (auto own = section.get_string("name"); own && !own->empty()) {
            return *own;
        }
    }
    if (auto named = context_string(section, fmt::format("{}.name", rid))) {
        return *named;
    }
    const auto hash = rid.find('#');
    const std::string_view index = hash == std::string_view::npos ? rid : rid.substr(hash + 1);
    return fmt::format("{}.container.{}", section.service, index);
}

std::optional<std::string> daemon_path_error(const DaemonPaths& paths) {
    const std::size_t socket = paths.socket.string().size();
    if (socket > k_max_socket_path) {
        return fmt::format("private docker socket path too long ({} bytes > {}): shorten the service name or "
                           "OSVC_ROOT",
                           socket, k_max_socket_path);
    }
    // containerd.sock and its longer sibling containerd.sock.ttrpc: both must fit.
    const std::size_t deepest = (paths.exec_root / "containerd" / "containerd.sock.ttrpc").string().size();
    if (deepest > k_max_socket_path) {
        return fmt::format("private docker exec-root too deep ({} bytes > {}): shorten the service name or "
                           "OSVC_ROOT",
                           deepest, k_max_socket_path);
    }
    return std::nullopt;
}

}  // namespace svcagent::drivers::container
