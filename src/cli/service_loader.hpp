#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "cli/context.hpp"
#include "config/service_config.hpp"
#include "config/validate.hpp"

namespace svcagent::cli {

// The file in use for the context's service; Error "service <x> does not exist" when none.
[[nodiscard]] std::filesystem::path service_path(const CommandContext& ctx);

// Parses the service file (syntax errors throw ConfigError) with the --env overrides.
[[nodiscard]] std::unique_ptr<config::ServiceConfig> load_service(const CommandContext& ctx);
[[nodiscard]] std::unique_ptr<config::ServiceConfig> service_from_text(const CommandContext& ctx,
                                                                      const std::string& text,
                                                                      const std::filesystem::path& name);

// Every command that builds the service refuses an invalid configuration (SPEC §3.4): prints the
// E findings on stderr and throws Error "<svc>: configuration has <n> error(s); nothing done".
void require_valid(CommandContext& ctx, const config::ServiceConfig& config);

// Text of an evaluated value for get --eval and print config --eval: lists space-separated,
// booleans true/false, numbers in decimal, null as None.
[[nodiscard]] std::string value_text(const Value& value);

// Reads a whole file, or stdin for "-". Throws Error.
[[nodiscard]] std::string read_input(const std::string& path);

// Validates `text` as the service file that replaces `current_text` and writes it atomically when it
// adds no error (SPEC §2, In-place rewrites, steps 2-3). Prints the findings; throws Error when refused.
void checked_rewrite(CommandContext& ctx, const std::filesystem::path& path, const std::string& current_text,
                     const std::string& text, bool is_new);

}  // namespace svcagent::cli
