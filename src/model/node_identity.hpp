#pragma once

#include <string>
#include <string_view>

#include <svcagent/node_info.hpp>

namespace svcagent::model {

// Reads OSVC_ROOT and OSVC_NODENAME once (SPEC §1.2, §1.3). Throws UsageError for a relative
// OSVC_ROOT, Error for an invalid node name.
[[nodiscard]] NodeInfo node_info_from_environment();

// [a-z0-9]([a-z0-9.-]*[a-z0-9])?
[[nodiscard]] bool is_valid_node_name(std::string_view name);
// [A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?, at most 100 characters, not a reserved word.
[[nodiscard]] bool is_valid_service_name(std::string_view name);

}  // namespace svcagent::model
