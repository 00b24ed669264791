#include "config/service_config.hpp"

#include <algorithm>
#include <cctype>

#include "config/config_resolver.hpp"
#include "config/converters.hpp"
#include "config/references.hpp"
#include "util/strings.hpp"
#include "util/hash.hpp"

namespace svcagent::config {

namespace {

RawSection make_section(const IniSection& ini) {
    RawSection raw;
    raw.name = ini.name;
    raw.where = ini.where;
    const SectionName cls = classify_section(ini.name);
    raw.kind = cls.kind;
    raw.group = std::string{cls.group};
    raw.index = std::string{cls.index};
    raw.legacy_vg = cls.legacy_vg;
    for (const IniEntry& entry : ini.entries) {
        ScopedValue sv{.key = entry.key, .scope = "", .text = entry.value, .where = entry.where};
        std::string base = entry.key;
        if (const auto at = entry.key.find('@'); at != std::string::npos) {
            base = entry.key.substr(0, at);
            sv.scope = util::to_lower(std::string_view{entry.key}.substr(at + 1));
        }
        raw.entries.push_back(sv);
        raw.keys[base][sv.scope] = sv;
    }
    return raw;
}

}  // namespace

const ScopedValue* RawSection::get(std::string_view key, std::string_view scope) const {
    const auto it = keys.find(key);
    if (it == keys.end()) {
        return nullptr;
    }
    const auto found = it->second.find(std::string{scope});
    return found == it->second.end() ? nullptr : &found->second;
}

ServiceConfig::ServiceConfig(std::string name, std::filesystem::path file, std::vector<IniSection> sections,
                             NodeInfo node, NodeConfig node_config, const DriverRegistry& registry,
                             std::vector<std::pair<std::string, std::string>> env_overrides)
    : m_name(std::move(name)), m_file(std::move(file)), m_node(std::move(node)),
      m_node_config(std::move(node_config)), m_registry(registry), m_env_overrides(std::move(env_overrides)) {
    for (const IniSection& ini : merge_sections(std::move(sections))) {
        m_sections.push_back(make_section(ini));
    }
    for (std::size_t i = 0; i < m_sections.size(); ++i) {
        m_section_index.emplace(m_sections[i].name, i);
    }
    m_default = section("DEFAULT");
    m_resolver = std::make_unique<ConfigResolver>(*this);
    m_expander = std::make_unique<ReferenceExpander>(*m_resolver);
    resolve_node_lists();
}

ServiceConfig::~ServiceConfig() = default;

std::unique_ptr<ServiceConfig> ServiceConfig::load(const std::string& name, const std::filesystem::path& file,
                                                   const NodeInfo& node, const DriverRegistry& registry,
                                                   std::vector<std::pair<std::string, std::string>> env_overrides) {
    auto source = open_config_file(file);
    return std::make_unique<ServiceConfig>(name, file, source->read(), node, load_node_config(node), registry,
                                           std::move(env_overrides));
}

const RawSection* ServiceConfig::section(std::string_view name) const {
    const auto it = m_section_index.find(name);
    return it == m_section_index.end() ? nullptr : &m_sections[it->second];
}

bool ServiceConfig::local_in(const std::vector<std::string>& list) const {
    return std::find(list.begin(), list.end(), m_node.nodename) != list.end();
}

const ScopedValue* ServiceConfig::scoped(const RawSection& section, std::string_view key, bool scopable) const {
    const auto it = section.keys.find(key);
    if (it == section.keys.end()) {
        return nullptr;
    }
    const auto& forms = it->second;
    auto form = [&](const std::string& scope) -> const ScopedValue* {
        const auto f = forms.find(scope);
        return f == forms.end() ? nullptr : &f->second;
    };
    if (scopable && (forms.size() > 1 || forms.count("") == 0)) {
        if (const auto* v = form(m_node.nodename)) {
            return v;
        }
        const bool in_nodes = m_stage >= 2 && local_in(m_nodes);
        const bool in_drp = m_stage >= 3 && local_in(m_drpnodes);
        const bool in_encap = m_stage >= 1 && local_in(m_encapnodes);
        if (const auto* v = form("nodes"); v != nullptr && in_nodes) {
            return v;
        }
        if (const auto* v = form("drpnodes"); v != nullptr && in_drp) {
            return v;
        }
        if (const auto* v = form("encapnodes"); v != nullptr && in_encap) {
            return v;
        }
        if (const auto* v = form("flex_primary"); v != nullptr && m_stage >= 4 && m_flex_primary == m_node.nodename) {
            return v;
        }
        if (const auto* v = form("drp_flex_primary");
            v != nullptr && m_stage >= 4 && !m_drp_flex_primary.empty() && m_drp_flex_primary == m_node.nodename) {
            return v;
        }
    }
    return form("");
}

KeywordMatch ServiceConfig::keyword(const RawSection& section, std::string_view key) const {
    if (section.kind == SectionKind::resource) {
        const DriverResolution resolution = driver(section);
        if (resolution.spec == nullptr) {
            return find_keyword(common_resource_keywords(), key);
        }
        if (auto match = find_keyword(resolve_keywords_cached(*resolution.spec), key)) {
            return match;
        }
        return KeywordMatch{};
    }
    return find_keyword(m_registry, section.kind, section.group, "", key);
}

const std::vector<const Keyword*>& ServiceConfig::resolve_keywords_cached(const DriverSpec& spec) const {
    auto it = m_spec_keywords.find(&spec);
    if (it == m_spec_keywords.end()) {
        it = m_spec_keywords.emplace(&spec, resource_keywords(spec)).first;
    }
    return it->second;
}

DriverResolution ServiceConfig::driver(const RawSection& section) const {
    if (m_stage >= 4) {
        if (const auto it = m_drivers.find(&section); it != m_drivers.end()) {
            return it->second;
        }
    }
    const auto* type = scoped(section, "type", false);
    const std::string type_text = section.legacy_vg ? "vg" : (type != nullptr ? util::to_lower(type->text) : "");
    DriverResolution resolution = resolve_driver(m_registry, section.group, type_text);
    if (m_stage >= 4) {
        m_drivers.emplace(&section, resolution);
    }
    return resolution;
}

const ScopedValue* ServiceConfig::raw(const RawSection& section, const Keyword& keyword) const {
    auto lookup = [&](const RawSection& where) -> const ScopedValue* {
        if (const auto* v = scoped(where, keyword.name, keyword.scopable)) {
            return v;
        }
        for (const auto alias : keyword.aliases) {
            if (const auto* v = scoped(where, alias, keyword.scopable)) {
                return v;
            }
        }
        return nullptr;
    };
    if (section.kind != SectionKind::resource) {
        return lookup(section);
    }
    const RawSection* defaults = m_default;
    switch (keyword.inherit) {
    case Inherit::leaf: return lookup(section);
    case Inherit::head: return defaults != nullptr ? lookup(*defaults) : nullptr;
    case Inherit::leaf_head:
        if (const auto* v = lookup(section)) {
            return v;
        }
        return defaults != nullptr ? lookup(*defaults) : nullptr;
    }
    return nullptr;
}

std::vector<std::string> ServiceConfig::node_list(std::string_view key, bool scopable, int stage) {
    m_stage = stage;
    const RawSection* defaults = m_default;
    if (defaults == nullptr) {
        return {};
    }
    const ScopedValue* value = scoped(*defaults, key, scopable);
    if (value == nullptr) {
        return {};
    }
    try {
        const Evaluation ev = m_expander->evaluate(
            value->text, ValueRef{.key = "DEFAULT." + std::string{key}, .section = "DEFAULT", .where = value->where});
        if (ev.is_null()) {
            return {};
        }
        std::vector<std::string> out;
        for (auto& word : split_words(to_text(ev))) {
            if (word == "*") {
                for (const auto& n : m_node_config.cluster_nodes) {
                    out.push_back(n);
                }
                continue;
            }
            out.push_back(util::to_lower(word));
        }
        return out;
    } catch (const ConfigError& e) {
        m_node_list_errors.push_back(e);
        return {};
    }
}

void ServiceConfig::resolve_node_lists() {
    m_encapnodes = node_list("encapnodes", false, 0);
    const RawSection* defaults = m_default;
    m_stage = 1;
    const bool nodes_set = defaults != nullptr && scoped(*defaults, "nodes", true) != nullptr;
    m_nodes = nodes_set ? node_list("nodes", true, 1) : std::vector<std::string>{m_node.nodename};
    m_drpnodes = node_list("drpnodes", true, 2);
    const auto drpnode = node_list("drpnode", true, 3);
    if (!drpnode.empty() && std::find(m_drpnodes.begin(), m_drpnodes.end(), drpnode.front()) == m_drpnodes.end()) {
        m_drpnodes.insert(m_drpnodes.begin(), drpnode.front());
    }
    const auto flex = node_list("flex_primary", true, 3);
    m_flex_primary = !flex.empty() ? flex.front() : (m_nodes.empty() ? "" : m_nodes.front());
    const auto drp_flex = node_list("drp_flex_primary", true, 3);
    m_drp_flex_primary = !drp_flex.empty() ? drp_flex.front() : (m_drpnodes.empty() ? "" : m_drpnodes.front());
    m_stage = 4;
    m_expander->clear_cache();
}

std::string ServiceConfig::id() const {
    if (const RawSection* defaults = section("DEFAULT")) {
        if (const auto* v = scoped(*defaults, "id", false); v != nullptr && !v->text.empty()) {
            return v->text;
        }
    }
    return util::uuid5_url(m_node_config.cluster_name + "/" + m_name);
}

}  // namespace svcagent::config
