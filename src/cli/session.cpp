#include "cli/session.hpp"

#include <spdlog/spdlog.h>

#include <svcagent/log.hpp>

#include "cli/service_loader.hpp"
#include "model/instance_eval.hpp"
#include "model/service_builder.hpp"

namespace svcagent::cli {

namespace {
ColorMode color_mode(const Options& o) {
    if (o.color == "yes") {
        return ColorMode::always;
    }
    return o.color == "no" ? ColorMode::never : ColorMode::automatic;
}
}  // namespace

std::unique_ptr<Session> open_session(CommandContext& ctx, bool write_log) {
    auto session = std::make_unique<Session>();
    session->config = load_service(ctx);
    require_valid(ctx, *session->config);
    session->graph = model::build_graph(*session->config);
    const Options& o = ctx.options();
    session->log = make_service_logger(
        ctx.node(), ctx.service(),
        LogOptions{.debug = o.debug, .color = color_mode(o), .write_file = write_log && !o.dry_run});
    if (o.dry_run) {
        session->dry_run = std::make_unique<exec::DryRunRunner>(session->posix);
    }
    session->options = ActionOptions{.action = std::string{ctx.action().name},
                                     .force = o.force,
                                     .confirm = o.confirm,
                                     .dry_run = o.dry_run,
                                     .disable_rollback = o.disable_rollback,
                                     .env = o.env};
    return session;
}

InstanceStatus refresh_status(CommandContext& ctx, Session& session) {
    ProbeCache probes(session.runner(), *session.log);
    InstanceStatus status = model::evaluate_instance(*session.config, session.graph, session.runner(), probes,
                                                     session.log, session.options);
    if (ctx.node().is_root && !ctx.options().dry_run) {
        model::write_status_cache(ctx.node().paths, status);
    }
    return status;
}

InstanceStatus instance_status(CommandContext& ctx, Session& session, bool refresh) {
    const Paths& paths = ctx.node().paths;
    if (!ctx.node().is_root) {
        if (refresh) {
            throw Error("--refresh requires root privileges");
        }
        if (auto cached = model::read_status_cache(paths, ctx.service())) {
            return *cached;
        }
        InstanceStatus unknown;
        unknown.name = ctx.service();
        unknown.nodename = ctx.node().nodename;
        unknown.avail = unknown.overall = Status::undef;
        return unknown;
    }
    std::chrono::seconds max_age{60};
    if (const config::RawSection* defaults = session.config->section("DEFAULT")) {
        if (const auto match = session.config->keyword(*defaults, "status_max_age")) {
            const Value v = session.config->evaluate(*defaults, *match.keyword).value;
            if (std::holds_alternative<std::int64_t>(v.data)) {
                max_age = std::chrono::seconds{std::get<std::int64_t>(v.data)};
            }
        }
    }
    if (!refresh && model::cache_is_fresh(paths, ctx.service(), session.config->file(), max_age)) {
        if (auto cached = model::read_status_cache(paths, ctx.service())) {
            return *cached;
        }
    }
    return refresh_status(ctx, session);
}

}  // namespace svcagent::cli
