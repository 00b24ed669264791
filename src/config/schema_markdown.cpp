// docs/keywords.md, generated from the schema (render_keywords_markdown of schema_print.hpp).

#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "config/schema.hpp"
#include "config/schema_print.hpp"

namespace svcagent::config {

namespace {

// Text of a table cell: pipes escaped, angle brackets as entities so that <svc> stays visible.
std::string cell(std::string_view text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
        case '|':
            out += "\\|";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string code(std::string_view text) {
    std::string out = "`";
    for (const char c : text) {
        out += c == '|' ? std::string{"\\|"} : std::string(1, c);
    }
    return out + "`";
}

std::string code_list(std::span<const std::string_view> words) {
    std::string out;
    for (const std::string_view w : words) {
        out += (out.empty() ? "" : ", ") + code(w);
    }
    return out;
}

std::string default_cell(const Keyword& kw) {
    if (!kw.default_help.empty()) {
        return "*" + cell(kw.default_help) + "*";
    }
    if (kw.default_value == nullptr) {
        return "";
    }
    const std::string_view value{kw.default_value};
    return value.empty() ? std::string{"`\"\"`"} : code(value);
}

void append_sections(std::string& out, std::span<const SchemaSection> sections) {
    for (const SchemaSection& section : sections) {
        out += fmt::format("\n### {}\n\n{}\n\n", cell(section.name), cell(section.help));
        out += "| keyword | type | default | scopable | inherit | required | candidates | aliases | help |\n";
        out += "|---|---|---|---|---|---|---|---|---|\n";
        for (const Keyword* kw : section.keywords) {
            out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", code(kw->name), to_text(kw->type),
                               default_cell(*kw), kw->scopable ? "yes" : "no", cell(to_text(kw->inherit)),
                               kw->required ? "yes" : "no", code_list(kw->candidates), code_list(kw->aliases),
                               cell(kw->help));
        }
    }
}

void append_drivers(std::string& out, const DriverRegistry& registry) {
    out += "\n## Driver types\n\n";
    out += "| group | default type | supported types | deprecated type names | known, not supported |\n";
    out += "|---|---|---|---|---|\n";
    const auto aliases = [](std::string_view group) {
        std::string text;
        for (const TypeAlias& alias : type_aliases()) {
            if (alias.group == group) {
                text += (text.empty() ? "" : ", ") + fmt::format("{} → {}", code(alias.legacy), code(alias.type));
            }
        }
        return text;
    };
    for (const std::string_view group : resource_groups()) {
        std::string types;
        bool any_other = false;
        for (const DriverSpec& spec : registry.all()) {
            if (spec.group == group && spec.type.empty()) {
                any_other = true;
            } else if (spec.group == group) {
                types += (types.empty() ? "" : ", ") + code(spec.type);
            }
        }
        if (any_other) {
            types += ", any other type";
        }
        const std::optional<std::string_view> default_type = group_default_type(group);
        out += fmt::format("| {} | {} | {} | {} | {} |\n", code(group), default_type ? code(*default_type) : "(required)",
                           types, aliases(group), code_list(known_unsupported_types(group)));
    }
    out += fmt::format("\nFamilies without a driver (every section unsupported): {}.\n",
                       code_list(families_without_driver()));
}

}  // namespace

std::string render_keywords_markdown(const DriverRegistry& registry) {
    std::string out =
        "# svcagent keywords\n\n"
        "<!-- Generated from the keyword schema by svcagent_gen_keywords: do not edit.\n"
        "     Regenerate with: cmake --build <build-dir> --target keywords_doc -->\n\n"
        "Every keyword is declared once, in code: the tables of `src/config/schema_*.cpp` and of each\n"
        "driver in `drivers/<group>/<type>.cpp`. `svcmgr print keywords` shows the same schema.\n\n"
        "Columns: *type* is the converter; *default* is the value of an unset keyword (in italics when\n"
        "computed, empty when unset); *scopable* keywords accept `kw@scope` forms; *inherit* tells where an\n"
        "unset keyword is looked up (`leaf`: the section, `head`: DEFAULT, `leaf > head`: the section, then\n"
        "DEFAULT); *candidates* are the only accepted values; *aliases* are deprecated names still read.\n\n"
        "## Service files\n\n"
        "A resource section accepts the keywords of its driver and those of section `resource`; `[env]`\n"
        "takes free-form string keys (`[A-Za-z0-9_.-]+`, always scopable), `[labels]` and `[data]` are\n"
        "accepted and ignored, a legacy `[vg#<index>]` section is a `disk.vg` resource.\n";
    append_sections(out, service_schema(registry));
    append_drivers(out, registry);
    out += "\n## node.conf\n\nEvery key has a default; unknown keys are accepted with a warning.\n";
    append_sections(out, node_schema());
    out += "\n## Deprecated keywords\n\n| section | keyword | use instead |\n|---|---|---|\n";
    for (const LegacyKeyword& legacy : legacy_keywords()) {
        out += fmt::format("| {} | {} | {} |\n", cell(legacy.section), code(legacy.name),
                           legacy.use_instead.empty() ? std::string{"(ignored)"} : code(legacy.use_instead));
    }
    for (const ValueAlias& alias : value_aliases()) {
        out += fmt::format("\nValue {} of `{}.{}` reads as {}.\n", code(alias.legacy), alias.section, alias.keyword,
                           code(alias.value));
    }
    return out;
}

}  // namespace svcagent::config
