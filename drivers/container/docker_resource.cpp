#include "docker_resource.hpp"

#include <thread>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/logger.h>

#include <svcagent/error.hpp>

namespace svcagent::drivers::container {

namespace {

constexpr std::chrono::seconds k_inspect_timeout{30};

// "docker.io/library/busybox" and "busybox:latest" name the same image.
std::string normalized_image(std::string_view image) {
    for (const std::string_view prefix : {"docker.io/", "index.docker.io/", "library/"}) {
        if (image.substr(0, prefix.size()) == prefix) {
            image.remove_prefix(prefix.size());
        }
    }
    std::string text{image};
    const auto slash = text.rfind('/');
    const auto colon = text.rfind(':');
    const bool tagged = colon != std::string::npos && (slash == std::string::npos || colon > slash);
    if (!tagged && text.find('@') == std::string::npos && text.rfind("sha256:", 0) != 0) {
        text += ":latest";
    }
    return text;
}

// State of `docker inspect --format '{{json .State}}' <id>`.
struct State {
    bool gone = false;  // no such container
    bool running = false;
    int exit_code = 0;
    std::string error{}, health{};
};

}  // namespace

DockerContainer::DockerContainer(ContainerConfig config, ContainerTools tools)
    : m_config(std::move(config)), m_tools(std::move(tools)),
      m_daemon(m_config.settings, m_tools.daemon_host) {}

std::string DockerContainer::label() const {
    return fmt::format("docker container {}@{}", m_config.name, m_config.image);
}

std::vector<std::string> DockerContainer::docker(const ActionContext& ctx,
                                                 std::vector<std::string> args) const {
    std::vector<std::string> argv = host(ctx).argv_prefix();
    argv.insert(argv.end(), std::make_move_iterator(args.begin()), std::make_move_iterator(args.end()));
    return argv;
}

bool DockerContainer::daemon_down(const ActionContext& ctx) const {
    return m_config.settings.private_daemon && !m_daemon.running(ctx.node);
}

const ContainerInfo* DockerContainer::find(ActionContext& ctx,
                                           std::shared_ptr<const ContainerTable>& keep) const {
    keep = ctx.probes.containers(host(ctx));
    return keep->find_name(m_config.name);
}

bool DockerContainer::image_present(ActionContext& ctx) const {
    return ctx.probes.images(host(ctx))->has(m_config.image);
}

void DockerContainer::pause(std::chrono::milliseconds duration) const {
    if (m_tools.sleep) {
        m_tools.sleep(duration);
    } else {
        std::this_thread::sleep_for(duration);
    }
}

StatusReport DockerContainer::status(ActionContext& ctx) {
    StatusReport report;
    report.info = {{"name", m_config.name}, {"image", m_config.image}};
    if (!m_config.detach) {
        report.status = Status::na;
        return report;
    }
    report.status = Status::down;
    if (!m_tools.has_exe(m_config.settings.exe)) {
        report.warn("docker executable not found");
        return report;
    }
    if (daemon_down(ctx)) {
        report.info_line("docker daemon is not running");
        return report;
    }
    std::shared_ptr<const ContainerTable> table;
    const ContainerInfo* container = nullptr;
    try {
        container = find(ctx, table);
    } catch (const Error& e) {
        ctx.log.debug("docker probe failed: {}", e.what());
        report.warn("docker daemon is not reachable");
        return report;
    }
    if (container == nullptr) {
        bool present = true;
        try {
            present = image_present(ctx);
        } catch (const Error& e) {
            ctx.log.debug("docker images failed: {}", e.what());
        }
        if (present) {
            report.info_line("can not find container id");
        } else {
            report.warn(fmt::format("image {} is not present", m_config.image));
        }
        return report;
    }
    report.info["container_id"] = container->id;
    report.info["pid"] = container->pid;
    report.info["netns"] = container->sandbox_key;
    if (!container->running) {
        if (container->exit_code != 0) {
            report.info_line(fmt::format("exited with code {}{}", container->exit_code,
                                         container->error.empty() ? "" : ": " + container->error));
        }
        return report;
    }
    report.status = Status::up;
    if (normalized_image(container->image) != normalized_image(m_config.image)) {
        report.warn(fmt::format("the current container is based on image '{}' instead of '{}'",
                                container->image, m_config.image));
    }
    if (container->health == "unhealthy") {
        report.warn("container is unhealthy");
    }
    return report;
}

void DockerContainer::fetch_image(ActionContext& ctx) {
    const auto args = m_config.image_archive ? std::vector<std::string>{"load", "-i", *m_config.image_archive}
                                             : std::vector<std::string>{"pull", m_config.image};
    run_checked(ctx.runner, {.argv = docker(ctx, args), .timeout = m_config.pull_timeout}, ctx.log);
    ctx.probes.invalidate(ProbeKind::images);
}

// A run/start bounded by start_timeout: exceeding it kills the container (SPEC §9.6 step 6).
void DockerContainer::run_bounded(ActionContext& ctx, std::vector<std::string> args,
                                  const std::string& kill_target) {
    const Command cmd{.argv = docker(ctx, std::move(args)), .timeout = m_config.start_timeout};
    CommandResult result = ctx.runner.run(cmd, ctx.log);
    if (result.timed_out) {
        const CommandResult killed = ctx.runner.run({.argv = docker(ctx, {"kill", kill_target})}, ctx.log);
        ctx.probes.invalidate(ProbeKind::containers);
        throw ResourceError(m_config.rid,
                            fmt::format("timeout exceeded ({}s): {}{}", m_config.start_timeout.count() / 1000,
                                        display_argv(cmd.argv),
                                        killed.ok() ? "" : " (and docker kill failed)"));
    }
    if (!result.ok()) {
        ctx.probes.invalidate(ProbeKind::containers);
        throw CommandError(cmd, std::move(result));
    }
}

bool DockerContainer::start(ActionContext& ctx) {
    if (m_config.pull_always) {
        fetch_image(ctx);
    }
    const bool daemon_started =
        m_config.settings.private_daemon && m_daemon.ensure_started(ctx, m_config.rid);
    std::shared_ptr<const ContainerTable> keep;
    const ContainerInfo* container = ctx.options.dry_run && daemon_started ? nullptr : find(ctx, keep);
    if (container != nullptr && container->running) {
        ctx.log.info("container {} is already started", m_config.name);
        return daemon_started;
    }
    try {
        if (container != nullptr && m_config.rm) {
            run_checked(ctx.runner, {.argv = docker(ctx, {"rm", m_config.name})}, ctx.log);
            container = nullptr;
        }
        if (container != nullptr) {
            std::vector<std::string> args{"start"};
            if (!m_config.detach) {
                args.emplace_back("-a");
            }
            args.push_back(container->id);
            run_bounded(ctx, args, m_config.name);
        } else {
            if (!(ctx.options.dry_run && daemon_started) && !image_present(ctx)) {
                fetch_image(ctx);
            }
            run_bounded(ctx, m_config.run_argv(), m_config.name);
        }
        ctx.probes.invalidate(ProbeKind::containers);
        if (m_config.detach) {
            wait_up(ctx);
        }
    } catch (const Error&) {
        // Undo this start's own steps (SPEC §8.7): the failed container, then a daemon started for it.
        if (!ctx.options.dry_run) {
            const auto args = m_config.rm ? std::vector<std::string>{"rm", "-f", m_config.name}
                                          : std::vector<std::string>{"kill", m_config.name};
            std::shared_ptr<const ContainerTable> now;
            ctx.probes.invalidate(ProbeKind::containers);
            const ContainerInfo* left = nullptr;
            try {
                left = find(ctx, now);
            } catch (const Error&) {
                left = nullptr;
            }
            if (left != nullptr && (m_config.rm || left->running)) {
                (void)ctx.runner.run({.argv = docker(ctx, args)}, ctx.log);
                ctx.probes.invalidate(ProbeKind::containers);
            }
            if (daemon_started) {
                m_daemon.stop_if_idle(ctx, m_config.rid);
            }
        }
        throw;
    }
    return true;
}

void DockerContainer::wait_up(ActionContext& ctx) {
    ctx.log.info("wait for up status");
    if (ctx.options.dry_run) {
        ctx.log.info("wait for container operational");
        return;
    }
    std::shared_ptr<const ContainerTable> keep;
    const ContainerInfo* container = find(ctx, keep);
    if (container == nullptr) {
        throw ResourceError(m_config.rid,
                            fmt::format("container {} not found after docker run", m_config.name));
    }
    const std::string id = container->id;
    const auto inspect = docker(ctx, {"inspect", "--format", "{{json .State}}", id});
    auto state = [&]() {
        const CommandResult result =
            ctx.runner.run({.argv = inspect, .timeout = k_inspect_timeout, .effect = Effect::probe}, ctx.log);
        State s;
        if (!result.ok()) {
            s.gone = true;
            return s;
        }
        const auto json = nlohmann::json::parse(result.out, nullptr, false);
        if (!json.is_object()) {
            s.gone = true;
            return s;
        }
        s.running = json.value("Running", false);
        s.exit_code = json.value("ExitCode", 0);
        s.error = json.value("Error", std::string{});
        if (json.contains("Health") && json["Health"].is_object()) {
            s.health = json["Health"].value("Status", std::string{});
        }
        return s;
    };
    bool operational_logged = false;
    for (auto waited = std::chrono::milliseconds{0};; waited += m_tools.poll_interval) {
        const State s = state();
        if (s.gone) {
            throw ResourceError(m_config.rid, "the container went down (removed)");
        }
        if (!s.running) {
            throw ResourceError(m_config.rid,
                                fmt::format("the container went down (exit code {}){}", s.exit_code,
                                            s.error.empty() ? "" : ": " + s.error));
        }
        if (!operational_logged) {
            ctx.log.info("wait for container operational");
            operational_logged = true;
        }
        if (s.health.empty() || s.health == "healthy") {
            return;
        }
        if (s.health == "unhealthy") {
            throw ResourceError(m_config.rid, "container is unhealthy");
        }
        if (waited >= m_config.start_timeout) {
            throw ResourceError(m_config.rid, fmt::format("timeout exceeded ({}s) waiting for the container",
                                                          m_config.start_timeout.count() / 1000));
        }
        pause(m_tools.poll_interval);
    }
}

}  // namespace svcagent::drivers::container
