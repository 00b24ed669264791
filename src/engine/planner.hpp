#pragma once

// Pure planning of one resource action (SPEC §8.3 ordering, §8.4 subsets, §8.5 selection,
// §8.9-8.10 standby/disabled/encap/unsupported): graph + action + selection -> ordered steps.
// Nothing is run and nothing is logged here; the executor logs `added` and `skipped`.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <svcagent/error.hpp>

#include "engine/graph.hpp"

namespace svcagent::engine {

// An action refused or failed (exit 1): "no resource matches ...", "start aborted: ...".
class ActionError : public Error {
public:
    using Error::Error;
};

// The selectors of SPEC §8.5, as given on the command line (empty: not given).
struct Selection {
    std::vector<std::string> rids;  // "fs#1", "disk", "disk.vg"
    std::string tags;               // "a+b,c"
    std::vector<std::string> subsets;
    [[nodiscard]] bool scoped() const { return !rids.empty() || !tags.empty() || !subsets.empty(); }
};

// "a, b" -> {"a", "b"}: the --rid and --subsets list syntax.
[[nodiscard]] std::vector<std::string> parse_list(std::string_view text);

// What a user-visible action walks: "startfs" -> {"start", {"disk", "fs"}}.
struct ResolvedAction {
    std::string walk;                     // start stop startstandby shutdown provision unprovision
    std::vector<std::string> forced_rids;  // shortcut's forced --rid, intersected with the user's
};
// Known walking actions and the shortcuts of SPEC §12; nullopt for anything else (restart, boot:
// the executor composes them).
[[nodiscard]] std::optional<ResolvedAction> resolve_action(std::string_view action);
// The base action for trigger keywords and monitor.json: startstandby -> start, shutdown -> stop.
[[nodiscard]] std::string trigger_action(std::string_view walk);
[[nodiscard]] bool is_start_like(std::string_view walk);  // start, startstandby, provision

struct PlanStep {
    std::size_t node = 0;              // index in ServiceGraph::resources
    std::vector<std::size_t> attached;  // netns ips run in this step: after (start) / before (stop) node
    std::vector<std::size_t> after;     // indices of steps of the same set this one waits for
};

struct PlanSet {
    std::string group;   // "disk"
    std::string subset;  // "" for the set without subset
    bool parallel = false;  // [subset#<group>:<name>] parallel; the executor adds the other rules
    std::vector<PlanStep> steps;
};

struct PlanSkip {
    std::size_t node = 0;
    enum class Level { debug, info, warning } level = Level::debug;
    std::string message;  // "skip stop of standby resource"
};

struct Plan {
    std::string walk;  // start stop startstandby shutdown provision unprovision
    std::vector<PlanSet> sets;
    std::vector<std::string> added;  // rids added to satisfy dependencies, in the order found
    std::vector<PlanSkip> skipped;   // selected but not acted upon, with why
    [[nodiscard]] std::vector<std::size_t> nodes() const;  // every acted-upon node, in walk order
};

struct PlanOptions {
    bool force = false;  // stop: include standby resources
};

// Throws ActionError("no resource matches the given --rid, --tags and --subsets") when the
// selection is empty, and std::invalid_argument for a walk resolve_action() does not return.
[[nodiscard]] Plan make_plan(const ServiceGraph& graph, std::string_view walk, const Selection& selection,
                             const PlanOptions& options = {});

// The selection alone (SPEC §8.5, before dependencies): indices of matching nodes, file order.
[[nodiscard]] std::vector<std::size_t> select(const ServiceGraph& graph, const Selection& selection);
[[nodiscard]] bool matches_tags(const ResourceNode& node, std::string_view expr);
[[nodiscard]] bool matches_rid(const ResourceNode& node, std::string_view token);

}  // namespace svcagent::engine
