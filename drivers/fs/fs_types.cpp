#include "fs_types.hpp"

#include <array>
#include <stdexcept>

#include <fmt/format.h>

namespace svcagent::drivers::fs {

namespace {

constexpr auto k_virtual_types =
    std::to_array<std::string_view>({"nfs", "nfs4", "cifs", "smb3", "tmpfs", "ramfs", "bind", "none"});

}  // namespace

FsFamily family_of(std::string_view type) {
    if (type == "ext2" || type == "ext3" || type == "ext4") {
        return FsFamily::ext;
    }
    if (type == "xfs") {
        return FsFamily::xfs;
    }
    if (type == "btrfs") {
        return FsFamily::btrfs;
    }
    return FsFamily::other;
}

FsckPolicy parse_fsck_policy(std::string_view text) {
    if (text == "auto") {
        return FsckPolicy::automatic;
    }
    if (text == "yes") {
        return FsckPolicy::yes;
    }
    if (text == "no") {
        return FsckPolicy::no;
    }
    throw std::invalid_argument(fmt::format("invalid fsck policy \"{}\" (expected auto, yes or no)", text));
}

bool is_virtual(std::string_view type, std::string_view dev) {
    for (const auto name : k_virtual_types) {
        if (type == name) {
            return true;
        }
    }
    const bool tagged = dev.rfind("LABEL=", 0) == 0 || dev.rfind("UUID=", 0) == 0;
    return !tagged && (dev.empty() || dev.front() != '/');
}

std::optional<std::vector<std::string>> fsck_argv(std::string_view type, FsckPolicy policy,
                                                  const std::string& device) {
    if (policy == FsckPolicy::no) {
        return std::nullopt;
    }
    switch (family_of(type)) {
    case FsFamily::ext:
        return std::vector<std::string>{"e2fsck", "-p", device};
    case FsFamily::xfs:
        if (policy == FsckPolicy::yes) {
            return std::vector<std::string>{"xfs_repair", "-n", device};
        }
        return std::nullopt;
    case FsFamily::btrfs:
        if (policy == FsckPolicy::yes) {
            return std::vector<std::string>{"btrfs", "check", "--readonly", device};
        }
        return std::nullopt;
    case FsFamily::other:
        return std::nullopt;
    }
    return std::nullopt;
}

FsckVerdict judge_fsck(std::string_view type, const CommandResult& result, const std::string& device) {
    if (result.timed_out || result.term_signal != 0) {
        return {.error = fmt::format("fsck of {} did not finish (timeout or signal {})", device,
                                     result.term_signal),
                .warning = std::nullopt};
    }
    if (family_of(type) == FsFamily::ext) {
        if (result.exit_code == 0 || result.exit_code == 1) {
            return {};
        }
        if (result.exit_code == 2) {
            return {.error = std::nullopt, .warning = "e2fsck: errors corrected, reboot recommended"};
        }
        return {.error = fmt::format("e2fsck failed with exit code {}", result.exit_code),
                .warning = std::nullopt};
    }
    if (result.exit_code != 0) {
        return {.error = fmt::format("filesystem on {} needs repair", device), .warning = std::nullopt};
    }
    return {};
}

std::optional<std::vector<std::string>> mkfs_argv(std::string_view type, bool overwrite,
                                                  const std::vector<std::string>& mkfs_opt,
                                                  const std::string& device) {
    const FsFamily family = family_of(type);
    if (family == FsFamily::other) {
        return std::nullopt;
    }
    std::vector<std::string> argv{fmt::format("mkfs.{}", type), "-q"};
    if (overwrite) {
        argv.emplace_back(family == FsFamily::ext ? "-F" : "-f");
    }
    argv.insert(argv.end(), mkfs_opt.begin(), mkfs_opt.end());
    argv.push_back(device);
    return argv;
}

}  // namespace svcagent::drivers::fs
