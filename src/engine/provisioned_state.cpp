#include "engine/provisioned_state.hpp"

#include <chrono>
#include <fstream>

#include <nlohmann/json.hpp>

#include "util/atomic_write.hpp"

namespace svcagent::engine {

std::filesystem::path provisioned_path(const std::filesystem::path& var, const std::string& service,
                                       const std::string& rid) {
    return var / service / rid / "provisioned";
}

std::optional<ProvisionedRecord> read_provisioned(const std::filesystem::path& var, const std::string& service,
                                                  const std::string& rid) {
    std::ifstream in(provisioned_path(var, service, rid));
    if (!in) {
        return std::nullopt;
    }
    const auto j = nlohmann::json::parse(in, nullptr, false);
    if (!j.is_object() || !j.contains("state") || !j["state"].is_boolean()) {
        return std::nullopt;
    }
    ProvisionedRecord record{.state = j["state"].get<bool>(), .mtime = 0};
    if (j.contains("mtime") && j["mtime"].is_number()) {
        record.mtime = j["mtime"].get<double>();
    }
    return record;
}

void write_provisioned(const std::filesystem::path& var, const std::string& service, const std::string& rid,
                       bool state) {
    const auto path = provisioned_path(var, service, rid);
    std::filesystem::create_directories(path.parent_path());
    const double now = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    const nlohmann::json j{{"state", state}, {"mtime", now}};
    util::atomic_write(path, j.dump() + "\n", 0644);
}

}  // namespace svcagent::engine
