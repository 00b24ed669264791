#include "container/docker.hpp"

#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <svcagent/error.hpp>

#include "container/docker_resource.hpp"
#include "container/run_args.hpp"
#include "docker_test_support.hpp"

namespace svcagent::testing {
namespace {

using drivers::container::ContainerConfig;
using drivers::container::ContainerTools;
using drivers::container::DockerContainer;
using Argv = std::vector<std::string>;

// ---- run_args vectors (SPEC §9.6) ----

struct RunArgsVector {
    std::string id;
    nlohmann::json data;
};

std::vector<RunArgsVector> load_run_args_vectors() {
    std::ifstream in(std::string{SVCAGENT_FIXTURES_DIR} + "/drivers/docker_run_args.json");
    const auto doc = nlohmann::json::parse(in);
    std::vector<RunArgsVector> vectors;
    for (const auto& item : doc) {
        vectors.push_back({item.at("id").get<std::string>(), item});
    }
    return vectors;
}

class RunArgs : public ::testing::TestWithParam<RunArgsVector> {};

TEST_P(RunArgs, ValidatesAndProcessesLikeTheSpec) {
    const auto& v = GetParam().data;
    const auto words = v.at("run_args").get<Argv>();
    const auto error = drivers::container::run_args_error(words);
    if (v.contains("error")) {
        ASSERT_TRUE(error.has_value());
        EXPECT_EQ(*error, v.at("error").get<std::string>());
        return;
    }
    ASSERT_FALSE(error.has_value()) << *error;
    const auto& c = v.at("controlled");
    const auto processed =
        drivers::container::process_run_args(words, {.netns = c.value("netns", false),
                                                     .hostname = c.value("hostname", false),
                                                     .entrypoint = c.value("entrypoint", false),
                                                     .user = c.value("user", false),
                                                     .privileged = c.value("privileged", false)});
    EXPECT_EQ(processed.words, v.at("words").get<Argv>());
    EXPECT_EQ(processed.removed, v.at("removed").get<Argv>());
    EXPECT_EQ(processed.has_network, v.value("has_network", false));
}

INSTANTIATE_TEST_SUITE_P(Spec, RunArgs, ::testing::ValuesIn(load_run_args_vectors()),
                         [](const auto& p) { return p.param.id; });

TEST(RunArgsWarnings, NameTheRemovedOptions) {
    const auto processed = drivers::container::process_run_args({"--rm", "-dit"}, {});
    EXPECT_EQ(drivers::container::run_args_warnings("container#1", processed),
              (Argv{"container#1.run_args: --rm is controlled by the agent",
                    "container#1.run_args: -d is controlled by the agent"}));
}

// ---- configuration ----

ResolvedSection container_section(const std::string& rid,
                                  std::vector<std::pair<std::string, ValueData>> values) {
    values.emplace_back("detach", true);
    values.emplace_back("image_pull_policy", std::string{"once"});
    return docker_section(rid, "container", "docker", std::move(values));
}

TEST(ContainerConfig, RunArgvOfSeed000Containers) {
    const auto pause = ContainerConfig::from(
        container_section("container#0", {{"image", std::string{"google/pause"}}, {"rm", true}}));
    EXPECT_EQ(pause.run_argv(),
              (Argv{"run", "--name=db1.container.0", "--detach", "--net=none", "google/pause"}));
    const auto postgres = ContainerConfig::from(container_section(
        "container#1",
        {{"image", std::string{"postgres"}},
         {"netns", std::string{"container#0"}},
         {"rm", true},
         {"run_args", Argv{"-v", "/srv/db1/data/postgresql:/var/lib/postgresql:rw", "--user=999:999"}}}));
    EXPECT_EQ(postgres.run_argv(),
              (Argv{"run", "--name=db1.container.1", "-v", "/srv/db1/data/postgresql:/var/lib/postgresql:rw",
                    "--user=999:999", "--detach", "--net=container:db1.container.0", "postgres"}));
}

TEST(ContainerConfig, RunArgvPutsKeywordOptionsInContractOrder) {
    const auto config = ContainerConfig::from(
        container_section("container#web", {{"image", std::string{"nginx:1.25"}},
                                            {"name", std::string{"web"}},
                                            {"netns", std::string{"host"}},
                                            {"hostname", std::string{"h1"}},
                                            {"entrypoint", std::string{"/bin/sh"}},
                                            {"user", std::string{"0"}},
                                            {"privileged", true},
                                            {"environment", Argv{"A=1", "B=two words"}},
                                            {"command", Argv{"-c", "sleep 1"}},
                                            {"run_args", Argv{"--net=bridge", "-p", "80:80"}}}));
    EXPECT_EQ(config.run_argv(), (Argv{"run", "--name=web", "-p", "80:80", "--detach", "--net=host",
                                       "--hostname=h1", "--entrypoint=/bin/sh", "--user=0", "--privileged",
                                       "-e", "A=1", "-e", "B=two words", "nginx:1.25", "-c", "sleep 1"}));
}

TEST(ContainerConfig, NetworkFromRunArgsIsNotOverridden) {
    const auto config = ContainerConfig::from(container_section(
        "container#1", {{"image", std::string{"b073e328878e"}}, {"run_args", Argv{"--net=bridge"}}}));
    EXPECT_EQ(config.run_argv(),
              (Argv{"run", "--name=db1.container.1", "--net=bridge", "--detach", "b073e328878e"}));
}

TEST(ContainerConfig, JoinedContainerNameComesFromTheContext) {
    auto section = container_section(
        "container#1", {{"image", std::string{"postgres"}}, {"netns", std::string{"container#0"}}});
    section.context["container#0.name"] =
        Value{.data = std::string{"pause"}, .text = "pause", .where = {}, .is_set = true};
    EXPECT_EQ(ContainerConfig::from(section).netns_container, "pause");
}

TEST(ContainerConfig, RunArgsWordTakenAsImageIsAConfigErrorAtItsLine) {
    try {
        (void)ContainerConfig::from(container_section(
            "container#1", {{"image", std::string{"postgres"}}, {"run_args", Argv{"-v", "/a:/b", "x"}}}));
        FAIL() << "no error";
    } catch (const ConfigError& e) {
        EXPECT_EQ(e.where().line, 4);
        EXPECT_EQ(e.message(),
                  "container#1.run_args: unexpected word 'x' (docker would take it as the image)");
    }
}

TEST(ContainerConfig, HostileValuesStayOneArgvElement) {
    const auto config = ContainerConfig::from(container_section(
        "container#1", {{"image", std::string{"$(reboot)"}}, {"environment", Argv{"X=; rm -rf /"}}}));
    const Argv argv = config.run_argv();
    EXPECT_EQ(argv.back(), "$(reboot)");
    EXPECT_EQ(argv[argv.size() - 2], "X=; rm -rf /");
}

TEST(ContainerConfig, PrivateDaemonWithoutDataDirIsAnError) {
    auto section = container_section("container#1", {{"image", std::string{"busybox"}}});
    section.context["DEFAULT.docker_daemon_private"] =
        Value{.data = true, .text = "true", .where = {}, .is_set = true};
    EXPECT_THROW((void)ContainerConfig::from(section), ConfigError);
}

// ---- resource actions against the fake docker ----

class DockerContainerTest : public DockerTestBase {
protected:
    DockerContainer make(std::vector<std::pair<std::string, ValueData>> values) {
        if (std::none_of(values.begin(), values.end(), [](const auto& kv) { return kv.first == "image"; })) {
            values.emplace_back("image", std::string{"google/pause"});
        }
        return {ContainerConfig::from(container_section("container#0", std::move(values))),
                ContainerTools{.has_exe = [](const std::string&) { return true; },
                               .sleep = [this](std::chrono::milliseconds) { ++m_sleeps; },
                               .daemon_host = nullptr,
                               .poll_interval = std::chrono::milliseconds{500}}};
    }
    int m_sleeps = 0;
};

TEST_F(DockerContainerTest, StartRunsTheContainerThenWaitsForUp) {
    m_docker.images = {"google/pause:latest"};
    auto res = make({});
    EXPECT_TRUE(res.start(ctx()));
    EXPECT_EQ(m_docker.changes(), (std::vector<Argv>{{"docker", "run", "--name=db1.container.0", "--detach",
                                                      "--net=none", "google/pause"}}));
    EXPECT_TRUE(logged("INFO wait for up status")) << all_logs();
    EXPECT_TRUE(logged("INFO wait for container operational")) << all_logs();
    EXPECT_EQ(res.status(ctx()).status, Status::up);
}

TEST_F(DockerContainerTest, StartOfARunningContainerChangesNothing) {
    m_docker.images = {"google/pause:latest"};
    m_docker.add("db1.container.0", "google/pause", true);
    auto res = make({});
    EXPECT_FALSE(res.start(ctx()));
    EXPECT_TRUE(m_docker.changes().empty());
    EXPECT_TRUE(logged("INFO container db1.container.0 is already started"));
}

TEST_F(DockerContainerTest, StartPullsAMissingImageFirst) {
    auto res = make({});
    EXPECT_TRUE(res.start(ctx()));
    EXPECT_EQ(m_docker.changes(), (std::vector<Argv>{{"docker", "pull", "google/pause"},
                                                     {"docker", "run", "--name=db1.container.0", "--detach",
                                                      "--net=none", "google/pause"}}));
    for (const auto& cmd : m_docker.log_of_commands) {
        if (cmd.argv[1] == "pull") {
            EXPECT_EQ(cmd.timeout, std::chrono::minutes{2});  // pull_timeout
        }
    }
}

TEST_F(DockerContainerTest, StartLoadsTheArchiveWhenTheImageIsAbsent) {
    m_docker.archive_image = "google/pause:latest";
    auto res = make({{"image_archive", std::string{"/srv/pause.tar"}}});
    EXPECT_TRUE(res.start(ctx()));
    EXPECT_EQ(m_docker.changes().front(), (Argv{"docker", "load", "-i", "/srv/pause.tar"}));
}

TEST_F(DockerContainerTest, MissingImageFailsTheStartWithDockersError) {
    m_docker.archive_image = "other:latest";  // the archive does not hold the image
    auto res = make({{"image_archive", std::string{"/srv/wrong.tar"}}});
    try {
        (void)res.start(ctx());
        FAIL() << "no error";
    } catch (const CommandError& e) {
        EXPECT_EQ(e.result().exit_code, 125);
        EXPECT_NE(std::string{e.what()}.find("Unable to find image"), std::string::npos) << e.what();
    }
    EXPECT_TRUE(m_docker.containers.empty());
}

TEST_F(DockerContainerTest, ContainerExitingAtOnceFailsTheStartAndIsRemovedWithRm) {
    m_docker.images = {"google/pause:latest"};
    m_docker.exits_on_start = true;
    auto res = make({{"rm", true}});
    try {
        (void)res.start(ctx());
        FAIL() << "no error";
    } catch (const ResourceError& e) {
        EXPECT_NE(std::string{e.what()}.find("the container went down (exit code 3)"), std::string::npos)
            << e.what();
    }
    EXPECT_EQ(m_docker.changes().back(), (Argv{"docker", "rm", "-f", "db1.container.0"}));
    EXPECT_TRUE(m_docker.containers.empty());
}

TEST_F(DockerContainerTest, StartWithRmRemovesAStoppedLeftoverBeforeRun) {
    m_docker.images = {"google/pause:latest"};
    m_docker.add("db1.container.0", "google/pause", false);
    auto res = make({{"rm", true}});
    EXPECT_TRUE(res.start(ctx()));
    EXPECT_EQ(m_docker.changes(), (std::vector<Argv>{{"docker", "rm", "db1.container.0"},
                                                     {"docker", "run", "--name=db1.container.0", "--detach",
                                                      "--net=none", "google/pause"}}));
}

TEST_F(DockerContainerTest, StartWithoutRmRestartsTheStoppedContainerByFullId) {
    m_docker.images = {"google/pause:latest"};
    const std::string id = m_docker.add("db1.container.0", "google/pause", false).id;
    auto res = make({});
    EXPECT_TRUE(res.start(ctx()));
    EXPECT_EQ(m_docker.changes(), (std::vector<Argv>{{"docker", "start", id}}));
}

TEST_F(DockerContainerTest, StopStopsRemovesAndWaitsForDown) {
    const std::string id = m_docker.add("db1.container.0", "google/pause", true).id;
    auto res = make({{"rm", true}});
    EXPECT_TRUE(res.stop(ctx()));
    EXPECT_EQ(m_docker.changes(),
              (std::vector<Argv>{{"docker", "stop", id}, {"docker", "rm", "db1.container.0"}}));
    EXPECT_TRUE(logged("INFO wait for down status"));
    EXPECT_TRUE(m_docker.containers.empty());
}

TEST_F(DockerContainerTest, HungDockerStopIsFollowedByKill) {
    const std::string id = m_docker.add("db1.container.0", "google/pause", true).id;
    m_docker.stop_hangs = true;
    auto res = make({{"stop_timeout", std::int64_t{3}}});
    EXPECT_TRUE(res.stop(ctx()));
    EXPECT_EQ(m_docker.changes(), (std::vector<Argv>{{"docker", "stop", id}, {"docker", "kill", id}}));
    EXPECT_EQ(m_docker.log_of_commands[2].timeout, std::chrono::seconds{3});
    EXPECT_FALSE(m_docker.containers.front().running);
}

TEST_F(DockerContainerTest, StopOfAStoppedContainerChangesNothing) {
    m_docker.add("db1.container.0", "google/pause", false);
    auto res = make({});
    EXPECT_FALSE(res.stop(ctx()));
    EXPECT_TRUE(m_docker.changes().empty());
    EXPECT_TRUE(logged("INFO container db1.container.0 is already stopped"));
}

TEST_F(DockerContainerTest, StatusTellsWhyTheContainerIsDown) {
    auto res = make({});
    auto report = res.status(ctx());
    EXPECT_EQ(report.status, Status::down);
    ASSERT_EQ(report.log.size(), 1U);
    EXPECT_EQ(report.log[0].message, "image google/pause is not present");
    EXPECT_EQ(report.log[0].level, "warn");
    EXPECT_EQ(res.label(), "docker container db1.container.0@google/pause");
}

TEST_F(DockerContainerTest, StatusOfAnUnreachableDaemonIsDownWithAWarning) {
    m_docker.unreachable = true;
    auto res = make({});
    const auto report = res.status(ctx());
    EXPECT_EQ(report.status, Status::down);
    ASSERT_EQ(report.log.size(), 1U);
    EXPECT_EQ(report.log[0].message, "docker daemon is not reachable");
}

TEST_F(DockerContainerTest, StatusWarnsAboutAnotherImage) {
    m_docker.add("db1.container.0", "google/pause:3.1", true);
    auto res = make({});
    const auto report = res.status(ctx());
    EXPECT_EQ(report.status, Status::up);
    ASSERT_EQ(report.log.size(), 1U);
    EXPECT_EQ(report.log[0].message,
              "the current container is based on image 'google/pause:3.1' instead of 'google/pause'");
}

TEST_F(DockerContainerTest, StatusCostsOnePsAndOneInspectForAllContainers) {
    m_docker.add("db1.container.0", "google/pause", true);
    m_docker.add("db1.container.1", "google/pause", true);
    auto first = make({});
    DockerContainer second{
        ContainerConfig::from(container_section("container#1", {{"image", std::string{"google/pause"}}})),
        ContainerTools{.has_exe = [](const std::string&) { return true; }}};
    EXPECT_EQ(first.status(ctx()).status, Status::up);
    EXPECT_EQ(second.status(ctx()).status, Status::up);
    EXPECT_EQ(m_docker.log_of_commands.size(), 2U);
}

}  // namespace
}  // namespace svcagent::testing

namespace svcagent::testing {
namespace {

using drivers::container::DaemonPaths;
using drivers::container::DockerSettings;

DockerSettings private_settings(std::vector<std::string> args) {
    auto section = docker_section("container#1", "container", "docker", {{"image", std::string{"busybox"}}});
    section.service = "busybox.opensvc.com";
    section.context["DEFAULT.container_data_dir"] = Value{
        .data = std::string{"/opt/busybox.opensvc.com/appdata"}, .text = "", .where = {}, .is_set = true};
    section.context["DEFAULT.docker_daemon_args"] =
        Value{.data = std::move(args), .text = "", .where = {}, .is_set = true};
    return DockerSettings::from(section);
}

TEST(DockerDaemon, ArgvMatchesSeed001) {
    const NodeInfo node{.nodename = "deb2", .paths = Paths::fhs(), .is_root = true};
    const drivers::container::DockerDaemon daemon{private_settings({"--ip", "37.59.71.25"}), nullptr};
    EXPECT_EQ(
        daemon.argv(node),
        (Argv{"dockerd", "-H", "unix:///var/lib/opensvc/busybox.opensvc.com/docker.sock", "--data-root",
              "/opt/busybox.opensvc.com/appdata", "-p", "/var/lib/opensvc/busybox.opensvc.com/docker.pid",
              "--exec-root", "/run/svcagent/dockerx/busybox.opensvc.com", "--exec-opt",
              "native.cgroupdriver=cgroupfs", "--ip", "37.59.71.25"}));
    EXPECT_EQ(private_settings({}).host(node.paths).argv_prefix(),
              (Argv{"docker", "-H", "unix:///var/lib/opensvc/busybox.opensvc.com/docker.sock"}));
}

TEST(DockerDaemon, OwnExecOptReplacesTheCgroupfsDefault) {
    const NodeInfo node{.nodename = "deb2", .paths = Paths::fhs(), .is_root = true};
    const drivers::container::DockerDaemon daemon{
        private_settings({"--exec-opt=native.cgroupdriver=systemd"}), nullptr};
    const Argv argv = daemon.argv(node);
    EXPECT_EQ(std::count(argv.begin(), argv.end(), "native.cgroupdriver=cgroupfs"), 0);
    EXPECT_EQ(argv.back(), "--exec-opt=native.cgroupdriver=systemd");
}

TEST(DockerDaemon, SocketPathsThatDoNotFitAUnixAddressAreRefused) {
    const std::string svc(80, 's');
    const auto fhs = DaemonPaths::of(Paths::fhs(), svc);
    ASSERT_TRUE(drivers::container::daemon_path_error(fhs).has_value());
    EXPECT_EQ(*drivers::container::daemon_path_error(fhs),
              "private docker socket path too long (109 bytes > 107): shorten the service name or OSVC_ROOT");
    EXPECT_FALSE(drivers::container::daemon_path_error(DaemonPaths::of(Paths::fhs(), std::string(50, 's'))));
    const auto deep = DaemonPaths::of(Paths::relocated("/tmp/" + std::string(40, 'r')), std::string(30, 's'));
    ASSERT_TRUE(drivers::container::daemon_path_error(deep).has_value());
    EXPECT_NE(drivers::container::daemon_path_error(deep)->find("private docker exec-root too deep"),
              std::string::npos);
}

}  // namespace
}  // namespace svcagent::testing
