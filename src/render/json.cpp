#include "render/json.hpp"

#include "status/status_json.hpp"

namespace svcagent::render {

std::string render_json(const InstanceStatus& instance) {
    return instance_to_json(instance).dump(2) + "\n";
}

std::string render_json_by_service(std::span<const InstanceStatus> instances) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    for (const InstanceStatus& instance : instances) {
        out[instance.name] = instance_to_json(instance);
    }
    return out.dump(2) + "\n";
}

}  // namespace svcagent::render
