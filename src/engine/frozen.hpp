#pragma once

// The frozen flag of SPEC §8.9: <var>/<svc>/frozen, holding the epoch of the freeze.

#include <filesystem>
#include <optional>
#include <string>

namespace svcagent::engine {

[[nodiscard]] std::filesystem::path frozen_path(const std::filesystem::path& var, const std::string& service);
// Creates the flag (and <var>/<svc>); an existing flag keeps its original time. Throws Error.
void freeze(const std::filesystem::path& var, const std::string& service);
// Removes the flag; absent is fine. Throws Error when it cannot be removed.
void thaw(const std::filesystem::path& var, const std::string& service);
// Epoch seconds of the freeze, nullopt when not frozen. A flag with unreadable content counts as
// frozen with its file modification time.
[[nodiscard]] std::optional<double> frozen_since(const std::filesystem::path& var, const std::string& service);
[[nodiscard]] inline bool is_frozen(const std::filesystem::path& var, const std::string& service) {
    return frozen_since(var, service).has_value();
}

}  // namespace svcagent::engine
