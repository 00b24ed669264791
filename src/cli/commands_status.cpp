// print status, json status, status, freeze, thaw, frozen.
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include <svcagent/error.hpp>

#include "cli/context.hpp"
#include "cli/handlers.hpp"
#include "cli/service_loader.hpp"
#include "cli/session.hpp"
#include "engine/frozen.hpp"
#include "model/instance_eval.hpp"
#include "render/classic.hpp"
#include "render/colour.hpp"
#include "render/json.hpp"
#include "render/tree.hpp"

namespace svcagent::cli {

namespace {

render::RenderOptions render_options(const Options& o) {
    render::RenderOptions options;
    const char* term = std::getenv("TERM");       // NOLINT(concurrency-mt-unsafe)
    const char* no_color = std::getenv("NO_COLOR");  // NOLINT(concurrency-mt-unsafe)
    const auto mode = render::parse_colour_mode(o.color).value_or(render::ColourMode::automatic);
    options.colour = render::use_colour(mode, isatty(1) != 0,
                                        term != nullptr ? std::optional<std::string_view>{term} : std::nullopt,
                                        no_color != nullptr);
    if (o.show_disabled) {
        options.show_disabled = true;
    } else if (o.hide_disabled) {
        options.show_disabled = false;
    }
    return options;
}

}  // namespace

int print_status(CommandContext& ctx) {
    const Options& o = ctx.options();
    const std::string format = ctx.action().name == "json status" ? "json" : o.format.value_or("tree");
    std::vector<ServiceView> views;
    std::vector<InstanceStatus> instances;
    int rc = 0;
    for (const auto& svc : ctx.services()) {
        ctx.set_service(svc);
        try {
            auto session = open_session(ctx, false);
            InstanceStatus status = instance_status(ctx, *session, o.refresh);
            instances.push_back(status);
            views.push_back(model::make_view(*session->config, std::move(status)));
        } catch (const Error& e) {
            ctx.err() << ctx.options().program << ": error: " << e.what() << "\n";
            rc = 1;
        }
    }
    if (format == "json") {
        const bool several = ctx.services().size() > 1 ||
                             o.service.value_or("").find_first_of(",*?[") != std::string::npos;
        ctx.out() << (several ? render::render_json_by_service(instances)
                              : (instances.empty() ? std::string{} : render::render_json(instances.front())));
    } else if (format == "classic") {
        ctx.out() << render::render_classics(views, render_options(o));
    } else {
        ctx.out() << render::render_trees(views, render_options(o));
    }
    return rc;
}

int status_action(CommandContext& ctx) {
    auto session = open_session(ctx, false);
    const InstanceStatus status = instance_status(ctx, *session, ctx.options().refresh);
    return static_cast<int>(status.overall);
}

void ensure_deletable(CommandContext& ctx) {
    if (ctx.options().force) {
        return;
    }
    auto session = open_session(ctx, false);
    const InstanceStatus status = refresh_status(ctx, *session);
    for (const ResourceState& r : status.resources) {
        if (r.status == Status::up || r.status == Status::stdby_up || r.status == Status::warn) {
            throw Error("refusing to delete " + ctx.service() + ": " + r.rid + " is " + std::string{to_text(r.status)} +
                        " (stop the service first, or use --force)");
        }
    }
}

int freeze_thaw(CommandContext& ctx) {
    (void)service_path(ctx);
    if (ctx.action().name == "freeze") {
        engine::freeze(ctx.node().paths.var, ctx.service());
    } else {
        engine::thaw(ctx.node().paths.var, ctx.service());
    }
    return 0;
}

int frozen(CommandContext& ctx) {
    (void)service_path(ctx);
    const bool is = engine::is_frozen(ctx.node().paths.var, ctx.service());
    ctx.out() << (is ? "frozen" : "thawed") << "\n";
    return is ? 1 : 0;
}

}  // namespace svcagent::cli
