#pragma once

// Shared by the container.docker and ip.netns unit tests: a fake docker client that keeps the
// state of its containers and images (run/start/stop/rm/kill/pull/load change it; ps, inspect and
// images report it), every other command answered by a RecordingRunner script.

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <svcagent/driver.hpp>
#include <svcagent/probe_cache.hpp>
#include <svcagent/section.hpp>

#include "support/log_capture.hpp"
#include "support/recording_runner.hpp"
#include "support/temp_dir.hpp"

namespace svcagent::testing {

struct FakeContainer {
    std::string id, name, image;
    bool running = false;
    int exit_code = 0;
    int pid = 0;
    std::string sandbox{};
    std::string health{};
};

class FakeDocker final : public Runner {
public:
    std::vector<FakeContainer> containers;
    std::vector<std::string> images;  // "repo:tag"
    bool exits_on_start = false;      // the container's command ends at once (exit code 3)
    bool stop_hangs = false;          // `docker stop` exceeds its timeout
    bool unreachable = false;         // every docker command fails like a dead daemon
    std::string archive_image = "svcagent/busybox:latest";  // what `docker load` brings
    RecordingRunner script;                                 // everything that is not docker
    std::vector<Command> log_of_commands;

    [[nodiscard]] CommandResult run(const Command& cmd, spdlog::logger& log) override {
        log_of_commands.push_back(cmd);
        if (cmd.argv.empty() || cmd.argv[0] != "docker") {
            return script.run(cmd, log);
        }
        std::size_t i = 1;
        while (i + 1 < cmd.argv.size() && cmd.argv[i] == "-H") {
            i += 2;
        }
        const std::vector<std::string> args(cmd.argv.begin() + static_cast<long>(i), cmd.argv.end());
        if (unreachable) {
            return fail(1, "Cannot connect to the Docker daemon");
        }
        return docker(args);
    }

    [[nodiscard]] std::vector<std::vector<std::string>> changes() const {
        std::vector<std::vector<std::string>> argvs;
        for (const auto& cmd : log_of_commands) {
            if (cmd.effect == Effect::changes_state) {
                argvs.push_back(cmd.argv);
            }
        }
        return argvs;
    }
    FakeContainer* find(const std::string& key) {
        for (auto& c : containers) {
            if (c.name == key || c.id == key) {
                return &c;
            }
        }
        return nullptr;
    }
    FakeContainer& add(const std::string& name, const std::string& image, bool running) {
        const int n = static_cast<int>(containers.size()) + 1;
        containers.push_back({.id = fmt::format("{:064d}", n),
                              .name = name,
                              .image = image,
                              .running = running,
                              .exit_code = 0,
                              .pid = running ? 25520 + n : 0,
                              .sandbox = running ? fmt::format("/var/run/docker/netns/ns{}", n) : "",
                              .health = ""});
        return containers.back();
    }

private:
    static CommandResult ok(std::string out = {}) {
        CommandResult r;
        r.exit_code = 0;
        r.out = std::move(out);
        return r;
    }
    static CommandResult fail(int code, std::string err) {
        CommandResult r;
        r.exit_code = code;
        r.err = std::move(err);
        return r;
    }
    static std::string tagged(const std::string& image) {
        return image.find(':') == std::string::npos ? image + ":latest" : image;
    }
    bool has_image(const std::string& image) const {
        return std::find(images.begin(), images.end(), tagged(image)) != images.end();
    }
    void set_running(FakeContainer& c, bool running) {
        c.running = running && !exits_on_start;
        c.exit_code = running && exits_on_start ? 3 : c.exit_code;
        c.pid = c.running ? 25600 + static_cast<int>(&c - containers.data()) : 0;
        c.sandbox = c.running ? fmt::format("/var/run/docker/netns/ns{}", c.pid) : "";
    }
    nlohmann::json state(const FakeContainer& c) const {
        nlohmann::json s = {{"Running", c.running},
                            {"Status", c.running ? "running" : "exited"},
                            {"ExitCode", c.exit_code},
                            {"Pid", c.pid},
                            {"Error", ""}};
        if (!c.health.empty()) {
            s["Health"] = {{"Status", c.health}};
        }
        return s;
    }

    CommandResult docker(const std::vector<std::string>& args) {
        const std::string& verb = args.at(0);
        if (verb == "version") {
            return ok("20.10.24\n");
        }
        if (verb == "ps") {
            std::string out;
            for (const auto& c : containers) {
                out += nlohmann::json{{"ID", c.id}, {"Names", c.name}, {"Image", c.image}}.dump() + "\n";
            }
            return ok(out);
        }
        if (verb == "images") {
            std::string out;
            for (const auto& image : images) {
                const auto colon = image.rfind(':');
                out += nlohmann::json{{"Repository", image.substr(0, colon)},
                                      {"Tag", image.substr(colon + 1)},
                                      {"ID", "sha256:" + std::string(64, 'a')}}
                           .dump() +
                       "\n";
            }
            return ok(out);
        }
        if (verb == "inspect" && args.size() == 4 && args[1] == "--format") {
            FakeContainer* c = find(args[3]);
            if (c == nullptr) {
                return fail(1, "Error: No such object: " + args[3]);
            }
            return ok(args[2] == "{{json .State}}" ? state(*c).dump() + "\n"
                                                   : (c->running ? "true\n" : "false\n"));
        }
        if (verb == "inspect") {
            nlohmann::json array = nlohmann::json::array();
            for (std::size_t k = 1; k < args.size(); ++k) {
                if (const FakeContainer* c = find(args[k])) {
                    array.push_back({{"Id", c->id},
                                     {"Name", "/" + c->name},
                                     {"Config", {{"Image", c->image}}},
                                     {"State", state(*c)},
                                     {"NetworkSettings", {{"SandboxKey", c->sandbox}}}});
                }
            }
            return ok(array.dump());
        }
        if (verb == "run") {
            std::string name, image;
            for (const auto& word : args) {
                if (word.rfind("--name=", 0) == 0) {
                    name = word.substr(7);
                } else if (image.empty() && has_image(word)) {
                    image = word;
                }
            }
            if (image.empty()) {
                return fail(125, "Unable to find image locally");
            }
            if (find(name) != nullptr) {
                return fail(125, "Conflict. The container name is already in use");
            }
            FakeContainer& c = add(name, image, false);
            set_running(c, true);
            return ok(c.id + "\n");
        }
        FakeContainer* c = args.size() > 1 ? find(args.back()) : nullptr;
        if (verb == "start" && c != nullptr) {
            set_running(*c, true);
            return ok(args.back() + "\n");
        }
        if (verb == "stop" && c != nullptr) {
            if (stop_hangs) {
                CommandResult hung;
                hung.timed_out = true;
                return hung;
            }
            set_running(*c, false);
            return ok(args.back() + "\n");
        }
        if (verb == "kill" && c != nullptr) {
            c->running = false;
            c->exit_code = 137;
            c->pid = 0;
            return ok(args.back() + "\n");
        }
        if (verb == "rm" && c != nullptr) {
            if (c->running && args[1] != "-f") {
                return fail(1, "You cannot remove a running container");
            }
            containers.erase(containers.begin() + (c - containers.data()));
            return ok(args.back() + "\n");
        }
        if (verb == "pull") {
            images.push_back(tagged(args.at(1)));
            return ok();
        }
        if (verb == "load") {
            images.push_back(archive_image);
            return ok();
        }
        return fail(1, "fake docker: unexpected command");
    }
};

// A resolved section for make(): values as the converters would give them.
inline ResolvedSection docker_section(std::string rid, std::string group, std::string type,
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
    // the host may have /usr/bin/docker: tests name the client "docker"
    section.context["node.docker_exe"] =
        Value{.data = std::string{"docker"}, .text = "docker", .where = {}, .is_set = true};
    return section;
}

class DockerTestBase : public ::testing::Test {
protected:
    DockerTestBase() { m_node.paths = Paths::relocated(m_root.path()); }
    ActionContext& ctx() { return m_ctx; }
    bool logged(const std::string& line) const {
        const auto messages = m_log.messages();
        return std::find(messages.begin(), messages.end(), line) != messages.end();
    }
    std::string all_logs() const {
        std::string text;
        for (const auto& message : m_log.messages()) {
            text += message + "\n";
        }
        return text;
    }

    TempDir m_root;
    FakeDocker m_docker;
    LogCapture m_log{"node1.db1.container#0"};
    NodeInfo m_node{.nodename = "node1", .paths = {}, .is_root = true};
    ActionOptions m_options{};
    ProbeCache m_probes{m_docker, m_log.logger(), ProbeTools{}, m_root.path()};
    ActionContext m_ctx{
        .node = m_node, .runner = m_docker, .probes = m_probes, .log = m_log.logger(), .options = m_options};
};

}  // namespace svcagent::testing
