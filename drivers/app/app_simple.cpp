// app.simple (SPEC §9.7): the start command is a long-running process the agent detaches.

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include <fmt/format.h>
#include <spdlog/logger.h>

#include <svcagent/error.hpp>

#include "app_resource.hpp"

extern char** environ;  // NOLINT(readability-identifier-naming)

namespace svcagent::drivers::app {
namespace {

constexpr std::string_view k_path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
constexpr std::chrono::milliseconds k_settle{500};
constexpr std::chrono::seconds k_term_wait{10};
constexpr std::chrono::seconds k_kill_wait{5};
constexpr std::chrono::milliseconds k_poll{100};

std::string find_program(const std::string& name) {
    if (name.find('/') != std::string::npos) {
        return name;
    }
    std::size_t start = 0;
    while (start <= k_path.size()) {
        const auto end = std::min(k_path.find(':', start), k_path.size());
        const auto candidate = fmt::format("{}/{}", k_path.substr(start, end - start), name);
        if (::access(candidate.c_str(), X_OK) == 0) {
            return candidate;
        }
        start = end + 1;
    }
    return {};
}

// Reaps our own exited child so that it does not look alive; true while the process exists.
bool alive(pid_t pid) {
    int wstatus = 0;
    if (::waitpid(pid, &wstatus, WNOHANG) == pid) {
        return false;
    }
    if (::kill(pid, 0) != 0 && errno != EPERM) {
        return false;
    }
    // A zombie that is not our child (started by an earlier agent run) waits for init to reap it:
    // it has exited, so it is gone for us.
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    std::getline(stat, line);
    const auto close = line.rfind(')');
    return close == std::string::npos || close + 2 >= line.size() || line[close + 2] != 'Z';
}

bool wait_gone(pid_t pid, std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (alive(pid)) {
        if (std::chrono::steady_clock::now() >= deadline) {
            return false;
        }
        std::this_thread::sleep_for(k_poll);
    }
    return true;
}

std::optional<pid_t> read_pid(const std::filesystem::path& file) {
    std::ifstream in(file);
    long value = 0;
    if (!(in >> value) || value <= 0) {
        return std::nullopt;
    }
    return static_cast<pid_t>(value);
}

}  // namespace

std::filesystem::path AppResource::pid_file(const NodeInfo& node) const {
    return node.paths.var / m_config.service / m_config.rid / "pid";
}

StatusReport AppResource::simple_pid_status(ActionContext& ctx) const {
    StatusReport report;
    report.status = Status::down;
    const auto pid = read_pid(pid_file(ctx.node));
    if (!pid) {
        return report;
    }
    std::ifstream in(fmt::format("/proc/{}/environ", *pid), std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    const std::string env = "\0" + content.str() + std::string(1, '\0');
    const bool ours = env.find(std::string(1, '\0') + "OPENSVC_SVCNAME=" + m_config.service + '\0') != std::string::npos &&
                      env.find(std::string(1, '\0') + "OPENSVC_RID=" + m_config.rid + '\0') != std::string::npos;
    if (ours) {
        report.status = Status::up;
    }
    return report;
}

bool AppResource::start_simple(ActionContext& ctx, const std::vector<std::string>& argv_in) {
    const auto argv = as_user(argv_in);
    if (ctx.options.dry_run) {
        ctx.log.info("would run: {}", display_argv(argv));
        return false;
    }
    ctx.log.info("exec {} as user {}", display_argv(argv_in), m_config.user.value_or("root"));
    const auto program = find_program(argv[0]);
    if (program.empty()) {
        throw ResourceError(m_config.rid, fmt::format("{} not found in PATH", argv[0]));
    }
    const auto out_path = ctx.node.paths.log / fmt::format("{}.{}.out", m_config.service, m_config.rid);
    std::filesystem::create_directories(out_path.parent_path());
    std::vector<std::string> env_words;
    for (char** e = environ; *e != nullptr; ++e) {
        env_words.emplace_back(*e);
    }
    env_words.insert(env_words.end(), {"LANG=C", "LC_ALL=C", fmt::format("PATH={}", k_path)});
    for (const auto& [key, value] : child_env(ctx.options, "start")) {
        env_words.push_back(key + "=" + value);
    }
    std::vector<char*> c_argv;
    std::vector<char*> c_env;
    for (const auto& word : argv) {
        c_argv.push_back(const_cast<char*>(word.c_str()));  // NOLINT(cppcoreguidelines-pro-type-const-cast)
    }
    for (const auto& word : env_words) {
        c_env.push_back(const_cast<char*>(word.c_str()));  // NOLINT(cppcoreguidelines-pro-type-const-cast)
    }
    c_argv.push_back(nullptr);
    c_env.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    ::posix_spawn_file_actions_init(&actions);
    ::posix_spawnattr_init(&attr);
    ::posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    ::posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    ::posix_spawn_file_actions_adddup2(&actions, 1, 2);
    ::posix_spawn_file_actions_addchdir_np(&actions, m_config.cwd.c_str());
    ::posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    sigset_t none;
    sigset_t all;
    sigemptyset(&none);
    sigfillset(&all);
    ::posix_spawnattr_setsigmask(&attr, &none);
    ::posix_spawnattr_setsigdefault(&attr, &all);
    ::posix_spawnattr_setflags(&attr, static_cast<short>(POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF));
    pid_t pid = -1;
    const int rc = ::posix_spawn(&pid, program.c_str(), &actions, &attr, c_argv.data(), c_env.data());
    ::posix_spawn_file_actions_destroy(&actions);
    ::posix_spawnattr_destroy(&attr);
    if (rc != 0) {
        throw ResourceError(m_config.rid, fmt::format("cannot execute {}: {}", program, std::strerror(rc)));
    }
    const auto pid_path = pid_file(ctx.node);
    std::filesystem::create_directories(pid_path.parent_path());
    std::ofstream(pid_path) << pid << '\n';
    std::this_thread::sleep_for(k_settle);
    int wstatus = 0;
    if (::waitpid(pid, &wstatus, WNOHANG) == pid) {
        const int code = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
        if (code != 0) {
            throw ResourceError(m_config.rid, fmt::format("exit code {}", code));
        }
    }
    ctx.log.info("started pid {}, output in {}", pid, out_path.string());
    return true;
}

bool AppResource::stop_simple(ActionContext& ctx) {
    const auto pid_path = pid_file(ctx.node);
    const auto pid = read_pid(pid_path);
    if (!pid) {
        ctx.log.info("{} is already stopped", label());
        return false;
    }
    if (ctx.options.dry_run) {
        ctx.log.info("would send SIGTERM to process group {}", *pid);
        return false;
    }
    ctx.log.info("send SIGTERM to process group {}", *pid);
    if (::kill(-*pid, SIGTERM) != 0) {
        (void)::kill(*pid, SIGTERM);
    }
    if (!wait_gone(*pid, k_term_wait)) {
        ctx.log.warn("process {} still alive after {}s, send SIGKILL", *pid, k_term_wait.count());
        if (::kill(-*pid, SIGKILL) != 0) {
            (void)::kill(*pid, SIGKILL);
        }
        if (!wait_gone(*pid, k_kill_wait)) {
            throw ResourceError(m_config.rid, fmt::format("process {} still alive after SIGKILL", *pid));
        }
    }
    std::error_code ec;
    std::filesystem::remove(pid_path, ec);
    return true;
}

}  // namespace svcagent::drivers::app
