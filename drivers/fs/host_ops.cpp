#include "host_ops.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <glob.h>
#include <grp.h>
#include <pwd.h>
#include <sstream>
#include <string_view>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <system_error>
#include <thread>
#include <unistd.h>

#include <fmt/format.h>

#include <svcagent/error.hpp>

namespace svcagent::drivers {

namespace fs = std::filesystem;

namespace {

bool below(std::string_view path, std::string_view dir) {
    if (dir == "/") {
        return true;
    }
    return path == dir ||
           (path.size() > dir.size() && path.substr(0, dir.size()) == dir && path[dir.size()] == '/');
}

std::string read_link(const fs::path& link) {
    std::error_code ec;
    fs::path target = fs::read_symlink(link, ec);
    if (ec) {
        return {};
    }
    std::string text = target.string();
    constexpr std::string_view deleted = " (deleted)";
    if (text.size() > deleted.size() && text.ends_with(deleted)) {
        text.resize(text.size() - deleted.size());
    }
    return text;
}

bool maps_below(const fs::path& maps, std::string_view dir) {
    std::ifstream file{maps};
    std::string line;
    while (std::getline(file, line)) {
        const auto slash = line.find('/');
        if (slash != std::string::npos && below(std::string_view{line}.substr(slash), dir)) {
            return true;
        }
    }
    return false;
}

bool fds_below(const fs::path& fd_dir, std::string_view dir) {
    std::error_code ec;
    for (fs::directory_iterator it{fd_dir, ec}, end; !ec && it != end; it.increment(ec)) {
        const std::string target = read_link(it->path());
        if (!target.empty() && target.front() == '/' && below(target, dir)) {
            return true;
        }
    }
    return false;
}

std::string read_cmdline(const fs::path& file) {
    std::ifstream in{file, std::ios::binary};
    std::ostringstream text;
    text << in.rdbuf();
    std::string cmdline = text.str();
    while (!cmdline.empty() && cmdline.back() == '\0') {
        cmdline.pop_back();
    }
    std::replace(cmdline.begin(), cmdline.end(), '\0', ' ');
    return cmdline;
}

class PosixHostOps final : public HostOps {
public:
    [[nodiscard]] bool exists(const fs::path& path) const override {
        std::error_code ec;
        return fs::exists(path, ec);
    }
    [[nodiscard]] bool is_directory(const fs::path& path) const override {
        std::error_code ec;
        return fs::is_directory(path, ec);
    }
    [[nodiscard]] std::optional<dev_t> block_device_number(const fs::path& path) const override {
        struct stat st {};
        if (::stat(path.c_str(), &st) != 0 || !S_ISBLK(st.st_mode)) {
            return std::nullopt;
        }
        return st.st_rdev;
    }
    [[nodiscard]] fs::path resolve(const fs::path& path) const override {
        std::error_code ec;
        fs::path resolved = fs::weakly_canonical(path, ec);
        return ec ? path : resolved;
    }
    [[nodiscard]] std::vector<std::string> glob(const std::string& pattern) const override {
        glob_t found{};
        std::vector<std::string> paths;
        if (::glob(pattern.c_str(), 0, nullptr, &found) == 0) {
            for (std::size_t i = 0; i < found.gl_pathc; ++i) {
                paths.emplace_back(
                    found.gl_pathv[i]);  // NOLINT(cppcoreguidelines-pro-bounds-pointer-arithmetic)
            }
        }
        ::globfree(&found);
        return paths;
    }
    [[nodiscard]] std::vector<std::string> dm_holders(const fs::path& device) const override {
        const auto number = block_device_number(device);
        if (!number) {
            return {};
        }
        const fs::path holders =
            fs::path{"/sys/dev/block"} / fmt::format("{}:{}", major(*number), minor(*number)) / "holders";
        std::vector<std::string> names;
        std::error_code ec;
        for (fs::directory_iterator it{holders, ec}, end; !ec && it != end; it.increment(ec)) {
            names.push_back(it->path().filename().string());
        }
        std::sort(names.begin(), names.end());
        return names;
    }
    [[nodiscard]] std::vector<ProcessUser> users_below(const fs::path& dir) const override {
        const std::string top = dir.string();
        const pid_t self = ::getpid();
        std::vector<ProcessUser> users;
        std::error_code ec;
        for (fs::directory_iterator it{"/proc", ec}, end; !ec && it != end; it.increment(ec)) {
            const std::string name = it->path().filename().string();
            if (name.empty() ||
                !std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; })) {
                continue;
            }
            const auto pid = static_cast<pid_t>(std::strtol(name.c_str(), nullptr, 10));
            if (pid == self) {
                continue;
            }
            const fs::path proc = it->path();
            bool uses = false;
            for (const char* link : {"cwd", "exe", "root"}) {
                const std::string target = read_link(proc / link);
                // Every process has root "/": only a root inside the mount counts.
                const bool is_root_link = std::string_view{link} == "root";
                if (!target.empty() && below(target, top) && !(is_root_link && target == "/")) {
                    uses = true;
                }
            }
            uses = uses || fds_below(proc / "fd", top) || maps_below(proc / "maps", top);
            if (uses) {
                users.push_back({.pid = pid, .cmdline = read_cmdline(proc / "cmdline")});
            }
        }
        std::sort(users.begin(), users.end(),
                  [](const ProcessUser& a, const ProcessUser& b) { return a.pid < b.pid; });
        return users;
    }
    [[nodiscard]] bool has_tool(const std::string& tool) const override {
        const char* path_env = std::getenv("PATH");  // NOLINT(concurrency-mt-unsafe): read only
        std::string_view rest = path_env != nullptr ? path_env : "/usr/sbin:/usr/bin:/sbin:/bin";
        while (!rest.empty()) {
            const auto colon = rest.find(':');
            const std::string_view entry = rest.substr(0, colon);
            if (!entry.empty() && ::access((fs::path{entry} / tool).c_str(), X_OK) == 0) {
                return true;
            }
            rest = colon == std::string_view::npos ? std::string_view{} : rest.substr(colon + 1);
        }
        return false;
    }

    void make_directories(const fs::path& path) override {
        std::error_code ec;
        fs::create_directories(path, ec);
        if (ec) {
            throw Error(fmt::format("cannot create {}: {}", path.string(), ec.message()));
        }
        fs::permissions(path, fs::perms{0755}, ec);
    }
    bool remove_empty_directory(const fs::path& path) override { return ::rmdir(path.c_str()) == 0; }
    void change_owner(const fs::path& path, const std::optional<std::string>& user,
                      const std::optional<std::string>& group) override {
        uid_t uid = static_cast<uid_t>(-1);
        gid_t gid = static_cast<gid_t>(-1);
        std::array<char, 16384> buffer{};
        if (user) {
            passwd pw{};
            passwd* found = nullptr;
            if (::getpwnam_r(user->c_str(), &pw, buffer.data(), buffer.size(), &found) != 0 ||
                found == nullptr) {
                throw Error(fmt::format("unknown user {}", *user));
            }
            uid = pw.pw_uid;
        }
        if (group) {
            lookup_group(*group, gid, buffer);
        }
        if (::chown(path.c_str(), uid, gid) != 0) {
            throw Error(fmt::format("chown {}: {}", path.string(), std::strerror(errno)));  // NOLINT
        }
    }
    void change_mode(const fs::path& path, mode_t mode) override {
        if (::chmod(path.c_str(), mode) != 0) {
            throw Error(fmt::format("chmod {}: {}", path.string(), std::strerror(errno)));  // NOLINT
        }
    }
    void send_signal(pid_t pid, int signal) override { ::kill(pid, signal); }
    void sleep_for(std::chrono::milliseconds duration) override { std::this_thread::sleep_for(duration); }

private:
    static void lookup_group(const std::string& name, gid_t& gid, std::array<char, 16384>& buffer) {
        ::group gr{};
        ::group* found = nullptr;
        if (::getgrnam_r(name.c_str(), &gr, buffer.data(), buffer.size(), &found) != 0 || found == nullptr) {
            throw Error(fmt::format("unknown group {}", name));
        }
        gid = gr.gr_gid;
    }
};

}  // namespace

std::shared_ptr<HostOps> posix_host_ops() {
    return std::make_shared<PosixHostOps>();
}

}  // namespace svcagent::drivers
