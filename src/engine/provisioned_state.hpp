#pragma once

// Recorded provisioned state of a resource (SPEC §8.12):
// <var>/<svc>/<rid>/provisioned = {"state": true|false, "mtime": <epoch>}.

#include <filesystem>
#include <optional>
#include <string>

namespace svcagent::engine {

struct ProvisionedRecord {
    bool state = false;
    double mtime = 0;
};

[[nodiscard]] std::filesystem::path provisioned_path(const std::filesystem::path& var, const std::string& service,
                                                     const std::string& rid);
// nullopt when absent or unreadable.
[[nodiscard]] std::optional<ProvisionedRecord> read_provisioned(const std::filesystem::path& var,
                                                                const std::string& service, const std::string& rid);
void write_provisioned(const std::filesystem::path& var, const std::string& service, const std::string& rid,
                       bool state);

}  // namespace svcagent::engine
