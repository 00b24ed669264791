#pragma once

namespace svcagent::cli {

class CommandContext;

// Handlers of the action table. Service-scope handlers run once per selected service
// (CommandContext::service() names it); node-scope handlers run once.
int resource_action(CommandContext& ctx);   // start stop restart ... (engine)
int enable_disable(CommandContext& ctx);
int freeze_thaw(CommandContext& ctx);
int frozen(CommandContext& ctx);
int status_action(CommandContext& ctx);
int print_status(CommandContext& ctx);
int print_config(CommandContext& ctx);
int print_keywords(CommandContext& ctx);
int validate_config(CommandContext& ctx);
int get_keyword(CommandContext& ctx);
int set_keyword(CommandContext& ctx);       // set and unset
int edit_config(CommandContext& ctx);
int create_service(CommandContext& ctx);
int install_service(CommandContext& ctx);
int delete_service(CommandContext& ctx);
int logs(CommandContext& ctx);
int node_boot_shutdown(CommandContext& ctx);
int node_ls(CommandContext& ctx);
int docker_passthrough(CommandContext& ctx);  // docker ARGS... against the service daemon

// delete without --rid: refuses when a resource is up, stdby up or warn (unless --force).
void ensure_deletable(CommandContext& ctx);

}  // namespace svcagent::cli
