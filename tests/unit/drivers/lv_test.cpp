#include "disk/lv.hpp"

#include <gtest/gtest.h>

#include <svcagent/error.hpp>

#include "storage_test_support.hpp"

namespace svcagent::testing {
namespace {

using drivers::disk::LvConfig;
using drivers::disk::LvResource;

const Argv k_lvm{"lvm", "fullreport", "--reportformat", "json"};

class LvDriver : public StorageTest {
protected:
    LvDriver() { m_runner.script.on({"lvchange"}); }
    void report(const std::vector<LvmVg>& vgs) { m_runner.script.on(k_lvm, {.out = lvm_report(vgs)}); }
    LvResource make(LvConfig config) {
        config.rid = "disk#2";
        config.name = "data";
        config.vg = "db1";
        config.service_nodes = {"node1", "node2"};
        return LvResource{std::move(config), m_host};
    }
};

TEST(LvMake, ConvertsByteSizesToMibAndKeepsExtentSpecs) {
    auto section = make_section("disk#2", "disk", "lv",
                                {{"name", std::string{"data"}},
                                 {"vg", std::string{"db1"}},
                                 {"size", std::int64_t{(1LL << 30) + 12345}},
                                 {"create_options", std::vector<std::string>{"--type", "linear"}}});
    EXPECT_EQ(std::get<std::int64_t>(LvConfig::from(section).size), 1024);
    section.values["size"].data = std::string{"100%FREE"};
    EXPECT_EQ(std::get<std::string>(LvConfig::from(section).size), "100%FREE");
    EXPECT_EQ(drivers::disk::lv_spec().make(section)->label(), "lv db1/data");
}

TEST(LvMake, RejectsBadSizesAndNames) {
    for (const ValueData& bad :
         {ValueData{std::int64_t{4096}}, ValueData{std::string{"50%"}}, ValueData{std::string{"x%FREE"}},
          ValueData{std::string{"10%FREE; reboot"}}}) {
        const auto section =
            make_section("disk#2", "disk", "lv",
                         {{"name", std::string{"data"}}, {"vg", std::string{"db1"}}, {"size", bad}});
        EXPECT_THROW((void)LvConfig::from(section), ConfigError);
    }
    const auto section =
        make_section("disk#2", "disk", "lv", {{"name", std::string{"--all"}}, {"vg", std::string{"db1"}}});
    EXPECT_THROW((void)LvConfig::from(section), ConfigError);
}

TEST_F(LvDriver, StatusFollowsTheActiveAttribute) {
    report({{.name = "db1", .lvs = {{"data", true}}}});
    auto lv = make({});
    EXPECT_EQ(lv.status(ctx()).status, Status::up);
    m_probes.invalidate(ProbeKind::volume_groups);
    report({{.name = "db1", .lvs = {{"data", false}}}});
    EXPECT_EQ(lv.status(ctx()).status, Status::down);
}

TEST_F(LvDriver, StatusOfAMissingLvIsDownWithInfo) {
    report({{.name = "db1"}});
    auto lv = make({});
    const StatusReport status = lv.status(ctx());
    EXPECT_EQ(status.status, Status::down);
    ASSERT_EQ(status.log.size(), 1U);
    EXPECT_EQ(status.log[0].level, "info");
    EXPECT_EQ(status.log[0].message, "lv db1/data not found");
}

TEST_F(LvDriver, StartActivatesOnce) {
    report({{.name = "db1", .lvs = {{"data", false}}}});
    auto lv = make({});
    EXPECT_TRUE(lv.start(ctx()));
    EXPECT_EQ(changes(), (std::vector<Argv>{{"lvchange", "-a", "y", "db1/data"}}));
    m_runner.script.clear_commands();
    m_probes.invalidate(ProbeKind::volume_groups);
    report({{.name = "db1", .lvs = {{"data", true}}}});
    EXPECT_FALSE(lv.start(ctx()));
    EXPECT_TRUE(changes().empty());
    EXPECT_TRUE(logged("INFO lv db1/data is already up"));
}

TEST_F(LvDriver, StartOfAMissingLvFails) {
    report({{.name = "db1"}});
    auto lv = make({});
    EXPECT_THROW(lv.start(ctx()), ResourceError);
}

TEST_F(LvDriver, StopDeactivatesOnce) {
    report({{.name = "db1", .lvs = {{"data", true}}}});
    auto lv = make({});
    EXPECT_TRUE(lv.stop(ctx()));
    EXPECT_EQ(changes(), (std::vector<Argv>{{"lvchange", "-a", "n", "db1/data"}}));
    m_runner.script.clear_commands();
    m_probes.invalidate(ProbeKind::volume_groups);
    report({{.name = "db1", .lvs = {{"data", false}}}});
    EXPECT_FALSE(lv.stop(ctx()));
    EXPECT_TRUE(changes().empty());
    EXPECT_TRUE(logged("INFO lv db1/data is already down"));
}

TEST_F(LvDriver, ProvisionWithAByteSize) {
    report({{.name = "db1"}});
    m_runner.script.on({"lvcreate"});
    auto lv = make({.size = std::int64_t{512}, .create_options = {"--addtag", "x; reboot"}});
    lv.provision(ctx());
    EXPECT_EQ(changes(), (std::vector<Argv>{{"lvcreate", "-y", "-n", "data", "-L", "512M", "--addtag",
                                             "x; reboot", "db1"}}));
}

TEST_F(LvDriver, ProvisionWithAPercentage) {
    report({{.name = "db1"}});
    m_runner.script.on({"lvcreate"});
    auto lv = make({.size = std::string{"100%FREE"}});
    lv.provision(ctx());
    EXPECT_EQ(changes(), (std::vector<Argv>{{"lvcreate", "-y", "-n", "data", "-l", "100%FREE", "db1"}}));
}

TEST_F(LvDriver, ProvisionRefusals) {
    report({{.name = "other"}});
    auto lv = make({.size = std::string{"100%FREE"}});
    try {
        lv.provision(ctx());
        FAIL();
    } catch (const ResourceError& e) {
        EXPECT_STREQ(e.what(), "disk#2: vg db1 does not exist");
    }
    m_probes.invalidate(ProbeKind::volume_groups);
    report({{.name = "db1"}});
    auto sizeless = make({});
    try {
        sizeless.provision(ctx());
        FAIL();
    } catch (const ResourceError& e) {
        EXPECT_STREQ(e.what(), "disk#2: size is required to provision");
    }
    EXPECT_TRUE(changes().empty());
}

TEST_F(LvDriver, ProvisionOfAnExistingLvDoesNothing) {
    report({{.name = "db1", .lvs = {{"data", false}}}});
    auto lv = make({.size = std::string{"100%FREE"}});
    lv.provision(ctx());
    EXPECT_TRUE(changes().empty());
    EXPECT_TRUE(logged("INFO lv db1/data already exists"));
}

TEST_F(LvDriver, UnprovisionStopsThenRemoves) {
    m_options.confirm = true;
    report({{.name = "db1", .tags = {"node1"}, .lvs = {{"data", true}}}});
    m_runner.script.on({"lvremove"});
    auto lv = make({});
    lv.unprovision(ctx());
    EXPECT_EQ(changes(),
              (std::vector<Argv>{{"lvchange", "-a", "n", "db1/data"}, {"lvremove", "-f", "db1/data"}}));
}

TEST_F(LvDriver, UnprovisionRefusesWithoutConfirmOrWithAForeignTag) {
    report({{.name = "db1", .tags = {"node2"}, .lvs = {{"data", false}}}});
    auto lv = make({});
    EXPECT_THROW(lv.unprovision(ctx()), ResourceError);
    m_options.confirm = true;
    EXPECT_THROW(lv.unprovision(ctx()), ResourceError);
    EXPECT_TRUE(changes().empty());
}

TEST_F(LvDriver, ExposesItsDevicePath) {
    auto lv = make({});
    EXPECT_EQ(lv.devices("exposed_devs"), (std::vector<std::string>{"/dev/db1/data"}));
}

}  // namespace
}  // namespace svcagent::testing
