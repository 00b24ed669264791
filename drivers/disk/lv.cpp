#include "lv.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <svcagent/error.hpp>

#include "lvm_common.hpp"

namespace svcagent::drivers::disk {

namespace {

// SPEC §9.4 keyword table.
constexpr auto k_keywords = std::to_array<Keyword>({
    {.name = "name", .scopable = true, .required = true, .help = "lv name"},
    {.name = "vg", .scopable = true, .required = true, .help = "vg holding the lv"},
    {.name = "size",
     .type = ValueType::size,
     .scopable = true,
     .help = "provisioning: bytes (rounded down to MiB) or NN%FREE/NN%VG/NN%PVS"},
    {.name = "create_options",
     .type = ValueType::shlex,
     .default_value = "",
     .scopable = true,
     .help = "extra lvcreate arguments"},
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

std::unique_ptr<Resource> make_lv(const ResolvedSection& section) {
    return std::make_unique<LvResource>(LvConfig::from(section), posix_host_ops());
}

constexpr DriverSpec k_spec{
    .group = "disk",
    .type = "lv",
    .keywords = k_keywords,
    .caps = {.provisions = true},
    .make = make_lv,
    .help = "activates an LVM logical volume",
};

constexpr std::int64_t k_mib = 1024 * 1024;

// "NN%FREE", "NN%VG", "NN%PVS", "NN%ORIGIN"
bool is_extent_spec(std::string_view text) {
    const auto percent = text.find('%');
    if (percent == 0 || percent == std::string_view::npos) {
        return false;
    }
    const auto digits = text.substr(0, percent);
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return false;
    }
    const auto unit = text.substr(percent + 1);
    return unit == "FREE" || unit == "VG" || unit == "PVS" || unit == "ORIGIN";
}

}  // namespace

LvConfig LvConfig::from(const ResolvedSection& section) {
    LvConfig config;
    config.rid = section.rid;
    config.name = read_lvm_name(section, "name");
    config.vg = read_lvm_name(section, "vg");
    if (const Value* size = section.find("size"); size != nullptr) {
        if (const auto* bytes = std::get_if<std::int64_t>(&size->data)) {
            if (*bytes < k_mib) {
                throw section.error("size", fmt::format("{} bytes is less than 1 MiB", *bytes));
            }
            config.size = *bytes / k_mib;
        } else if (const auto* extents = std::get_if<std::string>(&size->data)) {
            if (!is_extent_spec(*extents)) {
                throw section.error("size",
                                    fmt::format("invalid size \"{}\" (expected bytes or NN%FREE, NN%VG, "
                                                "NN%PVS)",
                                                *extents));
            }
            config.size = *extents;
        }
    }
    config.create_options = section.get_list("create_options");
    config.start_timeout = section.get_duration("start_timeout").value_or(std::chrono::seconds{60});
    config.stop_timeout = section.get_duration("stop_timeout").value_or(std::chrono::seconds{60});
    config.service_nodes = section.service_nodes;
    return config;
}

LvResource::LvResource(LvConfig config, std::shared_ptr<HostOps> host)
    : m_config(std::move(config)), m_host(std::move(host)) {}

std::string LvResource::label() const {
    return "lv " + path();
}

namespace {

const LogicalVolume* find_lv(const VolumeGroupTable& table, const LvConfig& config) {
    const VolumeGroup* vg = table.find(config.vg);
    return vg == nullptr ? nullptr : vg->find_lv(config.name);
}

}  // namespace

StatusReport LvResource::status(ActionContext& ctx) {
    StatusReport report;
    std::shared_ptr<const VolumeGroupTable> table;
    try {
        table = ctx.probes.volume_groups();
    } catch (const Error& e) {
        report.status = Status::undef;
        report.error(e.what());
        return report;
    }
    const LogicalVolume* lv = find_lv(*table, m_config);
    if (lv == nullptr) {
        report.status = Status::down;
        report.info_line(fmt::format("lv {} not found", path()));
        return report;
    }
    report.status = lv->active() ? Status::up : Status::down;
    return report;
}

void LvResource::lvchange(ActionContext& ctx, const char* activate, const Deadline& deadline) {
    run_checked(ctx.runner, {.argv = {"lvchange", "-a", activate, path()}, .timeout = deadline.remaining()},
                ctx.log);
    ctx.probes.invalidate(ProbeKind::volume_groups);
}

bool LvResource::start(ActionContext& ctx) {
    const Deadline deadline{m_config.start_timeout};
    const auto table = ctx.probes.volume_groups();
    const LogicalVolume* lv = find_lv(*table, m_config);
    if (lv == nullptr) {
        throw ResourceError(m_config.rid, fmt::format("lv {} not found", path()));
    }
    if (lv->active()) {
        ctx.log.info("lv {} is already up", path());
        return false;
    }
    lvchange(ctx, "y", deadline);
    return true;
}

bool LvResource::stop(ActionContext& ctx) {
    const Deadline deadline{m_config.stop_timeout};
    const auto table = ctx.probes.volume_groups();
    const LogicalVolume* lv = find_lv(*table, m_config);
    if (lv == nullptr || !lv->active()) {
        ctx.log.info("lv {} is already down", path());
        return false;
    }
    release_holders(ctx, *m_host, m_config.rid, m_config.vg, m_config.name, deadline);
    lvchange(ctx, "n", deadline);
    return true;
}

void LvResource::provision(ActionContext& ctx) {
    const Deadline deadline{m_config.start_timeout};
    const auto table = ctx.probes.volume_groups();
    if (find_lv(*table, m_config) != nullptr) {
        ctx.log.info("lv {} already exists", path());
        return;
    }
    if (table->find(m_config.vg) == nullptr) {
        throw ResourceError(m_config.rid, fmt::format("vg {} does not exist", m_config.vg));
    }
    std::vector<std::string> argv{"lvcreate", "-y", "-n", m_config.name};
    if (const auto* mib = std::get_if<std::int64_t>(&m_config.size)) {
        argv.insert(argv.end(), {"-L", fmt::format("{}M", *mib)});
    } else if (const auto* extents = std::get_if<std::string>(&m_config.size)) {
        argv.insert(argv.end(), {"-l", *extents});
    } else {
        throw ResourceError(m_config.rid, "size is required to provision");
    }
    argv.insert(argv.end(), m_config.create_options.begin(), m_config.create_options.end());
    argv.push_back(m_config.vg);
    run_checked(ctx.runner, {.argv = std::move(argv), .timeout = deadline.remaining()}, ctx.log);
    ctx.probes.invalidate(ProbeKind::volume_groups);
}

void LvResource::unprovision(ActionContext& ctx) {
    const auto table = ctx.probes.volume_groups();
    check_unprovision(ctx, m_config.rid, table->find(m_config.vg), m_config.service_nodes);
    if (find_lv(*table, m_config) == nullptr) {
        ctx.log.info("lv {} does not exist", path());
        return;
    }
    stop(ctx);
    const Deadline deadline{m_config.stop_timeout};
    run_checked(ctx.runner, {.argv = {"lvremove", "-f", path()}, .timeout = deadline.remaining()}, ctx.log);
    ctx.probes.invalidate(ProbeKind::volume_groups);
}

std::optional<bool> LvResource::provisioned(ActionContext& ctx) {
    try {
        return find_lv(*ctx.probes.volume_groups(), m_config) != nullptr;
    } catch (const Error&) {
        return std::nullopt;
    }
}

std::optional<std::vector<std::string>> LvResource::devices(std::string_view kind) const {
    if (kind != "exposed_devs") {
        return std::nullopt;
    }
    return std::vector<std::string>{"/dev/" + path()};
}

const DriverSpec& lv_spec() {
    return k_spec;
}

}  // namespace svcagent::drivers::disk
