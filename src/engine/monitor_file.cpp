#include "engine/monitor_file.hpp"

#include <chrono>
#include <fstream>

#include <nlohmann/json.hpp>

#include "status/status_json.hpp"
#include "util/atomic_write.hpp"

namespace svcagent::engine {

std::filesystem::path monitor_path(const std::filesystem::path& var, const std::string& service) {
    return var / service / "monitor.json";
}

MonitorRecord read_monitor(const std::filesystem::path& var, const std::string& service) {
    std::ifstream in(monitor_path(var, service));
    if (!in) {
        return {};
    }
    const auto j = nlohmann::json::parse(in, nullptr, false);
    if (!j.is_object()) {
        return {};
    }
    return monitor_record_from_json(j);
}

void record_action(const std::filesystem::path& var, const std::string& service, const std::string& action,
                   bool ok, const std::optional<std::string>& expect) {
    MonitorRecord record = read_monitor(var, service);
    record.last_action = action;
    record.last_result = ok ? "ok" : "failed";
    record.last_time = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    if (expect) {
        record.local_expect = *expect;
    }
    const auto path = monitor_path(var, service);
    std::filesystem::create_directories(path.parent_path());
    util::atomic_write(path, monitor_record_to_json(record).dump() + "\n", 0644);
}

std::optional<std::string> expect_after(const std::string& action, bool scoped, bool follower,
                                        bool boot_full_start) {
    if (scoped) {
        return std::nullopt;
    }
    if (action == "start" || action == "restart" || (action == "boot" && boot_full_start) ||
        (action == "provision" && !follower)) {
        return "started";
    }
    if (action == "stop" || action == "shutdown" || action == "unprovision") {
        return "";
    }
    return std::nullopt;
}

}  // namespace svcagent::engine
