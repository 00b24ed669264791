#include "exec/posix_runner.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <map>
#include <poll.h>
#include <signal.h>
#include <stdexcept>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <system_error>
#include <thread>
#include <unistd.h>

#include <spdlog/logger.h>

#include "exec/child_process.hpp"
#include "exec/command_log.hpp"

extern char** environ;  // NOLINT: POSIX, read once by the PosixRunner constructor

namespace svcagent::exec {

namespace {

using Clock = std::chrono::steady_clock;

// Blocks SIGPIPE in this thread while the runner writes a child's stdin, and consumes a
// SIGPIPE raised by that write, so a child that exits early cannot kill the agent.
class SigpipeGuard {
public:
    SigpipeGuard() {
        sigset_t pipe_set;
        ::sigemptyset(&pipe_set);
        ::sigaddset(&pipe_set, SIGPIPE);
        sigset_t pending;
        ::sigpending(&pending);
        m_was_pending = ::sigismember(&pending, SIGPIPE) == 1;
        ::pthread_sigmask(SIG_BLOCK, &pipe_set, &m_old);
    }
    SigpipeGuard(const SigpipeGuard&) = delete;
    SigpipeGuard& operator=(const SigpipeGuard&) = delete;
    SigpipeGuard(SigpipeGuard&&) = delete;
    SigpipeGuard& operator=(SigpipeGuard&&) = delete;
    ~SigpipeGuard() {
        if (m_raised && !m_was_pending) {
            sigset_t pipe_set;
            ::sigemptyset(&pipe_set);
            ::sigaddset(&pipe_set, SIGPIPE);
            const timespec zero{};
            while (::sigtimedwait(&pipe_set, nullptr, &zero) < 0 && errno == EINTR) {
            }
        }
        ::pthread_sigmask(SIG_SETMASK, &m_old, nullptr);
    }
    void raised() noexcept { m_raised = true; }

private:
    sigset_t m_old{};
    bool m_was_pending = false;
    bool m_raised = false;
};

// Reads what is available; closes the descriptor at end of file. Keeps at most `cap` bytes.
void drain(util::UniqueFd& fd, std::string& sink, std::size_t cap) {
    std::array<char, 65536> buffer{};
    while (fd) {
        const ssize_t got = ::read(fd.get(), buffer.data(), buffer.size());
        if (got > 0) {
            const std::size_t room = cap - std::min(cap, sink.size());
            sink.append(buffer.data(), std::min(room, static_cast<std::size_t>(got)));
        } else if (got == 0) {
            fd.reset();
        } else if (errno != EINTR) {
            if (errno != EAGAIN) {
                fd.reset();
            }
            return;
        }
    }
}

void feed(util::UniqueFd& fd, std::string_view input, std::size_t& offset, SigpipeGuard& guard) {
    while (fd && offset < input.size()) {
        const ssize_t put = ::write(fd.get(), input.data() + offset, input.size() - offset);
        if (put >= 0) {
            offset += static_cast<std::size_t>(put);
        } else if (errno == EAGAIN) {
            return;
        } else if (errno != EINTR) {
            if (errno == EPIPE) {
                guard.raised();
            }
            fd.reset();  // the child does not read its input: not our failure
        }
    }
    fd.reset();  // everything written: the child sees end of file
}

void apply_wait_status(int status, CommandResult& result) {
    if (WIFEXITED(status)) {
        result.exit_code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        result.term_signal = WTERMSIG(status);
    }
}

// Non-blocking reap; true once the child is reaped.
bool try_reap(pid_t pid, CommandResult& result) {
    int status = 0;
    pid_t rc = 0;
    do {
        rc = ::waitpid(pid, &status, WNOHANG);
    } while (rc < 0 && errno == EINTR);
    if (rc == pid) {
        apply_wait_status(status, result);
        return true;
    }
    return rc < 0;  // ECHILD: someone else reaped it; nothing left to wait for
}

void reap_blocking(pid_t pid, CommandResult& result) {
    int status = 0;
    pid_t rc = 0;
    do {
        rc = ::waitpid(pid, &status, 0);
    } while (rc < 0 && errno == EINTR);
    if (rc == pid) {
        apply_wait_status(status, result);
    }
}

bool group_alive(pid_t pgid) {
    return ::kill(-pgid, 0) == 0 || errno == EPERM;
}

// SIGTERM to the group; once the leader is gone and the group empty, or after `grace`, SIGKILL.
void terminate_group(pid_t pid, std::chrono::milliseconds grace, CommandResult& result) {
    ::kill(-pid, SIGTERM);
    const auto deadline = Clock::now() + grace;
    bool reaped = false;
    while (Clock::now() < deadline) {
        reaped = reaped || try_reap(pid, result);
        if (reaped && !group_alive(pid)) {
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds{10});
    }
    ::kill(-pid, SIGKILL);
    if (!reaped) {
        reap_blocking(pid, result);
    }
}

// Feeds stdin, collects stdout and stderr, until the child exits or the deadline passes.
void pump(ChildProcess& child, const Command& cmd, const PosixRunner::Options& options,
          CommandResult& result) {
    const auto deadline = Clock::now() + cmd.timeout;
    const util::UniqueFd pidfd{static_cast<int>(::syscall(SYS_pidfd_open, child.pid, 0))};
    SigpipeGuard guard;
    std::size_t input_offset = 0;
    bool reaped = false;
    while (true) {
        if (!child.stdout_pipe && !child.stderr_pipe && reaped) {
            return;
        }
        const auto now = Clock::now();
        if (now >= deadline) {
            result.timed_out = true;
            terminate_group(child.pid, options.kill_grace, result);
            return;
        }
        std::vector<pollfd> fds;
        for (const auto* fd : {&child.stdout_pipe, &child.stderr_pipe}) {
            if (*fd) {
                fds.push_back({fd->get(), POLLIN, 0});
            }
        }
        if (child.stdin_pipe) {
            fds.push_back({child.stdin_pipe.get(), POLLOUT, 0});
        }
        if (pidfd && !reaped) {
            fds.push_back({pidfd.get(), POLLIN, 0});
        }
        auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now) +
                    std::chrono::milliseconds{1};
        if (!pidfd) {
            wait = std::min(wait, std::chrono::milliseconds{20});  // no pidfd: poll the child too
        }
        ::poll(fds.data(), fds.size(), static_cast<int>(wait.count()));  // EINTR: just look again
        feed(child.stdin_pipe, cmd.input, input_offset, guard);
        drain(child.stdout_pipe, result.out, options.output_cap);
        drain(child.stderr_pipe, result.err, options.output_cap);
        if (!reaped && try_reap(child.pid, result)) {
            reaped = true;
            // Read what the child left, but do not wait for descendants holding the pipes.
            drain(child.stdout_pipe, result.out, options.output_cap);
            drain(child.stderr_pipe, result.err, options.output_cap);
            child.stdout_pipe.reset();
            child.stderr_pipe.reset();
            child.stdin_pipe.reset();
        }
    }
}

std::string env_key(std::string_view entry) {
    return std::string{entry.substr(0, entry.find('='))};
}

}  // namespace

std::string find_executable(std::string_view name, std::string_view search_path) {
    auto usable = [](const std::string& path) { return ::access(path.c_str(), X_OK) == 0; };
    if (name.empty()) {
        return {};
    }
    if (name.find('/') != std::string_view::npos) {
        std::string path{name};
        return usable(path) ? path : std::string{};
    }
    std::size_t start = 0;
    while (start <= search_path.size()) {
        const std::size_t end = std::min(search_path.find(':', start), search_path.size());
        const std::string_view dir = search_path.substr(start, end - start);
        if (!dir.empty()) {
            std::string candidate = std::string{dir} + "/" + std::string{name};
            std::error_code ec;
            if (std::filesystem::is_regular_file(candidate, ec) && usable(candidate)) {
                return candidate;
            }
        }
        start = end + 1;
    }
    return {};
}

std::vector<std::string> command_environment(const std::vector<std::string>& base,
                                             const std::vector<std::pair<std::string, std::string>>& extra) {
    std::map<std::string, std::string> merged;
    std::vector<std::string> order;
    auto set = [&](const std::string& key, std::string entry) {
        if (merged.find(key) == merged.end()) {
            order.push_back(key);
        }
        merged[key] = std::move(entry);
    };
    for (const auto& entry : base) {
        set(env_key(entry), entry);
    }
    set("LANG", "LANG=C");
    set("LC_ALL", "LC_ALL=C");
    set("PATH", "PATH=" + std::string{k_command_path});
    for (const auto& [key, value] : extra) {
        set(key, key + "=" + value);
    }
    std::vector<std::string> env;
    env.reserve(order.size());
    for (const auto& key : order) {
        env.push_back(merged[key]);
    }
    return env;
}

PosixRunner::PosixRunner() : PosixRunner(Options{}) {}

PosixRunner::PosixRunner(Options options) : m_options(options) {
    for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {  // NOLINT
        m_base_env.emplace_back(*entry);
    }
}

CommandResult PosixRunner::run(const Command& cmd, spdlog::logger& log) {
    if (cmd.argv.empty()) {
        throw std::logic_error("PosixRunner::run: empty argv");
    }
    const auto start = Clock::now();
    log_command_start(log, cmd);
    CommandResult result;
    const std::string path = find_executable(cmd.argv.front(), k_command_path);
    if (path.empty()) {
        result.exit_code = 127;
        result.err = cmd.argv.front().find('/') == std::string::npos ? cmd.argv.front() + " not found in PATH"
                                                                     : cmd.argv.front() + " not found";
    } else {
        try {
            ChildProcess child = spawn_child({.path = path,
                                              .argv = cmd.argv,
                                              .env = command_environment(m_base_env, cmd.env),
                                              .cwd = cmd.cwd,
                                              .with_input = !cmd.input.empty()});
            pump(child, cmd, m_options, result);
        } catch (const std::system_error& e) {
            result.exit_code = 127;
            result.err = e.what();
        }
    }
    result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    log_command_end(log, cmd, result);
    return result;
}

}  // namespace svcagent::exec
