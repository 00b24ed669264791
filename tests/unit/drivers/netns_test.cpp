#include <gtest/gtest.h>

#include <svcagent/error.hpp>

#include "docker_test_support.hpp"
#include "ip/netns_resource.hpp"

namespace svcagent::testing {
namespace {

using drivers::ip::NetnsIpConfig;
using drivers::ip::NetnsIpResource;
using drivers::ip::NetnsIpTools;
using Argv = std::vector<std::string>;

const std::string k_ns = "/var/run/docker/netns/ns1";
const std::string k_host_addrs =
    R"([{"ifindex":1,"ifname":"lo","flags":["LOOPBACK","UP"],"addr_info":[]},)"
    R"({"ifindex":2,"ifname":"br0","flags":["BROADCAST","UP","LOWER_UP"],"operstate":"UP",)"
    R"("addr_info":[{"family":"inet","local":"10.231.0.11","prefixlen":24}]},)"
    R"({"ifindex":3,"ifname":"eth0","flags":["BROADCAST","UP","LOWER_UP"],"addr_info":[]}])";
const std::string k_ns_before = R"([{"ifindex":1,"ifname":"lo","flags":["LOOPBACK","UP"],"addr_info":[]}])";
const std::string k_ns_after =
    R"([{"ifindex":1,"ifname":"lo","flags":["LOOPBACK","UP"],"addr_info":[]},)"
    R"({"ifindex":9,"ifname":"eth0","flags":["UP"],"addr_info":[{"family":"inet","local":"10.231.0.100","prefixlen":24}]}])";

Argv ns(std::initializer_list<std::string> args) {
    Argv argv{"nsenter", "--net=" + k_ns};
    argv.insert(argv.end(), args);
    return argv;
}

class NetnsIpTest : public DockerTestBase {
protected:
    NetnsIpTest() {
        m_docker.add("db1.container.0", "google/pause", true);  // pid 25521, sandbox ns1
        m_docker.script.on({"ip", "-j", "addr", "show"}, {.out = k_host_addrs});
        m_docker.script.on({"nsenter", "--net=" + k_ns, "ip", "-j", "addr", "show"}, {.out = k_ns_before});
        m_docker.script.on({"ip", "-d", "-j", "link", "show", "dev", "br0"},
                           {.out = R"([{"ifname":"br0","mtu":1500,"flags":["BROADCAST","UP","LOWER_UP"],)"
                                   R"("linkinfo":{"info_kind":"bridge"}}])"});
        m_docker.script.on(
            {"ip", "-d", "-j", "link", "show", "dev", "eth0"},
            {.out = R"([{"ifname":"eth0","mtu":9000,"flags":["BROADCAST","UP","LOWER_UP"]}])"});
        m_docker.script.on({"ip", "link"});
        m_docker.script.on({"nsenter"});
        m_docker.script.on({"nsenter", "--net=" + k_ns, "ip", "-j", "route", "show", "default"},
                           {.out = "[]"});
        m_docker.script.on({"arping", "-V"}, {.out = "arping from iputils 20221126\n"});
        m_docker.script.on({"ping"}, {.exit_code = 1});
    }
    NetnsIpResource make(const std::string& mode, const std::string& ipdev,
                         std::vector<std::pair<std::string, ValueData>> extra = {}) {
        std::vector<std::pair<std::string, ValueData>> values{
            {"ipname", std::string{"10.231.0.100"}}, {"ipdev", ipdev},
            {"netns", std::string{"container#0"}},   {"mode", mode},
            {"netmask", std::string{"24"}},          {"check_carrier", true}};
        values.insert(values.end(), extra.begin(), extra.end());
        return {NetnsIpConfig::from(docker_section("ip#0", "ip", "netns", std::move(values))),
                NetnsIpTools{.ip = "ip", .nsenter = "nsenter", .resolve = {}}};
    }
    static const std::vector<Argv>& tail(const std::string& dev) {
        static std::map<std::string, std::vector<Argv>> tails;
        auto& t = tails[dev];
        t = {ns({"ip", "link", "set", dev, "up"}),
             ns({"ip", "route", "replace", "default", "via", "10.231.0.1", "dev", dev}),
             ns({"arping", "-U", "-c", "1", "-I", dev, "-s", "10.231.0.100", "10.231.0.100"})};
        return t;
    }
};

TEST_F(NetnsIpTest, BridgeModePlumbsAVethPairIntoTheContainer) {
    auto res = make("bridge", "br0", {{"gateway", std::string{"10.231.0.1"}}});
    EXPECT_TRUE(res.start(ctx()));
    std::vector<Argv> want{{"ip", "link", "add", "name", "veth0pl25521", "mtu", "1500", "type", "veth",
                            "peer", "name", "veth0pg25521", "mtu", "1500"},
                           {"ip", "link", "set", "veth0pl25521", "master", "br0"},
                           {"ip", "link", "set", "veth0pl25521", "up"},
                           {"ip", "link", "set", "veth0pg25521", "netns", "25521"},
                           ns({"ip", "link", "set", "veth0pg25521", "name", "eth0"}),
                           ns({"ip", "addr", "add", "10.231.0.100/24", "dev", "eth0"})};
    want.insert(want.end(), tail("eth0").begin(), tail("eth0").end());
    EXPECT_EQ(m_docker.changes(), want);
    EXPECT_TRUE(logged("INFO bridge mode"));
    EXPECT_EQ(res.label(), "netns bridge 10.231.0.100/24 br0@container#0");
}

TEST_F(NetnsIpTest, MacvlanModeMovesAMacvlanChildOfIpdev) {
    auto res = make("macvlan", "eth0",
                    {{"gateway", std::string{"10.231.0.1"}}, {"macaddr", std::string{"02:00:00:00:00:01"}}});
    EXPECT_TRUE(res.start(ctx()));
    std::vector<Argv> want{{"ip", "link", "add", "link", "eth0", "dev", "ph25521eth0", "mtu", "9000", "type",
                            "macvlan", "mode", "bridge"},
                           {"ip", "link", "set", "ph25521eth0", "netns", "25521"},
                           ns({"ip", "link", "set", "ph25521eth0", "name", "eth0"}),
                           ns({"ip", "link", "set", "eth0", "address", "02:00:00:00:00:01"}),
                           ns({"ip", "addr", "add", "10.231.0.100/24", "dev", "eth0"})};
    want.insert(want.end(), tail("eth0").begin(), tail("eth0").end());
    EXPECT_EQ(m_docker.changes(), want);
}

TEST_F(NetnsIpTest, IpvlanL2ModeMatchesTheSeedLog) {
    auto res = make("ipvlan-l2", "eth0", {{"gateway", std::string{"10.231.0.1"}}});
    EXPECT_TRUE(res.start(ctx()));
    const auto changes = m_docker.changes();
    ASSERT_GE(changes.size(), 2U);
    EXPECT_EQ(changes[0], (Argv{"ip", "link", "add", "link", "eth0", "dev", "ph25521eth0", "mtu", "9000",
                                "type", "ipvlan", "mode", "l2"}));
    EXPECT_EQ(changes.back(), tail("eth0").back());
    EXPECT_TRUE(logged("INFO ipvlan-l2 mode"));
}

TEST_F(NetnsIpTest, IpvlanL3ModeSendsNoGratuitousArpAndAddsADeviceRoute) {
    auto res = make("ipvlan-l3", "eth0");
    EXPECT_TRUE(res.start(ctx()));
    const auto changes = m_docker.changes();
    EXPECT_EQ(changes[0].back(), "l3");
    EXPECT_EQ(changes.back(), ns({"ip", "route", "replace", "default", "dev", "eth0"}));
}

TEST_F(NetnsIpTest, BridgeModeRefusesAnIpdevThatIsNotABridge) {
    auto res = make("bridge", "eth0");
    try {
        (void)res.start(ctx());
        FAIL() << "no error";
    } catch (const ResourceError& e) {
        EXPECT_NE(std::string{e.what()}.find("eth0 is not a bridge: use mode macvlan or ipvlan-l2"),
                  std::string::npos);
    }
    EXPECT_TRUE(m_docker.changes().empty());
}

TEST_F(NetnsIpTest, KernelWithoutIpvlanGivesAClearError) {
    m_docker.script.on({"ip", "link", "add"}, {.exit_code = 2, .err = "Error: Unknown device type.\n"});
    auto res = make("ipvlan-l2", "eth0");
    try {
        (void)res.start(ctx());
        FAIL() << "no error";
    } catch (const ResourceError& e) {
        EXPECT_NE(std::string{e.what()}.find("mode ipvlan-l2 is not supported by this kernel"),
                  std::string::npos);
    }
}

TEST_F(NetnsIpTest, FailureHalfWayDeletesWhatThisStartCreated) {
    m_docker.script.on(ns({"ip", "addr", "add"}),
                       {.exit_code = 2, .err = "RTNETLINK answers: File exists\n"});
    auto res = make("bridge", "br0");
    EXPECT_THROW((void)res.start(ctx()), CommandError);
    EXPECT_EQ(m_docker.changes().back(), ns({"ip", "link", "del", "eth0"}));
}

TEST_F(NetnsIpTest, StartRefusesWhenTheContainerIsNotRunning) {
    m_docker.containers.front().running = false;
    auto res = make("bridge", "br0");
    try {
        (void)res.start(ctx());
        FAIL() << "no error";
    } catch (const ResourceError& e) {
        EXPECT_NE(std::string{e.what()}.find("container container#0 is not running"), std::string::npos);
    }
}

TEST_F(NetnsIpTest, StopDeletesTheAddressAndTheInterface) {
    m_docker.script.on({"nsenter", "--net=" + k_ns, "ip", "-j", "addr", "show"}, {.out = k_ns_after});
    auto res = make("bridge", "br0");
    EXPECT_EQ(res.status(ctx()).status, Status::up);
    EXPECT_TRUE(res.stop(ctx()));
    EXPECT_EQ(m_docker.changes(),
              (std::vector<Argv>{ns({"ip", "addr", "del", "10.231.0.100/24", "dev", "eth0"}),
                                 ns({"ip", "link", "del", "dev", "eth0"})}));
    EXPECT_TRUE(logged("INFO checking 10.231.0.100 availability"));
}

TEST_F(NetnsIpTest, StopWithoutTheAddressChangesNothing) {
    auto res = make("bridge", "br0");
    EXPECT_FALSE(res.stop(ctx()));
    EXPECT_TRUE(m_docker.changes().empty());
    EXPECT_TRUE(logged("INFO 10.231.0.100 is already down"));
}

TEST_F(NetnsIpTest, StatusIsDownWhileTheContainerIsNotRunning) {
    m_docker.containers.clear();
    auto res = make("bridge", "br0");
    const auto report = res.status(ctx());
    EXPECT_EQ(report.status, Status::down);
    ASSERT_EQ(report.log.size(), 1U);
    EXPECT_EQ(report.log[0].message, "container container#0 is not running");
}

TEST_F(NetnsIpTest, DuplicateAddressIsAStartConflict) {
    m_docker.script.on({"arping", "-D"},
                       {.exit_code = 1, .out = "Unicast reply from 10.231.0.100 [52:54:00:12:34:56]\n"});
    auto res = make("bridge", "br0");
    EXPECT_EQ(res.start_conflict(ctx()),
              std::optional<std::string>{
                  "10.231.0.100 is already in use on the network (duplicate address detected)"});
}

TEST_F(NetnsIpTest, NetmaskIsGuessedFromIpdev) {
    auto res = NetnsIpResource{NetnsIpConfig::from(docker_section("ip#0", "ip", "netns",
                                                                  {{"ipname", std::string{"10.231.0.100"}},
                                                                   {"ipdev", std::string{"br0"}},
                                                                   {"netns", std::string{"container#0"}},
                                                                   {"mode", std::string{"bridge"}}})),
                               NetnsIpTools{.ip = "ip", .nsenter = "nsenter", .resolve = {}}};
    EXPECT_TRUE(res.start(ctx()));
    EXPECT_EQ(res.label(), "netns bridge 10.231.0.100/24 br0@container#0");
}

}  // namespace
}  // namespace svcagent::testing
