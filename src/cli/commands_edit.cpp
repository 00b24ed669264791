// get, set, unset, edit config (SPEC §12, get/set), for services and node.conf.
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <iostream>

#include <svcagent/error.hpp>
#include <svcagent/runner.hpp>

#include "cli/context.hpp"
#include "cli/handlers.hpp"
#include "cli/key_expr.hpp"
#include "cli/service_loader.hpp"
#include "config/converters.hpp"
#include "config/document.hpp"
#include "config/schema.hpp"
#include "util/atomic_write.hpp"

namespace svcagent::cli {

namespace {

bool free_form(config::SectionKind kind) {
    return kind == config::SectionKind::env || kind == config::SectionKind::free_form;
}

bool list_like(ValueType type) {
    return type == ValueType::list || type == ValueType::list_lower || type == ValueType::set ||
           type == ValueType::shlex || type == ValueType::list_comma;
}

std::vector<std::string> requested_keys(const Options& o, bool edits) {
    std::vector<std::string> keys = o.kw;
    if (o.param) {
        keys.push_back(edits && o.value ? *o.param + "=" + *o.value : *o.param);
    }
    if (keys.empty()) {
        throw UsageError("missing --kw (or --param)");
    }
    return keys;
}

// A hint for an unknown keyword of a section.
std::string hint(const config::ServiceConfig& config, const config::RawSection* section, const KeyExpr& expr) {
    const auto kind = section != nullptr ? section->kind : config::classify_section(expr.section).kind;
    std::string type;
    if (section != nullptr && section->kind == config::SectionKind::resource) {
        type = config.driver(*section).type;
    }
    const auto group = section != nullptr ? section->group : std::string{config::classify_section(expr.section).group};
    const auto names = config::keyword_names(config.registry(), kind, group, type);
    if (const auto h = config::did_you_mean(expr.key, names)) {
        return " (did you mean " + std::string{*h} + "?)";
    }
    return "";
}

int get_service(CommandContext& ctx) {
    const auto config = load_service(ctx);
    for (const auto& text : requested_keys(ctx.options(), false)) {
        const KeyExpr expr = parse_key_expr(text);
        const config::RawSection* section = config->section(expr.section);
        const auto kind = config::classify_section(expr.section).kind;
        const config::KeywordMatch match =
            section != nullptr ? config->keyword(*section, expr.key) : config::KeywordMatch{};
        if (section == nullptr && kind != config::SectionKind::default_section) {
            throw Error("section " + expr.section + " does not exist");
        }
        if (!match && !free_form(kind)) {
            throw Error(expr.section + "." + expr.key + ": unknown keyword" + hint(*config, section, expr));
        }
        if (ctx.options().eval) {
            config::EvaluatedValue ev;
            if (match) {
                ev = config->evaluate(*section, *match.keyword);
            } else {
                const config::ScopedValue* raw = config->scoped(*section, expr.key, true);
                if (raw == nullptr) {
                    throw Error(expr.section + "." + expr.key + " is not set");
                }
                ev = config->evaluate_text(*section, *raw);
            }
            ctx.out() << value_text(ev.value) << "\n";
            continue;
        }
        const config::ScopedValue* raw = section != nullptr ? section->get(expr.key, expr.scope) : nullptr;
        if (raw != nullptr) {
            ctx.out() << raw->text << "\n";
        } else if (match && match.keyword->default_value != nullptr) {
            ctx.out() << match.keyword->default_value << "\n";
        } else if (match) {
            ctx.out() << "\n";
        } else {
            throw Error(expr.section + "." + expr.scoped_key() + " is not set");
        }
    }
    return 0;
}

std::string read_text(const std::filesystem::path& path) {
    return std::filesystem::exists(path) ? read_input(path.string()) : std::string{};
}

int set_service(CommandContext& ctx) {
    const bool unset = ctx.action().name == "unset";
    const auto path = service_path(ctx);
    const std::string current = read_text(path);
    const auto config = load_service(ctx);
    config::Document doc(current);
    for (const auto& text : requested_keys(ctx.options(), !unset)) {
        if (unset) {
            const KeyExpr expr = parse_key_expr(text);
            doc.unset(expr.section, expr.scoped_key());
            if (expr.scope.empty()) {
                // every scoped form goes too (§12: unset removes every occurrence of the key)
                if (const auto* section = config->section(expr.section)) {
                    if (const auto it = section->keys.find(expr.key); it != section->keys.end()) {
                        for (const auto& [scope, value] : it->second) {
                            doc.unset(expr.section, value.key);
                        }
                    }
                }
            }
            continue;
        }
        const EditExpr edit = parse_edit_expr(text);
        const KeyExpr& expr = edit.target;
        const auto cls = config::classify_section(expr.section);
        const config::RawSection* section = config->section(expr.section);
        config::KeywordMatch match;
        if (section != nullptr) {
            match = config->keyword(*section, expr.key);
        } else if (cls.kind == config::SectionKind::resource) {
            match = config::find_keyword(ctx.registry(), cls.kind, cls.group, "", expr.key);
        } else {
            match = config::find_keyword(ctx.registry(), cls.kind, cls.group, "", expr.key);
        }
        if (cls.kind == config::SectionKind::unknown) {
            throw Error("invalid section " + expr.section);
        }
        if (!match && !free_form(cls.kind)) {
            throw Error(expr.section + "." + expr.key + ": unknown keyword" + hint(*config, section, expr));
        }
        if (match && !expr.scope.empty() && !match.keyword->scopable) {
            throw Error(expr.display() + ": keyword does not support scoping");
        }
        const config::ScopedValue* raw = section != nullptr ? section->get(expr.key, expr.scope) : nullptr;
        const std::string old_text = raw != nullptr ? raw->text : std::string{};
        const bool words = match ? list_like(match.keyword->type) : true;
        try {
            doc.set(expr.section, expr.scoped_key(), apply_edit(old_text, edit, words));
        } catch (const std::invalid_argument& e) {
            throw Error(expr.display() + ": " + e.what());
        }
    }
    checked_rewrite(ctx, path, current, doc.text(), false);
    return 0;
}

int node_get(CommandContext& ctx) {
    const auto path = ctx.node().paths.etc / "node.conf";
    const auto sections = config::merge_sections(config::parse_ini(read_text(path), path.string()));
    for (const auto& text : requested_keys(ctx.options(), false)) {
        const KeyExpr expr = parse_key_expr(text, true);
        const auto match = config::find_node_keyword(expr.section, expr.key);
        const config::IniEntry* entry = nullptr;
        for (const auto& s : sections) {
            if (s.name == expr.section) {
                entry = s.find(expr.scoped_key());
            }
        }
        if (entry != nullptr) {
            ctx.out() << entry->value << "\n";
        } else if (match) {
            ctx.out() << (match.keyword->default_value != nullptr ? match.keyword->default_value : "") << "\n";
        } else {
            throw Error(expr.display() + " is not set");
        }
    }
    return 0;
}

int node_set(CommandContext& ctx) {
    const bool unset = ctx.action().name == "unset";
    const auto path = ctx.node().paths.etc / "node.conf";
    const std::string current = read_text(path);
    config::Document doc(current);
    for (const auto& text : requested_keys(ctx.options(), !unset)) {
        if (unset) {
            const KeyExpr expr = parse_key_expr(text, true);
            doc.unset(expr.section, expr.scoped_key());
            continue;
        }
        const EditExpr edit = parse_edit_expr(text, true);
        const auto match = config::find_node_keyword(edit.target.section, edit.target.key);
        if (!match) {
            ctx.err() << "W " << edit.target.display() << ": unknown node.conf keyword, stored without effect\n";
        }
        const auto sections = config::merge_sections(config::parse_ini(doc.text(), path.string()));
        std::string old_text;
        for (const auto& s : sections) {
            if (s.name == edit.target.section) {
                if (const auto* e = s.find(edit.target.scoped_key())) {
                    old_text = e->value;
                }
            }
        }
        doc.set(edit.target.section, edit.target.scoped_key(),
                apply_edit(old_text, edit, !match || list_like(match.keyword->type)));
    }
    (void)config::parse_ini(doc.text(), path.string());  // syntax check: throws ConfigError
    std::filesystem::create_directories(path.parent_path());
    util::atomic_write(path, doc.text(), 0644);
    return 0;
}

// The editor shares the terminal: stdio inherited, an argument vector, no shell. Returns its
// exit status (-1 when it could not run).
int run_editor(const std::vector<std::string>& argv) {
    std::vector<char*> args;
    for (const auto& a : argv) {
        args.push_back(const_cast<char*>(a.c_str()));  // NOLINT: posix_spawn's historical signature
    }
    args.push_back(nullptr);
    pid_t pid = 0;
    if (posix_spawnp(&pid, args[0], nullptr, nullptr, args.data(), environ) != 0) {
        return -1;
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            return -1;
        }
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

int get_keyword(CommandContext& ctx) {
    return ctx.action().scope == Scope::node ? node_get(ctx) : get_service(ctx);
}

int set_keyword(CommandContext& ctx) {
    return ctx.action().scope == Scope::node ? node_set(ctx) : set_service(ctx);
}

int edit_config(CommandContext& ctx) {
    const auto path = ctx.action().scope == Scope::node ? ctx.node().paths.etc / "node.conf" : service_path(ctx);
    const std::string current = read_text(path);
    const auto copy = path.parent_path() / ("." + path.filename().string() + ".edit." + std::to_string(getpid()));
    util::atomic_write(copy, current, 0600);
    const char* editor_env = std::getenv("EDITOR");  // NOLINT(concurrency-mt-unsafe)
    std::vector<std::string> argv = config::shlex_split(editor_env != nullptr && *editor_env != '\0' ? editor_env : "vi");
    argv.push_back(copy.string());
    const int status = run_editor(argv);
    const std::string edited = read_text(copy);
    std::filesystem::remove(copy);
    if (status != 0) {
        throw Error("editor " + display_argv(argv) + " failed; nothing changed");
    }
    if (edited == current) {
        return 0;
    }
    if (ctx.action().scope == Scope::node) {
        (void)config::parse_ini(edited, path.string());
        util::atomic_write(path, edited, 0644);
        return 0;
    }
    checked_rewrite(ctx, path, current, edited, false);
    return 0;
}

}  // namespace svcagent::cli
