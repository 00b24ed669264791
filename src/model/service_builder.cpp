#include "model/service_builder.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace svcagent::model {

namespace {

constexpr std::array<std::string_view, 5> k_trigger_actions{"start", "stop", "provision", "unprovision",
                                                            "sync_nodes"};

// Trigger keywords set in `values` (pre_<a>, post_<a>, blocking_pre_<a>, blocking_post_<a>).
engine::TriggerSet triggers_of(const std::map<std::string, Value, std::less<>>& values) {
    engine::TriggerSet set;
    for (const auto action : k_trigger_actions) {
        for (const char* prefix : {"pre_", "post_", "blocking_pre_", "blocking_post_"}) {
            const std::string key = prefix + std::string{action};
            const auto it = values.find(key);
            if (it == values.end()) {
                continue;
            }
            if (const auto* argv = std::get_if<std::vector<std::string>>(&it->second.data); argv && !argv->empty()) {
                set.commands[key] = *argv;
            }
        }
    }
    return set;
}

std::optional<std::int64_t> app_sequence(const ResolvedSection& section) {
    const Value* start = section.find("start");
    if (start == nullptr || start->text.empty()) {
        return std::nullopt;
    }
    const std::string& word = start->text;
    if (!std::all_of(word.begin(), word.end(), [](unsigned char c) { return std::isdigit(c) != 0; })) {
        return std::nullopt;
    }
    return std::stoll(word);
}

std::string text_value(const ResolvedSection& section, std::string_view key) {
    const Value* v = section.find(key);
    if (v == nullptr) {
        return {};
    }
    if (const auto* s = std::get_if<std::string>(&v->data)) {
        return *s;
    }
    if (const auto* list = std::get_if<std::vector<std::string>>(&v->data); list && !list->empty()) {
        return list->front();
    }
    return {};
}

bool standby_of(const config::ServiceConfig& config, const ResolvedSection& section) {
    if (section.flag("standby")) {
        return true;
    }
    // always_on (legacy): the local node is named, or is in nodes/drpnodes when those words are listed.
    for (const auto& word : section.get_list("always_on")) {
        if (word == config.node().nodename || (word == "nodes" && config.local_in(config.nodes())) ||
            (word == "drpnodes" && config.local_in(config.drpnodes()))) {
            return true;
        }
    }
    return false;
}

engine::ResourceNode build_node(const config::ServiceConfig& config, const config::RawSection& raw) {
    const ResolvedSection section = config.resolve(raw);
    const config::DriverResolution driver = config.driver(raw);
    engine::ResourceNode node;
    node.rid = raw.name;
    node.group = raw.group;
    node.type = driver.type.empty() ? raw.group : raw.group + "." + driver.type;
    if (raw.group == "fs" && driver.type.empty()) {
        node.type = "fs." + text_value(section, "type");
    }
    node.subset = section.get_string("subset").value_or("");
    for (const auto& tag : section.get_list("tags")) {
        node.tags.insert(tag);
    }
    node.disabled = section.flag("disable");
    node.optional = section.get_bool("optional").value_or(raw.group == "sync");
    node.standby = standby_of(config, section);
    node.encap = section.flag("encap");
    node.shared = section.flag("shared");
    node.monitor = section.flag("monitor");
    node.provision = section.get_bool("provision").value_or(true);
    node.unprovision = section.get_bool("unprovision").value_or(true);
    node.restart = static_cast<int>(section.get_int("restart").value_or(0));
    if (raw.group == "app") {
        node.app_sequence = app_sequence(section);
    }
    if (raw.group == "disk" && driver.type == "vg") {
        node.vg_name = text_value(section, "name");
    } else if (raw.group == "disk" && driver.type == "lv") {
        node.lv_vg = text_value(section, "vg");
    } else if (raw.group == "fs") {
        node.mnt = text_value(section, "mnt");
    }
    if (raw.group == "ip" || raw.group == "container") {
        node.netns = text_value(section, "netns");
    }
    node.triggers = triggers_of(section.values);
    for (const char* action : {"start", "stop", "provision"}) {
        if (const auto d = section.get_duration(std::string{action} + "_timeout")) {
            node.timeouts[action] = std::chrono::duration_cast<std::chrono::milliseconds>(*d);
        }
    }
    if (driver.support != config::DriverSupport::supported || driver.spec == nullptr || driver.spec->make == nullptr) {
        node.unsupported = true;
        return node;
    }
    node.impl = driver.spec->make(section);
    return node;
}

}  // namespace

engine::ServiceGraph build_graph(const config::ServiceConfig& config) {
    engine::ServiceGraph graph;
    graph.service = config.name();
    graph.svc_id = config.id();
    graph.nodes = config.nodes();
    graph.drpnodes = config.drpnodes();
    graph.encapnodes = config.encapnodes();
    if (const config::RawSection* defaults = config.section("DEFAULT")) {
        auto value = [&](std::string_view key) -> Value {
            const auto match = config.keyword(*defaults, key);
            return match ? config.evaluate(*defaults, *match.keyword).value : Value{};
        };
        auto text = [&](std::string_view key, const char* fallback) {
            const Value v = value(key);
            return v.text.empty() ? std::string{fallback} : v.text;
        };
        const Value rollback = value("rollback");
        graph.rollback = std::holds_alternative<bool>(rollback.data) ? std::get<bool>(rollback.data) : true;
        graph.topology = text("topology", "failover");
        graph.orchestrate = text("orchestrate", "no");
        graph.env = text("env", "TST");
        if (const Value v = value("disable"); std::holds_alternative<bool>(v.data)) {
            graph.disabled = std::get<bool>(v.data);
        }
        if (const Value v = value("autostart_node"); std::holds_alternative<std::vector<std::string>>(v.data)) {
            graph.autostart_node = std::get<std::vector<std::string>>(v.data);
        }
        if (const Value v = value("lock_timeout"); std::holds_alternative<std::int64_t>(v.data)) {
            graph.lock_timeout = std::chrono::seconds{std::get<std::int64_t>(v.data)};
        }
        std::map<std::string, Value, std::less<>> values;
        for (const auto& [key, forms] : defaults->keys) {
            if (key.rfind("pre_", 0) == 0 || key.rfind("post_", 0) == 0 || key.rfind("blocking_", 0) == 0) {
                values[key] = value(key);
            }
        }
        graph.triggers = triggers_of(values);
    } else {
        graph.env = config.node_config().env;
    }
    for (const config::RawSection& raw : config.sections()) {
        if (raw.kind == config::SectionKind::resource || raw.kind == config::SectionKind::unsupported_family) {
            if (raw.kind == config::SectionKind::unsupported_family) {
                engine::ResourceNode node;
                node.rid = raw.name;
                node.group = raw.group;
                node.type = raw.group;
                node.unsupported = true;
                graph.resources.push_back(std::move(node));
                continue;
            }
            graph.resources.push_back(build_node(config, raw));
        } else if (raw.kind == config::SectionKind::subset) {
            const auto match = config.keyword(raw, "parallel");
            bool parallel = false;
            if (match) {
                const Value v = config.evaluate(raw, *match.keyword).value;
                parallel = std::holds_alternative<bool>(v.data) && std::get<bool>(v.data);
            }
            graph.parallel_subsets[raw.group + ":" + raw.index] = parallel;
        }
    }
    return graph;
}

}  // namespace svcagent::model
