#include <thread>

#include <gtest/gtest.h>

#include <svcagent/error.hpp>
#include <svcagent/probe_cache.hpp>

#include "support/log_capture.hpp"
#include "support/recording_runner.hpp"
#include "support/temp_dir.hpp"

namespace svcagent {
namespace {

using svcagent::testing::LogCapture;
using svcagent::testing::read_file;
using svcagent::testing::RecordingRunner;
using svcagent::testing::TempDir;

using Argv = std::vector<std::string>;

std::string fixture(const std::string& name) {
    return read_file(std::filesystem::path{SVCAGENT_FIXTURES_DIR} / "exec" / name);
}

const Argv k_ip{"ip", "-j", "addr", "show"};
const Argv k_lvm{"lvm", "fullreport", "--reportformat", "json"};
const Argv k_ps{"docker", "ps", "-a", "--no-trunc", "--format", "{{json .}}"};

class ProbeCacheTest : public ::testing::Test {
protected:
    ProbeCacheTest() {
        m_proc.write("self/mountinfo", fixture("mountinfo.txt"));
        m_runner.on(k_ip, {.out = fixture("ip_addr_host.json")});
        m_runner.on(k_lvm, {.out = fixture("lvm_fullreport_db1.json")});
        m_runner.on(k_ps, {.out = fixture("docker_ps.jsonl")});
        m_runner.on({"docker", "inspect"}, {.out = fixture("docker_inspect.json")});
    }
    TempDir m_proc;
    RecordingRunner m_runner;
    LogCapture m_log;
    ProbeCache m_cache{m_runner, m_log.logger(), ProbeTools{}, m_proc.path()};
};

TEST_F(ProbeCacheTest, EachKindRunsOneCommandPerAction) {
    for (int i = 0; i < 10; ++i) {
        EXPECT_NE(m_cache.addresses()->find_interface("lo"), nullptr);
        EXPECT_NE(m_cache.volume_groups()->find("db1"), nullptr);
        EXPECT_NE(m_cache.containers(DockerHost{})->find_name("db1.container.0"), nullptr);
        EXPECT_NE(m_cache.mounts()->find_mount_point("/"), nullptr);
    }
    EXPECT_EQ(m_runner.count(k_ip), 1U);
    EXPECT_EQ(m_runner.count(k_lvm), 1U);
    EXPECT_EQ(m_runner.count(k_ps), 1U);
    EXPECT_EQ(m_runner.count({"docker", "inspect"}), 1U);
    EXPECT_EQ(m_runner.commands().size(), 4U);
}

TEST_F(ProbeCacheTest, InspectsEveryListedContainerInOneCall) {
    (void)m_cache.containers(DockerHost{});
    const auto argvs = m_runner.argvs();
    ASSERT_EQ(argvs.size(), 2U);
    EXPECT_EQ(argvs[1],
              (Argv{"docker", "inspect", "0363bb5834f23b394065b9a1e31b911e8d848bf01c8e697b55afa926e7849570",
                    "b196b8204a5add752680de49f8c9a306888c41db489063455924ada4febb6905",
                    "5d0a9c7e1f2b3a4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4"}));
    for (const auto& cmd : m_runner.commands()) {
        EXPECT_EQ(cmd.effect, Effect::probe);
        EXPECT_EQ(cmd.timeout, std::chrono::seconds{30});
    }
}

TEST_F(ProbeCacheTest, NoContainerMeansNoInspect) {
    RecordingRunner runner;
    runner.on({"/usr/bin/docker", "-H", "unix:///var/lib/opensvc/db1/docker.sock", "ps"}, {.out = ""});
    ProbeCache cache{runner, m_log.logger(), ProbeTools{}, m_proc.path()};
    const DockerHost host{.exe = "/usr/bin/docker", .socket = "/var/lib/opensvc/db1/docker.sock"};
    EXPECT_TRUE(cache.containers(host)->containers.empty());
    EXPECT_EQ(runner.commands().size(), 1U);
}

TEST_F(ProbeCacheTest, EachDockerDaemonIsProbedSeparately) {
    m_runner.on({"docker", "-H", "unix:///run/db2.sock", "ps"}, {.out = ""});
    EXPECT_EQ(m_cache.containers(DockerHost{})->containers.size(), 3U);
    EXPECT_TRUE(m_cache.containers(DockerHost{.socket = "/run/db2.sock"})->containers.empty());
    (void)m_cache.containers(DockerHost{.socket = "/run/db2.sock"});
    EXPECT_EQ(m_runner.count({"docker", "-H"}), 1U);
    EXPECT_EQ(m_runner.count(k_ps), 1U);
}

TEST_F(ProbeCacheTest, VanishedContainerDuringInspectKeepsTheOthers) {
    m_runner.on({"docker", "inspect"},
                {.exit_code = 1, .out = "[]\n", .err = "Error: No such object: 5d0a9c7e1f2b\n"});
    EXPECT_TRUE(m_cache.containers(DockerHost{})->containers.empty());
}

TEST_F(ProbeCacheTest, InvalidateRerunsOnlyThatKindAndKeepsOldSnapshotsValid) {
    const auto before = m_cache.volume_groups();
    (void)m_cache.addresses();
    m_cache.invalidate(ProbeKind::volume_groups);
    const auto after = m_cache.volume_groups();
    (void)m_cache.addresses();
    EXPECT_EQ(m_runner.count(k_lvm), 2U);
    EXPECT_EQ(m_runner.count(k_ip), 1U);
    EXPECT_NE(before, after);
    EXPECT_NE(before->find("db1"), nullptr);  // still readable by whoever holds it
}

TEST_F(ProbeCacheTest, MountsAreReadFromProcRootWithoutCommand) {
    m_proc.write("self/mountinfo", "36 35 98:0 / /srv/db1\\040data rw - xfs /dev/mapper/db1-data rw\n");
    EXPECT_EQ(m_cache.mounts()->find_mount_point("/srv/db1 data")->fs_type, "xfs");
    m_proc.write("self/mountinfo", "");
    EXPECT_EQ(m_cache.mounts()->entries.size(), 1U);  // cached
    m_cache.invalidate(ProbeKind::mounts);
    EXPECT_TRUE(m_cache.mounts()->entries.empty());
    EXPECT_TRUE(m_runner.commands().empty());
}

TEST_F(ProbeCacheTest, UnreadableMountinfoThrows) {
    ProbeCache cache{m_runner, m_log.logger(), ProbeTools{}, m_proc.path() / "missing"};
    EXPECT_THROW((void)cache.mounts(), Error);
}

TEST_F(ProbeCacheTest, FailedProbeThrowsCommandErrorOnceUntilInvalidated) {
    RecordingRunner runner;
    runner.on(k_lvm,
              {.exit_code = 5, .err = "  /run/lock/lvm/P_global:aux: open failed: Permission denied\n"});
    ProbeCache cache{runner, m_log.logger(), ProbeTools{}, m_proc.path()};
    EXPECT_THROW((void)cache.volume_groups(), CommandError);
    EXPECT_THROW((void)cache.volume_groups(), CommandError);
    EXPECT_EQ(runner.count(k_lvm), 1U);
    cache.invalidate(ProbeKind::volume_groups);
    EXPECT_THROW((void)cache.volume_groups(), CommandError);
    EXPECT_EQ(runner.count(k_lvm), 2U);
}

TEST_F(ProbeCacheTest, NetnsAddressesGoThroughNsenterOncePerNamespace) {
    const Argv nsenter{"nsenter", "--net=/var/run/docker/netns/21c851c4646b", "ip", "-j", "addr", "show"};
    m_runner.on(nsenter, {.out = fixture("ip_addr_netns_labels.json")});
    const std::filesystem::path netns = "/var/run/docker/netns/21c851c4646b";
    EXPECT_TRUE(m_cache.netns_addresses(netns)->find_address("10.231.99.5"));
    EXPECT_TRUE(m_cache.netns_addresses(netns)->find_address("10.231.99.5"));
    EXPECT_EQ(m_runner.count(nsenter), 1U);
    m_cache.invalidate(ProbeKind::addresses);
    (void)m_cache.netns_addresses(netns);
    EXPECT_EQ(m_runner.count(nsenter), 2U);
}

TEST_F(ProbeCacheTest, ImagesProbedOnlyWhenAsked) {
    m_runner.on({"docker", "images"}, {.out = fixture("docker_images.jsonl")});
    EXPECT_TRUE(m_cache.images(DockerHost{})->has("postgres"));
    EXPECT_TRUE(m_cache.images(DockerHost{})->has("google/pause"));
    EXPECT_EQ(m_runner.argvs(),
              (std::vector<Argv>{{"docker", "images", "--no-trunc", "--format", "{{json .}}"}}));
}

TEST_F(ProbeCacheTest, ConcurrentCallersShareOneCommand) {
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i) {
        threads.emplace_back([this] {
            for (int j = 0; j < 50; ++j) {
                EXPECT_TRUE(m_cache.addresses()->find_address("127.0.0.1"));
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(m_runner.count(k_ip), 1U);
}

TEST_F(ProbeCacheTest, ProbesAreLoggedAtDebug) {
    (void)m_cache.addresses();
    for (const auto& line : m_log.lines()) {
        EXPECT_EQ(line.level, "DEBUG") << line.message;
    }
    EXPECT_EQ(m_log.lines().front().message, "ip -j addr show");
}

TEST(DockerHostTest, PrivateDaemonAddsSocketOption) {
    EXPECT_EQ(DockerHost{}.argv_prefix(), (Argv{"docker"}));
    const DockerHost host{.exe = "/usr/bin/docker", .socket = "/var/lib/opensvc/db1/docker.sock"};
    EXPECT_EQ(host.argv_prefix(), (Argv{"/usr/bin/docker", "-H", "unix:///var/lib/opensvc/db1/docker.sock"}));
    EXPECT_NE(host.key(), DockerHost{}.key());
}

}  // namespace
}  // namespace svcagent
