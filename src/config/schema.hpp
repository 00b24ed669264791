#pragma once

// The keyword schema of service files and node.conf (SPEC §3.1), declared once. Driver keywords live
// in each driver's DriverSpec; this header adds the tables that belong to no driver (DEFAULT, common
// resource keywords, subset, sync#i0, node.conf), the section and driver-type rules of SPEC §2 and
// §8.1, deprecated names (§3.5), and the keyword lookup used by validation, get/set and rendering.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <svcagent/keyword.hpp>
#include <svcagent/registry.hpp>

namespace svcagent::config {

// ---- keyword tables ----------------------------------------------------------------------------

[[nodiscard]] std::span<const Keyword> default_keywords();          // [DEFAULT] (§6)
[[nodiscard]] std::span<const Keyword> common_resource_keywords();  // every resource section (§7)
[[nodiscard]] std::span<const Keyword> subset_keywords();           // [subset#<group>:<name>] (§8.4)
[[nodiscard]] std::span<const Keyword> sync_i0_keywords();          // [sync#i0] (§9.9)

// node.conf (§1.4): one table per section, "ssh#<peer>" standing for every [ssh#<name>] section.
struct KeywordTable {
    std::string_view section;  // "node", "cluster", "ssh", "ssh#<peer>"
    std::string_view help;
    std::span<const Keyword> keywords;
};
[[nodiscard]] std::span<const KeywordTable> node_keyword_tables();
// Keywords of a node.conf section ("ssh#n2" gives the ssh#<peer> table); empty for unknown sections.
[[nodiscard]] std::span<const Keyword> node_keywords(std::string_view section);

// The keywords of a resource section of this driver: the driver's own, in table order, then the
// common ones it does not redeclare (a driver redeclares e.g. start_timeout to give its default).
[[nodiscard]] std::vector<const Keyword*> resource_keywords(const DriverSpec& spec);

// ---- sections (§2) -----------------------------------------------------------------------------

enum class SectionKind {
    default_section,     // [DEFAULT]
    resource,            // [<group>#<index>], and legacy [vg#<index>]
    subset,              // [subset#<group>:<name>]
    env,                 // [env]: free-form string keys, always scopable
    free_form,           // [labels], [data]: accepted and ignored
    sync_i0,             // [sync#i0]
    unsupported_family,  // [task#...], [share#...], [volume#...], [hb#...], [stonith#...]
    unknown,             // anything else: "ignored section <name>"
};

struct SectionName {
    SectionKind kind = SectionKind::unknown;
    std::string_view group{};  // resource: "disk" (also for [vg#1]); subset: its group; family name
    std::string_view index{};  // text after '#'; subset: the name after ':'
    bool legacy_vg = false;  // [vg#<index>]: a disk resource whose type is always vg
};
// Views into name. An index must match [A-Za-z0-9_.-]+, else the section is unknown.
[[nodiscard]] SectionName classify_section(std::string_view name);

// Keys of [env] match [A-Za-z0-9_.-]+.
[[nodiscard]] bool is_valid_env_key(std::string_view key);

// ---- groups and driver types (§2, §8.1, §8.10, §17) --------------------------------------------

[[nodiscard]] std::span<const std::string_view> resource_groups();  // ip disk fs container app sync
[[nodiscard]] bool is_resource_group(std::string_view group);
// ip -> host, disk -> vg, container -> docker, app -> forking, sync -> rsync; fs: nullopt (required).
[[nodiscard]] std::optional<std::string_view> group_default_type(std::string_view group);
// Deprecated type names (§3.5): disk lvm -> vg, ip docker -> netns, container oci -> docker.
struct TypeAlias {
    std::string_view group, legacy, type;
};
[[nodiscard]] std::span<const TypeAlias> type_aliases();
[[nodiscard]] std::optional<std::string_view> type_alias_target(std::string_view group, std::string_view type);
// task share volume hb stonith: every section of these families is unsupported.
[[nodiscard]] std::span<const std::string_view> families_without_driver();
// Known types of a supported group that svcagent does not drive (fs zfs, disk drbd, ip gce, ...).
[[nodiscard]] bool is_known_unsupported_type(std::string_view group, std::string_view type);
[[nodiscard]] std::span<const std::string_view> known_unsupported_types(std::string_view group);

enum class DriverSupport {
    supported,     // spec is set
    unsupported,   // a family without driver, or a known unsupported type: a placeholder (§8.10)
    unknown_type,  // a resource group with a type nobody knows
};
struct DriverResolution {
    const DriverSpec* spec = nullptr;  // set when supported
    std::string type{};                // canonical lower-case type ("vg" for lvm, the group default for "")
    bool type_alias = false;           // type was a deprecated name
    DriverSupport support = DriverSupport::unknown_type;
};
// type is the configured value ("" when unset). fs: an unset type or any unlisted mount type gives
// the generic fs spec (type ""); the required check of fs.type belongs to validation.
[[nodiscard]] DriverResolution resolve_driver(const DriverRegistry& registry, std::string_view group,
                                              std::string_view type);

// ---- deprecated names (§3.5) -------------------------------------------------------------------

// Keywords still declared for compatibility whose use draws "deprecated keyword, use <new>".
struct LegacyKeyword {
    std::string_view section;      // "DEFAULT", "resource" (every resource section) or a driver "ip.host"
    std::string_view name;         // "always_on"
    std::string_view use_instead;  // "standby"; empty: the keyword is ignored
};
[[nodiscard]] std::span<const LegacyKeyword> legacy_keywords();

// Legacy values read as another value: DEFAULT.topology "autoflex" reads as "flex".
struct ValueAlias {
    std::string_view section, keyword, legacy, value;
};
[[nodiscard]] std::span<const ValueAlias> value_aliases();

// ---- lookup ------------------------------------------------------------------------------------

struct KeywordMatch {
    const Keyword* keyword = nullptr;  // the canonical declaration; nullptr: unknown keyword
    bool via_alias = false;            // the name looked up is a deprecated alias of keyword->name
    explicit operator bool() const noexcept { return keyword != nullptr; }
};

// Exact (case-sensitive) lookup of name, or of a name in aliases, in one table.
[[nodiscard]] KeywordMatch find_keyword(std::span<const Keyword> table, std::string_view name);
[[nodiscard]] KeywordMatch find_keyword(std::span<const Keyword* const> table, std::string_view name);

// Lookup of a keyword of a service file section; name carries no @scope.
// - default_section, subset, sync_i0: their table;
// - resource: group and type as configured (type resolved by resolve_driver, aliases included);
//   an unsupported or unknown driver gives the common keywords only (the rest stays unvalidated);
// - env, free_form, unsupported_family, unknown: no schema, always an empty match.
[[nodiscard]] KeywordMatch find_keyword(const DriverRegistry& registry, SectionKind kind, std::string_view group,
                                        std::string_view type, std::string_view name);

// node.conf lookup ("ssh#n2" uses the ssh#<peer> table; node.host_mode is an alias of node.env).
[[nodiscard]] KeywordMatch find_node_keyword(std::string_view section, std::string_view name);

// Canonical keyword names of a section, in schema order: the candidates of did_you_mean.
[[nodiscard]] std::vector<std::string_view> keyword_names(const DriverRegistry& registry, SectionKind kind,
                                                          std::string_view group, std::string_view type);

// Case-insensitive edit distance (Levenshtein).
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);
// The candidate closest to name within edit distance 2, case-insensitively (§3.4 hint); the first
// one in candidate order on a tie; nullopt when none is that close.
[[nodiscard]] std::optional<std::string_view> did_you_mean(std::string_view name,
                                                          std::span<const std::string_view> candidates);

}  // namespace svcagent::config
