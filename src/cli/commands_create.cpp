// create, install, delete (SPEC §12): the service file, its launcher symlink and var directory.
#include <filesystem>

#include <svcagent/error.hpp>

#include "cli/context.hpp"
#include "cli/handlers.hpp"
#include "cli/key_expr.hpp"
#include "cli/service_loader.hpp"
#include "config/document.hpp"
#include "config/json_form.hpp"
#include "model/service_list.hpp"
#include "util/hash.hpp"

namespace svcagent::cli {

namespace {

std::filesystem::path executable_path() {
    std::error_code ec;
    auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path{"/usr/bin/svcagent"} : exe;
}

// <etc>/<svc> -> the executable (SPEC §1.1), and <var>/<svc>.
void install_launcher(const CommandContext& ctx) {
    const auto link = ctx.node().paths.etc / ctx.service();
    std::error_code ec;
    if (std::filesystem::is_symlink(link, ec)) {
        std::filesystem::remove(link);
    } else if (std::filesystem::exists(link, ec)) {
        throw Error(link.string() + " exists and is not a symlink; launcher not created");
    }
    std::filesystem::create_symlink(executable_path(), link);
    std::filesystem::create_directories(ctx.node().paths.var / ctx.service());
    std::filesystem::permissions(ctx.node().paths.var / ctx.service(), std::filesystem::perms{0755});
}

// The text of a new service: --config input (INI verbatim, JSON converted), or --kw/--env edits.
std::string new_service_text(const CommandContext& ctx, const std::optional<std::string>& input_path) {
    std::string text;
    if (input_path) {
        text = read_input(*input_path);
        if (config::is_json_form(text)) {
            text = config::json_to_ini(text, *input_path == "-" ? "<stdin>" : *input_path);
        }
    }
    config::Document doc(text);
    for (const auto& kw : ctx.options().kw) {
        const EditExpr edit = parse_edit_expr(kw);
        doc.set(edit.target.section, edit.target.scoped_key(), apply_edit("", edit, true));
    }
    for (const auto& [key, value] : ctx.options().env) {
        doc.set("env", key, value);
    }
    if (!doc.has_key("DEFAULT", "id")) {
        doc.set("DEFAULT", "id", util::uuid4());
    }
    return doc.text();
}

int create_from(CommandContext& ctx, const std::optional<std::string>& input_path) {
    if (model::service_file(ctx.node().paths, ctx.service())) {
        throw Error("service " + ctx.service() + " already exists (use deploy)");
    }
    const auto path = ctx.node().paths.etc / (ctx.service() + ".conf");
    checked_rewrite(ctx, path, "", new_service_text(ctx, input_path), true);
    install_launcher(ctx);
    return 0;
}

}  // namespace

int create_service(CommandContext& ctx) { return create_from(ctx, ctx.options().config); }

int install_service(CommandContext& ctx) {
    if (ctx.options().envfile) {
        return create_from(ctx, ctx.options().envfile);
    }
    (void)service_path(ctx);  // must exist
    install_launcher(ctx);
    return 0;
}

int delete_service(CommandContext& ctx) {
    const auto path = service_path(ctx);
    if (!ctx.options().rid.empty()) {
        const std::string current = read_input(path.string());
        config::Document doc(current);
        for (const auto& list : ctx.options().rid) {
            std::size_t start = 0;
            while (start <= list.size()) {
                const auto comma = list.find(',', start);
                const std::string rid = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
                start = comma == std::string::npos ? list.size() + 1 : comma + 1;
                if (!rid.empty() && !doc.remove_section(rid)) {
                    throw Error("section " + rid + " does not exist");
                }
            }
        }
        checked_rewrite(ctx, path, current, doc.text(), false);
        return 0;
    }
    ensure_deletable(ctx);
    std::error_code ec;
    std::filesystem::remove(path);
    const auto link = ctx.node().paths.etc / ctx.service();
    if (std::filesystem::is_symlink(link, ec)) {
        std::filesystem::remove(link);
    }
    std::filesystem::remove_all(ctx.node().paths.var / ctx.service(), ec);
    return 0;
}

}  // namespace svcagent::cli
