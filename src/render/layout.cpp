#include "render/layout.hpp"

#include <algorithm>
#include <tuple>

#include "status/aggregate.hpp"

namespace svcagent::render {

namespace {

bool group_less(const std::string& a, const std::string& b) noexcept {
    return std::make_tuple(group_rank(a), std::string_view(a)) <
           std::make_tuple(group_rank(b), std::string_view(b));
}

bool parallel_of(const InstanceStatus& instance, const std::string& group, const std::string& name) noexcept {
    const auto it = std::find_if(instance.subsets.begin(), instance.subsets.end(),
                                 [&](const SubsetInfo& s) { return s.group == group && s.name == name; });
    return it != instance.subsets.end() && it->parallel;
}

}  // namespace

std::vector<DisplayItem> display_items(const InstanceStatus& instance, bool show_disabled) {
    std::vector<const ResourceState*> shown;
    for (const ResourceState& r : instance.resources) {
        if (show_disabled || !r.disabled) {
            shown.push_back(&r);
        }
    }
    std::sort(shown.begin(), shown.end(), [](const ResourceState* a, const ResourceState* b) {
        if (a->group != b->group) {
            return group_less(a->group, b->group);
        }
        if (a->subset.empty() != b->subset.empty()) {
            return a->subset.empty();
        }
        if (a->subset != b->subset) {
            return natural_less(a->subset, b->subset);
        }
        return natural_less(a->rid, b->rid);
    });
    std::vector<DisplayItem> items;
    for (const ResourceState* r : shown) {
        if (r->subset.empty()) {
            items.push_back({.resource = r});
            continue;
        }
        const std::string text = r->group + ":" + r->subset;
        if (items.empty() || items.back().resource != nullptr || items.back().subset_text != text) {
            items.push_back({.subset_text = text, .parallel = parallel_of(instance, r->group, r->subset)});
        }
        items.back().children.push_back(r);
    }
    return items;
}

std::vector<const ResourceState*> display_order(const InstanceStatus& instance, bool show_disabled) {
    std::vector<const ResourceState*> out;
    for (const DisplayItem& item : display_items(instance, show_disabled)) {
        if (item.resource != nullptr) {
            out.push_back(item.resource);
        } else {
            out.insert(out.end(), item.children.begin(), item.children.end());
        }
    }
    return out;
}

bool effective_show_disabled(const ServiceView& view, const RenderOptions& options) noexcept {
    return options.show_disabled.value_or(view.show_disabled);
}

}  // namespace svcagent::render
