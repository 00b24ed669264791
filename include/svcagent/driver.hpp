#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <svcagent/keyword.hpp>
#include <svcagent/node_info.hpp>
#include <svcagent/runner.hpp>
#include <svcagent/section.hpp>
#include <svcagent/status.hpp>

namespace spdlog {
class logger;
}

namespace svcagent {

class ProbeCache;

// Options of the running action that drivers may honour.
struct ActionOptions {
    std::string action;  // "start", "stop", "provision", "status", ...
    bool force = false;
    bool confirm = false;
    bool dry_run = false;
    bool disable_rollback = false;
    std::vector<std::pair<std::string, std::string>> env{};  // --env overrides
};

// What one resource may touch during one action.
struct ActionContext {
    const NodeInfo& node;
    Runner& runner;          // Posix, DryRun, Ssh or Recording
    ProbeCache& probes;      // shared by every resource of this action
    spdlog::logger& log;     // named "node1.db1.fs#1"
    const ActionOptions& options;
};

struct StatusLogLine {
    std::string level;  // "info", "warn", "error"
    std::string message;
};

// Result of Resource::status(): the value, log lines, driver-specific info.
struct StatusReport {
    Status status = Status::undef;
    std::vector<StatusLogLine> log{};
    nlohmann::json info = nlohmann::json::object();

    void info_line(std::string msg) { log.push_back({"info", std::move(msg)}); }
    void warn(std::string msg) { log.push_back({"warn", std::move(msg)}); }
    void error(std::string msg) { log.push_back({"error", std::move(msg)}); }
};

// One configured resource section, e.g. [fs#1].
class Resource {
public:
    Resource() = default;
    Resource(const Resource&) = delete;
    Resource& operator=(const Resource&) = delete;
    Resource(Resource&&) = delete;
    Resource& operator=(Resource&&) = delete;
    virtual ~Resource() = default;

    [[nodiscard]] virtual std::string label() const = 0;  // "xfs /dev/db1/data@/srv/db1/data"
    // Reads probes, never changes anything. A probe failure gives undef and a log line.
    [[nodiscard]] virtual StatusReport status(ActionContext& ctx) = 0;
    // Abort phase of start-like actions (SPEC §8.2 step 5): a reason not to start, or nullopt.
    [[nodiscard]] virtual std::optional<std::string> start_conflict(ActionContext&) { return std::nullopt; }
    // OCF contract: already up -> log why and return false. Returns true when something changed
    // (the resource becomes a rollback candidate). Failures throw.
    virtual bool start(ActionContext& ctx) = 0;
    // Already down -> log why and return false.
    virtual bool stop(ActionContext& ctx) = 0;
    virtual void provision(ActionContext&) {}
    virtual void unprovision(ActionContext&) {}
    // Provisioned state when the driver can tell (SPEC §8.12); nullopt: use the recorded state.
    [[nodiscard]] virtual std::optional<bool> provisioned(ActionContext&) { return std::nullopt; }
    // Device lists for {<rid>.exposed_devs} and friends; nullopt: cannot answer.
    [[nodiscard]] virtual std::optional<std::vector<std::string>> devices(std::string_view /*kind*/) const {
        return std::nullopt;
    }
};

struct Capabilities {
    bool provisions = false;
    bool parallel_safe = true;
};

struct DriverSpec {
    std::string_view group, type;        // {"disk", "vg"}
    std::span<const Keyword> keywords;   // driver keywords, on top of the common resource keywords
    Capabilities caps{};
    std::unique_ptr<Resource> (*make)(const ResolvedSection& section) = nullptr;  // throws ConfigError
    std::string_view help{};
};

}  // namespace svcagent
