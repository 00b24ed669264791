#pragma once

// app.forking and app.simple (SPEC §9.7): user scripts run as argument vectors, never a shell.

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <svcagent/driver.hpp>
#include <svcagent/section.hpp>

namespace svcagent::drivers::app {

struct AppConfig {
    std::string service;  // "svc1"
    std::string svc_id;   // OPENSVC_SVC_ID ("" when unknown)
    std::string rid;      // "app#1"
    std::string type;     // "forking" or "simple"
    std::optional<std::string> script;  // as configured
    std::optional<std::string> start, stop, check, info;  // keyword values as configured
    std::chrono::milliseconds start_timeout{std::chrono::hours{1}};
    std::chrono::milliseconds stop_timeout{std::chrono::hours{1}};
    std::chrono::milliseconds check_timeout{std::chrono::seconds{60}};
    std::chrono::milliseconds info_timeout{std::chrono::seconds{60}};
    std::optional<std::string> user, group;
    std::filesystem::path cwd{"/"};
    std::vector<std::string> environment;  // "K=V" words
    bool status_log = false;
    std::filesystem::path label_dir{};  // <etc>/<svc>.d as known at load time, for the label
};

// The argv of one app command before resolution in <etc>/<svc>.d: unset/"false" -> nullopt,
// "true" or an integer -> {<script>, verb}, other text -> shlex words.
[[nodiscard]] std::optional<std::vector<std::string>> command_words(const std::optional<std::string>& value,
                                                                    const std::optional<std::string>& script,
                                                                    std::string_view verb);
// shlex words of a command value (single and double quotes, backslash escapes); throws
// std::invalid_argument on an unterminated quote.
[[nodiscard]] std::vector<std::string> split_shlex(std::string_view text);

class AppResource final : public Resource {
public:
    explicit AppResource(AppConfig config) : m_config(std::move(config)) {}

    [[nodiscard]] std::string label() const override;
    [[nodiscard]] StatusReport status(ActionContext& ctx) override;
    bool start(ActionContext& ctx) override;
    bool stop(ActionContext& ctx) override;
    [[nodiscard]] const AppConfig& config() const noexcept { return m_config; }

    // The resolved argv of a command ("start", "stop", "check", "info"), nullopt when unset.
    // Throws ResourceError "<path> does not exist" / "<path> is not executable".
    [[nodiscard]] std::optional<std::vector<std::string>> resolve(const NodeInfo& node, std::string_view which) const;
    // Child environment additions of SPEC §9.7 for one OPENSVC_ACTION.
    [[nodiscard]] std::vector<std::pair<std::string, std::string>> child_env(const ActionOptions& options,
                                                                            std::string_view action) const;

private:
    [[nodiscard]] std::vector<std::string> as_user(std::vector<std::string> argv) const;
    [[nodiscard]] StatusReport run_check(ActionContext& ctx, const std::vector<std::string>& argv);
    [[nodiscard]] std::optional<Status> quick_check(ActionContext& ctx);
    bool start_simple(ActionContext& ctx, const std::vector<std::string>& argv);
    bool stop_simple(ActionContext& ctx);
    [[nodiscard]] StatusReport simple_pid_status(ActionContext& ctx) const;
    [[nodiscard]] std::filesystem::path pid_file(const NodeInfo& node) const;

    AppConfig m_config;
};

// Status rules 1 and 3 of SPEC §9.7, decided by the status evaluator before asking the driver:
// `others` is the merge of the enabled, supported ip/disk/fs/container statuses (nullopt: none),
// `running_action` the start/stop of this resource in progress (from the lock), if any.
[[nodiscard]] std::optional<StatusReport> app_status_override(std::optional<Status> others,
                                                              const std::optional<std::string>& running_action);

// DriverSpec::make of app.forking and app.simple; reads the §9.7 keywords.
[[nodiscard]] std::unique_ptr<Resource> make_app(const ResolvedSection& section);

}  // namespace svcagent::drivers::app
