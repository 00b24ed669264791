// node.conf keywords (SPEC §1.4). Every key has a default; unknown keys are accepted with a warning.

#include <array>
#include <span>
#include <string_view>

#include "config/schema.hpp"

namespace svcagent::config {

namespace {

constexpr auto k_env_candidates = std::to_array<std::string_view>({
    "CERT", "DEV", "DRP", "FOR", "INT", "MUS", "POC", "PRA", "PRD", "PRJ",
    "PPR", "PPRD", "QUAL", "RCT", "REC", "STG", "TMP", "TST", "UAT",
});
constexpr auto k_alias_env = std::to_array<std::string_view>({"host_mode"});

constexpr auto k_node = std::to_array<Keyword>({
    {.name = "env",
     .default_value = "TST",
     .candidates = k_env_candidates,
     .aliases = k_alias_env,
     .help = "node environment; a non-PRD service is refused on a PRD node"},
    {.name = "docker_exe",
     .default_help = "/usr/bin/docker when that file exists, else docker from PATH",
     .help = "docker client used for every docker command (absolute path or command name)"},
});

constexpr auto k_cluster = std::to_array<Keyword>({
    {.name = "name", .default_value = "default", .help = "{clustername}"},
    {.name = "nodes",
     .type = ValueType::list_lower,
     .default_help = "the local node",
     .help = "{clusternodes}, and nodes = *"},
    {.name = "dns", .type = ValueType::list, .default_value = "", .help = "{dns}, {dnsnodes} (compatibility only)"},
});

constexpr auto k_ssh = std::to_array<Keyword>({
    {.name = "user", .default_value = "root", .help = "remote user for ssh and rsync"},
    {.name = "port", .type = ValueType::integer, .default_value = "22", .help = "ssh port"},
    {.name = "identity", .help = "private key file; unset: the user's default keys"},
    {.name = "known_hosts",
     .default_help = "~/.ssh/known_hosts of the invoking user",
     .help = "pinned host keys (§14.1)"},
    {.name = "connect_timeout", .type = ValueType::duration, .default_value = "10s", .help = "connection timeout"},
    {.name = "command_timeout",
     .type = ValueType::duration,
     .default_value = "1h",
     .help = "upper bound of one remote command"},
    {.name = "svcmgr",
     .type = ValueType::shlex,
     .default_help = "svcmgr (sudo svcmgr when ssh.user is not root)",
     .help = "remote agent command"},
});

constexpr auto k_ssh_peer = std::to_array<Keyword>({
    {.name = "address", .default_help = "the peer name", .help = "host or address used to reach <peer>"},
    {.name = "user", .default_help = "ssh.user", .help = "remote user for ssh and rsync"},
    {.name = "port", .type = ValueType::integer, .default_help = "ssh.port", .help = "ssh port"},
    {.name = "identity", .default_help = "ssh.identity", .help = "private key file"},
    {.name = "svcmgr", .type = ValueType::shlex, .default_help = "ssh.svcmgr", .help = "remote agent command"},
});

constexpr auto k_tables = std::to_array<KeywordTable>({
    {"node", "node identity and tools", k_node},
    {"cluster", "cluster membership", k_cluster},
    {"ssh", "ssh transport to the peers (§14.1)", k_ssh},
    {"ssh#<peer>", "per-peer overrides of [ssh], one section per peer ([ssh#n2])", k_ssh_peer},
});

}  // namespace

std::span<const KeywordTable> node_keyword_tables() {
    return k_tables;
}

std::span<const Keyword> node_keywords(std::string_view section) {
    if (section.starts_with("ssh#") && section.size() > 4) {
        return k_ssh_peer;
    }
    for (const KeywordTable& table : k_tables) {
        if (table.section == section && !section.starts_with("ssh#")) {
            return table.keywords;
        }
    }
    return {};
}

KeywordMatch find_node_keyword(std::string_view section, std::string_view name) {
    return find_keyword(node_keywords(section), name);
}

}  // namespace svcagent::config
