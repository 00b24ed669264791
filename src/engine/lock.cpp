#include "engine/lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <fstream>
#include <sstream>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/planner.hpp"
#include "util/unique_fd.hpp"

namespace svcagent::engine {
namespace {

constexpr std::chrono::milliseconds k_retry_interval{100};

bool pid_alive(int pid) {
    if (pid <= 0) {
        return false;
    }
    return ::kill(pid, 0) == 0 || errno == EPERM;
}

std::optional<LockHolder> parse_holder(const std::string& text) {
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object() || !j.contains("pid") || !j["pid"].is_number_integer()) {
        return std::nullopt;
    }
    LockHolder holder;
    holder.pid = j["pid"].get<int>();
    if (j.contains("intent") && j["intent"].is_string()) {
        holder.intent = j["intent"].get<std::string>();
    }
    if (j.contains("running") && j["running"].is_array()) {
        for (const auto& rid : j["running"]) {
            if (rid.is_string()) {
                holder.running.push_back(rid.get<std::string>());
            }
        }
    }
    return holder;
}

void write_content(int fd, const LockHolder& holder) {
    const nlohmann::json j{{"pid", holder.pid}, {"intent", holder.intent}, {"running", holder.running}};
    const std::string text = j.dump();
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, text.data(), text.size(), 0) != static_cast<ssize_t>(text.size())) {
        throw ActionError(fmt::format("cannot write lock file: {}", std::strerror(errno)));
    }
}

}  // namespace

std::filesystem::path lock_path(const std::filesystem::path& var, const std::string& service) {
    return var / service / "lock";
}

std::optional<LockHolder> read_lock_holder(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) {
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    auto holder = parse_holder(text.str());
    if (!holder || !pid_alive(holder->pid)) {
        return std::nullopt;
    }
    return holder;
}

std::string format_wait(std::chrono::milliseconds wait) {
    const auto ms = wait.count();
    if (ms % 1000 == 0) {
        return fmt::format("{}s", ms / 1000);
    }
    if (ms > 1000) {
        return fmt::format("{}.{:03}s", ms / 1000, ms % 1000);
    }
    return fmt::format("{}ms", ms);
}

LockGuard::LockGuard(LockGuard&& other) noexcept
    : m_manager(std::exchange(other.m_manager, nullptr)), m_path(std::move(other.m_path)) {}

LockGuard::~LockGuard() {
    if (m_manager != nullptr) {
        m_manager->release(m_path);
    }
}

void LockGuard::set_running(const std::vector<std::string>& rids) {
    if (m_manager != nullptr) {
        m_manager->set_running(m_path, rids);
    }
}

LockManager::~LockManager() {
    for (auto& [path, held] : m_held) {
        (void)::ftruncate(held.fd, 0);
        ::close(held.fd);
    }
}

bool LockManager::holds(const std::filesystem::path& path) const {
    const std::lock_guard guard(m_mutex);
    return m_held.find(path) != m_held.end();
}

LockGuard LockManager::acquire(const std::filesystem::path& path, const std::string& intent,
                               std::chrono::milliseconds wait) {
    {
        const std::lock_guard guard(m_mutex);
        if (const auto it = m_held.find(path); it != m_held.end()) {
            ++it->second.count;
            return LockGuard(this, path);
        }
    }
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    util::UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600));
    if (!fd) {
        throw ActionError(fmt::format("cannot open lock file {}: {}", path.string(), std::strerror(errno)));
    }
    const auto deadline = std::chrono::steady_clock::now() + wait;
    while (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK && errno != EINTR) {
            throw ActionError(fmt::format("cannot lock {}: {}", path.string(), std::strerror(errno)));
        }
        if (std::chrono::steady_clock::now() + k_retry_interval > deadline) {
            const auto holder = read_lock_holder(path);
            throw ActionError(fmt::format(
                "timed out waiting for lock (timeout {}, action {}, lockfile {}): held by pid {}, intent '{}'",
                format_wait(wait), intent, path.string(), holder ? std::to_string(holder->pid) : "unknown",
                holder ? holder->intent : "unknown"));
        }
        std::this_thread::sleep_for(k_retry_interval);
    }
    Held held{.fd = fd.get(), .count = 1, .content = {.pid = static_cast<int>(::getpid()), .intent = intent, .running = {}}};
    write_content(held.fd, held.content);  // stale content of a dead holder is replaced here
    const std::lock_guard guard(m_mutex);
    m_held.emplace(path, std::move(held));
    (void)fd.release();
    return LockGuard(this, path);
}

void LockManager::release(const std::filesystem::path& path) {
    const std::lock_guard guard(m_mutex);
    const auto it = m_held.find(path);
    if (it == m_held.end() || --it->second.count > 0) {
        return;
    }
    (void)::ftruncate(it->second.fd, 0);  // truncate, then release (SPEC §13)
    ::flock(it->second.fd, LOCK_UN);
    ::close(it->second.fd);
    m_held.erase(it);
}

void LockManager::set_running(const std::filesystem::path& path, const std::vector<std::string>& rids) {
    const std::lock_guard guard(m_mutex);
    const auto it = m_held.find(path);
    if (it == m_held.end()) {
        return;
    }
    it->second.content.running = rids;
    write_content(it->second.fd, it->second.content);
}

}  // namespace svcagent::engine
