#include "vg.hpp"

#include <array>
#include <chrono>
#include <string_view>
#include <thread>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <svcagent/error.hpp>
#include <svcagent/probe_cache.hpp>

#include "lvm_common.hpp"

namespace svcagent::drivers::disk {

namespace {

constexpr auto k_name_aliases = std::to_array<std::string_view>({"vgname"});

// SPEC §9.3 keyword table.
constexpr auto k_keywords = std::to_array<Keyword>({
    {.name = "name", .scopable = true, .required = true, .aliases = k_name_aliases, .help = "vg name"},
    {.name = "pvs",
     .type = ValueType::list,
     .default_value = "",
     .scopable = true,
     .help = "physical volumes for provisioning (globs allowed)"},
    {.name = "options",
     .type = ValueType::shlex,
     .default_value = "",
     .scopable = true,
     .help = "extra vgcreate arguments"},
    {.name = "scsireserv",
     .type = ValueType::boolean,
     .default_value = "false",
     .scopable = true,
     .help = "unsupported: true gives a warning, no reservation is taken"},
    {.name = "start_timeout",
     .type = ValueType::duration,
     .default_value = "60s",
     .scopable = true,
     .inherit = Inherit::leaf_head,
     .help = "bound of the start action (§8.13)"},
    {.name = "stop_timeout",
     .type = ValueType::duration,
     .default_value = "60s",
     .scopable = true,
     .inherit = Inherit::leaf_head,
     .help = "bound of the stop action (§8.13)"},
});

std::unique_ptr<Resource> make_vg(const ResolvedSection& section) {
    return std::make_unique<VgResource>(VgConfig::from(section), posix_host_ops());
}

constexpr DriverSpec k_spec{
    .group = "disk",
    .type = "vg",
    .keywords = k_keywords,
    .caps = {.provisions = true},
    .make = make_vg,
    .help = "activates an LVM volume group and claims it with a host tag (@<nodename>)",
};

}  // namespace

VgConfig VgConfig::from(const ResolvedSection& section) {
    VgConfig config;
    config.rid = section.rid;
    config.name = read_lvm_name(section, "name");
    config.pvs = section.get_list("pvs");
    config.options = section.get_list("options");
    config.scsireserv = section.flag("scsireserv");
    config.start_timeout = section.get_duration("start_timeout").value_or(std::chrono::seconds{60});
    config.stop_timeout = section.get_duration("stop_timeout").value_or(std::chrono::seconds{60});
    config.service_nodes = section.service_nodes;
    return config;
}

VgResource::VgResource(VgConfig config, std::shared_ptr<HostOps> host)
    : m_config(std::move(config)), m_host(std::move(host)) {}

std::string VgResource::label() const {
    return "vg " + m_config.name;
}

const VolumeGroup* VgResource::find(const VolumeGroupTable& table) const {
    const VolumeGroup* vg = table.find(m_config.name);
    if (vg != nullptr) {
        const std::lock_guard lock{m_mutex};
        m_lvs.clear();
        for (const auto& lv : vg->lvs) {
            m_lvs.push_back(lv.name);
        }
        m_listed = true;
    }
    return vg;
}

bool VgResource::is_up(const VolumeGroup& vg, std::string_view nodename) {
    return vg.any_lv_active() || (vg.lvs.empty() && vg.has_tag(nodename));
}

StatusReport VgResource::status(ActionContext& ctx) {
    StatusReport report;
    std::shared_ptr<const VolumeGroupTable> table;
    try {
        table = ctx.probes.volume_groups();
    } catch (const Error& e) {
        report.status = Status::undef;
        report.error(e.what());
        return report;
    }
    const VolumeGroup* vg = find(*table);
    if (vg == nullptr) {
        report.status = Status::down;
        report.warn(fmt::format("vg {} not found", m_config.name));
        return report;
    }
    report.info["tags"] = vg->tags;
    const std::string& node = ctx.node.nodename;
    if (!is_up(*vg, node)) {
        report.status = Status::down;
        return report;
    }
    report.status = Status::up;
    if (!vg->has_tag(node)) {
        report.warn(fmt::format("vg {} is active but not tagged @{}", m_config.name, node));
    }
    for (const auto& other : foreign_host_tags(*vg, node, m_config.service_nodes)) {
        report.warn(fmt::format("vg {} is also tagged by {}", m_config.name, other));
    }
    return report;
}

std::optional<std::string> VgResource::start_conflict(ActionContext& ctx) {
    if (ctx.options.force) {
        return std::nullopt;  // start() logs the take-over
    }
    std::shared_ptr<const VolumeGroupTable> table;
    try {
        table = ctx.probes.volume_groups();
    } catch (const Error&) {
        return std::nullopt;  // start() reports the probe failure
    }
    const VolumeGroup* vg = find(*table);
    if (vg == nullptr || (vg->has_tag(ctx.node.nodename) && is_up(*vg, ctx.node.nodename))) {
        return std::nullopt;
    }
    const auto foreign = foreign_host_tags(*vg, ctx.node.nodename, m_config.service_nodes);
    if (foreign.empty()) {
        return std::nullopt;
    }
    return tagged_by_message(foreign.front());
}

std::string VgResource::tagged_by_message(const std::string& node) const {
    return fmt::format("vg {} is tagged by {}: it may be active there; stop it on {} or use --force",
                       m_config.name, node, node);
}

void VgResource::vgchange(ActionContext& ctx, std::vector<std::string> args, const Deadline& deadline) {
    std::vector<std::string> argv{"vgchange"};
    argv.insert(argv.end(), std::make_move_iterator(args.begin()), std::make_move_iterator(args.end()));
    argv.push_back(m_config.name);
    run_checked(ctx.runner, {.argv = std::move(argv), .timeout = deadline.remaining()}, ctx.log);
    ctx.probes.invalidate(ProbeKind::volume_groups);
}

bool VgResource::start(ActionContext& ctx) {
    const Deadline deadline{m_config.start_timeout};
    if (m_config.scsireserv) {
        ctx.log.warn("vg {}: scsireserv is not supported, no reservation is taken", m_config.name);
    }
    const auto table = ctx.probes.volume_groups();
    const VolumeGroup* vg = find(*table);
    if (vg == nullptr) {
        throw ResourceError(m_config.rid, fmt::format("vg {} not found", m_config.name));
    }
    const std::string& node = ctx.node.nodename;
    if (vg->has_tag(node) && is_up(*vg, node)) {
        ctx.log.info("vg {} is already up", m_config.name);
        return false;
    }
    for (const auto& other : foreign_host_tags(*vg, node, m_config.service_nodes)) {
        if (!ctx.options.force) {
            throw ResourceError(m_config.rid, tagged_by_message(other));
        }
        ctx.log.warn("taking over vg {} from {}", m_config.name, other);
        vgchange(ctx, {"--deltag", "@" + other}, deadline);
    }
    bool changed = false;
    if (!vg->has_tag(node)) {
        vgchange(ctx, {"--addtag", "@" + node}, deadline);
        changed = true;
    }
    if (!vg->any_lv_active()) {
        vgchange(ctx, {"-a", "y"}, deadline);
        changed = true;
    }
    warn_without_volume_list(ctx);
    return changed;
}

void VgResource::warn_without_volume_list(ActionContext& ctx) {
    const Command cmd{.argv = {"lvmconfig", "activation/volume_list"},
                      .timeout = std::chrono::seconds{30},
                      .effect = Effect::probe};
    if (!ctx.runner.run(cmd, ctx.log).ok()) {
        ctx.log.warn("lvm.conf activation/volume_list is not set: host tags do not prevent other nodes from "
                     "activating {}",
                     m_config.name);
    }
}

bool VgResource::stop(ActionContext& ctx) {
    const Deadline deadline{m_config.stop_timeout};
    const auto table = ctx.probes.volume_groups();
    const VolumeGroup* vg = find(*table);
    if (vg == nullptr) {
        ctx.log.info("vg {} is already down (not found)", m_config.name);
        return false;
    }
    bool changed = false;
    if (vg->any_lv_active()) {
        for (const auto& lv : vg->lvs) {
            if (lv.active()) {
                release_holders(ctx, *m_host, m_config.rid, m_config.name, lv.name, deadline);
            }
        }
        deactivate(ctx, deadline);
        changed = true;
    }
    if (vg->has_tag(ctx.node.nodename)) {
        vgchange(ctx, {"--deltag", "@" + ctx.node.nodename}, deadline);
        changed = true;
    }
    if (!changed) {
        ctx.log.info("vg {} is already down", m_config.name);
    }
    return changed;
}

void VgResource::deactivate(ActionContext& ctx, const Deadline& deadline) {
    constexpr int k_retries = 3;
    for (int attempt = 0;; ++attempt) {
        try {
            vgchange(ctx, {"-a", "n"}, deadline);
            return;
        } catch (const CommandError& e) {
            if (attempt == k_retries) {
                throw;
            }
            ctx.log.warn("vgchange -a n {} failed, retrying in 1s", m_config.name);
            m_host->sleep_for(std::chrono::seconds{1});
        }
    }
}

std::optional<bool> VgResource::provisioned(ActionContext& ctx) {
    try {
        return find(*ctx.probes.volume_groups()) != nullptr;
    } catch (const Error&) {
        return std::nullopt;
    }
}

std::optional<std::vector<std::string>> VgResource::devices(std::string_view kind) const {
    if (kind != "exposed_devs") {
        return std::nullopt;
    }
    const std::lock_guard lock{m_mutex};
    if (!m_listed) {
        return std::nullopt;
    }
    std::vector<std::string> paths;
    for (const auto& lv : m_lvs) {
        paths.push_back(fmt::format("/dev/{}/{}", m_config.name, lv));
    }
    return paths;
}

const DriverSpec& vg_spec() {
    return k_spec;
}

}  // namespace svcagent::drivers::disk
