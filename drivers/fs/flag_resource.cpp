#include "flag_resource.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include <fmt/format.h>
#include <spdlog/logger.h>

#include <svcagent/error.hpp>

namespace svcagent::drivers::fs {

std::filesystem::path FlagResource::path(const NodeInfo& node) const {
    return node.paths.flag / m_service / (m_rid + ".flag");
}

StatusReport FlagResource::status(ActionContext& ctx) {
    std::error_code ec;
    const bool present = std::filesystem::exists(path(ctx.node), ec);
    StatusReport report;
    if (ec) {
        report.status = Status::undef;
        report.warn(fmt::format("cannot read {}: {}", path(ctx.node).string(), ec.message()));
        return report;
    }
    report.status = present ? Status::up : Status::down;
    return report;
}

bool FlagResource::start(ActionContext& ctx) {
    const auto file = path(ctx.node);
    std::error_code ec;
    if (std::filesystem::exists(file, ec)) {
        ctx.log.info("{} is already up", label());
        return false;
    }
    if (ctx.options.dry_run) {
        ctx.log.info("would create {}", file.string());
        return false;
    }
    ctx.log.info("create {}", file.string());
    const auto dir = file.parent_path();
    std::filesystem::create_directories(dir.parent_path());
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
        throw ResourceError(m_rid, fmt::format("cannot create {}: {}", dir.string(), std::strerror(errno)));
    }
    std::ofstream out(file);
    if (!out) {
        throw ResourceError(m_rid, fmt::format("cannot create {}: {}", file.string(), std::strerror(errno)));
    }
    return true;
}

bool FlagResource::stop(ActionContext& ctx) {
    const auto file = path(ctx.node);
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) {
        ctx.log.info("{} is already down", label());
        return false;
    }
    if (ctx.options.dry_run) {
        ctx.log.info("would remove {}", file.string());
        return false;
    }
    ctx.log.info("remove {}", file.string());
    if (!std::filesystem::remove(file, ec) && ec) {
        throw ResourceError(m_rid, fmt::format("cannot remove {}: {}", file.string(), ec.message()));
    }
    return true;
}

std::unique_ptr<Resource> make_flag(const ResolvedSection& section) {
    return std::make_unique<FlagResource>(section.service, section.rid);
}

}  // namespace svcagent::drivers::fs
