#include "fs/fs.hpp"

#include <gtest/gtest.h>

#include <svcagent/error.hpp>

#include "storage_test_support.hpp"

namespace svcagent::testing {
namespace {

using drivers::fs::FsckPolicy;
using drivers::fs::FsConfig;
using drivers::fs::FsResource;

const std::string k_mnt = "/srv/db1/data";

class FsDriver : public StorageTest {
protected:
    FsDriver() {
        m_host->block_devices["/dev/loop0"] = makedev(7, 0);
        m_host->block_devices["/dev/loop1"] = makedev(7, 1);
        m_host->dirs.insert(k_mnt);
        m_runner.script.on({"e2fsck"});
        m_runner.script.on({"mount"});
        m_runner.script.on({"umount"});
        m_runner.after({"mount"}, [this] { mounted(); });
        m_runner.after({"umount", k_mnt}, [this] { write_mountinfo(""); });
    }
    void mounted(const std::string& devno = "7:0", const std::string& source = "/dev/loop0",
                 const std::string& options = "rw,relatime") {
        write_mountinfo(mount_line(20, "8:1", "/", "ext4", "/dev/sda1") +
                        mount_line(30, devno, k_mnt, "ext4", source, options));
    }
    FsResource make(FsConfig config) {
        if (config.rid.empty()) {
            config.rid = "fs#1";
        }
        if (config.type.empty()) {
            config.type = "ext4";
        }
        if (config.dev.empty()) {
            config.dev = "/dev/loop0";
        }
        if (config.mnt.empty()) {
            config.mnt = k_mnt;
        }
        return FsResource{std::move(config), m_host};
    }
    template <typename F> std::string error_of(F&& action) {
        try {
            action();
        } catch (const Error& e) {
            return e.what();
        }
        return "no error";
    }
};

// ---- make ----

TEST(FsMake, ReadsEveryKeyword) {
    const auto section = make_section("fs#1", "fs", "ext4",
                                      {{"type", std::string{"ext4"}},
                                       {"dev", std::string{"/dev/db1/data"}},
                                       {"mnt", std::string{"/srv/db1/data/"}},
                                       {"mnt_opt", std::string{"noatime"}},
                                       {"fsck", std::string{"no"}},
                                       {"mkfs_opt", std::vector<std::string>{"-m", "0"}},
                                       {"user", std::string{"db"}},
                                       {"perm", std::string{"0750"}},
                                       {"term_grace", std::int64_t{3}}});
    const FsConfig config = FsConfig::from(section);
    EXPECT_EQ(config.mnt, "/srv/db1/data/");
    EXPECT_EQ(config.fsck, FsckPolicy::no);
    EXPECT_EQ(config.perm, 0750U);
    EXPECT_EQ(config.term_grace, std::chrono::seconds{3});
    EXPECT_EQ(config.mkfs_opt, (std::vector<std::string>{"-m", "0"}));
    EXPECT_EQ(drivers::fs::ext4_spec().make(section)->label(), "ext4 /dev/db1/data@/srv/db1/data/");
}

TEST(FsMake, RejectsBadValuesAtLoadTime) {
    const std::vector<std::pair<std::string, std::string>> bad{{"mnt", "srv/relative"}, {"mnt", "/"},
                                                               {"perm", "rwx"},         {"perm", "0999"},
                                                               {"dev", "-oremount"},    {"fsck", "maybe"}};
    for (const auto& [key, value] : bad) {
        auto section = make_section("fs#1", "fs", "ext4",
                                    {{"type", std::string{"ext4"}},
                                     {"dev", std::string{"/dev/loop0"}},
                                     {"mnt", std::string{"/srv/x"}}});
        section.values[key] =
            Value{.data = value, .text = value, .where = {.file = "db1.conf", .line = 4}, .is_set = true};
        try {
            (void)FsConfig::from(section);
            ADD_FAILURE() << key << " = " << value << " accepted";
        } catch (const ConfigError& e) {
            EXPECT_EQ(e.where().line, 4) << e.what();
            EXPECT_NE(std::string{e.what()}.find("fs#1." + key), std::string::npos) << e.what();
        }
    }
}

// ---- status ----

TEST_F(FsDriver, StatusIsDownWhenNothingIsMounted) {
    auto fs = make({});
    EXPECT_EQ(fs.status(ctx()).status, Status::down);
}

TEST_F(FsDriver, StatusIsUpWhenTheDeviceNumberMatches) {
    mounted("7:0", "/dev/loop0");
    auto fs = make({});
    const StatusReport status = fs.status(ctx());
    EXPECT_EQ(status.status, Status::up);
    EXPECT_TRUE(status.log.empty());
    EXPECT_EQ(status.info["source"], "/dev/loop0");
}

TEST_F(FsDriver, StatusWarnsWhenAnotherDeviceIsMountedThere) {
    mounted("7:1", "/dev/loop1");
    auto fs = make({});
    const StatusReport status = fs.status(ctx());
    EXPECT_EQ(status.status, Status::warn);
    ASSERT_EQ(status.log.size(), 1U);
    EXPECT_EQ(status.log[0].message, "/srv/db1/data is mounted from /dev/loop1, expected /dev/loop0");
}

TEST_F(FsDriver, StatusWarnsAboutAnUnexpectedReadOnlyMount) {
    mounted("7:0", "/dev/loop0", "ro,relatime");
    auto fs = make({});
    const StatusReport status = fs.status(ctx());
    EXPECT_EQ(status.status, Status::up);
    ASSERT_EQ(status.log.size(), 1U);
    EXPECT_EQ(status.log[0].message, "/srv/db1/data is mounted read-only");
    auto read_only = make({.mnt_opt = "ro"});
    EXPECT_TRUE(read_only.status(ctx()).log.empty());
}

TEST_F(FsDriver, StatusIsUndefWhenTheMountTableCannotBeRead) {
    std::filesystem::remove(m_proc / "self" / "mountinfo");
    auto fs = make({});
    EXPECT_EQ(fs.status(ctx()).status, Status::undef);
}

TEST_F(FsDriver, StatusOfBtrfsComparesTheMountSource) {
    write_mountinfo(mount_line(30, "0:45", k_mnt, "btrfs", "/dev/loop0"));
    auto fs = make({.type = "btrfs"});
    EXPECT_EQ(fs.status(ctx()).status, Status::up);
}

// ---- start ----

TEST_F(FsDriver, StartChecksThenMounts) {
    m_host->dirs.clear();
    auto fs = make({.mnt_opt = "noatime"});
    EXPECT_TRUE(fs.start(ctx()));
    EXPECT_EQ(m_host->made_dirs, (std::vector<std::string>{k_mnt}));
    EXPECT_TRUE(logged("INFO create missing mountpoint /srv/db1/data")) << all_logs();
    EXPECT_EQ(changes(), (std::vector<Argv>{{"e2fsck", "-p", "/dev/loop0"},
                                            {"mount", "-t", "ext4", "-o", "noatime", "/dev/loop0", k_mnt}}));
}

TEST_F(FsDriver, StartOfAMountedFsChangesNothing) {
    mounted();
    auto fs = make({});
    EXPECT_FALSE(fs.start(ctx()));
    EXPECT_TRUE(changes().empty());
    EXPECT_TRUE(logged("INFO ext4 /dev/loop0@/srv/db1/data is already mounted")) << all_logs();
}

TEST_F(FsDriver, StartRefusesWhenAnotherDeviceIsMountedThere) {
    mounted("7:1", "/dev/loop1");
    auto fs = make({});
    EXPECT_EQ(fs.start_conflict(ctx()), "/srv/db1/data is already mounted from /dev/loop1");
    EXPECT_EQ(error_of([&] { fs.start(ctx()); }), "fs#1: /srv/db1/data is already mounted from /dev/loop1");
    EXPECT_TRUE(changes().empty());
}

TEST_F(FsDriver, StartRefusesADeviceMountedElsewhere) {
    write_mountinfo(mount_line(30, "7:0", "/mnt/other", "ext4", "/dev/loop0"));
    auto fs = make({});
    EXPECT_EQ(fs.start_conflict(ctx()), "/dev/loop0 is already mounted on /mnt/other");
    EXPECT_EQ(error_of([&] { fs.start(ctx()); }), "fs#1: /dev/loop0 is already mounted on /mnt/other");
    EXPECT_TRUE(changes().empty());
}

TEST_F(FsDriver, StartFailsOnAMissingDevice) {
    auto fs = make({.dev = "/dev/loop9"});
    EXPECT_EQ(error_of([&] { fs.start(ctx()); }), "fs#1: device /dev/loop9 does not exist");
    EXPECT_TRUE(changes().empty());
}

TEST_F(FsDriver, StartFailsWhenFsckFails) {
    m_runner.script.on({"e2fsck"}, {.exit_code = 4, .err = "UNEXPECTED INCONSISTENCY"});
    auto fs = make({});
    EXPECT_EQ(error_of([&] { fs.start(ctx()); }), "fs#1: e2fsck failed with exit code 4");
    EXPECT_EQ(changes(), (std::vector<Argv>{{"e2fsck", "-p", "/dev/loop0"}}));
}

TEST_F(FsDriver, StartWarnsWhenFsckAsksForAReboot) {
    m_runner.script.on({"e2fsck"}, {.exit_code = 2});
    auto fs = make({});
    EXPECT_TRUE(fs.start(ctx()));
    EXPECT_TRUE(logged("WARNING e2fsck: errors corrected, reboot recommended")) << all_logs();
}

TEST_F(FsDriver, FsckPolicyPerType) {
    struct Case {
        std::string type;
        FsckPolicy policy;
        std::optional<Argv> check;
    };
    const std::vector<Case> cases{
        {"ext3", FsckPolicy::automatic, Argv{"e2fsck", "-p", "/dev/loop0"}},
        {"ext2", FsckPolicy::no, std::nullopt},
        {"xfs", FsckPolicy::automatic, std::nullopt},
        {"xfs", FsckPolicy::yes, Argv{"xfs_repair", "-n", "/dev/loop0"}},
        {"btrfs", FsckPolicy::automatic, std::nullopt},
        {"btrfs", FsckPolicy::yes, Argv{"btrfs", "check", "--readonly", "/dev/loop0"}},
        {"vfat", FsckPolicy::yes, std::nullopt},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(drivers::fs::fsck_argv(c.type, c.policy, "/dev/loop0"), c.check) << c.type;
    }
}

TEST_F(FsDriver, StartFailsWhenXfsNeedsRepair) {
    m_runner.script.on({"xfs_repair"}, {.exit_code = 1});
    auto fs = make({.type = "xfs", .fsck = FsckPolicy::yes});
    EXPECT_EQ(error_of([&] { fs.start(ctx()); }), "fs#1: filesystem on /dev/loop0 needs repair");
}

TEST_F(FsDriver, StartResolvesALabelWithBlkidWhenUdevLinksAreMissing) {
    m_runner.script.on({"blkid", "-l", "-o", "device", "-t", "LABEL=data"}, {.out = "/dev/loop0\n"});
    auto fs = make({.dev = "LABEL=data"});
    EXPECT_TRUE(fs.start(ctx()));
    EXPECT_EQ(changes(), (std::vector<Argv>{{"e2fsck", "-p", "/dev/loop0"},
                                            {"mount", "-t", "ext4", "LABEL=data", k_mnt}}));
    EXPECT_EQ(fs.devices("exposed_devs"), (std::vector<std::string>{"/dev/loop0"}));
}

TEST_F(FsDriver, StartUsesUdevLinksWhenPresent) {
    m_host->links["/dev/disk/by-uuid/1234-abcd"] = "/dev/loop0";
    auto fs = make({.dev = "UUID=1234-abcd"});
    EXPECT_TRUE(fs.start(ctx()));
    EXPECT_EQ(m_runner.script.count({"blkid"}), 0U);
}

TEST_F(FsDriver, StartMountsBindAndVirtualTypesWithoutDeviceChecks) {
    m_runner.after({"mount", "-o", "bind,ro"},
                   [this] { write_mountinfo(mount_line(30, "8:1", k_mnt, "ext4", "/dev/sda1", "ro")); });
    auto bind = make({.type = "bind", .dev = "/srv/shared", .mnt_opt = "ro"});
    EXPECT_TRUE(bind.start(ctx()));
    EXPECT_EQ(changes(), (std::vector<Argv>{{"mount", "-o", "bind,ro", "/srv/shared", k_mnt}}));
}

TEST_F(FsDriver, StartFailsWhenTheMountDoesNotShowUp) {
    m_runner.hooks.clear();
    auto fs = make({});
    EXPECT_EQ(error_of([&] { fs.start(ctx()); }),
              "fs#1: /dev/loop0 is not mounted on /srv/db1/data after mount");
}

TEST_F(FsDriver, StartAppliesOwnerAndMode) {
    auto fs = make({.user = "db", .group = "dba", .perm = 0750});
    EXPECT_TRUE(fs.start(ctx()));
    EXPECT_EQ(m_host->chowns, (std::vector<std::string>{"db:dba /srv/db1/data"}));
    ASSERT_EQ(m_host->chmods.size(), 1U);
    EXPECT_EQ(m_host->chmods[0].second, 0750U);
    EXPECT_TRUE(logged("INFO chown db:dba /srv/db1/data")) << all_logs();
    EXPECT_TRUE(logged("INFO chmod 0750 /srv/db1/data")) << all_logs();
}

TEST_F(FsDriver, StartInDryRunCreatesNothing) {
    m_options.dry_run = true;
    m_host->dirs.clear();
    m_runner.hooks.clear();
    auto fs = make({});
    EXPECT_TRUE(fs.start(ctx()));
    EXPECT_TRUE(m_host->made_dirs.empty());
}

TEST_F(FsDriver, HostileMountPointIsOneArgument) {
    const std::string hostile = "/srv/$(id); rm -rf /";
    m_host->dirs.insert(hostile);
    m_runner.hooks.clear();
    m_runner.after({"mount"}, [this, hostile] {
        // the kernel shows the directory without the trailing '/', spaces escaped
        write_mountinfo(mount_line(30, "7:0", "/srv/$(id);\\040rm\\040-rf\\040", "ext4", "/dev/loop0"));
    });
    auto fs = make({.mnt = hostile});
    EXPECT_TRUE(fs.start(ctx()));
    EXPECT_EQ(changes().back(), (Argv{"mount", "-t", "ext4", "/dev/loop0", hostile}));
}

// ---- stop ----

TEST_F(FsDriver, StopUnmountsSubMountsDeepestFirst) {
    write_mountinfo(mount_line(30, "7:0", k_mnt, "ext4", "/dev/loop0") +
                    mount_line(31, "0:50", k_mnt + "/a", "tmpfs", "tmpfs") +
                    mount_line(32, "0:51", k_mnt + "/a/b", "tmpfs", "tmpfs") +
                    mount_line(33, "0:52", "/srv/db1/data2", "tmpfs", "tmpfs"));
    auto fs = make({});
    EXPECT_TRUE(fs.stop(ctx()));
    EXPECT_EQ(changes(),
              (std::vector<Argv>{{"umount", k_mnt + "/a/b"}, {"umount", k_mnt + "/a"}, {"umount", k_mnt}}));
}

TEST_F(FsDriver, StopOfAnUnmountedFsChangesNothing) {
    auto fs = make({});
    EXPECT_FALSE(fs.stop(ctx()));
    EXPECT_TRUE(changes().empty());
    EXPECT_TRUE(logged("INFO ext4 /dev/loop0@/srv/db1/data is already umounted"));
}

TEST_F(FsDriver, StopLeavesAnotherDeviceMountedThereAlone) {
    mounted("7:1", "/dev/loop1");
    auto fs = make({});
    EXPECT_FALSE(fs.stop(ctx()));
    EXPECT_TRUE(changes().empty());
}

TEST_F(FsDriver, StopTerminatesUsersOfABusyMount) {
    mounted();
    m_host->users = {{.pid = 4242, .cmdline = "sleep 100"}};
    m_runner.script.on_sequence(
        {"umount", k_mnt},
        {{.exit_code = 32, .err = "umount: /srv/db1/data: target is busy."}, {.exit_code = 0}});
    auto fs = make({});
    EXPECT_TRUE(fs.stop(ctx()));
    EXPECT_EQ(m_host->signals, (std::vector<std::pair<pid_t, int>>{{4242, SIGTERM}}));
    EXPECT_TRUE(logged("WARNING kill -TERM 4242 (sleep 100)")) << all_logs();
    EXPECT_EQ(m_runner.script.count({"umount", k_mnt}), 2U);
}

TEST_F(FsDriver, StopKillsUsersThatIgnoreTerm) {
    mounted();
    m_host->users = {{.pid = 4242, .cmdline = "stubborn"}};
    m_host->kill_resistant = {4242};
    const RecordingRunner::Reply busy{.exit_code = 32, .err = "target is busy"};
    m_runner.script.on_sequence({"umount", k_mnt}, {busy, busy, busy, {.exit_code = 0}});
    auto fs = make({.term_grace = std::chrono::seconds{2}});
    EXPECT_TRUE(fs.stop(ctx()));
    EXPECT_EQ(m_host->signals, (std::vector<std::pair<pid_t, int>>{{4242, SIGTERM}, {4242, SIGKILL}}));
    EXPECT_TRUE(logged("WARNING kill -KILL 4242 (stubborn)")) << all_logs();
    EXPECT_EQ(m_runner.script.count({"umount", k_mnt}), 4U);  // first, 2 during the grace, after KILL
}

TEST_F(FsDriver, StopFailsLoudlyWhenStillBusy) {
    mounted();
    m_host->users = {{.pid = 4242, .cmdline = "zombie"}};
    m_host->kill_resistant = {4242};
    m_runner.script.on({"umount", k_mnt}, {.exit_code = 32, .err = "target is busy"});
    auto fs = make({.term_grace = std::chrono::seconds{1}});
    m_host->users.push_back({.pid = 4243, .cmdline = "unkillable"});
    std::string message = error_of([&] { fs.stop(ctx()); });
    EXPECT_EQ(message.rfind("fs#1: failed to umount /srv/db1/data: device is busy (pids", 0), 0U) << message;
}

TEST_F(FsDriver, StopReportsOtherUmountFailuresAsCommandErrors) {
    mounted();
    m_runner.script.on({"umount", k_mnt}, {.exit_code = 32, .err = "umount: bad superblock"});
    auto fs = make({});
    EXPECT_THROW(fs.stop(ctx()), CommandError);
    EXPECT_TRUE(m_host->signals.empty());
}

// ---- provision ----

TEST_F(FsDriver, ProvisionFormatsAnEmptyDevice) {
    m_runner.script.on({"blkid", "-p"}, {.exit_code = 2});
    m_runner.script.on({"mkfs.ext4"});
    auto fs = make({.mkfs_opt = {"-L", "data"}});
    fs.provision(ctx());
    EXPECT_EQ(changes(), (std::vector<Argv>{{"mkfs.ext4", "-q", "-L", "data", "/dev/loop0"}}));
    EXPECT_EQ(m_runner.script.count({"blkid", "-p", "-o", "export", "/dev/loop0"}), 1U);
}

TEST_F(FsDriver, ProvisionKeepsAFilesystemOfTheRightType) {
    m_runner.script.on({"blkid", "-p"}, {.out = "DEVNAME=/dev/loop0\nUUID=x\nTYPE=ext4\n"});
    auto fs = make({});
    fs.provision(ctx());
    EXPECT_TRUE(changes().empty());
    EXPECT_TRUE(logged("INFO /dev/loop0 already holds a ext4 filesystem")) << all_logs();
}

TEST_F(FsDriver, ProvisionRefusesAnotherSignatureWithoutConfirm) {
    m_runner.script.on({"blkid", "-p"}, {.out = "TYPE=ext4\n"});
    m_runner.script.on({"mkfs.xfs"});
    auto fs = make({.type = "xfs"});
    EXPECT_EQ(error_of([&] { fs.provision(ctx()); }),
              "fs#1: /dev/loop0 holds a ext4 signature; refusing to mkfs without --confirm");
    EXPECT_TRUE(changes().empty());
    m_options.confirm = true;
    fs.provision(ctx());
    EXPECT_EQ(changes(), (std::vector<Argv>{{"mkfs.xfs", "-q", "-f", "/dev/loop0"}}));
}

TEST_F(FsDriver, ProvisionNeverFormatsAMountedDevice) {
    mounted();
    auto fs = make({});
    fs.provision(ctx());
    EXPECT_TRUE(logged("INFO fs#1 already provisioned"));
    write_mountinfo(mount_line(30, "7:0", "/mnt/elsewhere", "ext4", "/dev/loop0"));
    m_probes.invalidate(ProbeKind::mounts);
    EXPECT_THROW(fs.provision(ctx()), ResourceError);
    EXPECT_TRUE(m_runner.script.commands().empty());
}

TEST_F(FsDriver, ProvisionOfAnUnknownLabelFails) {
    m_runner.script.on({"blkid", "-l"}, {.exit_code = 2});
    auto fs = make({.dev = "LABEL=nothere"});
    EXPECT_EQ(error_of([&] { fs.provision(ctx()); }), "fs#1: cannot provision LABEL=nothere: no such device");
}

TEST_F(FsDriver, MkfsArgvPerType) {
    EXPECT_EQ(drivers::fs::mkfs_argv("btrfs", true, {}, "/dev/x"),
              (Argv{"mkfs.btrfs", "-q", "-f", "/dev/x"}));
    EXPECT_EQ(drivers::fs::mkfs_argv("ext3", true, {}, "/dev/x"), (Argv{"mkfs.ext3", "-q", "-F", "/dev/x"}));
    EXPECT_EQ(drivers::fs::mkfs_argv("nfs", false, {}, "/dev/x"), std::nullopt);
}

// ---- unprovision ----

TEST_F(FsDriver, UnprovisionNeedsConfirm) {
    mounted();
    auto fs = make({});
    EXPECT_THROW(fs.unprovision(ctx()), ResourceError);
    EXPECT_TRUE(changes().empty());
}

TEST_F(FsDriver, UnprovisionUnmountsWipesAndRemovesTheEmptyMountPoint) {
    m_options.confirm = true;
    mounted();
    m_runner.script.on({"wipefs"});
    auto fs = make({});
    fs.unprovision(ctx());
    EXPECT_EQ(changes(), (std::vector<Argv>{{"umount", k_mnt}, {"wipefs", "-a", "/dev/loop0"}}));
    EXPECT_EQ(m_host->removed_dirs, (std::vector<std::string>{k_mnt}));
}

}  // namespace
}  // namespace svcagent::testing
