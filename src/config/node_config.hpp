#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <svcagent/node_info.hpp>

#include "config/ini_lexer.hpp"

namespace svcagent::config {

// What services need from node.conf (SPEC §1.4). The file is optional; every key has a default.
struct NodeConfig {
    std::string env = "TST";
    std::string cluster_name = "default";
    std::vector<std::string> cluster_nodes;  // default: the local node
    std::vector<std::string> dns;
    std::vector<IniSection> sections;  // the raw file, for nodemgr get/validate and ssh settings
    std::filesystem::path file;
};

// Reads <etc>/node.conf when it exists. Throws ConfigError on a syntax or type error.
[[nodiscard]] NodeConfig load_node_config(const NodeInfo& node);
[[nodiscard]] NodeConfig node_config_from_sections(std::vector<IniSection> sections, const NodeInfo& node);

}  // namespace svcagent::config
