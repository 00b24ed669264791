// ServiceConfig: evaluation and conversion of keyword values (SPEC §5.1), defaults, resolved sections.
#include <algorithm>
#include <array>

#include "config/converters.hpp"
#include "config/references.hpp"
#include "config/service_config.hpp"

namespace svcagent::config {

namespace {

std::string expr_text(const ExprValue& value) {
    if (const auto* b = std::get_if<bool>(&value.data)) {
        return *b ? "true" : "false";
    }
    return to_text(value);
}

}  // namespace

namespace {
// DEFAULT keywords whose default is computed from other values (SPEC §6), not a literal.
bool has_computed_default(const RawSection& section, const Keyword& keyword) {
    static constexpr std::array<std::string_view, 7> k_computed{
        "nodes", "flex_primary", "drp_flex_primary", "flex_max", "env", "id", "docker_daemon_private"};
    return section.kind == SectionKind::default_section &&
           std::find(k_computed.begin(), k_computed.end(), keyword.name) != k_computed.end();
}
}  // namespace

std::string ServiceConfig::default_text(const RawSection& section, const Keyword& keyword) const {
    const bool is_default = section.kind == SectionKind::default_section;
    if (is_default) {
        const std::string_view name = keyword.name;
        if (name == "nodes") {
            return m_node.nodename;
        }
        if (name == "flex_primary") {
            return m_nodes.empty() ? "" : m_nodes.front();
        }
        if (name == "drp_flex_primary") {
            return m_drpnodes.empty() ? "" : m_drpnodes.front();
        }
        if (name == "flex_max") {
            return std::to_string(m_nodes.size());
        }
        if (name == "env") {
            return m_node_config.env;
        }
        if (name == "id") {
            return id();
        }
        if (name == "docker_daemon_private") {
            const auto match = keyword_table_lookup("container_data_dir");
            return match != nullptr && raw(section, *match) != nullptr ? "true" : "false";
        }
    }
    return keyword.default_value != nullptr ? std::string{keyword.default_value} : std::string{};
}

const Keyword* ServiceConfig::keyword_table_lookup(std::string_view name) const {
    return find_keyword(default_keywords(), name).keyword;
}

EvaluatedValue ServiceConfig::evaluate_text(const RawSection& section, const ScopedValue& value) const {
    EvaluatedValue out;
    const std::string key = section.name + "." + value.key.substr(0, value.key.find('@'));
    const Evaluation ev =
        m_expander->evaluate(value.text, ValueRef{.key = key, .section = section.name, .where = value.where});
    out.unresolved = ev.unresolved;
    out.expression = ev.value;
    out.value.where = value.where;
    out.value.is_set = true;
    if (ev.is_null()) {
        out.null_by_reference = true;
        return out;
    }
    out.value.text = expr_text(ev.value);
    if (const auto* i = std::get_if<std::int64_t>(&ev.value.data)) {
        out.value.data = *i;
    } else if (const auto* d = std::get_if<double>(&ev.value.data)) {
        out.value.data = *d;
    } else if (const auto* b = std::get_if<bool>(&ev.value.data)) {
        out.value.data = *b;
    } else {
        out.value.data = out.value.text;
    }
    return out;
}

EvaluatedValue ServiceConfig::evaluate(const RawSection& section, const Keyword& keyword) const {
    const auto cache_key = std::pair{&section, &keyword};
    if (const auto it = m_values.find(cache_key); it != m_values.end()) {
        return it->second;
    }
    EvaluatedValue out = evaluate_uncached(section, keyword);
    if (m_stage >= 4) {
        m_values.emplace(cache_key, out);
    }
    return out;
}

EvaluatedValue ServiceConfig::evaluate_uncached(const RawSection& section, const Keyword& keyword) const {
    EvaluatedValue out;
    const ScopedValue* value = raw(section, keyword);
    std::string text;
    if (value != nullptr) {
        text = value->text;
        out.value.where = value->where;
        out.value.is_set = true;
    } else {
        out.value.where = section.where;
        if (keyword.default_value == nullptr && !has_computed_default(section, keyword)) {
            return out;  // null
        }
        text = default_text(section, keyword);
    }
    const std::string key = section.name + "." + std::string{keyword.name};
    const Evaluation ev = m_expander->evaluate(text, ValueRef{.key = key, .section = section.name, .where = out.value.where});
    out.unresolved = ev.unresolved;
    out.expression = ev.value;
    if (ev.is_null()) {
        out.null_by_reference = value != nullptr;
        return out;
    }
    std::string converted_text = expr_text(ev.value);
    for (const ValueAlias& alias : value_aliases()) {
        if (alias.keyword == keyword.name && alias.legacy == converted_text &&
            (alias.section == section.name || alias.section == section.group)) {
            converted_text = std::string{alias.value};
        }
    }
    out.value.text = converted_text;
    try {
        out.value.data = convert(keyword.type, std::string_view{converted_text});
    } catch (const ConversionError& e) {
        throw ConfigError(out.value.where, key + ": " + e.what());
    }
    return out;
}

// Values from outside the section that the container drivers read (section.hpp, `context`).
void ServiceConfig::fill_container_context(ResolvedSection& resolved) const {
    if (m_default != nullptr) {
        for (const char* key : {"container_data_dir", "docker_daemon_private", "docker_daemon_args"}) {
            if (const Keyword* kw = keyword_table_lookup(key)) {
                resolved.context[std::string{"DEFAULT."} + key] = evaluate(*m_default, *kw).value;
            }
        }
    }
    for (const IniSection& ns : m_node_config.sections) {
        if (ns.name == "node") {
            if (const IniEntry* exe = ns.find("docker_exe"); exe != nullptr && !exe->value.empty()) {
                resolved.context["node.docker_exe"] = Value{.data = exe->value, .text = exe->value, .where = exe->where,
                                                            .is_set = true};
            }
        }
    }
    for (const RawSection& other : m_sections) {
        if (other.kind != SectionKind::resource) {
            continue;
        }
        const char* key = other.group == "container" ? "name" : other.group == "fs" ? "mnt" : nullptr;
        if (key == nullptr) {
            continue;
        }
        const KeywordMatch match = keyword(other, key);
        if (!match) {
            continue;
        }
        try {
            const EvaluatedValue ev = evaluate(other, *match.keyword);
            if (ev.value.is_set || other.group == "fs") {
                resolved.context[other.name + "." + key] = ev.value;
            }
        } catch (const ConfigError&) {
            // reported by validation on its own section
        }
    }
}

ResolvedSection ServiceConfig::resolve(const RawSection& section) const {
    ResolvedSection resolved;
    resolved.service = m_name;
    resolved.rid = section.name;
    resolved.group = section.group;
    resolved.where = section.where;
    for (const auto* list : {&m_nodes, &m_drpnodes, &m_node_config.cluster_nodes}) {
        for (const auto& n : *list) {
            if (std::find(resolved.service_nodes.begin(), resolved.service_nodes.end(), n) ==
                resolved.service_nodes.end()) {
                resolved.service_nodes.push_back(n);
            }
        }
    }
    const DriverResolution driver = this->driver(section);
    resolved.type = driver.type;
    if (section.group == "container" || section.group == "ip") {
        fill_container_context(resolved);
    }
    if (driver.spec == nullptr) {
        for (const Keyword& kw : common_resource_keywords()) {
            resolved.values[std::string{kw.name}] = evaluate(section, kw).value;
        }
        return resolved;
    }
    for (const Keyword* kw : resolve_keywords_cached(*driver.spec)) {
        resolved.values[std::string{kw->name}] = evaluate(section, *kw).value;
    }
    return resolved;
}

}  // namespace svcagent::config
