// ip.host (SPEC §9.1): keywords, address helpers, arping flavours, status and the abort phase.
#include <fstream>

#include <gtest/gtest.h>

#include <svcagent/error.hpp>

#include "ip/address.hpp"
#include "ip/arping.hpp"
#include "ip/host.hpp"
#include "ip_host_test_support.hpp"

namespace svcagent::testing::ip_host {
namespace {

using drivers::ip::HostIpConfig;

// ---- keywords (make) ----

struct NetmaskVector {
    std::string id, ipname;
    std::optional<std::string> netmask{};
    std::optional<unsigned> prefix{};
    std::string error{};
};

std::vector<NetmaskVector> netmask_vectors() {
    std::vector<NetmaskVector> out;
    for (const auto& v : json::parse(fixture("ip_host_netmask.json"))) {
        NetmaskVector n{.id = v.at("id"), .ipname = v.at("ipname")};
        if (!v.at("netmask").is_null()) {
            n.netmask = v.at("netmask").get<std::string>();
        }
        if (v.contains("prefix") && !v.at("prefix").is_null()) {
            n.prefix = v.at("prefix").get<unsigned>();
        }
        n.error = v.value("error", "");
        out.push_back(n);
    }
    return out;
}

class IpHostNetmask : public ::testing::TestWithParam<NetmaskVector> {};

TEST_P(IpHostNetmask, ConvertsOrRejectsAtLoadTime) {
    const auto& v = GetParam();
    std::vector<std::pair<std::string, ValueData>> values{{"ipname", v.ipname},
                                                          {"ipdev", std::string{"br0"}}};
    if (v.netmask) {
        values.emplace_back("netmask", *v.netmask);
    }
    const auto s = section(values);
    if (v.error.empty()) {
        EXPECT_EQ(HostIpConfig::from(s).prefix, v.prefix);
        return;
    }
    try {
        (void)HostIpConfig::from(s);
        FAIL() << "accepted";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string{e.what()}.find(v.error), std::string::npos) << e.what();
        EXPECT_EQ(e.where().line, 6);  // the netmask line, not the section header
    }
}

INSTANTIATE_TEST_SUITE_P(Vectors, IpHostNetmask, ::testing::ValuesIn(netmask_vectors()),
                         [](const auto& param_info) { return param_info.param.id; });

TEST(IpHostMake, FactoryBuildsTheResourceWithTheSpecLabel) {
    const auto& spec = drivers::ip::host_spec();
    ASSERT_NE(spec.make, nullptr);
    const auto s = section({{"ipname", std::string{"busybox.opensvc.com"}}, {"ipdev", std::string{"eth0"}}});
    EXPECT_EQ(spec.make(s)->label(), "busybox.opensvc.com@eth0");
}

TEST(IpHostMake, RejectsShellTextAsIpnameAndBadInterfaceNames) {
    for (const char* bad : {"1.2.3.4; reboot", "$(reboot)", "a b", "-x", "10.0.0.1/24", ""}) {
        const auto s = section({{"ipname", std::string{bad}}, {"ipdev", std::string{"br0"}}});
        EXPECT_THROW((void)HostIpConfig::from(s), ConfigError) << bad;
    }
    for (const char* bad : {"", "-f", "a/b", "br0 x", "eth0:1", "abcdefghijklmnop", ".."}) {
        const auto s = section({{"ipname", std::string{"10.0.0.1"}}, {"ipdev", std::string{bad}}});
        EXPECT_THROW((void)HostIpConfig::from(s), ConfigError) << bad;
    }
}

TEST(IpHostMake, TagsNonroutedAndNoactionSkipTheAvailabilityCheck) {
    for (const char* tag : {"nonrouted", "noaction"}) {
        const auto s = section({{"ipname", std::string{"10.0.0.1"}},
                                {"ipdev", std::string{"br0"}},
                                {"tags", std::vector<std::string>{"db", tag}}});
        EXPECT_FALSE(HostIpConfig::from(s).check_availability) << tag;
    }
    const auto s = section({{"ipname", std::string{"10.0.0.1"}},
                            {"ipdev", std::string{"br0"}},
                            {"tags", std::vector<std::string>{"db"}},
                            {"check_carrier", false}});
    EXPECT_TRUE(HostIpConfig::from(s).check_availability);
    EXPECT_FALSE(HostIpConfig::from(s).check_carrier);
}

// ---- address helpers ----

TEST(IpAddress, ResolvesLocalhostWithGetaddrinfo) {
    const auto addr = drivers::ip::resolve_first("localhost");
    ASSERT_TRUE(addr.has_value());
    EXPECT_TRUE(*addr == "127.0.0.1" || *addr == "::1") << *addr;
    EXPECT_FALSE(drivers::ip::resolve_first("no-such-host.invalid").has_value());
}

TEST(IpAddress, GuessesThePrefixOfTheContainingNetworkFirst) {
    const Interface iface{.name = "br0",
                          .addresses = {{.family = "inet", .local = "192.168.1.5", .prefixlen = 16},
                                        {.family = "inet", .local = "10.231.0.11", .prefixlen = 24},
                                        {.family = "inet6", .local = "fd00::1", .prefixlen = 64}}};
    using drivers::ip::Family;
    EXPECT_EQ(drivers::ip::guess_prefix(iface, Family::inet, "10.231.0.100"), 24U);
    EXPECT_EQ(drivers::ip::guess_prefix(iface, Family::inet, "172.16.0.1"), 16U);  // first of the family
    EXPECT_EQ(drivers::ip::guess_prefix(iface, Family::inet6, "fd01::1"), 64U);
    EXPECT_EQ(drivers::ip::guess_prefix(Interface{.name = "x"}, Family::inet, "10.0.0.1"), std::nullopt);
}

// ---- arping flavours ----

CommandResult result(int exit_code, std::string out = {}, std::string err = {}) {
    CommandResult r;
    r.exit_code = exit_code;
    r.out = std::move(out);
    r.err = std::move(err);
    return r;
}

TEST(Arping, TellsIputilsFromHabetsAndMissing) {
    using drivers::ip::ArpingFlavour;
    EXPECT_EQ(drivers::ip::arping_flavour(result(0, "arping from iputils 20221126\n")),
              ArpingFlavour::iputils);
    EXPECT_EQ(drivers::ip::arping_flavour(result(1, "ARPing 2.21, by Thomas Habets\n")),
              ArpingFlavour::habets);
    EXPECT_EQ(drivers::ip::arping_flavour(result(127, "", "arping not found in PATH")),
              ArpingFlavour::missing);
}

TEST(Arping, HabetsDadUsesItsOwnOptionsAndInvertedExitCodes) {
    using drivers::ip::ArpingFlavour;
    using drivers::ip::DadVerdict;
    EXPECT_EQ(drivers::ip::arping_dad_command(ArpingFlavour::habets, "br0", "10.0.0.5").argv,
              (Argv{"arping", "-0", "-c", "2", "-w", "3", "-i", "br0", "10.0.0.5"}));
    EXPECT_EQ(drivers::ip::dad_verdict(ArpingFlavour::habets, result(0)), DadVerdict::in_use);
    EXPECT_EQ(drivers::ip::dad_verdict(ArpingFlavour::habets, result(1)), DadVerdict::free);
    EXPECT_EQ(drivers::ip::dad_verdict(ArpingFlavour::iputils, result(1)), DadVerdict::in_use);
    EXPECT_EQ(drivers::ip::dad_verdict(ArpingFlavour::iputils, result(0)), DadVerdict::free);
    EXPECT_EQ(drivers::ip::dad_verdict(ArpingFlavour::iputils, result(2)), DadVerdict::failed);
}

TEST(Arping, FindsWhoAnsweredInCapturedOutput) {
    EXPECT_EQ(drivers::ip::arping_replier(fixture("ip_host_arping_dad_in_use.txt")), "D2:D9:C9:BC:F3:4E");
    EXPECT_EQ(drivers::ip::arping_replier(fixture("ip_host_arping_dad_free.txt")), std::nullopt);
    EXPECT_EQ(
        drivers::ip::arping_replier("60 bytes from 52:54:00:12:34:56 (10.0.0.5): index=0 time=1 msec\n"),
        "52:54:00:12:34:56");
}

// ---- status ----

TEST_F(IpHostTest, StatusOfCapturedTableIsUpOnIpdevWithInfo) {
    table(fixture("ip_host_addr.json"));
    const auto report = make(config("10.231.0.100")).status(m_ctx);
    EXPECT_EQ(report.status, Status::up);
    EXPECT_TRUE(report.log.empty());
    EXPECT_EQ(report.info["ipaddr"], "10.231.0.100");
    EXPECT_EQ(report.info["ipdev"], "br0");
    EXPECT_EQ(report.info["netmask"], 24);
}

TEST_F(IpHostTest, StatusComparesIpv6ByValue) {
    table(fixture("ip_host_addr.json"));
    EXPECT_EQ(make(config("fd00:231:0:0::11")).status(m_ctx).status, Status::up);
}

TEST_F(IpHostTest, StatusIsDownWhenAbsentAndWarnsWhenIpdevIsMissing) {
    table(fixture("ip_host_addr.json"));
    auto report = make(config("10.231.0.200")).status(m_ctx);
    EXPECT_EQ(report.status, Status::down);
    EXPECT_TRUE(report.log.empty());
    report = make(config("10.231.0.200", "eth9")).status(m_ctx);
    EXPECT_EQ(report.status, Status::down);
    ASSERT_EQ(report.log.size(), 1U);
    EXPECT_EQ(report.log[0].message, "interface eth9 not found");
}

TEST_F(IpHostTest, StatusIsDownWithoutCarrierUnlessCheckCarrierIsOff) {
    table(fixture("ip_host_addr.json"));
    auto report = make(config("192.168.77.5", "veth0")).status(m_ctx);
    EXPECT_EQ(report.status, Status::down);
    ASSERT_EQ(report.log.size(), 1U);
    EXPECT_EQ(report.log[0].message, "interface veth0 has no carrier");
    auto no_check = config("192.168.77.5", "veth0");
    no_check.check_carrier = false;
    EXPECT_EQ(make(no_check).status(m_ctx).status, Status::up);
}

TEST_F(IpHostTest, StatusWarnsAboutAnotherInterfaceAndAnotherNetmask) {
    table(fixture("ip_host_addr.json"));
    auto report = make(config("10.231.0.100", "lo")).status(m_ctx);
    EXPECT_EQ(report.status, Status::up);
    ASSERT_EQ(report.log.size(), 1U);
    EXPECT_EQ(report.log[0].message, "current dev br0, expected lo");
    auto other_mask = config("10.231.0.100");
    other_mask.prefix = 25;
    report = make(other_mask).status(m_ctx);
    EXPECT_EQ(report.status, Status::up);
    ASSERT_EQ(report.log.size(), 1U);
    EXPECT_EQ(report.log[0].message, "current netmask 24, expected 25");
}

TEST_F(IpHostTest, StatusReportsAnIpv6DuplicateAddressAsWarn) {
    table(lab_table({addr("fd00:231::50", 64, {{"tentative", true}, {"dadfailed", true}})}));
    const auto report = make(config("fd00:231::50")).status(m_ctx);
    EXPECT_EQ(report.status, Status::warn);
    EXPECT_EQ(report.log.back().message, "IPv6 duplicate address detected for fd00:231::50");
}

TEST_F(IpHostTest, StatusOfAnUnresolvableNameIsUndefThenUsesTheCache) {
    table(lab_table({addr("10.231.0.100", 24)}));
    auto& ip = make(config("db1.example.com"));
    auto report = ip.status(m_ctx);
    EXPECT_EQ(report.status, Status::undef);
    EXPECT_EQ(report.log.at(0).message, "cannot resolve db1.example.com");
    EXPECT_EQ(m_runner.count(k_probe), 0U);

    m_names["db1.example.com"] = "10.231.0.100";  // resolves once: cached in <var>/db1/ip#1/addr
    EXPECT_EQ(ip.status(m_ctx).status, Status::up);
    EXPECT_EQ(read_file(m_node.paths.var / "db1" / "ip#1" / "addr"), "10.231.0.100\n");

    m_names.clear();
    report = ip.status(m_ctx);
    EXPECT_EQ(report.status, Status::up);
    EXPECT_EQ(report.log.at(0).message,
              "cannot resolve db1.example.com: using the cached address 10.231.0.100");
}

TEST_F(IpHostTest, StatusIsUndefWhenTheProbeFails) {
    m_runner.on(k_probe, {.exit_code = 1, .err = "RTNETLINK answers: Operation not permitted"});
    const auto report = make(config("10.231.0.100")).status(m_ctx);
    EXPECT_EQ(report.status, Status::undef);
    EXPECT_NE(report.log.at(0).message.find("Operation not permitted"), std::string::npos);
}

TEST_F(IpHostTest, ManyAddressesShareOneProbe) {
    table(fixture("ip_host_addr.json"));
    for (const char* a : {"10.231.0.100", "10.231.0.101", "fd00:231::11", "10.231.0.102"}) {
        (void)make(config(a)).status(m_ctx);
    }
    EXPECT_EQ(m_runner.commands().size(), 1U);
}

// ---- abort phase ----

TEST_F(IpHostTest, ConflictCheckOfAFreeAddressRunsArpingThenPing) {
    table(lab_table());
    m_runner.on(k_arping_version, k_iputils).on({"arping", "-D"}).on({"ping"}, {.exit_code = 1});
    EXPECT_EQ(make(config("10.231.0.200")).start_conflict(m_ctx), std::nullopt);
    EXPECT_EQ(m_runner.argvs(),
              (std::vector<Argv>{k_probe,
                                 k_arping_version,
                                 {"arping", "-D", "-c", "2", "-w", "3", "-I", "br0", "10.231.0.200"},
                                 {"ping", "-n", "-c", "1", "-w", "2", "10.231.0.200"}}));
    EXPECT_TRUE(logged("INFO checking 10.231.0.200 availability")) << logs();
    EXPECT_TRUE(changes().empty());
}

TEST_F(IpHostTest, ConflictNamesWhoAnswersArp) {
    table(lab_table());
    m_runner.on(k_arping_version, k_iputils)
        .on({"arping", "-D"}, {.exit_code = 1, .out = fixture("ip_host_arping_dad_in_use.txt")});
    EXPECT_EQ(make(config("10.231.0.200")).start_conflict(m_ctx),
              "10.231.0.200 is already in use on the network (duplicate address detected), answered by "
              "D2:D9:C9:BC:F3:4E");
}

TEST_F(IpHostTest, ConflictWhenTheAddressAnswersPingAndArpingIsMissing) {
    table(lab_table());
    m_runner.on(k_arping_version, {.exit_code = 127, .err = "arping not found in PATH"}).on({"ping"});
    EXPECT_EQ(make(config("10.231.0.200")).start_conflict(m_ctx),
              "10.231.0.200 answers to ping: it is up on another host");
    EXPECT_TRUE(logged("WARNING arping not found: duplicate address detection skipped")) << logs();
}

TEST_F(IpHostTest, ConflictCheckOfIpv6PingsOnly) {
    table(lab_table());
    m_runner.on({"ping"}, {.exit_code = 1});
    EXPECT_EQ(make(config("fd00:231::100")).start_conflict(m_ctx), std::nullopt);
    EXPECT_EQ(m_runner.argvs().back(), (Argv{"ping", "-6", "-n", "-c", "1", "-w", "2", "fd00:231::100"}));
    EXPECT_EQ(m_runner.count({"arping"}), 0U);
}

TEST_F(IpHostTest, ConflictCheckIsSkippedForALocalAddressAndForNonrouted) {
    table(lab_table({addr("10.231.0.100", 24)}));
    EXPECT_EQ(make(config("10.231.0.100")).start_conflict(m_ctx), std::nullopt);
    auto nonrouted = config("10.231.0.200");
    nonrouted.check_availability = false;
    EXPECT_EQ(make(nonrouted).start_conflict(m_ctx), std::nullopt);
    EXPECT_EQ(m_runner.argvs(), std::vector<Argv>{k_probe});
}

}  // namespace
}  // namespace svcagent::testing::ip_host
