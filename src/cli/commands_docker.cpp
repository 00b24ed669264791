// `svcmgr -s <svc> docker ARGS...` (SPEC §9.6, docker passthrough).
#include <algorithm>
#include <cerrno>
#include <set>
#include <spawn.h>
#include <sys/wait.h>
#include <system_error>

#include <fmt/format.h>
#include <spdlog/logger.h>

#include <svcagent/error.hpp>

#include "../../drivers/container/docker_daemon.hpp"
#include "cli/context.hpp"
#include "cli/handlers.hpp"
#include "cli/session.hpp"
#include "util/strings.hpp"

extern char** environ;  // NOLINT(readability-redundant-declaration): POSIX, for posix_spawnp

namespace svcagent::cli {

namespace {

using drivers::container::DockerSettings;

// --rid (rids or groups) and --tags restrict %instances% and %images%.
bool selected(const Options& o, const ResolvedSection& section) {
    if (!o.rid.empty()) {
        bool match = false;
        for (const auto& list : o.rid) {
            for (const auto& word : util::split_trimmed(list, ',')) {
                match = match || word == section.rid || word == section.group;
            }
        }
        if (!match) {
            return false;
        }
    }
    if (!o.tags.empty()) {
        const auto tags = section.get_list("tags");
        for (const auto& list : o.tags) {
            for (const auto& word : util::split_trimmed(list, ',')) {
                if (std::find(tags.begin(), tags.end(), word) != tags.end()) {
                    return true;
                }
            }
        }
        return false;
    }
    return true;
}

int run_attached(const std::vector<std::string>& argv) {
    std::vector<char*> args;
    args.reserve(argv.size() + 1);
    for (const auto& arg : argv) {
        args.push_back(const_cast<char*>(arg.c_str()));  // NOLINT: posix_spawn's historical signature
    }
    args.push_back(nullptr);
    pid_t pid = -1;
    if (const int rc = ::posix_spawnp(&pid, argv.front().c_str(), nullptr, nullptr, args.data(), environ);
        rc != 0) {
        throw Error(fmt::format("cannot execute {}: {}", argv.front(), std::generic_category().message(rc)));
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            throw Error(fmt::format("waitpid: {}", std::generic_category().message(errno)));
        }
    }
    if (WIFEXITED(status)) {
        return WEXITSTATUS(status);
    }
    return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

}  // namespace

int docker_passthrough(CommandContext& ctx) {
    auto session = open_session(ctx, false);
    const config::ServiceConfig& config = *session->config;
    std::vector<std::string> names, images;
    std::optional<ResolvedSection> first;
    for (const config::RawSection& raw : config.sections()) {
        if (raw.kind != config::SectionKind::resource || raw.group != "container") {
            continue;
        }
        ResolvedSection section = config.resolve(raw);
        if (!first) {
            first = section;
        }
        if (!selected(ctx.options(), section)) {
            continue;
        }
        names.push_back(drivers::container::container_name(section, section.rid));
        const std::string image = section.get_string("image").value_or("");
        if (!image.empty() && std::find(images.begin(), images.end(), image) == images.end()) {
            images.push_back(image);
        }
    }
    DockerSettings settings =
        first ? DockerSettings::from(*first)
              : DockerSettings{.service = ctx.service(), .exe = drivers::container::default_docker_exe()};
    if (settings.private_daemon) {
        drivers::container::DockerDaemon daemon{settings, drivers::container::posix_host()};
        if (!daemon.running(ctx.node())) {
            ProbeCache probes(session->runner(), *session->log);
            ActionContext actx{ctx.node(), session->runner(), probes, *session->log, session->options};
            daemon.ensure_started(actx, first ? first->rid : std::string{"DEFAULT"});
        }
    }
    std::vector<std::string> argv = settings.host(ctx.node().paths).argv_prefix();
    for (const std::string& word : ctx.options().passthrough) {
        if (word == "%instances%") {
            argv.insert(argv.end(), names.begin(), names.end());
        } else if (word == "%images%") {
            argv.insert(argv.end(), images.begin(), images.end());
        } else {
            argv.push_back(word);
        }
    }
    if (ctx.options().dry_run) {
        session->log->info("would run: {}", display_argv(argv));
        return 0;
    }
    return run_attached(argv);
}

}  // namespace svcagent::cli
