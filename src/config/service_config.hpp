#pragma once

// The service model of one command: sections with scoped keys (SPEC §2), node lists (§4.2),
// scoped and inherited raw lookups (§4), evaluated and converted values (§5, §3.2).

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <svcagent/error.hpp>
#include <svcagent/node_info.hpp>
#include <svcagent/registry.hpp>
#include <svcagent/section.hpp>

#include "config/expressions.hpp"
#include "config/ini_lexer.hpp"
#include "config/node_config.hpp"
#include "config/schema.hpp"

namespace svcagent::config {

class ReferenceExpander;
class ConfigResolver;

// One key of a section, with its scope ("" when unscoped, lower-cased otherwise).
struct ScopedValue {
    std::string key;    // as written, "tags@nodes"
    std::string scope;  // "nodes", "" when unscoped
    std::string text;
    Origin where;
};

struct RawSection {
    std::string name;
    Origin where;
    SectionKind kind = SectionKind::unknown;
    std::string group, index;  // resource group ("disk" for vg#1), subset group and name
    bool legacy_vg = false;
    // base keyword -> scope -> last occurrence (later wins, SPEC §2)
    std::map<std::string, std::map<std::string, ScopedValue>, std::less<>> keys;
    std::vector<ScopedValue> entries;  // every key line, in file order (validation)

    [[nodiscard]] const ScopedValue* get(std::string_view key, std::string_view scope = "") const;
};

// The result of the evaluation of one keyword: converted value (or null) plus what validation needs.
struct EvaluatedValue {
    Value value;
    std::vector<std::string> unresolved;  // "{abcd}"
    bool null_by_reference = false;       // a deferred reference could not answer
    ExprValue expression{};               // the evaluated text/typed value before conversion
};

class ServiceConfig {
public:
    // sections: as read by the lexer (duplicates merged here). file: the service file, for messages.
    ServiceConfig(std::string name, std::filesystem::path file, std::vector<IniSection> sections, NodeInfo node,
                  NodeConfig node_config, const DriverRegistry& registry,
                  std::vector<std::pair<std::string, std::string>> env_overrides = {});
    ~ServiceConfig();
    ServiceConfig(const ServiceConfig&) = delete;
    ServiceConfig& operator=(const ServiceConfig&) = delete;
    ServiceConfig(ServiceConfig&&) = delete;
    ServiceConfig& operator=(ServiceConfig&&) = delete;

    // Reads <etc>/<svc>.conf (or .env) and node.conf. Throws ConfigError on a syntax error.
    static std::unique_ptr<ServiceConfig> load(const std::string& name, const std::filesystem::path& file,
                                               const NodeInfo& node, const DriverRegistry& registry,
                                               std::vector<std::pair<std::string, std::string>> env_overrides = {});

    [[nodiscard]] const std::string& name() const { return m_name; }
    [[nodiscard]] const std::filesystem::path& file() const { return m_file; }
    [[nodiscard]] const NodeInfo& node() const { return m_node; }
    [[nodiscard]] const NodeConfig& node_config() const { return m_node_config; }
    [[nodiscard]] const DriverRegistry& registry() const { return m_registry; }
    [[nodiscard]] const std::vector<RawSection>& sections() const { return m_sections; }
    [[nodiscard]] const RawSection* section(std::string_view name) const;

    // Node lists of §4.2 (lower-cased). Errors met while resolving them are in node_list_errors().
    [[nodiscard]] const std::vector<std::string>& nodes() const { return m_nodes; }
    [[nodiscard]] const std::vector<std::string>& drpnodes() const { return m_drpnodes; }
    [[nodiscard]] const std::vector<std::string>& encapnodes() const { return m_encapnodes; }
    [[nodiscard]] const std::string& flex_primary() const { return m_flex_primary; }
    [[nodiscard]] const std::string& drp_flex_primary() const { return m_drp_flex_primary; }
    [[nodiscard]] const std::vector<ConfigError>& node_list_errors() const { return m_node_list_errors; }
    [[nodiscard]] bool local_in(const std::vector<std::string>& list) const;

    // The keyword declaration for section.key (aliases resolved), nullptr when unknown.
    [[nodiscard]] KeywordMatch keyword(const RawSection& section, std::string_view key) const;
    // Driver of a resource section (type keyword resolved by scoping, aliases applied).
    [[nodiscard]] DriverResolution driver(const RawSection& section) const;

    // Scoped lookup in one section (§4.1), no inheritance. scopable=false: the unscoped form only.
    [[nodiscard]] const ScopedValue* scoped(const RawSection& section, std::string_view key, bool scopable) const;
    // Scoped + inherited lookup (§4.4) of a keyword, aliases included; nullptr when not set anywhere.
    [[nodiscard]] const ScopedValue* raw(const RawSection& section, const Keyword& keyword) const;

    // Full pipeline for a declared keyword: scoping, inheritance, default, references, expressions,
    // conversion. Throws ConfigError (conversion, recursion, expression).
    [[nodiscard]] EvaluatedValue evaluate(const RawSection& section, const Keyword& keyword) const;
    // Pipeline for free-form text (env values, unknown keys): references and expressions only.
    [[nodiscard]] EvaluatedValue evaluate_text(const RawSection& section, const ScopedValue& value) const;

    // Every keyword of a resource section's driver, evaluated (SPEC §8.1). Throws ConfigError.
    [[nodiscard]] ResolvedSection resolve(const RawSection& section) const;

    // Service id: DEFAULT.id, else the computed UUIDv5 of "<clustername>/<svc>" (§6).
    [[nodiscard]] std::string id() const;

private:
    friend class ConfigResolver;
    void resolve_node_lists();
    [[nodiscard]] std::vector<std::string> node_list(std::string_view key, bool scopable, int stage);
    [[nodiscard]] std::string default_text(const RawSection& section, const Keyword& keyword) const;
    void fill_container_context(ResolvedSection& resolved) const;
    [[nodiscard]] EvaluatedValue evaluate_uncached(const RawSection& section, const Keyword& keyword) const;
    [[nodiscard]] const Keyword* keyword_table_lookup(std::string_view name) const;
    [[nodiscard]] const std::vector<const Keyword*>& resolve_keywords_cached(const DriverSpec& spec) const;

    std::string m_name;
    std::filesystem::path m_file;
    NodeInfo m_node;
    NodeConfig m_node_config;
    const DriverRegistry& m_registry;
    std::vector<std::pair<std::string, std::string>> m_env_overrides;
    std::vector<RawSection> m_sections;
    std::vector<std::string> m_nodes, m_drpnodes, m_encapnodes;
    std::string m_flex_primary, m_drp_flex_primary;
    int m_stage = 0;  // node lists resolved so far: 0 none, 1 encap, 2 nodes, 3 drp, 4 all
    std::vector<ConfigError> m_node_list_errors;
    std::unique_ptr<ConfigResolver> m_resolver;
    std::unique_ptr<ReferenceExpander> m_expander;
    std::map<std::string, std::size_t, std::less<>> m_section_index;  // name -> m_sections position
    const RawSection* m_default = nullptr;
    // Per-command caches: driver of each resource section, evaluated keywords.
    mutable std::map<const RawSection*, DriverResolution> m_drivers;
    mutable std::map<std::pair<const RawSection*, const Keyword*>, EvaluatedValue> m_values;
    mutable std::map<const DriverSpec*, std::vector<const Keyword*>> m_spec_keywords;
};

}  // namespace svcagent::config
