#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <svcagent/runner.hpp>

namespace svcagent::drivers::fs {

// Per-type policy of SPEC §9.5: which check runs before mount, which mkfs formats.
enum class FsckPolicy { automatic, yes, no };
enum class FsFamily { ext, xfs, btrfs, other };

[[nodiscard]] FsFamily family_of(std::string_view type);
[[nodiscard]] FsckPolicy
parse_fsck_policy(std::string_view text);  // "auto" "yes" "no"; else std::invalid_argument

// nfs, nfs4, cifs, smb3, tmpfs, ramfs, bind, none, or a dev that is not a path, LABEL= or UUID=:
// no device check, no fsck, no mkfs.
[[nodiscard]] bool is_virtual(std::string_view type, std::string_view dev);

// The check to run before mount, nullopt for none.
[[nodiscard]] std::optional<std::vector<std::string>> fsck_argv(std::string_view type, FsckPolicy policy,
                                                                const std::string& device);

// What a finished check means: nullopt when the mount may go on (warnings go to *warning), else the
// error message ("e2fsck failed with exit code 4", "filesystem on /dev/x needs repair").
struct FsckVerdict {
    std::optional<std::string> error;
    std::optional<std::string> warning;
};
[[nodiscard]] FsckVerdict judge_fsck(std::string_view type, const CommandResult& result,
                                     const std::string& device);

// mkfs for the types that have one (ext2/3/4, xfs, btrfs), nullopt otherwise. `overwrite` adds -F/-f.
[[nodiscard]] std::optional<std::vector<std::string>> mkfs_argv(std::string_view type, bool overwrite,
                                                                const std::vector<std::string>& mkfs_opt,
                                                                const std::string& device);

}  // namespace svcagent::drivers::fs
