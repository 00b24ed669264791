#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <svcagent/error.hpp>

namespace svcagent {

// A converted keyword value (SPEC §3.2). Sizes are an integer of bytes, or a string for NN%FREE forms.
using ValueData = std::variant<std::monostate, std::string, bool, std::int64_t, double, std::vector<std::string>>;

struct Value {
    ValueData data;      // monostate: unset and no default (null)
    std::string text;    // evaluated text before conversion ("" when unset)
    Origin where;        // where the text comes from (the section header for a default)
    bool is_set = false;  // configured (after scoping and inheritance), not a default
};

// One resource section after scoping, inheritance, references, expressions and conversion:
// every keyword of the schema for its driver has an entry (set, defaulted or null).
class ResolvedSection {
public:
    std::string service;  // "db1"
    std::string rid;      // "fs#1", "vg#1"
    std::string group;    // "fs", "disk" (for vg#1 too)
    std::string type;     // "ext4", "vg"
    Origin where;         // the section header
    // Every node that may run the service: nodes, drpnodes and cluster.nodes (lower-case). The
    // disk drivers read it to tell a foreign host tag from other vg tags (SPEC §9.3).
    std::vector<std::string> service_nodes{};
    std::map<std::string, Value, std::less<>> values;
    // Values from outside the section that some drivers read, converted like keywords. Filled by
    // the config area; an absent key means the documented default. The container drivers
    // (SPEC §9.6, §9.2) read "DEFAULT.container_data_dir" (string), "DEFAULT.docker_daemon_private"
    // (boolean), "DEFAULT.docker_daemon_args" (shlex list), "node.docker_exe" (string),
    // "<rid>.name" (string) of every container section that sets `name`, and "<rid>.mnt" (string)
    // of every fs section (the private daemon refuses a data dir on an fs that is not up).
    std::map<std::string, Value, std::less<>> context{};

    [[nodiscard]] const Value* find(std::string_view key) const;
    [[nodiscard]] bool is_set(std::string_view key) const;
    // Typed accessors: nullopt/empty when null. A type mismatch is a std::logic_error (schema bug).
    [[nodiscard]] std::optional<std::string> get_string(std::string_view key) const;
    [[nodiscard]] std::optional<bool> get_bool(std::string_view key) const;
    [[nodiscard]] std::optional<std::int64_t> get_int(std::string_view key) const;
    [[nodiscard]] std::optional<std::chrono::seconds> get_duration(std::string_view key) const;
    [[nodiscard]] std::vector<std::string> get_list(std::string_view key) const;  // list, set, shlex...
    [[nodiscard]] bool flag(std::string_view key) const { return get_bool(key).value_or(false); }
    // Where the value of key comes from (the section header when unset).
    [[nodiscard]] Origin origin(std::string_view key) const;
    // A ConfigError located at key's origin: "db1.conf:9: fs#1.dev: <message>".
    [[nodiscard]] ConfigError error(std::string_view key, std::string_view message) const;
};

}  // namespace svcagent
