// ip.host start and stop (SPEC §9.1, §8.6): exact argv from the RecordingRunner.
#include <fstream>

#include <gtest/gtest.h>

#include <svcagent/error.hpp>

#include "ip_host_test_support.hpp"

namespace svcagent::testing::ip_host {
namespace {

const Argv k_ip6_show{"ip", "-6", "-j", "addr", "show", "dev", "br0"};

class IpHostStart : public IpHostTest {
protected:
    IpHostStart() {
        m_runner.on(k_arping_version, k_iputils).on({"arping", "-D"}).on({"arping", "-U"});
        m_runner.on({"ping"}, {.exit_code = 1}).on({"ip", "addr", "add"}).on({"ip", "-6", "addr"});
        m_runner.on({"ip", "link", "set"});
    }
    std::string ip6_show(const std::string& file) { return fixture(file); }
};

TEST_F(IpHostStart, PlumbsWithTheGuessedPrefixThenAnnounces) {
    tables({lab_table(), lab_table({addr("10.231.0.200", 24)})});
    auto& ip = make(config("10.231.0.200"));
    ASSERT_EQ(ip.start_conflict(m_ctx), std::nullopt);
    m_runner.clear_commands();
    EXPECT_TRUE(ip.start(m_ctx));
    EXPECT_EQ(changes(), (std::vector<Argv>{{"ip", "addr", "add", "10.231.0.200/24", "dev", "br0"},
                                            {"arping", "-U", "-c", "1", "-I", "br0", "-s", "10.231.0.200",
                                             "10.231.0.200"}}));
    EXPECT_EQ(m_runner.count({"arping", "-D"}), 0U);  // checked once, in the abort phase
}

TEST_F(IpHostStart, DottedNetmaskBecomesAPrefixLength) {
    table(lab_table());
    auto c = config("37.59.71.25");
    c.prefix = 27;  // from "255.255.255.224" (see the netmask vectors)
    EXPECT_TRUE(make(c).start(m_ctx));
    EXPECT_EQ(changes().front(), (Argv{"ip", "addr", "add", "37.59.71.25/27", "dev", "br0"}));
}

TEST_F(IpHostStart, AlreadyUpChangesNothing) {
    table(lab_table({addr("10.231.0.200", 24)}));
    EXPECT_FALSE(make(config("10.231.0.200")).start(m_ctx));
    EXPECT_TRUE(logged("INFO 10.231.0.200 is already up on br0")) << logs();
    EXPECT_TRUE(changes().empty());
}

TEST_F(IpHostStart, ADirectStartChecksAvailabilityAndRefusesAnAddressInUse) {
    table(lab_table());
    m_runner.on({"arping", "-D"}, {.exit_code = 1, .out = fixture("ip_host_arping_dad_in_use.txt")});
    try {
        (void)make(config("10.231.0.200")).start(m_ctx);
        FAIL() << "started";
    } catch (const ResourceError& e) {
        EXPECT_NE(std::string{e.what()}.find("already in use on the network"), std::string::npos) << e.what();
        EXPECT_NE(std::string{e.what()}.find("D2:D9:C9:BC:F3:4E"), std::string::npos) << e.what();
    }
    EXPECT_TRUE(changes().empty());
}

TEST_F(IpHostStart, RefusesAMissingInterfaceAndAnUnguessableNetmask) {
    table(json::array({link("br0", k_up), link("eth1", {"BROADCAST"}, {addr("fd00::1", 64)})}).dump());
    EXPECT_THROW((void)make(config("10.231.0.200", "eth9")).start(m_ctx), ResourceError);
    try {
        (void)make(config("10.231.0.200", "eth1")).start(m_ctx);
        FAIL() << "started";
    } catch (const ResourceError& e) {
        EXPECT_NE(std::string{e.what()}.find("netmask is not set nor guessable from eth1"),
                  std::string::npos);
    }
    EXPECT_TRUE(changes().empty());
}

TEST_F(IpHostStart, RefusesNoCarrierUnlessForcedAndBringsADownInterfaceUp) {
    table(json::array({link("eth1", {"NO-CARRIER", "BROADCAST", "UP"}, {addr("10.0.0.1", 24)}),
                       link("eth2", {"BROADCAST"}, {addr("10.0.1.1", 24)})})
              .dump());
    EXPECT_THROW((void)make(config("10.0.0.5", "eth1")).start(m_ctx), ResourceError);
    EXPECT_TRUE(changes().empty());
    m_options.force = true;
    EXPECT_TRUE(make(config("10.0.0.5", "eth1")).start(m_ctx));
    m_runner.clear_commands();
    EXPECT_TRUE(make(config("10.0.1.5", "eth2")).start(m_ctx));
    EXPECT_EQ(changes().at(0), (Argv{"ip", "link", "set", "dev", "eth2", "up"}));
    EXPECT_EQ(changes().at(1), (Argv{"ip", "addr", "add", "10.0.1.5/24", "dev", "eth2"}));
}

TEST_F(IpHostStart, HostileInterfaceNameArrivesAsOneArgument) {
    const std::string dev = "b;r$(id)";  // legal for the kernel: no '/', ':' or space
    table(json::array({link(dev, k_up, {addr("10.0.0.1", 24)})}).dump());
    EXPECT_TRUE(make(config("10.0.0.5", dev)).start(m_ctx));
    EXPECT_EQ(changes().at(0), (Argv{"ip", "addr", "add", "10.0.0.5/24", "dev", dev}));
    EXPECT_EQ(m_runner.argvs().at(2), (Argv{"arping", "-D", "-c", "2", "-w", "3", "-I", dev, "10.0.0.5"}));
}

TEST_F(IpHostStart, AFailedAnnounceIsAWarning) {
    table(lab_table());
    m_runner.on({"arping", "-U"}, {.exit_code = 2, .err = "arping: bind: Cannot assign requested address"});
    EXPECT_TRUE(make(config("10.231.0.200")).start(m_ctx));
    EXPECT_TRUE(
        logged("WARNING gratuitous ARP for 10.231.0.200 failed (exit code 2): arping: bind: Cannot assign "
               "requested address"))
        << logs();
}

TEST_F(IpHostStart, Ipv6WaitsForDuplicateAddressDetection) {
    table(lab_table());
    m_runner.on_sequence(k_ip6_show, {{.out = ip6_show("ip_host_ip6_tentative.json")},
                                      {.out = lab_table({addr("fd00:231::50", 64)})}});
    EXPECT_TRUE(make(config("fd00:231::50")).start(m_ctx));
    EXPECT_EQ(changes(), (std::vector<Argv>{{"ip", "-6", "addr", "add", "fd00:231::50/64", "dev", "br0"}}));
    EXPECT_EQ(m_runner.count(k_ip6_show), 2U);
    EXPECT_EQ(m_sleeps, 1);
    EXPECT_EQ(m_runner.count({"arping"}), 0U);
}

TEST_F(IpHostStart, Ipv6DuplicateAddressIsRemovedAndFails) {
    table(lab_table());
    m_runner.on_sequence(k_ip6_show, {{.out = ip6_show("ip_host_ip6_tentative.json")},
                                      {.out = ip6_show("ip_host_ip6_dadfailed.json")}});
    try {
        (void)make(config("fd00:231::50")).start(m_ctx);
        FAIL() << "started";
    } catch (const ResourceError& e) {
        EXPECT_NE(std::string{e.what()}.find("IPv6 duplicate address detected for fd00:231::50"),
                  std::string::npos);
    }
    EXPECT_EQ(changes(), (std::vector<Argv>{{"ip", "-6", "addr", "add", "fd00:231::50/64", "dev", "br0"},
                                            {"ip", "-6", "addr", "del", "fd00:231::50/64", "dev", "br0"}}));
}

TEST_F(IpHostStart, UnresolvableNameFailsAndAResolvedOneIsPlumbed) {
    table(lab_table());
    EXPECT_THROW((void)make(config("db1.example.com")).start(m_ctx), ResourceError);
    m_names["db1.example.com"] = "10.231.0.77";
    EXPECT_TRUE(make(config("db1.example.com")).start(m_ctx));
    EXPECT_EQ(changes().at(0), (Argv{"ip", "addr", "add", "10.231.0.77/24", "dev", "br0"}));
}

// ---- stop ----

class IpHostStop : public IpHostTest {
protected:
    IpHostStop() {
        m_runner.on({"ip", "addr", "del"}).on({"ip", "-6", "addr", "del"}).on({"ping"}, {.exit_code = 1});
    }
};

TEST_F(IpHostStop, RemovesWithTheCurrentPrefixThenChecksItIsGone) {
    tables({lab_table({addr("10.231.0.200", 25)}), lab_table()});
    EXPECT_TRUE(make(config("10.231.0.200")).stop(m_ctx));
    EXPECT_EQ(m_runner.argvs(), (std::vector<Argv>{k_probe,
                                                   {"ip", "addr", "del", "10.231.0.200/25", "dev", "br0"},
                                                   k_probe,
                                                   {"ping", "-n", "-c", "1", "-w", "1", "10.231.0.200"}}));
    EXPECT_TRUE(logged("INFO checking 10.231.0.200 availability")) << logs();
}

TEST_F(IpHostStop, AlreadyDownChangesNothing) {
    table(lab_table());
    EXPECT_FALSE(make(config("10.231.0.200")).stop(m_ctx));
    EXPECT_TRUE(logged("INFO 10.231.0.200 is already down on br0")) << logs();
    EXPECT_TRUE(changes().empty());
}

TEST_F(IpHostStop, FailsWhenTheAddressIsStillThere) {
    table(lab_table({addr("10.231.0.200", 24)}));
    EXPECT_THROW((void)make(config("10.231.0.200")).stop(m_ctx), ResourceError);
}

TEST_F(IpHostStop, LeavesAnAddressOnAnotherInterfaceInPlace) {
    table(lab_table());
    EXPECT_FALSE(make(config("10.231.0.11", "eth0")).stop(m_ctx));
    EXPECT_TRUE(logged("WARNING 10.231.0.11 is on br0, not on eth0: left in place")) << logs();
    EXPECT_TRUE(changes().empty());
}

TEST_F(IpHostStop, WarnsWhenTheAddressStillAnswers) {
    tables({lab_table({addr("10.231.0.200", 24)}), lab_table()});
    m_runner.on({"ping"});
    EXPECT_TRUE(make(config("10.231.0.200")).stop(m_ctx));
    EXPECT_TRUE(logged("WARNING 10.231.0.200 still answers after stop: another host may hold it")) << logs();
}

TEST_F(IpHostStop, Ipv6UsesTheInet6Family) {
    tables({lab_table({addr("fd00:231::50", 64)}), lab_table()});
    EXPECT_TRUE(make(config("fd00:231::50")).stop(m_ctx));
    EXPECT_EQ(changes(), (std::vector<Argv>{{"ip", "-6", "addr", "del", "fd00:231::50/64", "dev", "br0"}}));
    EXPECT_EQ(m_runner.argvs().back(), (Argv{"ping", "-6", "-n", "-c", "1", "-w", "1", "fd00:231::50"}));
}

TEST_F(IpHostStop, UnresolvableNameStopsThroughTheCache) {
    tables({lab_table({addr("10.231.0.77", 24)}), lab_table()});
    std::filesystem::create_directories(m_node.paths.var / "db1" / "ip#1");
    std::ofstream(m_node.paths.var / "db1" / "ip#1" / "addr") << "10.231.0.77\n";
    EXPECT_TRUE(make(config("db1.example.com")).stop(m_ctx));
    EXPECT_TRUE(logged("WARNING cannot resolve db1.example.com: using the cached address 10.231.0.77"))
        << logs();
    EXPECT_EQ(changes().at(0), (Argv{"ip", "addr", "del", "10.231.0.77/24", "dev", "br0"}));
}

TEST_F(IpHostStop, DryRunRemovesNothingAndSkipsTheChecks) {
    table(lab_table({addr("10.231.0.200", 24)}));
    m_options.dry_run = true;
    EXPECT_TRUE(
        make(config("10.231.0.200")).stop(m_ctx));  // the RecordingRunner stands for DryRunRunner here
    EXPECT_EQ(m_runner.count({"ping"}), 0U);
}

}  // namespace
}  // namespace svcagent::testing::ip_host
