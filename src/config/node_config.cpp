#include "config/node_config.hpp"

#include <algorithm>
#include <cctype>

#include "config/converters.hpp"
#include "util/strings.hpp"

namespace svcagent::config {

namespace {
}  // namespace

NodeConfig node_config_from_sections(std::vector<IniSection> sections, const NodeInfo& node) {
    NodeConfig config;
    config.cluster_nodes = {node.nodename};
    config.sections = merge_sections(std::move(sections));
    for (const IniSection& section : config.sections) {
        if (section.name == "node") {
            const IniEntry* env = section.find("env");
            if (env == nullptr) {
                env = section.find("host_mode");
            }
            if (env != nullptr && !env->value.empty()) {
                config.env = env->value;
            }
        } else if (section.name == "cluster") {
            if (const IniEntry* name = section.find("name"); name != nullptr && !name->value.empty()) {
                config.cluster_name = name->value;
            }
            if (const IniEntry* nodes = section.find("nodes"); nodes != nullptr) {
                config.cluster_nodes.clear();
                for (const auto& word : split_words(nodes->value)) {
                    config.cluster_nodes.push_back(util::to_lower(word));
                }
                if (config.cluster_nodes.empty()) {
                    config.cluster_nodes = {node.nodename};
                }
            }
            if (const IniEntry* dns = section.find("dns"); dns != nullptr) {
                config.dns = split_words(dns->value);
            }
        }
    }
    return config;
}

NodeConfig load_node_config(const NodeInfo& node) {
    const auto path = node.paths.etc / "node.conf";
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        NodeConfig config = node_config_from_sections({}, node);
        config.file = path;
        return config;
    }
    NodeConfig config = node_config_from_sections(open_config_file(path)->read(), node);
    config.file = path;
    return config;
}

}  // namespace svcagent::config
