#include "exec/child_process.hpp"

#include <array>
#include <cerrno>
#include <climits>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <system_error>
#include <unistd.h>

#include <fmt/format.h>

namespace svcagent::exec {

namespace {

struct Pipe {
    util::UniqueFd read, write;
};

Pipe make_pipe() {
    std::array<int, 2> fds{-1, -1};
    if (::pipe2(fds.data(), O_CLOEXEC) != 0) {
        throw std::system_error(errno, std::generic_category(), "pipe2");
    }
    return {util::UniqueFd{fds[0]}, util::UniqueFd{fds[1]}};
}

void set_nonblocking(int fd) {
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) != 0) {
        throw std::system_error(errno, std::generic_category(), "fcntl O_NONBLOCK");
    }
}

enum class Stage : int { dup, chdir, exec };
struct ChildFailure {
    Stage stage;
    int error;
};

// Child side, after fork: async-signal-safe calls only, never returns.
[[noreturn]] void exec_child(const SpawnRequest& request, char* const* argv, char* const* envp, int in_fd,
                             int out_fd, int err_fd, int report_fd) {
    auto fail = [report_fd](Stage stage) {
        const ChildFailure failure{stage, errno};
        [[maybe_unused]] const ssize_t ignored = ::write(report_fd, &failure, sizeof failure);
        ::_exit(127);
    };
    ::setpgid(0, 0);
    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;  // NOLINT(cppcoreguidelines-pro-type-union-access)
    for (int sig = 1; sig < NSIG; ++sig) {
        ::sigaction(sig, &dfl, nullptr);  // fails harmlessly for SIGKILL, SIGSTOP, reserved ones
    }
    sigset_t empty;
    ::sigemptyset(&empty);
    ::sigprocmask(SIG_SETMASK, &empty, nullptr);
    ::umask(022);
    const std::array<int, 3> sources{in_fd, out_fd, err_fd};
    for (int target = 0; target < 3; ++target) {
        const int source = sources[static_cast<std::size_t>(target)];
        const int rc = source == target ? ::fcntl(target, F_SETFD, 0) : ::dup2(source, target);
        if (rc < 0) {
            fail(Stage::dup);
        }
    }
    if (request.cwd && ::chdir(request.cwd->c_str()) != 0) {
        fail(Stage::chdir);
    }
    ::close_range(3, UINT_MAX, CLOSE_RANGE_CLOEXEC);  // report_fd closes on exec too
    ::execve(request.path.c_str(), argv, envp);
    fail(Stage::exec);
    ::_exit(127);
}

std::vector<char*> c_strings(const std::vector<std::string>& words) {
    std::vector<char*> pointers;
    pointers.reserve(words.size() + 1);
    for (const auto& word : words) {
        pointers.push_back(const_cast<char*>(word.c_str()));  // NOLINT: execve's signature
    }
    pointers.push_back(nullptr);
    return pointers;
}

}  // namespace

ChildProcess spawn_child(const SpawnRequest& request) {
    const std::vector<char*> argv = c_strings(request.argv);
    const std::vector<char*> envp = c_strings(request.env);
    Pipe in;
    if (request.with_input) {
        in = make_pipe();
    } else {
        in.read.reset(::open("/dev/null", O_RDONLY | O_CLOEXEC));
        if (!in.read) {
            throw std::system_error(errno, std::generic_category(), "open /dev/null");
        }
    }
    Pipe out = make_pipe();
    Pipe err = make_pipe();
    Pipe report = make_pipe();

    const pid_t pid = ::fork();
    if (pid < 0) {
        throw std::system_error(errno, std::generic_category(), "fork");
    }
    if (pid == 0) {
        exec_child(request, argv.data(), envp.data(), in.read.get(), out.write.get(), err.write.get(),
                   report.write.get());
    }
    ::setpgid(pid, pid);  // also done by the child: whichever runs first wins the race
    in.read.reset();
    out.write.reset();
    err.write.reset();
    report.write.reset();

    ChildFailure failure{};
    ssize_t got = 0;
    do {
        got = ::read(report.read.get(), &failure, sizeof failure);
    } while (got < 0 && errno == EINTR);
    if (got == static_cast<ssize_t>(sizeof failure)) {
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        const char* what = failure.stage == Stage::chdir ? "cannot change directory to {}"
                           : failure.stage == Stage::dup ? "cannot set up the standard descriptors of {}"
                                                         : "cannot execute {}";
        const std::string subject = failure.stage == Stage::chdir ? request.cwd->string() : request.path;
        throw std::system_error(failure.error, std::generic_category(),
                                fmt::format(fmt::runtime(what), subject));
    }
    ChildProcess child;
    child.pid = pid;
    child.stdout_pipe = std::move(out.read);
    child.stderr_pipe = std::move(err.read);
    set_nonblocking(child.stdout_pipe.get());
    set_nonblocking(child.stderr_pipe.get());
    if (request.with_input) {
        child.stdin_pipe = std::move(in.write);
        set_nonblocking(child.stdin_pipe.get());
    }
    return child;
}

}  // namespace svcagent::exec
