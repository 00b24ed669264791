// Section names (SPEC §2), groups and driver types (§2, §8.1, §8.10, §17), deprecated names (§3.5).

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>

#include "config/schema.hpp"

namespace svcagent::config {

namespace {

struct GroupDefault {
    std::string_view group, type;
};
constexpr auto k_group_defaults = std::to_array<GroupDefault>({
    {"ip", "host"}, {"disk", "vg"}, {"container", "docker"}, {"app", "forking"}, {"sync", "rsync"},
});

constexpr auto k_groups = std::to_array<std::string_view>({"ip", "disk", "fs", "container", "app", "sync"});

constexpr auto k_type_aliases = std::to_array<TypeAlias>({
    {"disk", "lvm", "vg"}, {"ip", "docker", "netns"}, {"container", "oci", "docker"},
});

constexpr auto k_families = std::to_array<std::string_view>({"task", "share", "volume", "hb", "stonith"});

struct UnsupportedTypes {
    std::string_view group;
    std::span<const std::string_view> types;
};
// Driver types of OpenSVC that svcagent knows by name and does not drive (§8.10, §17).
constexpr auto k_ip_unsupported =
    std::to_array<std::string_view>({"amazon", "cni", "crossbow", "gce", "route", "zone"});
constexpr auto k_disk_unsupported = std::to_array<std::string_view>({
    "amazon", "crypt", "disk", "drbd", "gandi", "gce", "hpvm", "ldom", "loop", "md", "rados", "raw",
    "scsireserv", "vdisk", "vmdg", "vxdg", "vxvol", "zpool", "zvol",
});
constexpr auto k_fs_unsupported = std::to_array<std::string_view>({"zfs", "directory"});
constexpr auto k_container_unsupported = std::to_array<std::string_view>({
    "amazon", "esx", "hpvm", "jail", "kvm", "ldom", "lxc", "lxd", "openstack", "ovm", "podman", "srp",
    "vbox", "vcloud", "vz", "xen", "zone",
});
constexpr auto k_app_unsupported = std::to_array<std::string_view>({"winservice"});
constexpr auto k_sync_unsupported = std::to_array<std::string_view>({
    "btrfs", "btrfssnap", "dcsckpt", "dcssnap", "dds", "docker", "evasnap", "hp3par", "hp3parsnap",
    "ibmdssnap", "necismsnap", "netapp", "nexenta", "radosclone", "radossnap", "s3", "symclone",
    "symsnap", "symsrdfs", "zfs", "zfssnap",
});
constexpr auto k_unsupported = std::to_array<UnsupportedTypes>({
    {"ip", k_ip_unsupported},
    {"disk", k_disk_unsupported},
    {"fs", k_fs_unsupported},
    {"container", k_container_unsupported},
    {"app", k_app_unsupported},
    {"sync", k_sync_unsupported},
});

constexpr auto k_legacy_keywords = std::to_array<LegacyKeyword>({
    {"DEFAULT", "mode", ""},
    {"resource", "always_on", "standby"},
    {"ip.host", "alias", ""},
});

constexpr auto k_value_aliases = std::to_array<ValueAlias>({
    {"DEFAULT", "topology", "autoflex", "flex"},
});

bool contains(std::span<const std::string_view> list, std::string_view word) {
    return std::find(list.begin(), list.end(), word) != list.end();
}

bool is_index(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.' || c == '-';
    });
}

std::string lowered(std::string_view text) {
    std::string out{text};
    std::transform(out.begin(), out.end(), out.begin(),
                   [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    return out;
}

}  // namespace

SectionName classify_section(std::string_view name) {
    if (name == "DEFAULT") {
        return {.kind = SectionKind::default_section};
    }
    if (name == "env") {
        return {.kind = SectionKind::env};
    }
    if (name == "labels" || name == "data") {
        return {.kind = SectionKind::free_form};
    }
    if (name == "sync#i0") {
        return {.kind = SectionKind::sync_i0, .group = name.substr(0, 4), .index = name.substr(5)};
    }
    const auto hash = name.find('#');
    if (hash == std::string_view::npos) {
        return {};
    }
    const std::string_view family = name.substr(0, hash);
    const std::string_view rest = name.substr(hash + 1);
    if (family == "subset") {
        const auto colon = rest.find(':');
        if (colon == std::string_view::npos || colon == 0 || !is_index(rest.substr(colon + 1))) {
            return {};
        }
        return {.kind = SectionKind::subset, .group = rest.substr(0, colon), .index = rest.substr(colon + 1)};
    }
    if (!is_index(rest)) {
        return {};
    }
    if (family == "vg") {
        return {.kind = SectionKind::resource, .group = "disk", .index = rest, .legacy_vg = true};
    }
    if (is_resource_group(family)) {
        return {.kind = SectionKind::resource, .group = family, .index = rest};
    }
    if (contains(k_families, family)) {
        return {.kind = SectionKind::unsupported_family, .group = family, .index = rest};
    }
    return {};
}

bool is_valid_env_key(std::string_view key) {
    return is_index(key);
}

std::span<const std::string_view> resource_groups() {
    return k_groups;
}

bool is_resource_group(std::string_view group) {
    return contains(k_groups, group);
}

std::optional<std::string_view> group_default_type(std::string_view group) {
    for (const GroupDefault& d : k_group_defaults) {
        if (d.group == group) {
            return d.type;
        }
    }
    return std::nullopt;
}

std::optional<std::string_view> type_alias_target(std::string_view group, std::string_view type) {
    for (const TypeAlias& a : k_type_aliases) {
        if (a.group == group && a.legacy == type) {
            return a.type;
        }
    }
    return std::nullopt;
}

std::span<const std::string_view> families_without_driver() {
    return k_families;
}

std::span<const TypeAlias> type_aliases() {
    return k_type_aliases;
}

std::span<const std::string_view> known_unsupported_types(std::string_view group) {
    for (const UnsupportedTypes& u : k_unsupported) {
        if (u.group == group) {
            return u.types;
        }
    }
    return {};
}

bool is_known_unsupported_type(std::string_view group, std::string_view type) {
    return contains(known_unsupported_types(group), type);
}

DriverResolution resolve_driver(const DriverRegistry& registry, std::string_view group, std::string_view type) {
    DriverResolution out;
    out.type = lowered(type);
    if (contains(k_families, group)) {
        out.support = DriverSupport::unsupported;
        return out;
    }
    if (!is_resource_group(group)) {
        return out;
    }
    if (out.type.empty()) {
        out.type = std::string{group_default_type(group).value_or("")};
    } else if (const auto target = type_alias_target(group, out.type)) {
        out.type = std::string{*target};
        out.type_alias = true;
    }
    if (is_known_unsupported_type(group, out.type)) {
        out.support = DriverSupport::unsupported;
        return out;
    }
    out.spec = registry.find(group, out.type);
    if (out.spec == nullptr && group == "fs") {
        out.spec = registry.find(group, "");  // generic mount type (nfs, tmpfs, bind, ...) or type unset
    }
    out.support = out.spec != nullptr ? DriverSupport::supported : DriverSupport::unknown_type;
    return out;
}

std::span<const LegacyKeyword> legacy_keywords() {
    return k_legacy_keywords;
}

std::span<const ValueAlias> value_aliases() {
    return k_value_aliases;
}

}  // namespace svcagent::config
