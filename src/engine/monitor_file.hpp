#pragma once

// <var>/<svc>/monitor.json (SPEC §10.6), written at the end of every state-changing action.

#include <filesystem>
#include <optional>
#include <string>

#include "status/aggregate.hpp"

namespace svcagent::engine {

[[nodiscard]] std::filesystem::path monitor_path(const std::filesystem::path& var, const std::string& service);
// The record, or a default one (idle, no expectation) when absent or unreadable.
[[nodiscard]] MonitorRecord read_monitor(const std::filesystem::path& var, const std::string& service);
// Writes last_action, last_result ("ok"/"failed"), last_time = now; local_expect becomes
// `expect` when given, else keeps its previous value.
void record_action(const std::filesystem::path& var, const std::string& service, const std::string& action,
                   bool ok, const std::optional<std::string>& expect);

// The local_expect an action sets when it succeeded (SPEC §10.6): "started" after an unscoped
// start, restart, boot (full start) or leader provision; "" after an unscoped stop, shutdown or
// unprovision; nullopt (unchanged) otherwise.
[[nodiscard]] std::optional<std::string> expect_after(const std::string& action, bool scoped, bool follower,
                                                      bool boot_full_start);

}  // namespace svcagent::engine
