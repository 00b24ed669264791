// container.docker: stop, provision, unprovision (SPEC §9.6).
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/logger.h>

#include <svcagent/error.hpp>

#include "docker_resource.hpp"

namespace svcagent::drivers::container {

namespace {
constexpr std::chrono::seconds k_inspect_timeout{30};
}  // namespace

bool DockerContainer::stop(ActionContext& ctx) {
    if (daemon_down(ctx)) {
        ctx.log.info("container {} is already stopped", m_config.name);
        return false;
    }
    std::shared_ptr<const ContainerTable> keep;
    const ContainerInfo* container = find(ctx, keep);
    if (container == nullptr || !container->running) {
        ctx.log.info("container {} is already stopped", m_config.name);
        if (container != nullptr && m_config.rm) {
            run_checked(ctx.runner, {.argv = docker(ctx, {"rm", m_config.name})}, ctx.log);
            ctx.probes.invalidate(ProbeKind::containers);
        }
        if (m_config.settings.private_daemon) {
            m_daemon.stop_if_idle(ctx, m_config.rid);
        }
        return false;
    }
    const std::string id = container->id;
    const Command stop_cmd{.argv = docker(ctx, {"stop", id}), .timeout = m_config.stop_timeout};
    CommandResult result = ctx.runner.run(stop_cmd, ctx.log);
    bool killed = false;
    if (result.timed_out) {
        ctx.log.warn("docker stop exceeded stop_timeout ({}s): kill the container",
                     m_config.stop_timeout.count() / 1000);
        run_checked(ctx.runner, {.argv = docker(ctx, {"kill", id})}, ctx.log);
        killed = true;
    } else if (!result.ok()) {
        ctx.probes.invalidate(ProbeKind::containers);
        throw CommandError(stop_cmd, std::move(result));
    }
    if (killed) {
        wait_down(ctx, id);  // `docker rm` refuses a container that is still dying
    }
    if (m_config.rm) {
        run_checked(ctx.runner, {.argv = docker(ctx, {"rm", m_config.name})}, ctx.log);
    }
    ctx.log.info("wait for down status");
    wait_down(ctx, id);
    ctx.probes.invalidate(ProbeKind::containers);
    if (m_config.settings.private_daemon) {
        m_daemon.stop_if_idle(ctx, m_config.rid);
    }
    return true;
}

void DockerContainer::wait_down(ActionContext& ctx, const std::string& id) {
    if (ctx.options.dry_run) {
        return;
    }
    const auto inspect = docker(ctx, {"inspect", "--format", "{{.State.Running}}", id});
    for (auto waited = std::chrono::milliseconds{0};; waited += m_tools.poll_interval) {
        const CommandResult result =
            ctx.runner.run({.argv = inspect, .timeout = k_inspect_timeout, .effect = Effect::probe}, ctx.log);
        if (!result.ok() || result.out.rfind("true", 0) != 0) {
            return;  // stopped, or removed
        }
        if (waited >= m_config.stop_timeout) {
            throw ResourceError(m_config.rid,
                                fmt::format("container {} is still running after {}s", m_config.name,
                                            m_config.stop_timeout.count() / 1000));
        }
        pause(m_tools.poll_interval);
    }
}

void DockerContainer::provision(ActionContext& ctx) {
    const bool daemon_started =
        m_config.settings.private_daemon && m_daemon.ensure_started(ctx, m_config.rid);
    if (ctx.options.dry_run && daemon_down(ctx)) {
        ctx.log.info("would make image {} available", m_config.image);
        return;
    }
    if (image_present(ctx)) {
        ctx.log.info("image {} already present", m_config.image);
    } else {
        fetch_image(ctx);
    }
    if (daemon_started) {
        m_daemon.stop_if_idle(ctx, m_config.rid);  // a follower starts nothing: leave no idle daemon
    }
}

void DockerContainer::unprovision(ActionContext& ctx) {
    if (daemon_down(ctx)) {
        ctx.log.info("container {} is already removed (docker daemon is not running)", m_config.name);
        return;
    }
    std::shared_ptr<const ContainerTable> keep;
    if (find(ctx, keep) == nullptr) {
        ctx.log.info("container {} is already removed", m_config.name);
        return;
    }
    run_checked(ctx.runner, {.argv = docker(ctx, {"rm", m_config.name})}, ctx.log);
    ctx.probes.invalidate(ProbeKind::containers);
}

std::optional<bool> DockerContainer::provisioned(ActionContext& ctx) {
    if (daemon_down(ctx)) {
        return std::nullopt;
    }
    try {
        return image_present(ctx);
    } catch (const Error&) {
        return std::nullopt;
    }
}

}  // namespace svcagent::drivers::container
