#pragma once

// `--format json` (SPEC §11.3): the §10.9 object, two-space indent, members in table order.

#include <span>
#include <string>

#include "status/instance_status.hpp"

namespace svcagent::render {

// One service: its local instance status, followed by '\n'.
[[nodiscard]] std::string render_json(const InstanceStatus& instance);
// A selector that may match several services (glob, comma list): an object keyed by service name.
[[nodiscard]] std::string render_json_by_service(std::span<const InstanceStatus> instances);

}  // namespace svcagent::render
