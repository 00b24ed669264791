// nodemgr boot / shutdown: every service, by ascending priority then name (reverse for shutdown).
#include <algorithm>
#include <iostream>

#include <svcagent/error.hpp>

#include "cli/context.hpp"
#include "cli/handlers.hpp"
#include "cli/service_loader.hpp"
#include "model/service_list.hpp"

namespace svcagent::cli {

int node_boot_shutdown(CommandContext& ctx) {
    std::vector<std::pair<std::int64_t, std::string>> order;
    for (const auto& svc : model::list_services(ctx.node().paths)) {
        ctx.set_service(svc);
        std::int64_t priority = 100;
        try {
            const auto config = load_service(ctx);
            if (const auto* defaults = config->section("DEFAULT")) {
                if (const auto match = config->keyword(*defaults, "priority")) {
                    const Value v = config->evaluate(*defaults, *match.keyword).value;
                    if (std::holds_alternative<std::int64_t>(v.data)) {
                        priority = std::get<std::int64_t>(v.data);
                    }
                }
            }
        } catch (const Error&) {
            // an invalid service is reported by its own action below
        }
        order.emplace_back(priority, svc);
    }
    std::sort(order.begin(), order.end());
    if (ctx.action().name == "shutdown") {
        std::reverse(order.begin(), order.end());
    }
    int rc = 0;
    for (const auto& [priority, svc] : order) {
        ctx.set_service(svc);
        try {
            rc = std::max(rc, resource_action(ctx));
        } catch (const UsageError&) {
            throw;
        } catch (const Error& e) {
            ctx.err() << ctx.options().program << ": error: " << svc << ": " << e.what() << "\n";
            rc = 1;
        }
    }
    return rc;
}

}  // namespace svcagent::cli
