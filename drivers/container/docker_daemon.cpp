#include "docker_daemon.hpp"

#include <algorithm>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <spawn.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <system_error>
#include <thread>
#include <unistd.h>

#include <fmt/format.h>
#include <spdlog/logger.h>

#include <svcagent/error.hpp>
#include <svcagent/probe_cache.hpp>

extern char** environ;  // NOLINT(readability-redundant-declaration): POSIX, for posix_spawnp

namespace svcagent::drivers::container {

namespace {

constexpr std::chrono::milliseconds k_poll{500};
constexpr std::chrono::seconds k_ready_timeout{30};
constexpr std::chrono::seconds k_stop_timeout{15};

bool below(const std::filesystem::path& dir, const std::filesystem::path& mnt) {
    const auto rel = dir.lexically_normal().lexically_relative(mnt.lexically_normal());
    return !rel.empty() && *rel.begin() != "..";
}

class PosixDaemonHost final : public DaemonHost {
public:
    [[nodiscard]] std::optional<pid_t> read_pid(const std::filesystem::path& pidfile) const override {
        std::ifstream in(pidfile);
        long pid = 0;
        if (!(in >> pid) || pid <= 1) {
            return std::nullopt;
        }
        return static_cast<pid_t>(pid);
    }
    [[nodiscard]] bool alive(pid_t pid) const override {
        // A daemon this process spawned is its child: reap it once dead, or it lingers as a zombie.
        if (::waitpid(pid, nullptr, WNOHANG) == pid) {
            return false;
        }
        return ::kill(pid, 0) == 0 || errno == EPERM;
    }
    [[nodiscard]] std::string exe_name(pid_t pid) const override {
        std::error_code ec;
        const auto exe = std::filesystem::read_symlink(fmt::format("/proc/{}/exe", pid), ec);
        return ec ? std::string{} : exe.filename().string();
    }
    [[nodiscard]] bool exists(const std::filesystem::path& path) const override {
        std::error_code ec;
        return std::filesystem::exists(std::filesystem::symlink_status(path, ec));
    }
    void remove(const std::filesystem::path& path) override {
        std::error_code ec;
        std::filesystem::remove(path, ec);
    }
    void make_directories(const std::filesystem::path& path, bool private_mode) override {
        std::filesystem::create_directories(path);
        if (private_mode) {
            std::filesystem::permissions(path, std::filesystem::perms::owner_all);
        }
    }
    pid_t spawn_detached(const std::vector<std::string>& argv, const std::filesystem::path& log) override {
        posix_spawn_file_actions_t actions;
        posix_spawnattr_t attr;
        ::posix_spawn_file_actions_init(&actions);
        ::posix_spawnattr_init(&attr);
        ::posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
        ::posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
        ::posix_spawn_file_actions_adddup2(&actions, 1, 2);
        sigset_t none;
        sigemptyset(&none);
        ::posix_spawnattr_setsigmask(&attr, &none);
        sigset_t all;
        sigfillset(&all);
        ::posix_spawnattr_setsigdefault(&attr, &all);
        ::posix_spawnattr_setflags(&attr,
                                   POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
        std::vector<char*> args;
        args.reserve(argv.size() + 1);
        for (const auto& arg : argv) {
            args.push_back(const_cast<char*>(arg.c_str()));  // NOLINT: posix_spawn's historical signature
        }
        args.push_back(nullptr);
        pid_t pid = -1;
        const int rc = ::posix_spawnp(&pid, argv.front().c_str(), &actions, &attr, args.data(), environ);
        ::posix_spawn_file_actions_destroy(&actions);
        ::posix_spawnattr_destroy(&attr);
        if (rc != 0) {
            throw std::system_error(rc, std::generic_category(),
                                    fmt::format("cannot execute {}", argv.front()));
        }
        return pid;
    }
    void send_signal(pid_t pid, int signal) override { ::kill(pid, signal); }
    void sleep_for(std::chrono::milliseconds duration) override { std::this_thread::sleep_for(duration); }
    [[nodiscard]] std::shared_ptr<void> lock(const std::filesystem::path& path) override {
        const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if (fd < 0) {
            throw std::system_error(errno, std::generic_category(),
                                    fmt::format("cannot open {}", path.string()));
        }
        if (::flock(fd, LOCK_EX) != 0) {
            const int err = errno;
            ::close(fd);
            throw std::system_error(err, std::generic_category(),
                                    fmt::format("cannot lock {}", path.string()));
        }
        return {nullptr, [fd](void*) { ::close(fd); }};
    }
};

}  // namespace

std::shared_ptr<DaemonHost> posix_host() {
    return std::make_shared<PosixDaemonHost>();
}

DockerDaemon::DockerDaemon(DockerSettings settings, std::shared_ptr<DaemonHost> host)
    : m_settings(std::move(settings)), m_host(std::move(host)) {}

DaemonPaths DockerDaemon::paths(const NodeInfo& node) const {
    return DaemonPaths::of(node.paths, m_settings.service);
}

bool DockerDaemon::running(const NodeInfo& node) const {
    const DaemonPaths p = paths(node);
    const auto pid = m_host->read_pid(p.pidfile);
    return pid && m_host->alive(*pid) && m_host->exe_name(*pid) == "dockerd" && m_host->exists(p.socket);
}

std::vector<std::string> DockerDaemon::argv(const NodeInfo& node) const {
    const DaemonPaths p = paths(node);
    std::vector<std::string> argv{"dockerd",
                                  "-H",
                                  "unix://" + p.socket.string(),
                                  "--data-root",
                                  m_settings.data_dir.string(),
                                  "-p",
                                  p.pidfile.string(),
                                  "--exec-root",
                                  p.exec_root.string()};
    const auto& extra = m_settings.daemon_args;
    const bool has_exec_opt = std::any_of(extra.begin(), extra.end(), [](const std::string& word) {
        return word == "--exec-opt" || word.rfind("--exec-opt=", 0) == 0;
    });
    if (!has_exec_opt) {
        argv.insert(argv.end(), {"--exec-opt", "native.cgroupdriver=cgroupfs"});
    }
    argv.insert(argv.end(), extra.begin(), extra.end());
    return argv;
}

bool DockerDaemon::ensure_started(ActionContext& ctx, const std::string& rid) {
    if (running(ctx.node)) {
        return false;
    }
    const DaemonPaths p = paths(ctx.node);
    if (ctx.options.dry_run) {
        ctx.log.info("starting docker daemon");
        ctx.log.info("would run: {}", display_argv(argv(ctx.node)));
        return true;
    }
    m_host->make_directories(p.socket.parent_path(), false);
    const auto guard = m_host->lock(p.lock_file);
    if (running(ctx.node)) {
        return false;  // another resource of the service started it meanwhile
    }
    start_locked(ctx, rid);
    return true;
}

void DockerDaemon::start_locked(ActionContext& ctx, const std::string& rid) {
    const DaemonPaths p = paths(ctx.node);
    if (const auto error = daemon_path_error(p)) {
        throw ResourceError(rid, *error);
    }
    // The data dir on a filesystem of the service: that filesystem must be mounted first.
    const std::pair<std::string, std::string>* holder = nullptr;
    for (const auto& fs : m_settings.fs_mounts) {
        if (below(m_settings.data_dir, fs.second) &&
            (holder == nullptr || fs.second.size() > holder->second.size())) {
            holder = &fs;
        }
    }
    if (holder != nullptr && ctx.probes.mounts()->find_mount_point(holder->second) == nullptr) {
        throw ResourceError(rid, fmt::format("docker data dir {} is on {}, which is not up",
                                             m_settings.data_dir.string(), holder->first));
    }
    ctx.log.info("starting docker daemon");
    m_host->remove(p.pidfile);  // stale: the daemon is not running
    m_host->remove(p.socket);
    m_host->make_directories(p.exec_root, true);
    m_host->make_directories(p.log_file.parent_path(), false);
    m_host->make_directories(m_settings.data_dir, true);
    const std::vector<std::string> args = argv(ctx.node);
    ctx.log.info("{}", display_argv(args));
    pid_t pid = -1;
    try {
        pid = m_host->spawn_detached(args, p.log_file);
    } catch (const std::system_error& e) {
        throw ResourceError(rid, fmt::format("docker daemon did not start: {}", e.what()));
    }
    const DockerHost host = m_settings.host(ctx.node.paths);
    std::vector<std::string> version = host.argv_prefix();
    version.insert(version.end(), {"version", "--format", "{{.Server.Version}}"});
    for (auto waited = std::chrono::milliseconds{0};; waited += k_poll) {
        if (m_host->exists(p.socket)) {
            const CommandResult answer = ctx.runner.run(
                {.argv = version, .timeout = std::chrono::seconds{5}, .effect = Effect::probe}, ctx.log);
            if (answer.ok()) {
                break;
            }
        }
        if (!m_host->alive(pid) || waited >= k_ready_timeout) {
            m_host->send_signal(pid, SIGKILL);
            m_host->remove(p.pidfile);
            throw ResourceError(rid,
                                fmt::format("docker daemon did not start (see {})", p.log_file.string()));
        }
        m_host->sleep_for(k_poll);
    }
    ctx.probes.invalidate(ProbeKind::containers);
    ctx.probes.invalidate(ProbeKind::images);
}

void DockerDaemon::stop_if_idle(ActionContext& ctx, const std::string& rid) {
    if (ctx.options.dry_run) {
        return;  // nothing was stopped for real: the daemon still serves its containers
    }
    const DaemonPaths p = paths(ctx.node);
    const auto guard = m_host->lock(p.lock_file);
    if (!running(ctx.node)) {
        return;
    }
    ctx.probes.invalidate(ProbeKind::containers);
    const auto table = ctx.probes.containers(m_settings.host(ctx.node.paths));
    const bool busy = std::any_of(table->containers.begin(), table->containers.end(),
                                  [](const ContainerInfo& c) { return c.running; });
    if (busy) {
        ctx.log.debug("{}: the private docker daemon still runs containers", rid);
        return;
    }
    ctx.log.info("no more container handled by docker daemon. shut it down");
    stop(ctx);
}

void DockerDaemon::stop(ActionContext& ctx) {
    const DaemonPaths p = paths(ctx.node);
    const auto pid = m_host->read_pid(p.pidfile);
    if (!pid || !m_host->alive(*pid) || m_host->exe_name(*pid) != "dockerd") {
        m_host->remove(p.pidfile);
        return;
    }
    ctx.log.info("kill -TERM {} (dockerd)", *pid);
    m_host->send_signal(*pid, SIGTERM);
    constexpr std::chrono::milliseconds step{100};
    for (auto waited = std::chrono::milliseconds{0}; m_host->alive(*pid) && waited < k_stop_timeout;
         waited += step) {
        m_host->sleep_for(step);
    }
    if (m_host->alive(*pid)) {
        ctx.log.warn("dockerd {} still alive after {}s: kill -KILL", *pid, k_stop_timeout.count());
        m_host->send_signal(*pid, SIGKILL);
    }
    m_host->remove(p.pidfile);
    ctx.probes.invalidate(ProbeKind::containers);
    ctx.probes.invalidate(ProbeKind::images);
}

}  // namespace svcagent::drivers::container
