#include "config/validate.hpp"

#include <algorithm>
#include <array>
#include <regex>
#include <set>

#include <svcagent/driver.hpp>

#include "config/converters.hpp"
#include "config/service_config.hpp"
#include "util/strings.hpp"

namespace svcagent::config {

namespace {

// The deferred device references of a raw value, "{disk#1.exposed_devs[0]}" (§5.3), space-joined:
// what makes a value evaluate to null.
std::string deferred_references(const std::string& text) {
    static const std::regex k_deferred{R"(\{[^{}]*\.(exposed_devs|sub_devs|base_devs)[^{}]*\})"};
    std::vector<std::string> refs;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), k_deferred); it != std::sregex_iterator(); ++it) {
        refs.push_back(it->str());
    }
    return util::join(refs, " ");
}

class Validator {
public:
    explicit Validator(const ServiceConfig& config) : m_config(config) {}

    ValidationReport run() {
        if (const RawSection* defaults = m_config.section("DEFAULT")) {
            check_section(*defaults);
        }
        if (const RawSection* env = m_config.section("env")) {
            check_env(*env);
        }
        check_node_lists();
        for (const RawSection& section : m_config.sections()) {
            if (section.kind != SectionKind::default_section && section.kind != SectionKind::env) {
                check_section(section);
            }
        }
        return std::move(m_report);
    }

private:
    void add(Level level, const Origin& where, const std::string& section, const std::string& key,
             std::string message) {
        m_report.findings.push_back(
            {.level = level, .where = where, .section = section, .key = key, .message = std::move(message)});
    }

    void check_env(const RawSection& env) {
        for (const auto& [key, forms] : env.keys) {
            if (!is_valid_env_key(key)) {
                add(Level::error, forms.begin()->second.where, env.name, key,
                    "env." + key + ": invalid key (expected [A-Za-z0-9_.-]+)");
                continue;
            }
            const ScopedValue* value = m_config.scoped(env, key, true);
            if (value == nullptr) {
                continue;
            }
            try {
                const EvaluatedValue ev = m_config.evaluate_text(env, *value);
                report_references(env, key, value->where, ev, value->text);
            } catch (const ConfigError& e) {
                add(Level::error, e.where(), env.name, key, e.message());
            }
        }
    }

    void check_node_lists() {
        for (const ConfigError& e : m_config.node_list_errors()) {
            add(Level::error, e.where(), "DEFAULT", "nodes", e.message());
        }
        const RawSection* defaults = m_config.section("DEFAULT");
        if (defaults != nullptr && m_config.nodes().empty() && m_config.node_list_errors().empty()) {
            const ScopedValue* v = m_config.scoped(*defaults, "nodes", true);
            add(Level::error, v != nullptr ? v->where : defaults->where, "DEFAULT", "nodes",
                "DEFAULT.nodes: empty after evaluation");
        }
    }

    void report_references(const RawSection& section, const std::string& key, const Origin& where,
                           const EvaluatedValue& ev, const std::string& raw_text) {
        const std::string name = section.name + "." + key;
        if (!ev.unresolved.empty()) {
            add(Level::warning, where, section.name, key, name + ": unresolved reference " + util::join(ev.unresolved, " "));
        }
        if (ev.null_by_reference) {
            const std::string refs = deferred_references(raw_text);
            add(Level::warning, where, section.name, key,
                name + ": reference " + (refs.empty() ? "" : refs + " ") + "cannot be evaluated");
        }
    }

    std::string driver_name(const RawSection& section, const DriverResolution& driver) const {
        std::string type = driver.type;
        if (type.empty()) {
            if (const ScopedValue* t = m_config.scoped(section, "type", false)) {
                type = t->text;
            }
        }
        return type.empty() ? section.group : section.group + "." + type;
    }

    void check_section(const RawSection& section) {
        switch (section.kind) {
        case SectionKind::unknown:
            add(Level::warning, section.where, section.name, "", "ignored section " + section.name);
            return;
        case SectionKind::free_form:
        case SectionKind::env: return;
        case SectionKind::unsupported_family: {
            const ScopedValue* t = m_config.scoped(section, "type", false);
            const std::string type = t != nullptr ? "." + t->text : "";
            add(Level::warning, section.where, section.name, "",
                section.name + ": driver " + section.group + type + " is not supported; the resource is not managed");
            return;
        }
        default: break;
        }
        DriverResolution driver;
        if (section.kind == SectionKind::resource) {
            driver = m_config.driver(section);
            if (driver.support != DriverSupport::supported) {
                add(Level::warning, section.where, section.name, "",
                    section.name + ": driver " + driver_name(section, driver) +
                        " is not supported; the resource is not managed");
                return;
            }
            if (driver.type_alias) {
                const ScopedValue* t = m_config.scoped(section, "type", false);
                add(Level::warning, t != nullptr ? t->where : section.where, section.name, "type",
                    section.name + ".type: deprecated value \"" + (t != nullptr ? t->text : "") + "\", use " +
                        driver.type);
            }
            if (section.group == "fs" && m_config.scoped(section, "type", false) == nullptr) {
                add(Level::error, section.where, section.name, "type", section.name + ".type is required");
            }
        }
        check_keys(section, driver);
        const int errors_before = m_report.errors();
        check_values(section, driver);
        if (section.kind == SectionKind::resource && m_report.errors() == errors_before) {
            check_netns(section, driver);
            check_driver(section, driver);
        }
    }

    // A netns naming a container resource must name one of this service (§3.4 semantic checks):
    // ip.netns always names one, container.docker when the value is "container#...".
    void check_netns(const RawSection& section, const DriverResolution& driver) {
        const bool ip_netns = section.group == "ip" && driver.type == "netns";
        if (!ip_netns && section.group != "container") {
            return;
        }
        const KeywordMatch match = m_config.keyword(section, "netns");
        if (!match) {
            return;
        }
        const EvaluatedValue ev = m_config.evaluate(section, *match.keyword);
        if (!ev.value.is_set || ev.value.text.empty() || (!ip_netns && ev.value.text.rfind("container#", 0) != 0)) {
            return;
        }
        const RawSection* target = m_config.section(ev.value.text);
        if (target == nullptr || target->kind != SectionKind::resource || target->group != "container") {
            add(Level::error, ev.value.where, section.name, "netns",
                section.name + ".netns: " + ev.value.text + " does not exist");
        }
    }

    // The driver's own checks run when it builds the resource from the resolved section (STYLE
    // §3.1: make reads every keyword and throws ConfigError on a bad value).
    void check_driver(const RawSection& section, const DriverResolution& driver) {
        if (driver.spec == nullptr || driver.spec->make == nullptr) {
            return;
        }
        try {
            (void)driver.spec->make(m_config.resolve(section));
        } catch (const ConfigError& e) {
            add(Level::error, e.where(), section.name, "", e.message());
        }
    }

    std::vector<const Keyword*> schema_of(const RawSection& section, const DriverResolution& driver) const {
        std::vector<const Keyword*> out;
        std::span<const Keyword> table;
        switch (section.kind) {
        case SectionKind::default_section: table = default_keywords(); break;
        case SectionKind::subset: table = subset_keywords(); break;
        case SectionKind::sync_i0: table = sync_i0_keywords(); break;
        case SectionKind::resource:
            if (driver.spec != nullptr) {
                return resource_keywords(*driver.spec);
            }
            table = common_resource_keywords();
            break;
        default: break;
        }
        for (const Keyword& kw : table) {
            out.push_back(&kw);
        }
        return out;
    }

    void check_keys(const RawSection& section, const DriverResolution& driver) {
        const std::vector<std::string_view> names =
            keyword_names(m_config.registry(), section.kind, section.group, driver.type);
        for (const ScopedValue& entry : section.entries) {
            const std::string base = entry.key.substr(0, entry.key.find('@'));
            const std::string name = section.name + "." + base;
            const KeywordMatch match = m_config.keyword(section, base);
            if (!match) {
                std::string message = section.kind == SectionKind::resource
                                          ? name + ": unknown keyword for driver " + section.group + "." + driver.type
                                          : name + ": unknown keyword";
                if (const auto hint = did_you_mean(base, names)) {
                    message += " (did you mean " + std::string{*hint} + "?)";
                }
                add(Level::warning, entry.where, section.name, base, message);
                continue;
            }
            if (match.via_alias) {
                add(Level::warning, entry.where, section.name, base,
                    name + ": deprecated keyword, use " + std::string{match.keyword->name});
            }
            for (const LegacyKeyword& legacy : legacy_keywords()) {
                const bool applies = legacy.section == section.name ||
                                     (legacy.section == "resource" && section.kind == SectionKind::resource) ||
                                     legacy.section == section.group + "." + driver.type;
                if (applies && legacy.name == base) {
                    add(Level::warning, entry.where, section.name, base,
                        legacy.use_instead.empty() ? name + ": deprecated keyword, ignored"
                                                   : name + ": deprecated keyword, use " +
                                                         std::string{legacy.use_instead});
                }
            }
            if (!entry.scope.empty() && !match.keyword->scopable) {
                add(Level::error, entry.where, section.name, base,
                    section.name + "." + entry.key + ": keyword does not support scoping");
            }
            check_shell_operators(section, base, entry, *match.keyword);
        }
    }


    void check_shell_operators(const RawSection& section, const std::string& base, const ScopedValue& entry,
                               const Keyword& keyword) {
        const bool trigger = base.rfind("pre_", 0) == 0 || base.rfind("post_", 0) == 0 ||
                             base.rfind("blocking_", 0) == 0;
        const bool app_cmd = section.group == "app" &&
                             (base == "start" || base == "stop" || base == "check" || base == "info");
        if (!app_cmd && !(trigger && keyword.type == ValueType::shlex)) {
            return;
        }
        static constexpr std::array<std::string_view, 8> k_ops{"|", "||", "&&", ";", "&", ">", ">>", "<"};
        std::vector<std::string> words;
        try {
            words = shlex_split(entry.text);
        } catch (const ConversionError&) {
            return;  // reported as a conversion error by check_values
        }
        for (const auto& word : words) {
            const bool op = std::find(k_ops.begin(), k_ops.end(), word) != k_ops.end() ||
                            (word.size() > 1 && word.back() == ';');
            if (op) {
                add(Level::warning, entry.where, section.name, base,
                    section.name + "." + base + ": shell operator \"" + word +
                        "\" is not interpreted; wrap the command in sh -c '...'");
                return;
            }
        }
    }

    void check_values(const RawSection& section, const DriverResolution& driver) {
        for (const Keyword* kw : schema_of(section, driver)) {
            const std::string name = section.name + "." + std::string{kw->name};
            try {
                const EvaluatedValue ev = m_config.evaluate(section, *kw);
                const ScopedValue* raw = m_config.raw(section, *kw);
                report_references(section, std::string{kw->name}, ev.value.where, ev,
                                  raw != nullptr ? raw->text : std::string{});
                if (kw->required && std::holds_alternative<std::monostate>(ev.value.data) && !ev.null_by_reference) {
                    add(Level::error, section.where, section.name, std::string{kw->name}, name + " is required");
                    continue;
                }
                if (!kw->candidates.empty() && ev.value.is_set) {
                    check_candidates(section, *kw, ev);
                }
            } catch (const ConfigError& e) {
                add(Level::error, e.where(), section.name, std::string{kw->name}, e.message());
            }
        }
    }

    void check_candidates(const RawSection& section, const Keyword& kw, const EvaluatedValue& ev) {
        std::vector<std::string> values;
        if (const auto* list = std::get_if<std::vector<std::string>>(&ev.value.data)) {
            values = *list;
        } else {
            values.push_back(ev.value.text);
        }
        for (const auto& v : values) {
            if (std::find(kw.candidates.begin(), kw.candidates.end(), v) == kw.candidates.end()) {
                std::vector<std::string> names;
                for (const auto c : kw.candidates) {
                    names.emplace_back(c);
                }
                add(Level::error, ev.value.where, section.name, std::string{kw.name},
                    section.name + "." + std::string{kw.name} + ": invalid value \"" + v + "\": expected one of " +
                        util::join(names, ", "));
                return;
            }
        }
    }

    const ServiceConfig& m_config;
    ValidationReport m_report;
};

}  // namespace

std::string Finding::line() const {
    const char* tag = level == Level::error ? "E" : level == Level::warning ? "W" : "I";
    const std::string place = where.str();
    return std::string{tag} + " " + (place.empty() ? "" : place + ": ") + message;
}

int ValidationReport::errors() const {
    return static_cast<int>(std::count_if(findings.begin(), findings.end(),
                                          [](const Finding& f) { return f.level == Level::error; }));
}

int ValidationReport::warnings() const {
    return static_cast<int>(std::count_if(findings.begin(), findings.end(),
                                          [](const Finding& f) { return f.level == Level::warning; }));
}

ValidationReport validate(const ServiceConfig& config) { return Validator(config).run(); }

std::vector<Finding> new_errors(const ValidationReport& before, const ValidationReport& after) {
    std::set<std::tuple<std::string, std::string, std::string>> known;
    for (const Finding& f : before.findings) {
        if (f.level == Level::error) {
            known.emplace(f.section, f.key, f.message);
        }
    }
    std::vector<Finding> out;
    for (const Finding& f : after.findings) {
        if (f.level == Level::error && known.count({f.section, f.key, f.message}) == 0) {
            out.push_back(f);
        }
    }
    return out;
}

}  // namespace svcagent::config
