#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace svcagent::drivers {

// A process using files below a mount point (SPEC §9.5 stop step 4).
struct ProcessUser {
    pid_t pid = 0;
    std::string cmdline;  // NUL separators replaced by spaces
};

// What the storage drivers touch on the host besides commands: file metadata, /proc and /sys
// reads, mount point directories, signals and waits. Read-only members are safe in dry-run; the
// drivers skip the mutating members themselves when ctx.options.dry_run is set. Unit tests
// substitute a fake (tests/unit/drivers/fake_host_ops.hpp).
class HostOps {
public:
    HostOps() = default;
    HostOps(const HostOps&) = delete;
    HostOps& operator=(const HostOps&) = delete;
    HostOps(HostOps&&) = delete;
    HostOps& operator=(HostOps&&) = delete;
    virtual ~HostOps() = default;

    // ---- reads ----
    [[nodiscard]] virtual bool exists(const std::filesystem::path& path) const = 0;
    [[nodiscard]] virtual bool is_directory(const std::filesystem::path& path) const = 0;
    // Device number of a block device (symlinks followed); nullopt when missing or not a block device.
    [[nodiscard]] virtual std::optional<dev_t>
    block_device_number(const std::filesystem::path& path) const = 0;
    // Symlinks resolved as far as the path exists (std::filesystem::weakly_canonical).
    [[nodiscard]] virtual std::filesystem::path resolve(const std::filesystem::path& path) const = 0;
    // Sorted matches of a glob pattern; a pattern without magic characters matches itself if it exists.
    [[nodiscard]] virtual std::vector<std::string> glob(const std::string& pattern) const = 0;
    // Device-mapper holders of a block device (/sys/block/dm-<minor>/holders/*), empty when none.
    [[nodiscard]] virtual std::vector<std::string> dm_holders(const std::filesystem::path& device) const = 0;
    // Processes whose cwd, root, exe, open fds or memory maps lie at or below `dir`.
    [[nodiscard]] virtual std::vector<ProcessUser> users_below(const std::filesystem::path& dir) const = 0;
    // An executable named `tool` in PATH.
    [[nodiscard]] virtual bool has_tool(const std::string& tool) const = 0;

    // ---- changes (callers skip them in dry-run) ----
    virtual void make_directories(const std::filesystem::path& path) = 0;        // mode 0755; throws Error
    virtual bool remove_empty_directory(const std::filesystem::path& path) = 0;  // false: not empty/missing
    virtual void change_owner(const std::filesystem::path& path, const std::optional<std::string>& user,
                              const std::optional<std::string>& group) = 0;        // throws Error
    virtual void change_mode(const std::filesystem::path& path, mode_t mode) = 0;  // throws Error
    virtual void send_signal(pid_t pid, int signal) = 0;  // a vanished process is not an error
    virtual void sleep_for(std::chrono::milliseconds duration) = 0;
};

// The real host.
[[nodiscard]] std::shared_ptr<HostOps> posix_host_ops();

// Bound of one resource action (SPEC §8.13): each command gets what is left, at least 1s.
class Deadline {
public:
    explicit Deadline(std::chrono::milliseconds budget) : m_end(std::chrono::steady_clock::now() + budget) {}
    [[nodiscard]] std::chrono::milliseconds remaining() const {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(m_end - std::chrono::steady_clock::now());
        return left < std::chrono::seconds{1} ? std::chrono::milliseconds{std::chrono::seconds{1}} : left;
    }

private:
    std::chrono::steady_clock::time_point m_end;
};

}  // namespace svcagent::drivers
