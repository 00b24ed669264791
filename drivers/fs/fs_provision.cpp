// fs provision (mkfs) and unprovision (wipefs) (SPEC §9.5, §8.12).
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <svcagent/error.hpp>

#include "blkid.hpp"
#include "fs.hpp"

namespace svcagent::drivers::fs {

void FsResource::provision(ActionContext& ctx) {
    const Deadline deadline{m_config.provision_timeout};
    if (is_virtual()) {
        ctx.log.info("{}: nothing to provision for a {} mount", m_config.rid, m_config.type);
        return;
    }
    const Observed seen = observe(ctx);
    if (!seen.device) {
        throw ResourceError(m_config.rid, fmt::format("cannot provision {}: no such device", m_config.dev));
    }
    if (seen.matches) {
        ctx.log.info("{} already provisioned", m_config.rid);
        return;
    }
    if (seen.elsewhere != nullptr) {
        throw ResourceError(m_config.rid, fmt::format("{} is mounted on {}: refusing to mkfs", m_config.dev,
                                                      seen.elsewhere->mount_point));
    }
    const std::string device = command_device(*seen.device);
    if (!m_host->block_device_number(device)) {
        throw ResourceError(m_config.rid, fmt::format("device {} does not exist", m_config.dev));
    }
    if (!mkfs_argv(m_config.type, false, m_config.mkfs_opt, device)) {
        ctx.log.info("{}: no mkfs for type {}, nothing to provision", m_config.rid, m_config.type);
        return;
    }
    const Signature signature = probe_signature(ctx, device, deadline.remaining());
    bool overwrite = false;
    if (signature.found) {
        if (signature.type == m_config.type) {
            ctx.log.info("{} already holds a {} filesystem", device, m_config.type);
            return;
        }
        if (!ctx.options.confirm) {
            throw ResourceError(m_config.rid,
                                fmt::format("{} holds a {} signature; refusing to mkfs without --confirm",
                                            device, signature.type));
        }
        ctx.log.warn("{} holds a {} signature: formatting it as instructed by --confirm", device,
                     signature.type);
        overwrite = true;
    }
    run_checked(ctx.runner,
                {.argv = *mkfs_argv(m_config.type, overwrite, m_config.mkfs_opt, device),
                 .timeout = deadline.remaining()},
                ctx.log);
}

void FsResource::unprovision(ActionContext& ctx) {
    if (!ctx.options.confirm) {
        throw ResourceError(m_config.rid, "unprovision destroys data; add --confirm to proceed");
    }
    stop(ctx);
    const Deadline deadline{m_config.stop_timeout};
    if (!is_virtual()) {
        const auto device = resolve_device(ctx);
        if (device && m_host->block_device_number(*device)) {
            run_checked(ctx.runner,
                        {.argv = {"wipefs", "-a", command_device(*device)}, .timeout = deadline.remaining()},
                        ctx.log);
        } else {
            ctx.log.info("{}: device {} not found, nothing to wipe", m_config.rid, m_config.dev);
        }
    }
    if (m_host->is_directory(m_config.mnt)) {
        if (ctx.options.dry_run) {
            ctx.log.info("would remove mountpoint {} if empty", m_config.mnt);
        } else if (m_host->remove_empty_directory(m_config.mnt)) {
            ctx.log.info("removed mountpoint {}", m_config.mnt);
        } else {
            ctx.log.info("mountpoint {} is not empty, kept", m_config.mnt);
        }
    }
}

}  // namespace svcagent::drivers::fs
