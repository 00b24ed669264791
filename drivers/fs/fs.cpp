#include "fs.hpp"

#include <array>
#include <stdexcept>
#include <string_view>

#include <fmt/format.h>

#include <svcagent/error.hpp>

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

std::unique_ptr<Resource> make_fs(const ResolvedSection& section) {
    return std::make_unique<FsResource>(FsConfig::from(section), posix_host_ops());
}

constexpr DriverSpec k_generic{
    .group = "fs",
    .type = "",
    .keywords = k_keywords,
    .caps = {},
    .make = make_fs,
    .help =
        "mounts a filesystem; ext2 ext3 ext4 xfs btrfs get fsck and mkfs, other types mount and umount only",
};
constexpr DriverSpec k_ext2{.group = "fs",
                            .type = "ext2",
                            .keywords = k_keywords,
                            .caps = k_block_caps,
                            .make = make_fs,
                            .help = "mounts an ext2 filesystem (fsck, mkfs)"};
constexpr DriverSpec k_ext3{.group = "fs",
                            .type = "ext3",
                            .keywords = k_keywords,
                            .caps = k_block_caps,
                            .make = make_fs,
                            .help = "mounts an ext3 filesystem (fsck, mkfs)"};
constexpr DriverSpec k_ext4{.group = "fs",
                            .type = "ext4",
                            .keywords = k_keywords,
                            .caps = k_block_caps,
                            .make = make_fs,
                            .help = "mounts an ext4 filesystem (fsck, mkfs)"};
constexpr DriverSpec k_xfs{.group = "fs",
                           .type = "xfs",
                           .keywords = k_keywords,
                           .caps = k_block_caps,
                           .make = make_fs,
                           .help = "mounts an xfs filesystem (fsck, mkfs)"};
constexpr DriverSpec k_btrfs{.group = "fs",
                             .type = "btrfs",
                             .keywords = k_keywords,
                             .caps = k_block_caps,
                             .make = make_fs,
                             .help = "mounts a btrfs filesystem (fsck, mkfs)"};

std::chrono::milliseconds duration_of(const ResolvedSection& section, std::string_view key,
                                      std::chrono::milliseconds fallback) {
    const auto value = section.get_duration(key);
    return value ? std::chrono::milliseconds{*value} : fallback;
}

mode_t parse_perm(const ResolvedSection& section, const std::string& text) {
    const bool octal =
        !text.empty() && text.size() <= 4 && text.find_first_not_of("01234567") == std::string::npos;
    if (!octal) {
        throw section.error("perm", fmt::format("invalid mode \"{}\" (expected octal, e.g. 0750)", text));
    }
    return static_cast<mode_t>(std::stoul(text, nullptr, 8));
}

}  // namespace

std::string normal_path(const std::string& path) {
    std::string normal = std::filesystem::path{path}.lexically_normal().string();
    while (normal.size() > 1 && normal.back() == '/') {
        normal.pop_back();
    }
    return normal;
}

FsConfig FsConfig::from(const ResolvedSection& section) {
    FsConfig config;
    config.rid = section.rid;
    config.type = section.get_string("type").value_or(section.type);
    if (config.type.empty()) {
        throw section.error("type", "a filesystem type is required");
    }
    config.dev = section.get_string("dev").value_or("");
    if (config.dev.empty() || config.dev.front() == '-') {
        throw section.error("dev", fmt::format("invalid device \"{}\"", config.dev));
    }
    const std::string mnt = section.get_string("mnt").value_or("");
    if (mnt.empty() || mnt.front() != '/') {
        throw section.error("mnt", fmt::format("mount point \"{}\" is not an absolute path", mnt));
    }
    if (normal_path(mnt) == "/") {
        throw section.error("mnt", "refusing / as a mount point");
    }
    config.mnt = mnt;  // as written: the one argument given to mkdir and mount
    config.mnt_opt = section.get_string("mnt_opt").value_or("");
    try {
        config.fsck = parse_fsck_policy(section.get_string("fsck").value_or("auto"));
    } catch (const std::invalid_argument& e) {
        throw section.error("fsck", e.what());
    }
    config.mkfs_opt = section.get_list("mkfs_opt");
    config.user = section.get_string("user");
    config.group = section.get_string("group");
    if (const auto perm = section.get_string("perm")) {
        config.perm = parse_perm(section, *perm);
    }
    config.term_grace = duration_of(section, "term_grace", std::chrono::seconds{5});
    config.start_timeout = duration_of(section, "start_timeout", std::chrono::hours{1});
    config.stop_timeout = duration_of(section, "stop_timeout", std::chrono::seconds{120});
    config.provision_timeout = duration_of(section, "provision_timeout", std::chrono::hours{1});
    return config;
}

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
