// fs stop: sub-mounts first, then the mount, killing its users when it is busy (SPEC §9.5).
#include <algorithm>
#include <csignal>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <svcagent/error.hpp>

#include "fs.hpp"

namespace svcagent::drivers::fs {

namespace {

bool strictly_below(std::string_view path, std::string_view dir) {
    return path.size() > dir.size() && path.substr(0, dir.size()) == dir && path[dir.size()] == '/';
}

bool says_busy(const CommandResult& result) {
    return result.err.find("busy") != std::string::npos || result.out.find("busy") != std::string::npos;
}

constexpr std::chrono::seconds k_retry_interval{1};

}  // namespace

bool FsResource::stop(ActionContext& ctx) {
    const Deadline deadline{m_config.stop_timeout};
    const Observed seen = observe(ctx);
    if (!seen.matches) {
        ctx.log.info("{} is already umounted", label());
        return false;
    }
    std::vector<std::string> submounts;
    for (const MountEntry& entry : seen.table->entries) {
        if (strictly_below(entry.mount_point, seen.mount_point) &&
            std::find(submounts.begin(), submounts.end(), entry.mount_point) == submounts.end()) {
            submounts.push_back(entry.mount_point);
        }
    }
    // Deepest first; among equals, the later mount first.
    std::stable_sort(submounts.begin(), submounts.end(), [](const std::string& a, const std::string& b) {
        return std::count(a.begin(), a.end(), '/') > std::count(b.begin(), b.end(), '/');
    });
    for (const std::string& submount : submounts) {
        umount(ctx, submount, deadline);
    }
    umount(ctx, seen.mount_point, deadline);
    ctx.probes.invalidate(ProbeKind::mounts);
    if (!ctx.options.dry_run && observe(ctx).matches) {
        throw ResourceError(m_config.rid, fmt::format("{} is still mounted after umount", m_config.mnt));
    }
    return true;
}

bool FsResource::try_umount(ActionContext& ctx, const std::string& target, const Deadline& deadline) {
    const Command cmd{.argv = {"umount", target}, .timeout = deadline.remaining()};
    CommandResult result = ctx.runner.run(cmd, ctx.log);
    if (result.ok()) {
        return true;
    }
    if (!says_busy(result)) {
        throw CommandError(cmd, std::move(result));
    }
    return false;
}

void FsResource::signal_users(ActionContext& ctx, const std::string& target, int signal,
                              std::string_view name) {
    for (const ProcessUser& user : m_host->users_below(target)) {
        ctx.log.warn("kill -{} {} ({})", name, user.pid, user.cmdline);
        if (!ctx.options.dry_run) {
            m_host->send_signal(user.pid, signal);
        }
    }
}

void FsResource::umount(ActionContext& ctx, const std::string& target, const Deadline& deadline) {
    if (try_umount(ctx, target, deadline)) {
        return;
    }
    signal_users(ctx, target, SIGTERM, "TERM");
    for (auto waited = std::chrono::milliseconds{0}; waited < m_config.term_grace;
         waited += k_retry_interval) {
        m_host->sleep_for(k_retry_interval);
        if (try_umount(ctx, target, deadline)) {
            return;
        }
    }
    signal_users(ctx, target, SIGKILL, "KILL");
    m_host->sleep_for(k_retry_interval);
    if (try_umount(ctx, target, deadline)) {
        return;
    }
    std::vector<std::string> pids;
    for (const ProcessUser& user : m_host->users_below(target)) {
        pids.push_back(std::to_string(user.pid));
    }
    throw ResourceError(m_config.rid,
                        fmt::format("failed to umount {}: device is busy (pids {})", target,
                                    pids.empty() ? "unknown" : fmt::format("{}", fmt::join(pids, " "))));
}

}  // namespace svcagent::drivers::fs
