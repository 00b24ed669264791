#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

#include <svcagent/driver.hpp>

#include "docker_settings.hpp"

namespace svcagent::drivers::container {

// What the private daemon needs from the host besides ctx.runner: files, processes, a detached
// spawn and a clock. Tests replace it; production uses posix_host().
class DaemonHost {
public:
    DaemonHost() = default;
    DaemonHost(const DaemonHost&) = delete;
    DaemonHost& operator=(const DaemonHost&) = delete;
    DaemonHost(DaemonHost&&) = delete;
    DaemonHost& operator=(DaemonHost&&) = delete;
    virtual ~DaemonHost() = default;

    [[nodiscard]] virtual std::optional<pid_t> read_pid(const std::filesystem::path& pidfile) const = 0;
    [[nodiscard]] virtual bool alive(pid_t pid) const = 0;
    [[nodiscard]] virtual std::string exe_name(pid_t pid) const = 0;  // basename of /proc/<pid>/exe
    [[nodiscard]] virtual bool exists(const std::filesystem::path& path) const = 0;
    virtual void remove(const std::filesystem::path& path) = 0;
    virtual void make_directories(const std::filesystem::path& path, bool private_mode) = 0;
    // argv[0] through PATH, new session, stdin /dev/null, stdout+stderr appended to log. Throws.
    virtual pid_t spawn_detached(const std::vector<std::string>& argv, const std::filesystem::path& log) = 0;
    virtual void send_signal(pid_t pid, int signal) = 0;
    virtual void sleep_for(std::chrono::milliseconds duration) = 0;
    // An exclusive lock held until the returned object is destroyed (flock on path).
    [[nodiscard]] virtual std::shared_ptr<void> lock(const std::filesystem::path& path) = 0;
};

[[nodiscard]] std::shared_ptr<DaemonHost> posix_host();

// The service-private dockerd of SPEC §9.6.
class DockerDaemon {
public:
    DockerDaemon(DockerSettings settings, std::shared_ptr<DaemonHost> host);

    [[nodiscard]] DaemonPaths paths(const NodeInfo& node) const;
    // Pid file present, process alive, its exe named dockerd, socket present.
    [[nodiscard]] bool running(const NodeInfo& node) const;
    // The dockerd argv of SPEC §9.6 step 3.
    [[nodiscard]] std::vector<std::string> argv(const NodeInfo& node) const;
    // Starts it unless running (under the service's docker lock). Throws ResourceError.
    // Returns true when it started the daemon.
    bool ensure_started(ActionContext& ctx, const std::string& rid);
    // Stops it when no container of this daemon is running any more (rid: for messages).
    void stop_if_idle(ActionContext& ctx, const std::string& rid);
    // SIGTERM, wait up to 15s, SIGKILL, pid file removed.
    void stop(ActionContext& ctx);

    [[nodiscard]] DaemonHost& host() { return *m_host; }

private:
    void start_locked(ActionContext& ctx, const std::string& rid);

    DockerSettings m_settings;
    std::shared_ptr<DaemonHost> m_host;
};

}  // namespace svcagent::drivers::container
