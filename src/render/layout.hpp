#pragma once

// What the tree and classic layouts share: options, and the display order of resources (SPEC §11.1).

#include <optional>
#include <string>
#include <vector>

#include "status/instance_status.hpp"

namespace svcagent::render {

struct RenderOptions {
    bool colour = false;
    // --show-disabled (true) / --hide-disabled (false); nullopt: the service's show_disabled.
    std::optional<bool> show_disabled{};
};

// One line of the resource part of the tree: a resource, or a subset line with its children.
struct DisplayItem {
    const ResourceState* resource = nullptr;  // nullptr for a subset line
    std::string subset_text{};                // "disk:cge"
    bool parallel = false;
    std::vector<const ResourceState*> children{};
};

// Groups ip, disk, fs, container, app, sync (then unknown groups by name); inside a group the
// resources without subset in natural rid order, then each subset by name with its resources.
// Disabled resources are left out unless show_disabled; a subset left empty is dropped.
[[nodiscard]] std::vector<DisplayItem> display_items(const InstanceStatus& instance, bool show_disabled);
// The same order, flattened, without subset lines.
[[nodiscard]] std::vector<const ResourceState*> display_order(const InstanceStatus& instance,
                                                              bool show_disabled);

[[nodiscard]] bool effective_show_disabled(const ServiceView& view, const RenderOptions& options) noexcept;

}  // namespace svcagent::render
