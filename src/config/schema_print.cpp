#include "config/schema_print.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "config/schema.hpp"

namespace svcagent::config {

namespace {

std::vector<const Keyword*> pointers(std::span<const Keyword> table) {
    std::vector<const Keyword*> out;
    out.reserve(table.size());
    for (const Keyword& kw : table) {
        out.push_back(&kw);
    }
    return out;
}

// Help of a section merging several typed drivers of a group (no fallback spec to take it from).
std::string_view group_help(std::string_view group) {
    if (group == "app") {
        return "runs user scripts (forking: the start command returns; simple: the agent detaches it)";
    }
    return "";
}

bool same_table(std::span<const Keyword> a, std::span<const Keyword> b) {
    return a.data() == b.data() && a.size() == b.size();
}

std::string driver_name(const DriverSpec& spec) {
    return spec.type.empty() ? std::string{spec.group} : fmt::format("{}.{}", spec.group, spec.type);
}

// Drivers of one group that share a keyword table form one section, named after the group when it
// holds the group's fallback spec (type "") or every driver of the group.
std::vector<SchemaSection> driver_sections(const DriverRegistry& registry) {
    std::vector<SchemaSection> out;
    const std::span<const DriverSpec> specs = registry.all();
    std::vector<bool> done(specs.size(), false);
    for (std::size_t i = 0; i < specs.size(); ++i) {
        if (done[i]) {
            continue;
        }
        std::vector<const DriverSpec*> members;
        std::size_t group_size = 0;
        for (std::size_t j = 0; j < specs.size(); ++j) {
            if (specs[j].group != specs[i].group) {
                continue;
            }
            ++group_size;
            if (!done[j] && same_table(specs[j].keywords, specs[i].keywords)) {
                members.push_back(&specs[j]);
                done[j] = true;
            }
        }
        const bool has_fallback = std::any_of(members.begin(), members.end(),
                                              [](const DriverSpec* s) { return s->type.empty(); });
        SchemaSection section{.name = driver_name(*members.front()),
                              .help = std::string{members.front()->help},
                              .keywords = pointers(specs[i].keywords)};
        if (members.size() > 1) {
            std::vector<std::string> names;
            for (const DriverSpec* s : members) {
                if (!s->type.empty()) {
                    names.push_back(driver_name(*s));
                }
            }
            section.name = has_fallback || members.size() == group_size ? std::string{specs[i].group}
                                                                        : fmt::format("{}", fmt::join(names, ", "));
            if (!has_fallback && !group_help(specs[i].group).empty()) {
                section.help = std::string{group_help(specs[i].group)};
            }
            section.help += fmt::format(" (drivers {}{})", fmt::join(names, " "),
                                        has_fallback ? " and any other type" : "");
        }
        out.push_back(std::move(section));
    }
    return out;
}

std::string candidates_text(const Keyword& kw) {
    return kw.candidates.empty() ? "-" : fmt::format("{}", fmt::join(kw.candidates, ","));
}

}  // namespace

std::vector<SchemaSection> service_schema(const DriverRegistry& registry) {
    std::vector<SchemaSection> out;
    out.push_back({"DEFAULT", "service-wide keywords", pointers(default_keywords())});
    out.push_back({"resource", "keywords of every resource section", pointers(common_resource_keywords())});
    for (SchemaSection& section : driver_sections(registry)) {
        out.push_back(std::move(section));
    }
    out.push_back({"subset", "[subset#<group>:<name>]: options of a resource subset", pointers(subset_keywords())});
    out.push_back({"sync#i0", "the implicit config replication resource", pointers(sync_i0_keywords())});
    return out;
}

std::vector<SchemaSection> node_schema() {
    std::vector<SchemaSection> out;
    for (const KeywordTable& table : node_keyword_tables()) {
        out.push_back({std::string{table.section}, std::string{table.help}, pointers(table.keywords)});
    }
    return out;
}

std::string default_text(const Keyword& kw) {
    if (!kw.default_help.empty()) {
        return fmt::format("({})", kw.default_help);
    }
    if (kw.default_value == nullptr) {
        return "-";
    }
    const std::string_view value{kw.default_value};
    return value.empty() ? std::string{"\"\""} : std::string{value};
}

std::string render_keywords_text(std::span<const SchemaSection> sections) {
    constexpr std::size_t k_columns = 8;
    using Row = std::array<std::string, k_columns>;
    std::string out;
    for (const SchemaSection& section : sections) {
        std::vector<Row> rows;
        rows.push_back({"keyword", "type", "default", "scopable", "inherit", "required", "candidates", "help"});
        for (const Keyword* kw : section.keywords) {
            rows.push_back({std::string{kw->name}, std::string{to_text(kw->type)}, default_text(*kw),
                            kw->scopable ? "yes" : "no", std::string{to_text(kw->inherit)},
                            kw->required ? "yes" : "no", candidates_text(*kw), std::string{kw->help}});
        }
        std::array<std::size_t, k_columns> widths{};
        for (const Row& row : rows) {
            for (std::size_t c = 0; c < k_columns; ++c) {
                widths[c] = std::max(widths[c], row[c].size());
            }
        }
        if (!out.empty()) {
            out += '\n';
        }
        out += fmt::format("[{}] {}\n", section.name, section.help);
        for (const Row& row : rows) {
            std::string line;
            for (std::size_t c = 0; c + 1 < k_columns; ++c) {
                line += fmt::format("{:<{}}  ", row[c], widths[c]);
            }
            line += row[k_columns - 1];
            line.erase(line.find_last_not_of(' ') + 1);
            out += line + '\n';
        }
    }
    return out;
}

nlohmann::json render_keywords_json(std::span<const SchemaSection> sections) {
    nlohmann::json out = nlohmann::json::array();
    for (const SchemaSection& section : sections) {
        for (const Keyword* kw : section.keywords) {
            nlohmann::json candidates = nlohmann::json::array();
            for (const std::string_view c : kw->candidates) {
                candidates.push_back(c);
            }
            nlohmann::json aliases = nlohmann::json::array();
            for (const std::string_view a : kw->aliases) {
                aliases.push_back(a);
            }
            out.push_back({
                {"section", section.name},
                {"keyword", kw->name},
                {"type", to_text(kw->type)},
                {"default", kw->default_value == nullptr ? nlohmann::json(nullptr) : nlohmann::json(kw->default_value)},
                {"default_help", kw->default_help},
                {"scopable", kw->scopable},
                {"inherit", to_text(kw->inherit)},
                {"required", kw->required},
                {"candidates", std::move(candidates)},
                {"aliases", std::move(aliases)},
                {"help", kw->help},
            });
        }
    }
    return out;
}

}  // namespace svcagent::config
