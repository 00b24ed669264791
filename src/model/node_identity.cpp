#include "model/node_identity.hpp"
#include "util/strings.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>

#include <svcagent/error.hpp>

namespace svcagent {

Paths Paths::fhs() {
    Paths p;
    p.etc = "/etc/opensvc";
    p.var = "/var/lib/opensvc";
    p.log = "/var/log/opensvc";
    p.tmp = "/var/tmp/opensvc";
    p.lock = "/var/lib/opensvc/lock";
    p.run = "/run/svcagent";
    p.flag = "/dev/shm/opensvc";
    return p;
}

Paths Paths::relocated(const std::filesystem::path& root) {
    Paths p;
    p.etc = root / "etc";
    p.var = root / "var";
    p.log = root / "log";
    p.tmp = root / "tmp";
    p.lock = root / "var" / "lock";
    p.run = root / "run";
    p.flag = root / "run" / "flag";
    return p;
}

namespace model {

namespace {
bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool is_alnum(char c) { return is_lower_alnum(c) || (c >= 'A' && c <= 'Z'); }

std::filesystem::path executable_dir() {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path{"/usr/bin"} : exe.parent_path();
}
}  // namespace

bool is_valid_node_name(std::string_view name) {
    if (name.empty() || !is_lower_alnum(name.front()) || !is_lower_alnum(name.back())) {
        return false;
    }
    return std::all_of(name.begin(), name.end(), [](char c) { return is_lower_alnum(c) || c == '.' || c == '-'; });
}

bool is_valid_service_name(std::string_view name) {
    static constexpr std::array<std::string_view, 7> k_reserved{"node", "mon", "svcmgr", "nodemgr",
                                                                "svcmon", "om", "svcagent"};
    if (name.empty() || name.size() > 100 || !is_alnum(name.front()) || !is_alnum(name.back())) {
        return false;
    }
    if (std::find(k_reserved.begin(), k_reserved.end(), name) != k_reserved.end()) {
        return false;
    }
    return std::all_of(name.begin(), name.end(),
                       [](char c) { return is_alnum(c) || c == '.' || c == '_' || c == '-'; });
}

NodeInfo node_info_from_environment() {
    NodeInfo info;
    const char* root = std::getenv("OSVC_ROOT");  // NOLINT(concurrency-mt-unsafe): read once at start-up
    if (root != nullptr && *root != '\0') {
        const std::filesystem::path root_path{root};
        if (!root_path.is_absolute()) {
            throw UsageError("OSVC_ROOT must be an absolute path (got \"" + std::string{root} + "\")");
        }
        info.paths = Paths::relocated(root_path.lexically_normal());
    } else {
        info.paths = Paths::fhs();
    }
    info.paths.bindir = executable_dir();

    const char* forced = std::getenv("OSVC_NODENAME");  // NOLINT(concurrency-mt-unsafe)
    std::string name;
    if (forced != nullptr && *forced != '\0') {
        name = forced;
    } else {
        std::array<char, 256> buffer{};
        if (gethostname(buffer.data(), buffer.size() - 1) != 0) {
            throw Error("cannot read the hostname");
        }
        name = buffer.data();
    }
    name = util::to_lower(name);
    if (!is_valid_node_name(name)) {
        throw Error("invalid node name \"" + name + "\" (expected [a-z0-9]([a-z0-9.-]*[a-z0-9])?)");
    }
    info.nodename = name;
    info.is_root = geteuid() == 0;
    return info;
}

}  // namespace model
}  // namespace svcagent
