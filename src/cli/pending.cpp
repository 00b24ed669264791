// Handlers whose issue has not landed yet: they say so instead of pretending.
#include <svcagent/error.hpp>

#include "cli/context.hpp"
#include "cli/handlers.hpp"

namespace svcagent::cli {

namespace {
[[noreturn]] int pending(CommandContext& ctx) {
    throw Error(std::string{ctx.action().name} + " is not implemented yet in this build");
}
}  // namespace

void ensure_deletable(CommandContext& ctx) {
    throw Error("delete of " + ctx.service() + " needs the instance status to refuse a running service, which is not "
                "implemented yet in this build; use --rid or remove the files by hand");
}

int node_boot_shutdown(CommandContext& ctx) { return pending(ctx); }

}  // namespace svcagent::cli
