#include "config/config_resolver.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "config/service_config.hpp"
#include "util/strings.hpp"

namespace svcagent::config {

namespace {

Resolved literal(std::string key, std::string text, std::optional<std::size_t> count = std::nullopt) {
    Resolved r;
    r.key = std::move(key);
    r.text = std::move(text);
    r.literal = true;
    r.item_count = count;
    return r;
}

bool is_list_type(ValueType t) {
    return t == ValueType::list || t == ValueType::list_lower || t == ValueType::list_comma || t == ValueType::set ||
           t == ValueType::shlex;
}

}  // namespace

std::optional<Resolved> ConfigResolver::builtin(std::string_view name, std::string_view section) const {
    const ServiceConfig& c = m_config;
    const std::string& svc = c.name();
    const std::string& node = c.node().nodename;
    const Paths& paths = c.node().paths;
    const std::string cluster = c.node_config().cluster_name;
    const std::string key{name};
    if (name == "name" || name == "svcname" || name == "path" || name == "svcpath") {
        return literal(key, svc);
    }
    if (name == "short_name" || name == "short_svcname") {
        return literal(key, svc.substr(0, svc.find('.')));
    }
    if (name == "namespace") {
        return literal(key, "root");
    }
    if (name == "kind") {
        return literal(key, "svc");
    }
    if (name == "id") {
        return literal(key, c.id());
    }
    if (name == "nodename") {
        return literal(key, node);
    }
    if (name == "short_nodename") {
        return literal(key, node.substr(0, node.find('.')));
    }
    // Node lists are built-ins once resolved; while they are being resolved, {nodes} is a
    // keyword reference, so that "nodes = {nodes}" is reported as the cycle it is.
    if (name == "nodes" && c.m_stage >= 2) {
        return literal(key, util::join(c.nodes(), " "), c.nodes().size());
    }
    if (name == "drpnodes" && c.m_stage >= 3) {
        return literal(key, util::join(c.drpnodes(), " "), c.drpnodes().size());
    }
    if (name == "encapnodes" && c.m_stage >= 1) {
        return literal(key, util::join(c.encapnodes(), " "), c.encapnodes().size());
    }
    if (name == "flex_primary" && c.m_stage >= 4) {
        return literal(key, c.flex_primary());
    }
    if (name == "drp_flex_primary" && c.m_stage >= 4) {
        return literal(key, c.drp_flex_primary());
    }
    if (name == "clustername") {
        return literal(key, cluster);
    }
    if (name == "clusternodes") {
        return literal(key, util::join(c.node_config().cluster_nodes, " "), c.node_config().cluster_nodes.size());
    }
    if (name == "dns" || name == "dnsnodes") {
        return literal(key, util::join(c.node_config().dns, " "), c.node_config().dns.size());
    }
    if (name == "rid" || name == "rindex") {
        std::string value{section};
        if (name == "rindex") {
            const auto hash = value.rfind('#');
            value = hash == std::string::npos ? value : value.substr(hash + 1);
        }
        Resolved r = literal(key, value);
        r.cacheable = false;
        return r;
    }
    if (name == "etc") {
        return literal(key, paths.etc.string());
    }
    if (name == "var") {
        return literal(key, paths.var.string());
    }
    if (name == "private_var") {
        return literal(key, (paths.var / svc).string());
    }
    if (name == "initd") {
        return literal(key, (paths.etc / (svc + ".d")).string());
    }
    if (name == "svcmgr" || name == "nodemgr") {
        return literal(key, (paths.bindir / key).string());
    }
    if (name == "fqdn") {
        return literal(key, svc + ".root.svc." + cluster);
    }
    if (name == "domain") {
        return literal(key, "root.svc." + cluster);
    }
    if (name == "dnsuxsock") {
        return literal(key, (paths.var / "dns" / "pdns.sock").string());
    }
    if (name == "dnsuxsockd") {
        return literal(key, (paths.var / "dns").string());
    }
    if (name == "collector_api") {
        return literal(key, "");
    }
    return std::nullopt;
}

std::optional<Resolved> ConfigResolver::env_key(std::string_view key) const {
    const std::string var = util::to_upper(key);
    for (const auto& [k, v] : m_config.m_env_overrides) {
        if (util::to_upper(k) == var) {
            return literal("env." + std::string{key}, v);
        }
    }
    if (const char* value = std::getenv(var.c_str())) {  // NOLINT(concurrency-mt-unsafe): read-only use
        return literal("env." + std::string{key}, value);
    }
    const RawSection* env = m_config.section("env");
    if (env == nullptr) {
        return std::nullopt;
    }
    const ScopedValue* value = m_config.scoped(*env, key, true);
    if (value == nullptr) {
        return std::nullopt;
    }
    Resolved r;
    r.key = "env." + std::string{key};
    r.text = value->text;
    r.section = "env";
    r.where = value->where;
    return r;
}

std::optional<Resolved> ConfigResolver::keyword_ref(std::string_view section_name, std::string_view key,
                                                    bool fallback_to_default) const {
    const RawSection* section = m_config.section(section_name);
    if (section == nullptr) {
        return std::nullopt;
    }
    const KeywordMatch match = m_config.keyword(*section, key);
    Resolved r;
    r.key = std::string{section_name} + "." + std::string{key};
    r.section = std::string{section_name};
    if (match) {
        if (const ScopedValue* value = m_config.raw(*section, *match.keyword)) {
            r.text = value->text;
            r.where = value->where;
        } else if (fallback_to_default) {
            r.text = m_config.default_text(*section, *match.keyword);
            r.where = section->where;
        } else {
            return std::nullopt;
        }
        if (is_list_type(match.keyword->type)) {
            r.item_count = std::nullopt;  // counted on the expanded words by the expander
        }
        return r;
    }
    // Not a keyword of the schema (e.g. a free-form section): its scoped text when set.
    if (const ScopedValue* value = m_config.scoped(*section, key, true)) {
        r.text = value->text;
        r.where = value->where;
        return r;
    }
    return std::nullopt;
}

std::optional<Resolved> ConfigResolver::device_ref(std::string_view rid, std::string_view kind) const {
    Resolved r;
    r.key = std::string{rid} + "." + std::string{kind};
    r.deferred_null = true;
    const RawSection* section = m_config.section(rid);
    if (section == nullptr || section->kind != SectionKind::resource) {
        return r;
    }
    const DriverResolution driver = m_config.driver(*section);
    if (driver.support != DriverSupport::supported) {
        return r;
    }
    // What the configuration alone can answer: an lv's path, an fs's device.
    auto text_of = [&](std::string_view key) -> std::optional<std::string> {
        const ScopedValue* v = m_config.scoped(*section, key, true);
        return v == nullptr ? std::nullopt : std::optional<std::string>{v->text};
    };
    if (section->group == "disk" && driver.type == "lv") {
        const auto vg = text_of("vg");
        const auto name = text_of("name");
        if (vg && name) {
            r.deferred_null = false;
            r.text = "/dev/" + *vg + "/" + *name;
            r.section = std::string{rid};
        }
    } else if (section->group == "fs") {
        if (const auto dev = text_of("dev")) {
            r.deferred_null = false;
            r.text = *dev;
            r.section = std::string{rid};
        }
    }
    return r;
}

std::optional<Resolved> ConfigResolver::resolve(std::string_view name, std::string_view section) {
    if (auto b = builtin(name, section)) {
        return b;
    }
    const auto dot = name.find('.');
    if (dot == std::string_view::npos) {
        // {kw}: the current section, else DEFAULT; a known keyword unset resolves to its default.
        if (const RawSection* current = m_config.section(section); current != nullptr && section != "DEFAULT") {
            if (current->kind == SectionKind::env) {
                if (auto r = env_key(name)) {
                    return r;
                }
            } else if (current->keys.count(name) > 0) {
                if (auto r = keyword_ref(section, name, false)) {
                    return r;
                }
            }
        }
        if (name == "nodes" || name == "drpnodes" || name == "encapnodes") {
            return keyword_ref("DEFAULT", name, false);
        }
        return keyword_ref("DEFAULT", name, true);
    }
    const std::string_view head = name.substr(0, dot);
    const std::string_view key = name.substr(dot + 1);
    if (head == "env") {
        return env_key(key);
    }
    if (key == "exposed_devs" || key == "sub_devs" || key == "base_devs") {
        return device_ref(head, key);
    }
    return keyword_ref(head, key, true);
}

}  // namespace svcagent::config
