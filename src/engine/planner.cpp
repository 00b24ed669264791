#include "engine/planner.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <stdexcept>
#include <utility>

#include "util/natural_order.hpp"
#include "util/strings.hpp"

namespace svcagent::engine {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 10> k_shortcuts{{
    {"startip", "ip"},
    {"stopip", "ip"},
    {"startdisk", "disk"},
    {"stopdisk", "disk"},
    {"startfs", "disk,fs"},
    {"stopfs", "disk,fs"},
    {"startcontainer", "container"},
    {"stopcontainer", "container"},
    {"startapp", "app"},
    {"stopapp", "app"},
}};

constexpr std::array<std::string_view, 6> k_walks{"start", "stop", "startstandby", "shutdown", "provision",
                                                  "unprovision"};

bool is_stop_like(std::string_view walk) {
    return walk == "stop" || walk == "shutdown" || walk == "unprovision";
}

// Start order of groups (SPEC §8.3); netns ips ride with their container.
std::size_t group_rank(const ResourceNode& node) {
    constexpr std::array<std::string_view, 5> k_order{"ip", "disk", "fs", "container", "app"};
    if (node.is_netns_ip()) {
        return 3;
    }
    const auto it = std::find(k_order.begin(), k_order.end(), node.group);
    return static_cast<std::size_t>(it - k_order.begin());
}

bool mnt_below(std::string_view inner, std::string_view outer) {
    if (outer.empty() || inner.size() <= outer.size() || inner.substr(0, outer.size()) != outer) {
        return false;
    }
    return outer.back() == '/' || inner[outer.size()] == '/';
}

// Does a have to start after b (SPEC §8.3 constraints, same set)?
bool starts_after(const ResourceNode& a, const ResourceNode& b) {
    if (a.type == "disk.lv" && b.type == "disk.vg" && !a.lv_vg.empty() && a.lv_vg == b.vg_name) {
        return true;
    }
    if (a.group == "fs" && b.group == "fs" && mnt_below(a.mnt, b.mnt)) {
        return true;
    }
    return a.group == "container" && b.group == "container" && !a.netns.empty() && a.netns == b.rid;
}

bool base_less(const ResourceNode& a, const ResourceNode& b) {
    if (a.group == "app" && b.group == "app") {
        if (a.app_sequence.has_value() != b.app_sequence.has_value()) {
            return a.app_sequence.has_value();
        }
        if (a.app_sequence && *a.app_sequence != *b.app_sequence) {
            return *a.app_sequence < *b.app_sequence;
        }
    }
    return util::natural_less(a.rid, b.rid);
}

// Stable topological order: natural order, each node as early as its constraints allow.
std::vector<PlanStep> order_set(const ServiceGraph& graph, std::vector<std::size_t> members) {
    const auto& res = graph.resources;
    std::stable_sort(members.begin(), members.end(),
                     [&](std::size_t a, std::size_t b) { return base_less(res[a], res[b]); });
    std::vector<std::size_t> ordered;
    std::vector<bool> placed(members.size(), false);
    while (ordered.size() < members.size()) {
        std::size_t pick = members.size();
        for (std::size_t i = 0; i < members.size() && pick == members.size(); ++i) {
            if (placed[i]) {
                continue;
            }
            bool ready = true;
            for (std::size_t j = 0; j < members.size() && ready; ++j) {
                ready = placed[j] || j == i || !starts_after(res[members[i]], res[members[j]]);
            }
            if (ready) {
                pick = i;
            }
        }
        if (pick == members.size()) {  // a cycle (bad configuration): keep the natural order
            pick = static_cast<std::size_t>(std::find(placed.begin(), placed.end(), false) - placed.begin());
        }
        placed[pick] = true;
        ordered.push_back(members[pick]);
    }
    std::vector<PlanStep> steps;
    for (std::size_t i = 0; i < ordered.size(); ++i) {
        PlanStep step{.node = ordered[i], .attached = {}, .after = {}};
        for (std::size_t j = 0; j < i; ++j) {
            if (starts_after(res[ordered[i]], res[ordered[j]])) {
                step.after.push_back(j);
            }
        }
        steps.push_back(std::move(step));
    }
    return steps;
}

void reverse_set(PlanSet& set) {
    const std::size_t n = set.steps.size();
    std::vector<PlanStep> reversed(n);
    for (std::size_t i = 0; i < n; ++i) {
        reversed[n - 1 - i] = PlanStep{.node = set.steps[i].node, .attached = set.steps[i].attached, .after = {}};
        std::reverse(reversed[n - 1 - i].attached.begin(), reversed[n - 1 - i].attached.end());
    }
    for (std::size_t i = 0; i < n; ++i) {
        for (const std::size_t j : set.steps[i].after) {  // i started after j: j stops after i
            reversed[n - 1 - j].after.push_back(n - 1 - i);
        }
    }
    for (auto& step : reversed) {
        std::sort(step.after.begin(), step.after.end());
    }
    set.steps = std::move(reversed);
}

std::optional<PlanSkip> skip_reason(const ResourceNode& node, std::size_t index, std::string_view walk,
                                    const PlanOptions& options) {
    using Level = PlanSkip::Level;
    if (node.disabled) {
        return PlanSkip{index, Level::debug, "resource is disabled"};
    }
    if (node.is_encap()) {
        return PlanSkip{index, Level::debug, "encapsulated resource, not managed"};
    }
    if (node.unsupported || !node.impl) {
        return PlanSkip{index, Level::warning,
                        "driver " + node.type + " is not supported; " + node.rid + " skipped"};
    }
    if (node.noaction()) {
        return PlanSkip{index, Level::info, "skip " + std::string(walk) + ": noaction tag"};
    }
    if (walk == "startstandby" && !node.standby) {
        return PlanSkip{index, Level::debug, "not a standby resource"};
    }
    if (walk == "stop" && node.standby && !options.force) {
        return PlanSkip{index, Level::info, "skip stop of standby resource"};
    }
    return std::nullopt;
}

}  // namespace

std::vector<std::string> parse_list(std::string_view text) { return util::split_trimmed(text, ','); }

std::optional<ResolvedAction> resolve_action(std::string_view action) {
    if (std::find(k_walks.begin(), k_walks.end(), action) != k_walks.end()) {
        return ResolvedAction{std::string(action), {}};
    }
    for (const auto& [name, rids] : k_shortcuts) {
        if (name == action) {
            return ResolvedAction{name.substr(0, 5) == "start" ? "start" : "stop", parse_list(rids)};
        }
    }
    return std::nullopt;
}

std::string trigger_action(std::string_view walk) {
    if (walk == "startstandby" || walk == "boot") {
        return "start";
    }
    if (walk == "shutdown") {
        return "stop";
    }
    return std::string(walk);
}

bool is_start_like(std::string_view walk) {
    return walk == "start" || walk == "startstandby" || walk == "provision";
}

bool matches_rid(const ResourceNode& node, std::string_view token) {
    return token == node.rid || token == node.group || token == node.type;
}

bool matches_tags(const ResourceNode& node, std::string_view expr) {
    for (const auto& alternative : util::split_trimmed(expr, ',')) {
        const auto required = util::split_trimmed(alternative, '+');
        if (!required.empty() &&
            std::all_of(required.begin(), required.end(), [&](const auto& tag) { return node.has_tag(tag); })) {
            return true;
        }
    }
    return false;
}

std::vector<std::size_t> select(const ServiceGraph& graph, const Selection& selection) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < graph.resources.size(); ++i) {
        const auto& node = graph.resources[i];
        const bool rid_ok = selection.rids.empty() ||
                            std::any_of(selection.rids.begin(), selection.rids.end(),
                                        [&](const auto& token) { return matches_rid(node, token); });
        const bool tags_ok = selection.tags.empty() || matches_tags(node, selection.tags);
        const bool subset_ok = selection.subsets.empty() || std::find(selection.subsets.begin(),
                                                                      selection.subsets.end(),
                                                                      node.subset) != selection.subsets.end();
        if (rid_ok && tags_ok && subset_ok) {
            out.push_back(i);
        }
    }
    return out;
}

std::vector<std::size_t> Plan::nodes() const {
    std::vector<std::size_t> out;
    const bool stop = is_stop_like(walk);
    for (const auto& set : sets) {
        for (const auto& step : set.steps) {
            if (stop) {
                out.insert(out.end(), step.attached.begin(), step.attached.end());
            }
            out.push_back(step.node);
            if (!stop) {
                out.insert(out.end(), step.attached.begin(), step.attached.end());
            }
        }
    }
    return out;
}

Plan make_plan(const ServiceGraph& graph, std::string_view action, const Selection& selection,
               const PlanOptions& options) {
    const auto resolved = resolve_action(action);
    if (!resolved) {
        throw std::invalid_argument("make_plan: not a walking action: " + std::string(action));
    }
    const auto& res = graph.resources;
    Plan plan;
    plan.walk = resolved->walk;

    // Selection (§8.5): intersection of the selectors, and of a shortcut's forced --rid.
    std::vector<std::size_t> chosen = select(graph, selection);
    if (!resolved->forced_rids.empty()) {
        const auto forced = select(graph, Selection{.rids = resolved->forced_rids, .tags = {}, .subsets = {}});
        std::erase_if(chosen, [&](std::size_t i) { return std::find(forced.begin(), forced.end(), i) == forced.end(); });
    }
    if ((selection.scoped() || !resolved->forced_rids.empty()) && chosen.empty()) {
        throw ActionError("no resource matches the given --rid, --tags and --subsets");
    }
    std::vector<bool> in(res.size(), false);
    for (const std::size_t i : chosen) {
        in[i] = true;
    }
    // Dependencies: a netns ip brings its container (start-like), a container its netns ips.
    const auto container_of = [&](std::size_t i) {
        const auto* container = res[i].is_netns_ip() ? graph.find(res[i].netns) : nullptr;
        return container ? static_cast<std::size_t>(container - res.data()) : res.size();
    };
    if (is_start_like(plan.walk)) {
        for (const std::size_t i : chosen) {
            if (const auto c = container_of(i); c < res.size() && !in[c]) {
                in[c] = true;
                plan.added.push_back(res[c].rid);
            }
        }
    }
    for (std::size_t i = 0; i < res.size(); ++i) {
        if (const auto c = container_of(i); !in[i] && c < res.size() && in[c]) {
            in[i] = true;
            plan.added.push_back(res[i].rid);
        }
    }

    // Filtering (§8.9, §8.10); sync resources never start or stop.
    std::vector<bool> act(res.size(), false);
    for (std::size_t i = 0; i < res.size(); ++i) {
        if (!in[i] || res[i].group == "sync") {
            continue;
        }
        if (auto skip = skip_reason(res[i], i, plan.walk, options)) {
            plan.skipped.push_back(std::move(*skip));
        } else {
            act[i] = true;
        }
    }

    // Sets: (group rank, subset) -> members; netns ips go with an acted-upon container.
    std::map<std::pair<std::size_t, std::string>, std::vector<std::size_t>> sets;
    std::map<std::size_t, std::vector<std::size_t>> attached;
    for (std::size_t i = 0; i < res.size(); ++i) {
        if (!act[i]) {
            continue;
        }
        if (const auto c = container_of(i); c < res.size() && act[c]) {
            attached[c].push_back(i);
        } else {
            sets[{group_rank(res[i]), res[i].subset}].push_back(i);
        }
    }
    for (auto& [key, members] : sets) {
        PlanSet set;
        set.group = res[members.front()].is_netns_ip() ? "container" : res[members.front()].group;
        set.subset = key.second;
        if (!set.subset.empty()) {
            const auto it = graph.parallel_subsets.find(set.group + ":" + set.subset);
            set.parallel = it != graph.parallel_subsets.end() && it->second;
        }
        set.steps = order_set(graph, members);
        for (auto& step : set.steps) {
            if (const auto it = attached.find(step.node); it != attached.end()) {
                step.attached = it->second;
                std::stable_sort(step.attached.begin(), step.attached.end(),
                                 [&](std::size_t a, std::size_t b) { return util::natural_less(res[a].rid, res[b].rid); });
            }
        }
        plan.sets.push_back(std::move(set));
    }
    if (is_stop_like(plan.walk)) {
        std::reverse(plan.sets.begin(), plan.sets.end());
        for (auto& set : plan.sets) {
            reverse_set(set);
        }
    }
    return plan;
}

}  // namespace svcagent::engine
