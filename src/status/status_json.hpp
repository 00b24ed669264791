#pragma once

// JSON form of an instance status (SPEC §10.9): status.json, peer caches, `print status --format json`.

#include <string>

#include <nlohmann/json.hpp>

#include "status/aggregate.hpp"
#include "status/instance_status.hpp"

namespace svcagent {

// Members in the order of the §10.9 table; optional members only when they differ from their
// default. Resources are keyed by rid in natural order.
[[nodiscard]] nlohmann::ordered_json instance_to_json(const InstanceStatus& instance);
[[nodiscard]] nlohmann::ordered_json resource_to_json(const ResourceState& r);

// Reads what instance_to_json writes; missing members keep their defaults, and a member of the
// wrong type or an unknown status text is ignored (a peer of another version must not break us).
// Throws std::invalid_argument only when `j` is not an object.
[[nodiscard]] InstanceStatus instance_from_json(const nlohmann::json& j);
[[nodiscard]] ResourceState resource_from_json(const std::string& rid, const nlohmann::json& j);
// Parses text first (nlohmann::json::parse_error on bad syntax).
[[nodiscard]] InstanceStatus instance_from_json_text(const std::string& text);

// <var>/<svc>/monitor.json (§10.6).
[[nodiscard]] nlohmann::ordered_json monitor_record_to_json(const MonitorRecord& record);
[[nodiscard]] MonitorRecord monitor_record_from_json(const nlohmann::json& j);

}  // namespace svcagent
