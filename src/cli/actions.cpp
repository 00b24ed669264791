#include "cli/actions.hpp"

#include <algorithm>
#include <array>

#include <svcagent/error.hpp>

#include "cli/handlers.hpp"
#include "config/schema.hpp"
#include "util/strings.hpp"

namespace svcagent::cli {

namespace {

constexpr std::array<std::string_view, 1> k_thaw{"unfreeze"};
constexpr std::array<std::string_view, 1> k_syncnodes{"syncnodes"};
constexpr std::array<std::string_view, 1> k_syncdrp{"syncdrp"};
constexpr std::array<std::string_view, 1> k_syncall{"syncall"};

// The only list of actions. Handlers are nullptr until their issue lands.
const std::array k_actions = std::to_array<ActionSpec>({
    // service actions that act on resources
    {.name = "start", .locks = true, .changes_state = true, .handler = resource_action, .help = "start resources"},
    {.name = "stop", .locks = true, .changes_state = true, .handler = resource_action,
     .help = "stop resources (standby ones with --force)"},
    {.name = "restart", .locks = true, .changes_state = true, .handler = resource_action, .help = "stop then start"},
    {.name = "startstandby", .locks = true, .changes_state = true, .handler = resource_action,
     .help = "start standby resources only"},
    {.name = "boot", .locks = true, .changes_state = true, .handler = resource_action,
     .help = "system start-up behaviour"},
    {.name = "shutdown", .locks = true, .changes_state = true, .handler = resource_action,
     .help = "stop all resources, standby included"},
    {.name = "provision", .locks = true, .changes_state = true, .handler = resource_action,
     .help = "create and start resources"},
    {.name = "unprovision", .locks = true, .changes_state = true, .handler = resource_action,
     .help = "stop and destroy resources (--confirm)"},
    {.name = "startip", .locks = true, .changes_state = true, .handler = resource_action, .help = "start --rid ip"},
    {.name = "stopip", .locks = true, .changes_state = true, .handler = resource_action, .help = "stop --rid ip"},
    {.name = "startdisk", .locks = true, .changes_state = true, .handler = resource_action, .help = "start --rid disk"},
    {.name = "stopdisk", .locks = true, .changes_state = true, .handler = resource_action, .help = "stop --rid disk"},
    {.name = "startfs", .locks = true, .changes_state = true, .handler = resource_action,
     .help = "start --rid disk,fs"},
    {.name = "stopfs", .locks = true, .changes_state = true, .handler = resource_action, .help = "stop --rid disk,fs"},
    {.name = "startcontainer", .locks = true, .changes_state = true, .handler = resource_action,
     .help = "start --rid container"},
    {.name = "stopcontainer", .locks = true, .changes_state = true, .handler = resource_action,
     .help = "stop --rid container"},
    {.name = "startapp", .locks = true, .changes_state = true, .handler = resource_action, .help = "start --rid app"},
    {.name = "stopapp", .locks = true, .changes_state = true, .handler = resource_action, .help = "stop --rid app"},
    {.name = "enable", .locks = true, .changes_state = true, .handler = enable_disable,
     .help = "remove the disable keyword"},
    {.name = "disable", .locks = true, .changes_state = true, .handler = enable_disable,
     .help = "set disable = true"},
    {.name = "freeze", .changes_state = true, .handler = freeze_thaw, .help = "create the frozen flag"},
    {.name = "thaw", .aliases = k_thaw, .changes_state = true, .handler = freeze_thaw,
     .help = "remove the frozen flag"},
    {.name = "frozen", .handler = frozen, .help = "print frozen or thawed; exit 1 when frozen"},
    {.name = "status", .handler = status_action, .help = "exit code = overall status"},
    {.name = "print status", .once = true, .handler = print_status, .help = "instance status (tree, classic, json)"},
    {.name = "json status", .once = true, .handler = print_status, .help = "print status --format json"},
    {.name = "print config", .handler = print_config, .help = "the service file (--eval: evaluated)"},
    {.name = "json config", .handler = print_config, .help = "print config --format json"},
    {.name = "print keywords", .handler = print_keywords, .help = "the keyword schema"},
    {.name = "validate config", .handler = validate_config, .help = "check the service file"},
    {.name = "get", .handler = get_keyword, .help = "print a keyword value"},
    {.name = "set", .locks = true, .changes_state = true, .handler = set_keyword, .help = "set keyword values"},
    {.name = "unset", .locks = true, .changes_state = true, .handler = set_keyword, .help = "remove keywords"},
    {.name = "edit config", .locks = true, .changes_state = true, .handler = edit_config,
     .help = "edit the service file with $EDITOR"},
    {.name = "create", .locks = true, .changes_state = true, .handler = create_service,
     .help = "new service from --config or --kw"},
    {.name = "install", .locks = true, .changes_state = true, .handler = install_service,
     .help = "legacy: --envfile, or recreate the launcher"},
    {.name = "deploy", .locks = true, .changes_state = true, .help = "create or update, push, provision"},
    {.name = "delete", .locks = true, .changes_state = true, .handler = delete_service,
     .help = "remove the service (or --rid sections)"},
    {.name = "switch", .locks = true, .changes_state = true, .help = "relocate to --to <node>"},
    {.name = "sync nodes", .scope = Scope::service, .aliases = k_syncnodes, .locks = true, .changes_state = true,
     .help = "replicate toward nodes"},
    {.name = "sync drp", .aliases = k_syncdrp, .locks = true, .changes_state = true, .help = "replicate toward drpnodes"},
    {.name = "sync all", .aliases = k_syncall, .locks = true, .changes_state = true, .help = "both"},
    {.name = "push", .locks = true, .changes_state = true, .help = "push the configuration to the peers"},
    {.name = "pull", .locks = true, .changes_state = true, .help = "fetch the newest configuration"},
    {.name = "postsync", .locks = true, .changes_state = true, .help = "internal"},
    {.name = "logs", .handler = logs, .help = "print the service log"},
    {.name = "docker", .handler = docker_passthrough, .help = "docker passthrough against the service daemon"},
    {.name = "compliance", .supported = false},
    {.name = "migrate", .supported = false},
    {.name = "takeover", .supported = false},
    {.name = "giveback", .supported = false},
    // nodemgr
    {.name = "schedulers", .scope = Scope::node, .changes_state = true, .help = "run the due scheduled tasks"},
    {.name = "print schedule", .scope = Scope::node, .help = "table of scheduled tasks"},
    {.name = "boot", .scope = Scope::node, .changes_state = true, .handler = node_boot_shutdown,
     .help = "boot every service"},
    {.name = "shutdown", .scope = Scope::node, .changes_state = true, .handler = node_boot_shutdown,
     .help = "shutdown every service"},
    {.name = "ls", .scope = Scope::node, .handler = node_ls, .help = "list the services"},
    {.name = "get", .scope = Scope::node, .handler = get_keyword, .help = "print a node.conf value"},
    {.name = "set", .scope = Scope::node, .changes_state = true, .handler = set_keyword,
     .help = "set node.conf values"},
    {.name = "unset", .scope = Scope::node, .changes_state = true, .handler = set_keyword,
     .help = "remove node.conf keys"},
    {.name = "print config", .scope = Scope::node, .handler = print_config, .help = "node.conf"},
    {.name = "edit config", .scope = Scope::node, .changes_state = true, .handler = edit_config,
     .help = "edit node.conf"},
    {.name = "validate config", .scope = Scope::node, .handler = validate_config, .help = "check node.conf"},
    {.name = "updatecomp", .scope = Scope::node, .supported = false},
    {.name = "register", .scope = Scope::node, .supported = false},
    {.name = "pushasset", .scope = Scope::node, .supported = false},
    {.name = "compliance", .scope = Scope::node, .supported = false},
    {.name = "dequeue actions", .scope = Scope::node, .supported = false},
    {.name = "collector", .scope = Scope::node, .supported = false},
});

std::string squeeze(std::string_view name) {
    std::string out;
    for (const char c : name) {
        if (c != ' ' && c != '_') {
            out += c;
        }
    }
    return out;
}

}  // namespace

std::span<const ActionSpec> action_table() { return k_actions; }

const ActionSpec& find_action(Scope scope, const std::vector<std::string>& words) {
    // "sync", "nodes" | "sync_nodes" | "syncnodes": compare with blanks and underscores squeezed,
    // but only on the whole word list, so "print" alone is never "print status".
    const std::string typed = squeeze(util::join(words, " "));
    for (const ActionSpec& spec : k_actions) {
        if (spec.scope != scope) {
            continue;
        }
        if (squeeze(spec.name) == typed && (util::join(words, " ") == spec.name || util::join(words, "_") == squeeze(spec.name) ||
                                            words.size() == 1)) {
            return spec;
        }
        if (std::find(spec.aliases.begin(), spec.aliases.end(), typed) != spec.aliases.end()) {
            return spec;
        }
    }
    if (words.empty()) {
        throw UsageError("no action given (see --help)");
    }
    const std::string shown = util::join(words, " ");
    std::string message = "unknown action \"" + shown + "\"";
    const auto hints = suggest_actions(scope, shown);
    if (!hints.empty()) {
        message += ". Did you mean: " + util::join(hints, ", ") + "?";
    }
    throw UsageError(message);
}

std::vector<std::string> suggest_actions(Scope scope, std::string_view typed) {
    std::vector<std::pair<std::size_t, std::string>> scored;
    for (const ActionSpec& spec : k_actions) {
        if (spec.scope != scope || !spec.supported) {
            continue;
        }
        const std::size_t d = config::edit_distance(typed, spec.name);
        if (d <= std::max<std::size_t>(2, typed.size() / 3)) {
            scored.emplace_back(d, std::string{spec.name});
        }
    }
    std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> out;
    for (std::size_t i = 0; i < scored.size() && i < 3; ++i) {
        out.push_back(scored[i].second);
    }
    return out;
}

}  // namespace svcagent::cli
