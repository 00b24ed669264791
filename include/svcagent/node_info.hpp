#pragma once

#include <filesystem>
#include <string>

namespace svcagent {

// Directories of SPEC §1.2, with OSVC_ROOT applied.
struct Paths {
    std::filesystem::path etc, var, log, tmp, lock, run, flag, bindir;

    static Paths fhs();                                        // /etc/opensvc, /var/lib/opensvc, ...
    static Paths relocated(const std::filesystem::path& root);  // <root>/etc, <root>/var, ...
};

// Who and where we are; read once by the cli from the environment (OSVC_ROOT, OSVC_NODENAME).
struct NodeInfo {
    std::string nodename;  // lowercase, validated
    Paths paths;
    bool is_root = false;  // geteuid() == 0
};

}  // namespace svcagent
