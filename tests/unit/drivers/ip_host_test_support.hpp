#pragma once

// Shared by the ip.host unit tests: a RecordingRunner, a ProbeCache over it (plain "ip"), a node
// under a temporary OSVC_ROOT, and builders of `ip -j addr show` JSON.

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <svcagent/driver.hpp>
#include <svcagent/node_info.hpp>
#include <svcagent/probe_cache.hpp>
#include <svcagent/section.hpp>

#include "ip/host_resource.hpp"
#include "support/log_capture.hpp"
#include "support/recording_runner.hpp"
#include "support/temp_dir.hpp"

namespace svcagent::testing::ip_host {

using Argv = std::vector<std::string>;
using nlohmann::json;

inline const Argv k_probe{"ip", "-j", "addr", "show"};
inline const Argv k_arping_version{"arping", "-V"};
inline const RecordingRunner::Reply k_iputils{.exit_code = 0, .out = "arping from iputils 20221126\n"};

inline std::string fixture(const std::string& name) {
    return read_file(std::filesystem::path{SVCAGENT_FIXTURES_DIR} / "drivers" / name);
}

inline json addr(const std::string& local, int prefix, json extra = json::object()) {
    json a = {{"family", local.find(':') == std::string::npos ? "inet" : "inet6"},
              {"local", local},
              {"prefixlen", prefix},
              {"scope", "global"}};
    a.update(extra);
    return a;
}

inline json link(const std::string& name, std::vector<std::string> flags, std::vector<json> addrs = {}) {
    static int index = 0;
    return {{"ifindex", ++index},           {"ifname", name},
            {"flags", std::move(flags)},    {"operstate", "UP"},
            {"link_type", "ether"},         {"address", "02:00:00:00:00:01"},
            {"addr_info", std::move(addrs)}};
}

inline const std::vector<std::string> k_up{"BROADCAST", "MULTICAST", "UP", "LOWER_UP"};

// br0 up with 10.231.0.11/24 and fd00:231::11/64, plus `extra` addresses on br0.
inline std::string lab_table(std::vector<json> extra = {}) {
    std::vector<json> addrs{addr("10.231.0.11", 24), addr("fd00:231::11", 64)};
    addrs.insert(addrs.end(), extra.begin(), extra.end());
    return json::array(
               {link("lo", {"LOOPBACK", "UP", "LOWER_UP"}, {addr("127.0.0.1", 8)}), link("br0", k_up, addrs)})
        .dump();
}

inline ResolvedSection section(std::vector<std::pair<std::string, ValueData>> values) {
    ResolvedSection s;
    s.service = "db1";
    s.rid = "ip#1";
    s.group = "ip";
    s.type = "host";
    s.where = {.file = "db1.conf", .line = 3};
    int line = 4;
    for (auto& [key, data] : values) {
        s.values[key] = Value{.data = std::move(data),
                              .text = key,
                              .where = {.file = "db1.conf", .line = line++},
                              .is_set = true};
    }
    return s;
}

class IpHostTest : public ::testing::Test {
protected:
    drivers::ip::HostIpResource& make(drivers::ip::HostIpConfig config) {
        drivers::ip::HostIpTools tools{
            .ip = "ip",
            .resolve = [this](const std::string& name) -> std::optional<std::string> {
                const auto it = m_names.find(name);
                return it == m_names.end() ? std::nullopt : std::optional{it->second};
            },
            .sleep = [this](std::chrono::milliseconds) { ++m_sleeps; }};
        m_resources.push_back(
            std::make_unique<drivers::ip::HostIpResource>(std::move(config), std::move(tools)));
        return *m_resources.back();
    }
    static drivers::ip::HostIpConfig config(std::string ipname, std::string ipdev = "br0") {
        return {.service = "db1", .rid = "ip#1", .ipname = std::move(ipname), .ipdev = std::move(ipdev)};
    }
    void table(const std::string& text) { m_runner.on(k_probe, {.out = text}); }
    void tables(const std::vector<std::string>& texts) {
        std::vector<RecordingRunner::Reply> replies;
        for (const auto& t : texts) {
            replies.push_back({.out = t});
        }
        m_runner.on_sequence(k_probe, replies);
    }
    [[nodiscard]] std::vector<Argv> changes() const {
        std::vector<Argv> out;
        for (const auto& cmd : m_runner.commands()) {
            if (cmd.effect == Effect::changes_state) {
                out.push_back(cmd.argv);
            }
        }
        return out;
    }
    [[nodiscard]] bool logged(const std::string& line) const {
        for (const auto& m : m_log.messages()) {
            if (m == line) {
                return true;
            }
        }
        return false;
    }
    [[nodiscard]] std::string logs() const {
        std::string text;
        for (const auto& m : m_log.messages()) {
            text += m + "\n";
        }
        return text;
    }

    RecordingRunner m_runner;
    LogCapture m_log{"node1.db1.ip#1"};
    TempDir m_root;
    NodeInfo m_node{.nodename = "node1", .paths = Paths::relocated(m_root.path()), .is_root = true};
    ProbeCache m_probes{m_runner, m_log.logger(), ProbeTools{}, "/proc"};
    ActionOptions m_options{};
    ActionContext m_ctx{m_node, m_runner, m_probes, m_log.logger(), m_options};
    std::map<std::string, std::string> m_names;
    int m_sleeps = 0;
    std::vector<std::unique_ptr<drivers::ip::HostIpResource>> m_resources;
};

}  // namespace svcagent::testing::ip_host
