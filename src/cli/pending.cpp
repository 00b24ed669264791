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

int resource_action(CommandContext& ctx) { return pending(ctx); }
int enable_disable(CommandContext& ctx) { return pending(ctx); }
int freeze_thaw(CommandContext& ctx) { return pending(ctx); }
int frozen(CommandContext& ctx) { return pending(ctx); }
int status_action(CommandContext& ctx) { return pending(ctx); }
int print_status(CommandContext& ctx) { return pending(ctx); }
int print_config(CommandContext& ctx) { return pending(ctx); }
int print_keywords(CommandContext& ctx) { return pending(ctx); }
int validate_config(CommandContext& ctx) { return pending(ctx); }
int get_keyword(CommandContext& ctx) { return pending(ctx); }
int set_keyword(CommandContext& ctx) { return pending(ctx); }
int edit_config(CommandContext& ctx) { return pending(ctx); }
int create_service(CommandContext& ctx) { return pending(ctx); }
int install_service(CommandContext& ctx) { return pending(ctx); }
int delete_service(CommandContext& ctx) { return pending(ctx); }
int logs(CommandContext& ctx) { return pending(ctx); }
int node_boot_shutdown(CommandContext& ctx) { return pending(ctx); }
int node_ls(CommandContext& ctx) { return pending(ctx); }

}  // namespace svcagent::cli
