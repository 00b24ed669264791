// validate config, print config [--eval] [--format json], json config, print keywords.
#include <algorithm>
#include <iostream>

#include <nlohmann/json.hpp>

#include <svcagent/error.hpp>

#include "cli/context.hpp"
#include "cli/handlers.hpp"
#include "cli/service_loader.hpp"
#include "config/node_config.hpp"
#include "config/schema_print.hpp"
#include "model/service_list.hpp"

namespace svcagent::cli {

namespace {

nlohmann::ordered_json json_of(const Value& value) {
    return std::visit(
        [](const auto& v) -> nlohmann::ordered_json {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) {
                return nullptr;
            } else {
                return v;
            }
        },
        value.data);
}

// Base keys of a section, in file order, once each.
std::vector<std::string> base_keys(const config::RawSection& section) {
    std::vector<std::string> keys;
    for (const auto& entry : section.entries) {
        std::string base = entry.key.substr(0, entry.key.find('@'));
        if (std::find(keys.begin(), keys.end(), base) == keys.end()) {
            keys.push_back(base);
        }
    }
    return keys;
}

// The evaluated value of one key of a section for this node: declared keywords through the
// schema (scoping, inheritance, conversion), free-form keys through references and expressions.
std::optional<Value> evaluated(const config::ServiceConfig& config, const config::RawSection& section,
                               const std::string& key) {
    if (const config::KeywordMatch match = config.keyword(section, key)) {
        return config.evaluate(section, *match.keyword).value;
    }
    const config::ScopedValue* raw = config.scoped(section, key, true);
    if (raw == nullptr) {
        return std::nullopt;
    }
    return config.evaluate_text(section, *raw).value;
}

int print_evaluated(CommandContext& ctx, const config::ServiceConfig& config, bool as_json) {
    nlohmann::ordered_json doc = nlohmann::ordered_json::object();
    std::string text;
    for (const auto& section : config.sections()) {
        if (section.kind == config::SectionKind::unknown) {
            continue;
        }
        auto& object = doc[section.name] = nlohmann::ordered_json::object();
        text += (text.empty() ? "" : "\n") + std::string{"["} + section.name + "]\n";
        for (const auto& key : base_keys(section)) {
            const auto value = evaluated(config, section, key);
            if (!value) {
                continue;
            }
            object[key] = json_of(*value);
            text += key + " = " + value_text(*value) + "\n";
        }
    }
    if (as_json) {
        ctx.out() << doc.dump(2) << "\n";
    } else {
        ctx.out() << text;
    }
    return 0;
}

nlohmann::ordered_json raw_json(const std::vector<config::IniSection>& sections) {
    nlohmann::ordered_json doc = nlohmann::ordered_json::object();
    for (const auto& section : config::merge_sections(sections)) {
        auto& object = doc[section.name] = nlohmann::ordered_json::object();
        for (const auto& entry : section.entries) {
            object[entry.key] = entry.value;
        }
    }
    return doc;
}

}  // namespace

int validate_config(CommandContext& ctx) {
    std::unique_ptr<config::ServiceConfig> config;
    std::filesystem::path path;
    if (ctx.action().scope == Scope::node) {
        path = ctx.node().paths.etc / "node.conf";
        config::NodeConfig node = config::load_node_config(ctx.node());
        (void)node;  // syntax is checked by the load; keys are free-form for node.conf (§1.4)
        ctx.out() << "0 error(s), 0 warning(s)\n";
        return 0;
    }
    int extra_warnings = 0;
    if (ctx.options().config) {
        path = *ctx.options().config;
        config = service_from_text(ctx, read_input(path.string()), path);
    } else {
        path = service_path(ctx);
        try {
            config = load_service(ctx);
        } catch (const ConfigError& e) {
            ctx.out() << "E " << e.what() << "\n1 error(s), 0 warning(s)\n";
            return 1;
        }
        const auto env = ctx.node().paths.etc / (ctx.service() + ".env");
        if (path.extension() == ".conf" && std::filesystem::exists(env)) {
            ctx.out() << "W " << env.string() << ": " << ctx.service() << ".env is ignored\n";
            ++extra_warnings;
        }
    }
    const config::ValidationReport report = config::validate(*config);
    for (const auto& f : report.findings) {
        ctx.out() << f.line() << "\n";
    }
    const int warnings = report.warnings() + extra_warnings;
    ctx.out() << report.errors() << " error(s), " << warnings << " warning(s)\n";
    return std::min(255, report.errors() + warnings);
}

int print_config(CommandContext& ctx) {
    const bool json = ctx.action().name == "json config" || ctx.options().format.value_or("") == "json";
    const std::filesystem::path path =
        ctx.action().scope == Scope::node ? ctx.node().paths.etc / "node.conf" : service_path(ctx);
    if (ctx.options().eval && ctx.action().scope == Scope::service) {
        const auto config = load_service(ctx);
        return print_evaluated(ctx, *config, json);
    }
    if (!std::filesystem::exists(path)) {
        if (ctx.action().scope == Scope::node) {
            return 0;  // node.conf is optional
        }
        throw Error("cannot read " + path.string());
    }
    const std::string text = read_input(path.string());
    if (json) {
        ctx.out() << raw_json(config::parse_ini(text, path.string())).dump(2) << "\n";
    } else {
        ctx.out() << text;
    }
    return 0;
}

int print_keywords(CommandContext& ctx) {
    const auto sections = config::service_schema(ctx.registry());
    if (ctx.options().format.value_or("") == "json") {
        ctx.out() << config::render_keywords_json(sections).dump(2) << "\n";
    } else {
        ctx.out() << config::render_keywords_text(sections);
    }
    return 0;
}

}  // namespace svcagent::cli
