// fs status, conflicts and start (SPEC §9.5).
#include <sys/sysmacros.h>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <svcagent/error.hpp>

#include "blkid.hpp"
#include "fs.hpp"

namespace svcagent::drivers::fs {

namespace {

bool has_option(std::string_view options, std::string_view wanted) {
    while (!options.empty()) {
        const auto comma = options.find(',');
        if (options.substr(0, comma) == wanted) {
            return true;
        }
        options = comma == std::string_view::npos ? std::string_view{} : options.substr(comma + 1);
    }
    return false;
}

}  // namespace

FsResource::FsResource(FsConfig config, std::shared_ptr<HostOps> host)
    : m_config(std::move(config)), m_host(std::move(host)) {}

std::string FsResource::label() const {
    return fmt::format("{} {}@{}", m_config.type, m_config.dev, m_config.mnt);
}

bool FsResource::is_virtual() const {
    return fs::is_virtual(m_config.type, m_config.dev);
}

std::optional<std::string> FsResource::resolve_device(ActionContext& ctx) const {
    if (is_virtual()) {
        return m_config.dev;
    }
    std::optional<std::string> device;
    const std::string& dev = m_config.dev;
    const bool label = dev.rfind("LABEL=", 0) == 0;
    if (label || dev.rfind("UUID=", 0) == 0) {
        const std::string value = dev.substr(dev.find('=') + 1);
        const std::filesystem::path link =
            std::filesystem::path{label ? "/dev/disk/by-label" : "/dev/disk/by-uuid"} / value;
        if (!value.empty() && value.find('/') == std::string::npos && m_host->exists(link)) {
            device = m_host->resolve(link).string();
        } else if (auto found = find_tagged_device(ctx, dev)) {  // no udev links: ask libblkid
            device = m_host->resolve(*found).string();
        }
    } else {
        device = m_host->resolve(dev).string();
    }
    const std::lock_guard lock{m_mutex};
    if (device) {
        m_last_device = device;
    }
    return device;
}

std::string FsResource::command_device(const std::string& resolved) const {
    return m_config.dev.front() == '/' ? m_config.dev : resolved;
}

bool FsResource::entry_matches(const MountEntry& entry, const std::optional<std::string>& device) const {
    if (is_virtual()) {
        return m_config.type == "bind" || entry.source == m_config.dev;
    }
    if (!device) {
        return false;
    }
    const auto number = m_host->block_device_number(*device);
    if (m_config.type == "btrfs" || entry.major == 0 || !number) {
        return m_host->resolve(entry.source).string() == *device;
    }
    return major(*number) == entry.major && minor(*number) == entry.minor;
}

FsResource::Observed FsResource::observe(ActionContext& ctx) const {
    Observed seen;
    seen.table = ctx.probes.mounts();
    seen.device = resolve_device(ctx);
    seen.mount_point = normal_path(m_host->resolve(m_config.mnt).string());
    seen.at_mnt = seen.table->find_mount_point(seen.mount_point);
    seen.matches = seen.at_mnt != nullptr && entry_matches(*seen.at_mnt, seen.device);
    if (!is_virtual() && !seen.matches && seen.device) {
        for (const MountEntry& entry : seen.table->entries) {
            if (entry.mount_point != seen.mount_point && entry_matches(entry, seen.device)) {
                seen.elsewhere = &entry;
                break;
            }
        }
    }
    return seen;
}

StatusReport FsResource::status(ActionContext& ctx) {
    StatusReport report;
    report.info["dev"] = m_config.dev;
    report.info["mnt"] = m_config.mnt;
    Observed seen;
    try {
        seen = observe(ctx);
    } catch (const Error& e) {
        report.status = Status::undef;
        report.error(e.what());
        return report;
    }
    if (seen.at_mnt == nullptr) {
        report.status = Status::down;
        return report;
    }
    report.info["source"] = seen.at_mnt->source;
    if (!seen.matches) {
        report.status = Status::warn;
        report.warn(fmt::format("{} is mounted from {}, expected {}", m_config.mnt, seen.at_mnt->source,
                                m_config.dev));
        return report;
    }
    report.status = Status::up;
    if (has_option(seen.at_mnt->options, "ro") && !has_option(m_config.mnt_opt, "ro")) {
        report.warn(fmt::format("{} is mounted read-only", m_config.mnt));
    }
    return report;
}

std::optional<std::string> FsResource::start_conflict(ActionContext& ctx) {
    Observed seen;
    try {
        seen = observe(ctx);
    } catch (const Error&) {
        return std::nullopt;  // start() reports it
    }
    if (seen.at_mnt != nullptr && !seen.matches) {
        return fmt::format("{} is already mounted from {}", m_config.mnt, seen.at_mnt->source);
    }
    if (seen.elsewhere != nullptr) {
        return fmt::format("{} is already mounted on {}", m_config.dev, seen.elsewhere->mount_point);
    }
    return std::nullopt;
}

std::vector<std::string> FsResource::mount_argv() const {
    if (m_config.type == "bind") {
        const std::string options = m_config.mnt_opt.empty() ? "bind" : "bind," + m_config.mnt_opt;
        return {"mount", "-o", options, m_config.dev, m_config.mnt};
    }
    std::vector<std::string> argv{"mount", "-t", m_config.type};
    if (!m_config.mnt_opt.empty()) {
        argv.insert(argv.end(), {"-o", m_config.mnt_opt});
    }
    argv.insert(argv.end(), {m_config.dev, m_config.mnt});
    return argv;
}

bool FsResource::start(ActionContext& ctx) {
    const Deadline deadline{m_config.start_timeout};
    const Observed seen = observe(ctx);
    if (seen.matches) {
        ctx.log.info("{} is already mounted", label());
        return false;
    }
    if (seen.at_mnt != nullptr) {
        throw ResourceError(m_config.rid,
                            fmt::format("{} is already mounted from {}", m_config.mnt, seen.at_mnt->source));
    }
    if (seen.elsewhere != nullptr) {
        throw ResourceError(m_config.rid, fmt::format("{} is already mounted on {}", m_config.dev,
                                                      seen.elsewhere->mount_point));
    }
    if (!is_virtual() && (!seen.device || !m_host->block_device_number(*seen.device))) {
        throw ResourceError(m_config.rid, fmt::format("device {} does not exist", m_config.dev));
    }
    if (!m_host->is_directory(m_config.mnt)) {
        ctx.log.info("create missing mountpoint {}", m_config.mnt);
        if (!ctx.options.dry_run) {
            m_host->make_directories(m_config.mnt);
        }
    }
    if (!is_virtual()) {
        run_fsck(ctx, command_device(*seen.device), deadline);
    }
    run_checked(ctx.runner, {.argv = mount_argv(), .timeout = deadline.remaining()}, ctx.log);
    ctx.probes.invalidate(ProbeKind::mounts);
    if (ctx.options.dry_run) {
        return true;
    }
    const Observed after = observe(ctx);
    if (!after.matches) {
        throw ResourceError(m_config.rid,
                            fmt::format("{} is not mounted on {} after mount", m_config.dev, m_config.mnt));
    }
    try {
        apply_ownership(ctx, m_config.mnt);
    } catch (const Error& e) {
        ctx.log.error("{}: undoing the mount", e.what());
        try {
            umount(ctx, m_config.mnt, deadline);
        } catch (const Error& undo) {
            ctx.log.error("{}", undo.what());
        }
        throw ResourceError(m_config.rid, e.what());
    }
    return true;
}

void FsResource::run_fsck(ActionContext& ctx, const std::string& device, const Deadline& deadline) {
    const auto argv = fsck_argv(m_config.type, m_config.fsck, device);
    if (!argv) {
        return;
    }
    const CommandResult result = ctx.runner.run({.argv = *argv, .timeout = deadline.remaining()}, ctx.log);
    const FsckVerdict verdict = judge_fsck(m_config.type, result, device);
    if (verdict.warning) {
        ctx.log.warn("{}", *verdict.warning);
    }
    if (verdict.error) {  // the runner has logged the check's output
        throw ResourceError(m_config.rid, *verdict.error);
    }
}

void FsResource::apply_ownership(ActionContext& ctx, const std::string& mount_point) {
    if (m_config.user || m_config.group) {
        ctx.log.info("chown {}{}{} {}", m_config.user.value_or(""), m_config.group ? ":" : "",
                     m_config.group.value_or(""), mount_point);
        if (!ctx.options.dry_run) {
            m_host->change_owner(mount_point, m_config.user, m_config.group);
        }
    }
    if (m_config.perm) {
        ctx.log.info("chmod {:04o} {}", *m_config.perm, mount_point);
        if (!ctx.options.dry_run) {
            m_host->change_mode(mount_point, *m_config.perm);
        }
    }
}

std::optional<bool> FsResource::provisioned(ActionContext& ctx) {
    try {
        if (observe(ctx).matches) {
            return true;
        }
    } catch (const Error&) {
    }
    return std::nullopt;
}

std::optional<std::vector<std::string>> FsResource::devices(std::string_view kind) const {
    if (kind != "exposed_devs") {
        return std::nullopt;
    }
    if (is_virtual()) {
        return std::vector<std::string>{};
    }
    const std::lock_guard lock{m_mutex};
    if (m_last_device) {
        return std::vector<std::string>{*m_last_device};
    }
    if (m_config.dev.front() == '/') {
        return std::vector<std::string>{m_host->resolve(m_config.dev).string()};
    }
    return std::nullopt;
}

}  // namespace svcagent::drivers::fs
