#include "cli/service_loader.hpp"

#include <fstream>
#include <iostream>
#include <iterator>

#include <fmt/format.h>

#include <svcagent/error.hpp>

#include "config/node_config.hpp"
#include "model/service_list.hpp"
#include "util/atomic_write.hpp"

namespace svcagent::cli {

std::filesystem::path service_path(const CommandContext& ctx) {
    if (auto path = model::service_file(ctx.node().paths, ctx.service())) {
        return *path;
    }
    throw Error("service " + ctx.service() + " does not exist");
}

std::unique_ptr<config::ServiceConfig> load_service(const CommandContext& ctx) {
    return config::ServiceConfig::load(ctx.service(), service_path(ctx), ctx.node(), ctx.registry(),
                                       ctx.options().env);
}

std::unique_ptr<config::ServiceConfig> service_from_text(const CommandContext& ctx, const std::string& text,
                                                        const std::filesystem::path& name) {
    auto source = config::config_from_text(text, name.string());
    return std::make_unique<config::ServiceConfig>(ctx.service(), name, source->read(), ctx.node(),
                                                   config::load_node_config(ctx.node()), ctx.registry(),
                                                   ctx.options().env);
}

void require_valid(CommandContext& ctx, const config::ServiceConfig& config) {
    const config::ValidationReport report = config::validate(config);
    if (report.errors() == 0) {
        if (ctx.options().debug) {
            for (const auto& f : report.findings) {
                ctx.err() << f.line() << "\n";
            }
        }
        return;
    }
    for (const auto& f : report.findings) {
        if (f.level == config::Level::error) {
            ctx.err() << f.line() << "\n";
        }
    }
    throw Error(ctx.service() + ": configuration has " + std::to_string(report.errors()) +
                " error(s); nothing done");
}

std::string value_text(const Value& value) {
    return std::visit(
        [](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) {
                return "None";
            } else if constexpr (std::is_same_v<T, bool>) {
                return v ? "true" : "false";
            } else if constexpr (std::is_same_v<T, std::string>) {
                return v;
            } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                std::string out;
                for (const auto& w : v) {
                    out += (out.empty() ? "" : " ") + w;
                }
                return out;
            } else if constexpr (std::is_same_v<T, double>) {
                return fmt::format("{}", v);
            } else {
                return std::to_string(v);
            }
        },
        value.data);
}

std::string read_input(const std::string& path) {
    if (path == "-") {
        return {std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error("cannot read " + path);
    }
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void checked_rewrite(CommandContext& ctx, const std::filesystem::path& path, const std::string& current_text,
                     const std::string& text, bool is_new) {
    config::ValidationReport before;
    if (!is_new) {
        try {
            before = config::validate(*service_from_text(ctx, current_text, path));
        } catch (const ConfigError& e) {
            before.findings.push_back({.level = config::Level::error, .where = e.where(), .section = "", .key = "", .message = e.message()});
        }
    }
    config::ValidationReport after;
    try {
        after = config::validate(*service_from_text(ctx, text, path));
    } catch (const ConfigError& e) {
        after.findings.push_back({.level = config::Level::error, .where = e.where(), .section = "", .key = "", .message = e.message()});
    }
    const auto added = config::new_errors(before, after);
    if (!added.empty()) {
        for (const auto& f : added) {
            ctx.err() << f.line() << "\n";
        }
        throw Error(path.filename().string() + ": the change adds " + std::to_string(added.size()) +
                    " error(s); nothing written");
    }
    for (const auto& f : after.findings) {
        ctx.err() << f.line() << "\n";
    }
    if (!is_new && text == current_text) {
        return;
    }
    std::filesystem::create_directories(path.parent_path());
    util::atomic_write(path, text, 0600);
}

}  // namespace svcagent::cli
