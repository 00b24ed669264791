#include "fs.hpp"

#include <array>
#include <string_view>

namespace svcagent::drivers::fs {

namespace {

constexpr auto k_fsck_policies = std::to_array<std::string_view>({"auto", "yes", "no"});

// SPEC §9.5 keyword table, the same for every fs type (there are no per-type keywords).
constexpr auto k_keywords = std::to_array<Keyword>({
    {.name = "type", .type = ValueType::lower, .required = true, .help = "filesystem type"},
    {.name = "dev", .scopable = true, .required = true, .help = "device path, LABEL=<l> or UUID=<u>"},
    {.name = "mnt", .scopable = true, .required = true, .help = "absolute mount point"},
    {.name = "mnt_opt", .default_value = "", .scopable = true, .help = "mount options (-o)"},
    {.name = "fsck",
     .type = ValueType::lower,
     .default_value = "auto",
     .scopable = true,
     .candidates = k_fsck_policies,
     .help = "check policy before mount"},
    {.name = "mkfs_opt",
     .type = ValueType::shlex,
     .default_value = "",
     .scopable = true,
     .help = "extra mkfs arguments"},
    {.name = "user", .scopable = true, .help = "owner of the mount point after mount"},
    {.name = "group", .scopable = true, .help = "owner group of the mount point after mount"},
    {.name = "perm", .scopable = true, .help = "mode of the mount point after mount (octal)"},
    {.name = "term_grace",
     .type = ValueType::duration,
     .default_value = "5s",
     .scopable = true,
     .help = "delay between SIGTERM and SIGKILL of users at stop"},
    {.name = "start_timeout",
     .type = ValueType::duration,
     .default_value = "1h",
     .scopable = true,
     .inherit = Inherit::leaf_head,
     .help = "bound of the start action, includes fsck (§8.13)"},
    {.name = "stop_timeout",
     .type = ValueType::duration,
     .default_value = "120s",
     .scopable = true,
     .inherit = Inherit::leaf_head,
     .help = "bound of the stop action (§8.13)"},
    {.name = "provision_timeout",
     .type = ValueType::duration,
     .default_value = "1h",
     .scopable = true,
     .inherit = Inherit::leaf_head,
     .help = "bound of the provision action (§8.13)"},
});

constexpr Capabilities k_block_caps{.provisions = true};

// Resource implementation: see issue "Host drivers".
constexpr DriverSpec k_generic{
    .group = "fs",
    .type = "",
    .keywords = k_keywords,
    .caps = {},
    .make = nullptr,
    .help = "mounts a filesystem; ext2 ext3 ext4 xfs btrfs get fsck and mkfs, other types mount and umount only",
};
constexpr DriverSpec k_ext2{.group = "fs", .type = "ext2", .keywords = k_keywords, .caps = k_block_caps,
                            .make = nullptr, .help = "mounts an ext2 filesystem (fsck, mkfs)"};
constexpr DriverSpec k_ext3{.group = "fs", .type = "ext3", .keywords = k_keywords, .caps = k_block_caps,
                            .make = nullptr, .help = "mounts an ext3 filesystem (fsck, mkfs)"};
constexpr DriverSpec k_ext4{.group = "fs", .type = "ext4", .keywords = k_keywords, .caps = k_block_caps,
                            .make = nullptr, .help = "mounts an ext4 filesystem (fsck, mkfs)"};
constexpr DriverSpec k_xfs{.group = "fs", .type = "xfs", .keywords = k_keywords, .caps = k_block_caps,
                           .make = nullptr, .help = "mounts an xfs filesystem (fsck, mkfs)"};
constexpr DriverSpec k_btrfs{.group = "fs", .type = "btrfs", .keywords = k_keywords, .caps = k_block_caps,
                             .make = nullptr, .help = "mounts a btrfs filesystem (fsck, mkfs)"};

}  // namespace

const DriverSpec& generic_spec() {
    return k_generic;
}
const DriverSpec& ext2_spec() {
    return k_ext2;
}
const DriverSpec& ext3_spec() {
    return k_ext3;
}
const DriverSpec& ext4_spec() {
    return k_ext4;
}
const DriverSpec& xfs_spec() {
    return k_xfs;
}
const DriverSpec& btrfs_spec() {
    return k_btrfs;
}

}  // namespace svcagent::drivers::fs
