#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include <svcagent/node_info.hpp>
#include <svcagent/registry.hpp>

#include "cli/actions.hpp"
#include "cli/options.hpp"

namespace svcagent::cli {

// What a handler gets: the parsed command line, who we are, the drivers, where to print.
class CommandContext {
public:
    CommandContext(const Options& options, const NodeInfo& node, const DriverRegistry& registry,
                   const ActionSpec& action, std::ostream& out, std::ostream& err)
        : m_options(options), m_node(node), m_registry(registry), m_action(action), m_out(out), m_err(err) {}

    [[nodiscard]] const Options& options() const { return m_options; }
    [[nodiscard]] const NodeInfo& node() const { return m_node; }
    [[nodiscard]] const DriverRegistry& registry() const { return m_registry; }
    [[nodiscard]] const ActionSpec& action() const { return m_action; }
    [[nodiscard]] const std::string& service() const { return m_service; }
    void set_service(std::string name) { m_service = std::move(name); }
    // Every selected service, for handlers that run once (ActionSpec::once).
    [[nodiscard]] const std::vector<std::string>& services() const { return m_services; }
    void set_services(std::vector<std::string> names) { m_services = std::move(names); }
    [[nodiscard]] std::ostream& out() { return m_out; }
    [[nodiscard]] std::ostream& err() { return m_err; }

private:
    const Options& m_options;
    const NodeInfo& m_node;
    const DriverRegistry& m_registry;
    const ActionSpec& m_action;
    std::ostream& m_out;
    std::ostream& m_err;
    std::string m_service;
    std::vector<std::string> m_services;
};

}  // namespace svcagent::cli
