#pragma once

// Shared by the disk.vg, disk.lv and fs unit tests: a fake host, a runner whose commands can
// change the fake state (a mount updates mountinfo), and an ActionContext over both.

#include <functional>
#include <map>
#include <set>
#include <string>
#include <sys/sysmacros.h>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <svcagent/driver.hpp>
#include <svcagent/probe_cache.hpp>
#include <svcagent/section.hpp>

#include "fs/host_ops.hpp"
#include "support/log_capture.hpp"
#include "support/recording_runner.hpp"
#include "support/temp_dir.hpp"

namespace svcagent::testing {

using Argv = std::vector<std::string>;

class FakeHostOps final : public drivers::HostOps {
public:
    std::set<std::string> dirs, files, tools;
    std::map<std::string, dev_t> block_devices;  // path -> device number
    std::map<std::string, std::string> links;    // path -> resolved path
    std::map<std::string, std::vector<std::string>> globs, holders;
    std::vector<drivers::ProcessUser> users;  // users of any mount point
    std::set<pid_t> kill_resistant;           // survive SIGTERM
    // recorded changes
    std::vector<std::string> made_dirs, removed_dirs, chowns;
    std::vector<std::pair<std::string, mode_t>> chmods;
    std::vector<std::pair<pid_t, int>> signals;
    int sleeps = 0;

    [[nodiscard]] bool exists(const std::filesystem::path& p) const override {
        const std::string s = p.string();
        return dirs.count(s) + files.count(s) + block_devices.count(s) + links.count(s) > 0;
    }
    [[nodiscard]] bool is_directory(const std::filesystem::path& p) const override {
        return dirs.count(p.string()) > 0;
    }
    [[nodiscard]] std::optional<dev_t> block_device_number(const std::filesystem::path& p) const override {
        const auto it = block_devices.find(resolve(p).string());
        return it == block_devices.end() ? std::nullopt : std::optional<dev_t>{it->second};
    }
    [[nodiscard]] std::filesystem::path resolve(const std::filesystem::path& p) const override {
        const auto it = links.find(p.string());
        return it == links.end() ? p : std::filesystem::path{it->second};
    }
    [[nodiscard]] std::vector<std::string> glob(const std::string& pattern) const override {
        const auto it = globs.find(pattern);
        if (it != globs.end()) {
            return it->second;
        }
        return exists(pattern) ? std::vector<std::string>{pattern} : std::vector<std::string>{};
    }
    [[nodiscard]] std::vector<std::string> dm_holders(const std::filesystem::path& device) const override {
        const auto it = holders.find(device.string());
        return it == holders.end() ? std::vector<std::string>{} : it->second;
    }
    [[nodiscard]] std::vector<drivers::ProcessUser> users_below(const std::filesystem::path&) const override {
        return users;
    }
    [[nodiscard]] bool has_tool(const std::string& tool) const override { return tools.count(tool) > 0; }
    void make_directories(const std::filesystem::path& p) override {
        made_dirs.push_back(p.string());
        dirs.insert(p.string());
    }
    bool remove_empty_directory(const std::filesystem::path& p) override {
        removed_dirs.push_back(p.string());
        return dirs.erase(p.string()) > 0;
    }
    void change_owner(const std::filesystem::path& p, const std::optional<std::string>& user,
                      const std::optional<std::string>& group) override {
        chowns.push_back(fmt::format("{}:{} {}", user.value_or(""), group.value_or(""), p.string()));
    }
    void change_mode(const std::filesystem::path& p, mode_t mode) override {
        chmods.emplace_back(p.string(), mode);
    }
    void send_signal(pid_t pid, int signal) override {
        signals.emplace_back(pid, signal);
        if (signal == 9 || kill_resistant.count(pid) == 0) {
            std::erase_if(users, [pid](const drivers::ProcessUser& u) { return u.pid == pid; });
        }
    }
    void sleep_for(std::chrono::milliseconds) override { ++sleeps; }
};

// A RecordingRunner whose commands may run a callback after they are recorded (to change the
// fake host or the mount table the way the real command would).
class HookRunner final : public Runner {
public:
    RecordingRunner script;
    std::vector<std::pair<Argv, std::function<void()>>> hooks;

    void after(Argv prefix, std::function<void()> hook) {
        hooks.emplace_back(std::move(prefix), std::move(hook));
    }
    [[nodiscard]] CommandResult run(const Command& cmd, spdlog::logger& log) override {
        CommandResult result = script.run(cmd, log);
        for (auto& [prefix, hook] : hooks) {
            if (result.ok() && starts_with(cmd.argv, prefix)) {
                hook();
            }
        }
        return result;
    }
};

// One mountinfo line (fields of proc(5)).
inline std::string mount_line(int id, const std::string& devno, const std::string& mount_point,
                              const std::string& type, const std::string& source,
                              const std::string& options = "rw") {
    return fmt::format("{} 1 {} / {} {} shared:1 - {} {} rw\n", id, devno, mount_point, options, type,
                       source);
}

struct LvmLv {
    std::string name;
    bool active = false;
};
struct LvmVg {
    std::string name;
    std::vector<std::string> tags{};
    std::vector<LvmLv> lvs{};
};
// `lvm fullreport --reportformat json` text for these vgs.
inline std::string lvm_report(const std::vector<LvmVg>& vgs) {
    nlohmann::json report = nlohmann::json::array();
    for (const auto& vg : vgs) {
        std::string tags;
        for (const auto& tag : vg.tags) {
            tags += (tags.empty() ? "" : ",") + tag;
        }
        nlohmann::json lvs = nlohmann::json::array();
        for (const auto& lv : vg.lvs) {
            lvs.push_back({{"lv_name", lv.name},
                           {"lv_attr", lv.active ? "-wi-a-----" : "-wi-------"},
                           {"lv_path", "/dev/" + vg.name + "/" + lv.name}});
        }
        report.push_back({{"vg", {{{"vg_name", vg.name}, {"vg_tags", tags}}}},
                          {"pv", nlohmann::json::array()},
                          {"lv", lvs}});
    }
    return nlohmann::json{{"report", report}}.dump();
}

// A resolved section for make(): values as the converters would give them.
inline ResolvedSection make_section(std::string rid, std::string group, std::string type,
                                    std::vector<std::pair<std::string, ValueData>> values) {
    ResolvedSection section;
    section.service = "db1";
    section.rid = std::move(rid);
    section.group = std::move(group);
    section.type = std::move(type);
    section.where = {.file = "db1.conf", .line = 3};
    for (auto& [key, data] : values) {
        section.values[key] = Value{
            .data = std::move(data), .text = key, .where = {.file = "db1.conf", .line = 4}, .is_set = true};
    }
    return section;
}

// Everything a driver needs for one action; `node1` is the local node.
class StorageTest : public ::testing::Test {
protected:
    StorageTest() { write_mountinfo(""); }
    void write_mountinfo(const std::string& text) { m_proc.write("self/mountinfo", text); }
    ActionContext& ctx() { return m_ctx; }
    std::vector<Argv> changes() const {  // state-changing commands only
        std::vector<Argv> argvs;
        for (const auto& cmd : m_runner.script.commands()) {
            if (cmd.effect == Effect::changes_state) {
                argvs.push_back(cmd.argv);
            }
        }
        return argvs;
    }
    bool logged(const std::string& line) const {
        for (const auto& message : m_log.messages()) {
            if (message == line) {
                return true;
            }
        }
        return false;
    }
    std::string all_logs() const {
        std::string text;
        for (const auto& message : m_log.messages()) {
            text += message + "\n";
        }
        return text;
    }

    TempDir m_proc;
    HookRunner m_runner;
    LogCapture m_log{"node1.db1.res"};
    std::shared_ptr<FakeHostOps> m_host = std::make_shared<FakeHostOps>();
    NodeInfo m_node{.nodename = "node1", .paths = {}, .is_root = true};
    ActionOptions m_options{};
    ProbeCache m_probes{m_runner, m_log.logger(), ProbeTools{}, m_proc.path()};
    ActionContext m_ctx{
        .node = m_node, .runner = m_runner, .probes = m_probes, .log = m_log.logger(), .options = m_options};
};

}  // namespace svcagent::testing
