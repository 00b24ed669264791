#include "disk/vg.hpp"

#include <gtest/gtest.h>

#include <svcagent/error.hpp>

#include "storage_test_support.hpp"

namespace svcagent::testing {
namespace {

using drivers::disk::VgConfig;
using drivers::disk::VgResource;

const Argv k_lvm{"lvm", "fullreport", "--reportformat", "json"};
const Argv k_volume_list{"lvmconfig", "activation/volume_list"};

class VgDriver : public StorageTest {
protected:
    VgDriver() {
        m_runner.script.on({"vgchange"});
        m_runner.script.on(k_volume_list, {.exit_code = 0, .out = "volume_list=[\"@node1\"]\n"});
    }
    void report(const std::vector<LvmVg>& vgs) { m_runner.script.on(k_lvm, {.out = lvm_report(vgs)}); }
    VgResource& vg() {
        if (!m_vg) {
            m_vg = std::make_unique<VgResource>(VgConfig{.rid = "disk#1",
                                                         .name = "db1",
                                                         .pvs = {"/dev/loop0"},
                                                         .service_nodes = {"node1", "node2"}},
                                                m_host);
        }
        return *m_vg;
    }
    std::unique_ptr<VgResource> m_vg;
};

// ---- make ----

TEST(VgMake, ReadsEveryKeyword) {
    const auto section = make_section("disk#1", "disk", "vg",
                                      {{"name", std::string{"db1"}},
                                       {"pvs", std::vector<std::string>{"/dev/loop*"}},
                                       {"options", std::vector<std::string>{"-s", "8M"}},
                                       {"scsireserv", false},
                                       {"start_timeout", std::int64_t{30}}});
    const VgConfig config = VgConfig::from(section);
    EXPECT_EQ(config.name, "db1");
    EXPECT_EQ(config.pvs, (std::vector<std::string>{"/dev/loop*"}));
    EXPECT_EQ(config.options, (std::vector<std::string>{"-s", "8M"}));
    EXPECT_EQ(drivers::disk::vg_spec().make(section)->label(), "vg db1");
}

TEST(VgMake, RejectsNamesLvmWouldTakeAsOptionsOrShellText) {
    for (const char* bad : {"-ffoo", "db1; rm -rf /", "$(reboot)", "a/b", "..", ""}) {
        const auto section = make_section("disk#1", "disk", "vg", {{"name", std::string{bad}}});
        EXPECT_THROW((void)VgConfig::from(section), ConfigError) << bad;
    }
}

// ---- status ----

TEST_F(VgDriver, StatusIsDownWithWarningWhenTheVgIsNotListed) {
    report({{.name = "other"}});
    const StatusReport status = vg().status(ctx());
    EXPECT_EQ(status.status, Status::down);
    ASSERT_EQ(status.log.size(), 1U);
    EXPECT_EQ(status.log[0].message, "vg db1 not found");
}

TEST_F(VgDriver, StatusIsUpWhenAnLvIsActive) {
    report({{.name = "db1", .tags = {"node1"}, .lvs = {{"data", true}, {"logs", false}}}});
    const StatusReport status = vg().status(ctx());
    EXPECT_EQ(status.status, Status::up);
    EXPECT_TRUE(status.log.empty());
    EXPECT_EQ(status.info["tags"], nlohmann::json::array({"node1"}));
}

TEST_F(VgDriver, StatusOfAVgWithoutLvFollowsTheOwnTag) {
    report({{.name = "db1", .tags = {"node1"}}});
    EXPECT_EQ(vg().status(ctx()).status, Status::up);
    m_probes.invalidate(ProbeKind::volume_groups);
    report({{.name = "db1", .tags = {"prd"}}});
    EXPECT_EQ(vg().status(ctx()).status, Status::down);
}

TEST_F(VgDriver, StatusWarnsWhenActiveWithoutOwnTagOrAlsoTaggedByAPeer) {
    report({{.name = "db1", .tags = {"node2", "prd"}, .lvs = {{"data", true}}}});
    const StatusReport status = vg().status(ctx());
    EXPECT_EQ(status.status, Status::up);
    ASSERT_EQ(status.log.size(), 2U);
    EXPECT_EQ(status.log[0].message, "vg db1 is active but not tagged @node1");
    EXPECT_EQ(status.log[1].message, "vg db1 is also tagged by node2");  // "prd" names no node
}

TEST_F(VgDriver, StatusIsUndefWhenTheLvmReportFails) {
    m_runner.script.on(k_lvm, {.exit_code = 5, .err = "locking failed"});
    const StatusReport status = vg().status(ctx());
    EXPECT_EQ(status.status, Status::undef);
    ASSERT_EQ(status.log.size(), 1U);
    EXPECT_EQ(status.log[0].level, "error");
}

TEST_F(VgDriver, StatusOfManyVgsReadsTheLvmReportOnce) {
    report({{.name = "db1", .tags = {"node1"}}});
    VgResource other{VgConfig{.rid = "disk#2", .name = "db2"}, m_host};
    (void)vg().status(ctx());
    (void)other.status(ctx());
    (void)vg().status(ctx());
    EXPECT_EQ(m_runner.script.count(k_lvm), 1U);
}

// ---- start ----

TEST_F(VgDriver, StartTagsThenActivates) {
    report({{.name = "db1", .lvs = {{"data", false}}}});
    EXPECT_TRUE(vg().start(ctx()));
    EXPECT_EQ(changes(),
              (std::vector<Argv>{{"vgchange", "--addtag", "@node1", "db1"}, {"vgchange", "-a", "y", "db1"}}));
    for (const auto& cmd : m_runner.script.commands()) {
        EXPECT_TRUE(cmd.env.empty()) << "LVM_SYSTEM_DIR comes from the environment";
    }
}

TEST_F(VgDriver, StartOfAnUpVgChangesNothing) {
    report({{.name = "db1", .tags = {"node1"}, .lvs = {{"data", true}}}});
    EXPECT_FALSE(vg().start(ctx()));
    EXPECT_TRUE(changes().empty());
    EXPECT_TRUE(logged("INFO vg db1 is already up")) << all_logs();
}

TEST_F(VgDriver, StartOfATaggedButInactiveVgOnlyActivates) {
    report({{.name = "db1", .tags = {"node1"}, .lvs = {{"data", false}}}});
    EXPECT_TRUE(vg().start(ctx()));
    EXPECT_EQ(changes(), (std::vector<Argv>{{"vgchange", "-a", "y", "db1"}}));
}

TEST_F(VgDriver, StartFailsWhenTheVgIsNotListed) {
    report({});
    EXPECT_THROW(
        {
            try {
                vg().start(ctx());
            } catch (const ResourceError& e) {
                EXPECT_STREQ(e.what(), "disk#1: vg db1 not found");
                throw;
            }
        },
        ResourceError);
    EXPECT_TRUE(changes().empty());
}

TEST_F(VgDriver, StartRefusesAVgTaggedByAnotherNode) {
    report({{.name = "db1", .tags = {"node2"}, .lvs = {{"data", false}}}});
    const std::string refusal =
        "vg db1 is tagged by node2: it may be active there; stop it on node2 or use --force";
    EXPECT_EQ(vg().start_conflict(ctx()), refusal);
    try {
        vg().start(ctx());
        FAIL() << "start took a foreign vg";
    } catch (const ResourceError& e) {
        EXPECT_EQ(e.what(), "disk#1: " + refusal);
    }
    EXPECT_TRUE(changes().empty());
}

TEST_F(VgDriver, StartWithForceTakesOverAndSaysSo) {
    m_options.force = true;
    report({{.name = "db1", .tags = {"node2", "prd"}, .lvs = {{"data", false}}}});
    EXPECT_EQ(vg().start_conflict(ctx()), std::nullopt);
    EXPECT_TRUE(vg().start(ctx()));
    EXPECT_EQ(changes(), (std::vector<Argv>{{"vgchange", "--deltag", "@node2", "db1"},
                                            {"vgchange", "--addtag", "@node1", "db1"},
                                            {"vgchange", "-a", "y", "db1"}}));
    EXPECT_TRUE(logged("WARNING taking over vg db1 from node2")) << all_logs();
}

TEST_F(VgDriver, StartWarnsWhenVolumeListIsNotSet) {
    m_runner.script.on(k_volume_list, {.exit_code = 5});
    report({{.name = "db1", .lvs = {{"data", false}}}});
    vg().start(ctx());
    EXPECT_TRUE(
        logged("WARNING lvm.conf activation/volume_list is not set: host tags do not prevent other nodes "
               "from activating db1"))
        << all_logs();
}

// ---- stop ----

TEST_F(VgDriver, StopDeactivatesThenUntags) {
    report({{.name = "db1", .tags = {"node1"}, .lvs = {{"data", true}}}});
    EXPECT_TRUE(vg().stop(ctx()));
    EXPECT_EQ(changes(),
              (std::vector<Argv>{{"vgchange", "-a", "n", "db1"}, {"vgchange", "--deltag", "@node1", "db1"}}));
}

TEST_F(VgDriver, StopOfADownVgChangesNothing) {
    report({{.name = "db1", .tags = {"node2"}, .lvs = {{"data", false}}}});
    EXPECT_FALSE(vg().stop(ctx()));
    EXPECT_TRUE(changes().empty());
    EXPECT_TRUE(logged("INFO vg db1 is already down")) << all_logs();
}

TEST_F(VgDriver, StopUntagsInactiveVg) {
    report({{.name = "db1", .tags = {"node1"}, .lvs = {{"data", false}}}});
    EXPECT_TRUE(vg().stop(ctx()));
    EXPECT_EQ(changes(), (std::vector<Argv>{{"vgchange", "--deltag", "@node1", "db1"}}));
}

TEST_F(VgDriver, StopRetriesDeactivationThreeTimes) {
    report({{.name = "db1", .lvs = {{"data", true}}}});
    m_runner.script.on_sequence({"vgchange", "-a", "n"},
                                {{.exit_code = 5}, {.exit_code = 5}, {.exit_code = 0}});
    EXPECT_TRUE(vg().stop(ctx()));
    EXPECT_EQ(m_runner.script.count({"vgchange", "-a", "n", "db1"}), 3U);
    EXPECT_EQ(m_host->sleeps, 2);
}

TEST_F(VgDriver, StopGivesUpAfterThreeRetries) {
    report({{.name = "db1", .lvs = {{"data", true}}}});
    m_runner.script.on({"vgchange", "-a", "n"}, {.exit_code = 5, .err = "in use"});
    EXPECT_THROW(vg().stop(ctx()), CommandError);
    EXPECT_EQ(m_runner.script.count({"vgchange", "-a", "n", "db1"}), 4U);
}

TEST_F(VgDriver, StopRemovesPartitionMappingsWithKpartx) {
    report({{.name = "db1", .lvs = {{"data", true}}}});
    m_host->holders["/dev/db1/data"] = {"dm-7"};
    m_host->tools.insert("kpartx");
    m_runner.after({"kpartx"}, [this] { m_host->holders.clear(); });
    m_runner.script.on({"kpartx"});
    EXPECT_TRUE(vg().stop(ctx()));
    EXPECT_EQ(changes(),
              (std::vector<Argv>{{"kpartx", "-d", "/dev/db1/data"}, {"vgchange", "-a", "n", "db1"}}));
}

TEST_F(VgDriver, StopRefusesAnLvStillHeld) {
    report({{.name = "db1", .lvs = {{"data", true}}}});
    m_host->holders["/dev/db1/data"] = {"dm-7"};
    try {
        vg().stop(ctx());
        FAIL();
    } catch (const ResourceError& e) {
        EXPECT_STREQ(e.what(), "disk#1: lv db1/data is held by dm-7");
    }
    EXPECT_TRUE(changes().empty());
}

// ---- provision ----

TEST_F(VgDriver, ProvisionCreatesPvsAndTheVg) {
    report({});
    m_host->block_devices["/dev/loop0"] = makedev(7, 0);
    m_runner.script.on({"pvs"}, {.exit_code = 5, .err = "Failed to find physical volume"});
    m_runner.script.on({"blkid"}, {.exit_code = 2});
    m_runner.script.on({"pvcreate"});
    m_runner.script.on({"vgcreate"});
    vg().provision(ctx());
    EXPECT_EQ(changes(), (std::vector<Argv>{{"pvcreate", "/dev/loop0"}, {"vgcreate", "db1", "/dev/loop0"}}));
    EXPECT_EQ(m_runner.script.count({"pvs", "--reportformat", "json", "-o", "pv_name,vg_name", "/dev/loop0"}),
              1U);
    EXPECT_EQ(m_runner.script.count({"blkid", "-p", "-o", "export", "/dev/loop0"}), 1U);
}

TEST_F(VgDriver, ProvisionExpandsGlobsAndPassesOptions) {
    report({});
    m_host->block_devices["/dev/loop0"] = makedev(7, 0);
    m_host->block_devices["/dev/loop1"] = makedev(7, 1);
    m_host->globs["/dev/loop[01]"] = {"/dev/loop0", "/dev/loop1"};
    m_runner.script.on({"pvs"}, {.out = R"({"report":[{"pv":[{"pv_name":"/dev/loop0","vg_name":""}]}]})"});
    m_runner.script.on({"vgcreate"});
    VgResource created{
        VgConfig{.rid = "disk#1", .name = "db1", .pvs = {"/dev/loop[01]"}, .options = {"-s", "8M"}}, m_host};
    created.provision(ctx());
    EXPECT_EQ(changes(), (std::vector<Argv>{{"vgcreate", "-s", "8M", "db1", "/dev/loop0", "/dev/loop1"}}));
}

TEST_F(VgDriver, ProvisionOfAnExistingVgDoesNothing) {
    report({{.name = "db1"}});
    vg().provision(ctx());
    EXPECT_TRUE(changes().empty());
    EXPECT_TRUE(logged("INFO vg db1 already exists"));
}

TEST_F(VgDriver, ProvisionRefusesAMissingPv) {
    report({});
    EXPECT_THROW(vg().provision(ctx()), ResourceError);
    EXPECT_TRUE(changes().empty());
}

TEST_F(VgDriver, ProvisionRefusesAPvOfAnotherVg) {
    report({});
    m_host->block_devices["/dev/loop0"] = makedev(7, 0);
    m_runner.script.on({"pvs"}, {.out = R"({"report":[{"pv":[{"pv_name":"/dev/loop0","vg_name":"web"}]}]})"});
    try {
        vg().provision(ctx());
        FAIL();
    } catch (const ResourceError& e) {
        EXPECT_STREQ(e.what(), "disk#1: pv /dev/loop0 belongs to vg web");
    }
    EXPECT_TRUE(changes().empty());
}

TEST_F(VgDriver, ProvisionRefusesASignatureWithoutConfirm) {
    report({});
    m_host->block_devices["/dev/loop0"] = makedev(7, 0);
    m_runner.script.on({"pvs"}, {.exit_code = 5});
    m_runner.script.on({"blkid"}, {.out = "DEVNAME=/dev/loop0\nTYPE=ext4\n"});
    try {
        vg().provision(ctx());
        FAIL();
    } catch (const ResourceError& e) {
        EXPECT_STREQ(e.what(),
                     "disk#1: /dev/loop0 holds a ext4 signature; refusing to pvcreate without --confirm");
    }
    EXPECT_TRUE(changes().empty());

    m_options.confirm = true;
    m_runner.script.on({"pvcreate"});
    m_runner.script.on({"vgcreate"});
    vg().provision(ctx());
    EXPECT_EQ(changes(),
              (std::vector<Argv>{{"pvcreate", "-f", "/dev/loop0"}, {"vgcreate", "db1", "/dev/loop0"}}));
}

// ---- unprovision ----

TEST_F(VgDriver, UnprovisionNeedsConfirm) {
    report({{.name = "db1", .tags = {"node1"}}});
    EXPECT_THROW(vg().unprovision(ctx()), ResourceError);
    EXPECT_TRUE(changes().empty());
}

TEST_F(VgDriver, UnprovisionStopsThenRemovesTheVg) {
    m_options.confirm = true;
    report({{.name = "db1", .tags = {"node1"}, .lvs = {{"data", true}}}});
    m_runner.script.on({"vgremove"});
    vg().unprovision(ctx());
    EXPECT_EQ(changes(), (std::vector<Argv>{{"vgchange", "-a", "n", "db1"},
                                            {"vgchange", "--deltag", "@node1", "db1"},
                                            {"vgremove", "-f", "db1"}}));
}

TEST_F(VgDriver, UnprovisionRefusesAVgTaggedByAPeerUnlessForced) {
    m_options.confirm = true;
    report({{.name = "db1", .tags = {"node2"}}});
    try {
        vg().unprovision(ctx());
        FAIL();
    } catch (const ResourceError& e) {
        EXPECT_STREQ(
            e.what(),
            "disk#1: vg db1 is tagged by node2: refusing to unprovision; use --force --confirm if node2 "
            "is known to be down");
    }
    EXPECT_TRUE(changes().empty());

    m_options.force = true;
    m_runner.script.on({"vgremove"});
    vg().unprovision(ctx());
    EXPECT_EQ(changes(), (std::vector<Argv>{{"vgremove", "-f", "db1"}}));
}

TEST_F(VgDriver, ExposedDevsListsEveryLvOfTheLastReport) {
    EXPECT_EQ(vg().devices("exposed_devs"), std::nullopt);
    report({{.name = "db1", .lvs = {{"data", true}, {"logs", false}}}});
    (void)vg().status(ctx());
    EXPECT_EQ(vg().devices("exposed_devs"), (std::vector<std::string>{"/dev/db1/data", "/dev/db1/logs"}));
}

}  // namespace
}  // namespace svcagent::testing
