#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

#include "util/unique_fd.hpp"

namespace svcagent::exec {

// A started child, leader of its own process group, with the parent's ends of its pipes.
struct ChildProcess {
    pid_t pid = -1;
    util::UniqueFd stdin_pipe;  // invalid when stdin is /dev/null
    util::UniqueFd stdout_pipe;
    util::UniqueFd stderr_pipe;
};

struct SpawnRequest {
    std::string path;               // resolved executable
    std::vector<std::string> argv;  // argv[0] as given by the caller
    std::vector<std::string> env;   // "K=V"
    std::optional<std::filesystem::path> cwd;
    bool with_input = false;  // stdin from a pipe instead of /dev/null
};

// Forks and executes. Between fork and exec the child only makes async-signal-safe calls:
// setpgid, default signal dispositions and an empty mask, umask 022, dup2, chdir, close-on-exec
// on every other descriptor, execve. Exec or chdir failures come back through a close-on-exec
// pipe: the child is reaped and std::system_error is thrown ("cannot execute ...").
// The parent's pipe ends are non-blocking and close-on-exec.
[[nodiscard]] ChildProcess spawn_child(const SpawnRequest& request);

}  // namespace svcagent::exec
