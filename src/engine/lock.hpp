#pragma once

// The service lock of SPEC §13: an exclusive flock on <var>/<svc>/lock holding
// {"pid": <pid>, "intent": "<action>", "running": [<rids>]}.

#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace svcagent::engine {

struct LockHolder {
    int pid = 0;
    std::string intent;
    std::vector<std::string> running;
};

// "<var>/<svc>/lock"
[[nodiscard]] std::filesystem::path lock_path(const std::filesystem::path& var, const std::string& service);

// For readers that never lock (status, rendering): the holder when the file holds a JSON object
// whose pid is a live process; nullopt otherwise (absent, empty, unreadable, stale).
[[nodiscard]] std::optional<LockHolder> read_lock_holder(const std::filesystem::path& path);

// "60s", "1.5s", "100ms"
[[nodiscard]] std::string format_wait(std::chrono::milliseconds wait);

class LockManager;

// One hold of a lock; releasing the last hold of a path truncates the file then unlocks it.
class LockGuard {
public:
    LockGuard(const LockGuard&) = delete;
    LockGuard& operator=(const LockGuard&) = delete;
    LockGuard(LockGuard&& other) noexcept;
    LockGuard& operator=(LockGuard&&) = delete;
    ~LockGuard();

    // Rewrites the `running` list of the lock file (SPEC §13: it feeds the R flag).
    void set_running(const std::vector<std::string>& rids);
    [[nodiscard]] const std::filesystem::path& path() const noexcept { return m_path; }

private:
    friend class LockManager;
    LockGuard(LockManager* manager, std::filesystem::path path) : m_manager(manager), m_path(std::move(path)) {}
    LockManager* m_manager;
    std::filesystem::path m_path;
};

// Locks taken by this process, so that the lock is re-entrant within it (restart, switch and
// deploy call other actions while holding it). One per process, created by the cli; thread-safe.
class LockManager {
public:
    LockManager() = default;
    LockManager(const LockManager&) = delete;
    LockManager& operator=(const LockManager&) = delete;
    LockManager(LockManager&&) = delete;
    LockManager& operator=(LockManager&&) = delete;
    ~LockManager();

    // Tries every 100 ms until `wait` has passed (0: one try). A nested acquire of a path this
    // process holds succeeds at once and keeps the outer intent. On expiry throws ActionError:
    // "timed out waiting for lock (timeout <t>, action <a>, lockfile <path>): held by pid <p>, intent '<i>'".
    [[nodiscard]] LockGuard acquire(const std::filesystem::path& path, const std::string& intent,
                                    std::chrono::milliseconds wait);
    [[nodiscard]] bool holds(const std::filesystem::path& path) const;

private:
    friend class LockGuard;
    struct Held {
        int fd = -1;
        int count = 0;
        LockHolder content;
    };
    void release(const std::filesystem::path& path);
    void set_running(const std::filesystem::path& path, const std::vector<std::string>& rids);

    mutable std::mutex m_mutex;
    std::map<std::filesystem::path, Held> m_held;
};

}  // namespace svcagent::engine
