#include "lvm_common.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <svcagent/error.hpp>

namespace svcagent::drivers::disk {

std::vector<std::string> foreign_host_tags(const VolumeGroup& vg, std::string_view nodename,
                                           const std::vector<std::string>& service_nodes) {
    std::vector<std::string> foreign;
    for (const std::string& tag : vg.tags) {
        if (tag == nodename) {
            continue;
        }
        if (std::find(service_nodes.begin(), service_nodes.end(), tag) != service_nodes.end()) {
            foreign.push_back(tag);
        }
    }
    return foreign;
}

std::string read_lvm_name(const ResolvedSection& section, std::string_view key) {
    const std::string name = section.get_string(key).value_or("");
    if (name.empty()) {
        throw section.error(key, "a name is required");
    }
    const bool valid_chars = std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' ||
               c == '_' || c == '.' || c == '-';
    });
    if (!valid_chars || name.front() == '-' || name == "." || name == "..") {
        throw section.error(key, fmt::format("invalid lvm name \"{}\" (allowed: A-Z a-z 0-9 + _ . -, "
                                             "not starting with -)",
                                             name));
    }
    return name;
}

void release_holders(ActionContext& ctx, HostOps& host, const std::string& rid, const std::string& vg,
                     const std::string& lv, const Deadline& deadline) {
    const std::string device = fmt::format("/dev/{}/{}", vg, lv);
    auto holders = host.dm_holders(device);
    if (holders.empty()) {
        return;
    }
    if (host.has_tool("kpartx")) {
        run_checked(ctx.runner, {.argv = {"kpartx", "-d", device}, .timeout = deadline.remaining()}, ctx.log);
        if (ctx.options.dry_run) {
            return;
        }
        holders = host.dm_holders(device);
    }
    if (!holders.empty()) {
        throw ResourceError(rid, fmt::format("lv {}/{} is held by {}", vg, lv, fmt::join(holders, ", ")));
    }
}

void check_unprovision(ActionContext& ctx, const std::string& rid, const VolumeGroup* vg,
                       const std::vector<std::string>& service_nodes) {
    if (!ctx.options.confirm) {
        throw ResourceError(rid, "unprovision destroys data; add --confirm to proceed");
    }
    if (vg == nullptr) {
        return;
    }
    for (const std::string& node : foreign_host_tags(*vg, ctx.node.nodename, service_nodes)) {
        const std::string refusal = fmt::format(
            "vg {} is tagged by {}: refusing to unprovision; use --force --confirm if {} is known to be down",
            vg->name, node, node);
        if (!ctx.options.force) {
            throw ResourceError(rid, refusal);
        }
        ctx.log.warn("{} (overridden by --force)", refusal);
    }
}

}  // namespace svcagent::drivers::disk
