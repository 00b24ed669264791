#include "engine/graph.hpp"

#include <algorithm>

namespace svcagent::engine {

std::chrono::milliseconds ResourceNode::timeout(std::string_view action) const {
    const auto it = timeouts.find(action);
    return it == timeouts.end() ? k_default_resource_timeout : it->second;
}

const ResourceNode* ServiceGraph::find(std::string_view rid) const {
    const auto it = std::find_if(resources.begin(), resources.end(), [&](const auto& r) { return r.rid == rid; });
    return it == resources.end() ? nullptr : &*it;
}

ResourceNode* ServiceGraph::find(std::string_view rid) {
    const auto it = std::find_if(resources.begin(), resources.end(), [&](const auto& r) { return r.rid == rid; });
    return it == resources.end() ? nullptr : &*it;
}

}  // namespace svcagent::engine
