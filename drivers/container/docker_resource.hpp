#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <svcagent/driver.hpp>
#include <svcagent/probe_cache.hpp>

#include "docker_daemon.hpp"
#include "docker_settings.hpp"
#include "run_args.hpp"

namespace svcagent::drivers::container {

// The keywords of one [container#N] section of type docker (SPEC §9.6), checked at load time.
struct ContainerConfig {
    std::string rid;
    std::string name;  // container name
    std::string image;
    std::vector<std::string> command{};
    ProcessedRunArgs run_args{};
    std::optional<std::string> netns{};  // as configured: "container#0", "host", "bridge"...
    std::string netns_container{};       // name of the container joined with netns = container#N
    std::optional<std::string> hostname{}, entrypoint{}, user{};
    bool privileged = false;
    std::vector<std::string> environment{};
    bool rm = false;
    bool detach = true;
    bool pull_always = false;
    std::optional<std::string> image_archive{};
    std::chrono::milliseconds start_timeout{std::chrono::seconds{60}};
    std::chrono::milliseconds stop_timeout{std::chrono::seconds{120}};
    std::chrono::milliseconds pull_timeout{std::chrono::minutes{2}};
    DockerSettings settings{};

    // Throws ConfigError at the keyword's origin.
    [[nodiscard]] static ContainerConfig from(const ResolvedSection& section);
    // DOCKER run ... (without the DOCKER prefix): the contract of SPEC §9.6.
    [[nodiscard]] std::vector<std::string> run_argv() const;
};

// Host access besides ctx.runner; tests replace the clock, the executable check and the daemon host.
struct ContainerTools {
    std::function<bool(const std::string&)> has_exe = executable_exists;
    std::function<void(std::chrono::milliseconds)> sleep{};  // empty: std::this_thread::sleep_for
    std::shared_ptr<DaemonHost> daemon_host = posix_host();
    std::chrono::milliseconds poll_interval{500};
};

class DockerContainer final : public Resource {
public:
    DockerContainer(ContainerConfig config, ContainerTools tools);

    [[nodiscard]] std::string label() const override;  // "docker container <name>@<image>"
    [[nodiscard]] StatusReport status(ActionContext& ctx) override;
    bool start(ActionContext& ctx) override;
    bool stop(ActionContext& ctx) override;
    void provision(ActionContext& ctx) override;
    void unprovision(ActionContext& ctx) override;
    [[nodiscard]] std::optional<bool> provisioned(ActionContext& ctx) override;

    [[nodiscard]] const ContainerConfig& config() const noexcept { return m_config; }

private:
    [[nodiscard]] DockerHost host(const ActionContext& ctx) const {
        return m_config.settings.host(ctx.node.paths);
    }
    [[nodiscard]] std::vector<std::string> docker(const ActionContext& ctx,
                                                  std::vector<std::string> args) const;
    [[nodiscard]] bool daemon_down(const ActionContext& ctx) const;
    [[nodiscard]] const ContainerInfo* find(ActionContext& ctx,
                                            std::shared_ptr<const ContainerTable>& keep) const;
    [[nodiscard]] bool image_present(ActionContext& ctx) const;
    void fetch_image(ActionContext& ctx);
    void run_bounded(ActionContext& ctx, std::vector<std::string> args, const std::string& kill_target);
    void wait_up(ActionContext& ctx);
    void wait_down(ActionContext& ctx, const std::string& id);
    void pause(std::chrono::milliseconds duration) const;

    ContainerConfig m_config;
    ContainerTools m_tools;
    DockerDaemon m_daemon;
};

}  // namespace svcagent::drivers::container
