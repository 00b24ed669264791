#include "util/atomic_write.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <optional>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <svcagent/error.hpp>

#include "util/unique_fd.hpp"

namespace svcagent::util {

namespace {

[[noreturn]] void fail(const std::filesystem::path& path, std::string_view what, int error) {
    throw Error(fmt::format("cannot write {}: {}: {}", path.string(), what, std::strerror(error)));
}

void write_all(int fd, std::string_view bytes, const std::filesystem::path& path) {
    while (!bytes.empty()) {
        const ssize_t written = ::write(fd, bytes.data(), bytes.size());
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            fail(path, "write", errno);
        }
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
}

// Removes the temporary file unless disarmed.
class TempGuard {
public:
    explicit TempGuard(std::filesystem::path path) : m_path(std::move(path)) {}
    TempGuard(const TempGuard&) = delete;
    TempGuard& operator=(const TempGuard&) = delete;
    TempGuard(TempGuard&&) = delete;
    TempGuard& operator=(TempGuard&&) = delete;
    ~TempGuard() {
        if (m_armed) {
            ::unlink(m_path.c_str());
        }
    }
    void disarm() noexcept { m_armed = false; }

private:
    std::filesystem::path m_path;
    bool m_armed = true;
};

}  // namespace

void atomic_write(const std::filesystem::path& path, std::string_view bytes, mode_t new_file_mode) {
    std::optional<struct stat> original;
    if (struct stat st{}; ::stat(path.c_str(), &st) == 0) {
        original = st;
    } else if (errno != ENOENT) {
        fail(path, "stat", errno);
    }
    std::filesystem::path temp = path;
    temp += fmt::format(".tmp.{}", ::getpid());
    const mode_t mode = original ? (original->st_mode & 07777) : new_file_mode;

    UniqueFd fd{::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600)};
    if (!fd) {
        fail(temp, "open", errno);
    }
    TempGuard guard{temp};
    write_all(fd.get(), bytes, temp);
    if (original && ::fchown(fd.get(), original->st_uid, original->st_gid) != 0 && errno != EPERM) {
        fail(temp, "fchown", errno);
    }
    if (::fchmod(fd.get(), mode) != 0) {  // after fchown, which may clear set-id bits
        fail(temp, "fchmod", errno);
    }
    if (::fsync(fd.get()) != 0) {
        fail(temp, "fsync", errno);
    }
    fd.reset();
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        fail(path, "rename", errno);
    }
    guard.disarm();

    std::filesystem::path dir = path.parent_path();
    if (dir.empty()) {
        dir = ".";
    }
    const UniqueFd dir_fd{::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
    if (!dir_fd || ::fsync(dir_fd.get()) != 0) {
        fail(dir, "fsync directory", errno);
    }
}

}  // namespace svcagent::util
