#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cli/options.hpp"

namespace svcagent::cli {

class CommandContext;

enum class Scope { service, node, monitor };

// One row of the action table: the only list of actions (help, completion, dispatch).
struct ActionSpec {
    std::string_view name;                          // canonical words: "print status"
    Scope scope = Scope::service;
    std::span<const std::string_view> aliases{};    // legacy forms: "syncnodes", "unfreeze"
    bool locks = false;                             // takes the service lock (SPEC §13)
    bool changes_state = false;                     // needs root (SPEC §1.5)
    bool supported = true;
    bool once = false;                              // handler runs once for all selected services                          // false: "<action> is not supported by svcagent"
    int (*handler)(CommandContext&) = nullptr;
    std::string_view help{};
};

[[nodiscard]] std::span<const ActionSpec> action_table();

// Resolves action words (separate, joined with '_', or a legacy concatenation) for a scope.
// Throws UsageError "unknown action "strat". Did you mean: start, restart?".
[[nodiscard]] const ActionSpec& find_action(Scope scope, const std::vector<std::string>& words);

// Up to three closest action names (edit distance), for hints.
[[nodiscard]] std::vector<std::string> suggest_actions(Scope scope, std::string_view typed);

}  // namespace svcagent::cli
