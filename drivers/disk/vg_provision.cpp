// disk.vg provision and unprovision (SPEC §9.3, §8.12).
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <svcagent/error.hpp>
#include <svcagent/probe_cache.hpp>

#include "../fs/blkid.hpp"
#include "lvm_common.hpp"
#include "vg.hpp"

namespace svcagent::drivers::disk {

namespace {

// vg_name of the pv in `pvs --reportformat json -o pv_name,vg_name <pv>`.
std::string pv_vg_name(const std::string& text) {
    const auto doc = nlohmann::json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.contains("report") || !doc["report"].is_array()) {
        return {};
    }
    for (const auto& element : doc["report"]) {
        if (element.contains("pv") && element["pv"].is_array()) {
            for (const auto& pv : element["pv"]) {
                if (pv.contains("vg_name") && pv["vg_name"].is_string()) {
                    return pv["vg_name"].get<std::string>();
                }
            }
        }
    }
    return {};
}

}  // namespace

void VgResource::provision(ActionContext& ctx) {
    const Deadline deadline{m_config.start_timeout};
    if (find(*ctx.probes.volume_groups()) != nullptr) {
        ctx.log.info("vg {} already exists", m_config.name);
        return;
    }
    if (m_config.pvs.empty()) {
        throw ResourceError(m_config.rid, fmt::format("pvs is required to provision vg {}", m_config.name));
    }
    std::vector<std::string> pvs;
    for (const auto& pattern : m_config.pvs) {
        const auto matches = m_host->glob(pattern);
        if (matches.empty()) {
            throw ResourceError(m_config.rid, fmt::format("pv {} not found", pattern));
        }
        for (const auto& pv : matches) {
            if (!m_host->block_device_number(pv)) {
                throw ResourceError(m_config.rid, fmt::format("pv {} not found", pv));
            }
            pvs.push_back(pv);
        }
    }
    for (const auto& pv : pvs) {
        prepare_pv(ctx, pv, deadline);
    }
    std::vector<std::string> argv{"vgcreate"};
    argv.insert(argv.end(), m_config.options.begin(), m_config.options.end());
    argv.push_back(m_config.name);
    argv.insert(argv.end(), pvs.begin(), pvs.end());
    run_checked(ctx.runner, {.argv = std::move(argv), .timeout = deadline.remaining()}, ctx.log);
    ctx.probes.invalidate(ProbeKind::volume_groups);
}

void VgResource::prepare_pv(ActionContext& ctx, const std::string& pv, const Deadline& deadline) {
    const Command pvs{.argv = {"pvs", "--reportformat", "json", "-o", "pv_name,vg_name", pv},
                      .timeout = deadline.remaining(),
                      .effect = Effect::probe};
    const CommandResult listed = ctx.runner.run(pvs, ctx.log);
    if (listed.ok()) {
        const std::string owner = pv_vg_name(listed.out);
        if (!owner.empty() && owner != m_config.name) {
            throw ResourceError(m_config.rid, fmt::format("pv {} belongs to vg {}", pv, owner));
        }
        return;  // already a pv, free or ours
    }
    const Signature signature = probe_signature(ctx, pv, deadline.remaining());
    if (!signature.found) {
        run_checked(ctx.runner, {.argv = {"pvcreate", pv}, .timeout = deadline.remaining()}, ctx.log);
        return;
    }
    if (!ctx.options.confirm) {
        throw ResourceError(m_config.rid,
                            fmt::format("{} holds a {} signature; refusing to pvcreate without --confirm", pv,
                                        signature.type));
    }
    ctx.log.warn("{} holds a {} signature: overwriting it as instructed by --confirm", pv, signature.type);
    run_checked(ctx.runner, {.argv = {"pvcreate", "-f", pv}, .timeout = deadline.remaining()}, ctx.log);
}

void VgResource::unprovision(ActionContext& ctx) {
    const auto table = ctx.probes.volume_groups();  // keeps `vg` valid while stop() invalidates
    const VolumeGroup* vg = find(*table);
    check_unprovision(ctx, m_config.rid, vg, m_config.service_nodes);
    if (vg == nullptr) {
        ctx.log.info("vg {} does not exist", m_config.name);
        return;
    }
    stop(ctx);
    const Deadline deadline{m_config.stop_timeout};
    run_checked(ctx.runner, {.argv = {"vgremove", "-f", m_config.name}, .timeout = deadline.remaining()},
                ctx.log);
    ctx.probes.invalidate(ProbeKind::volume_groups);
}

}  // namespace svcagent::drivers::disk
